"""The variational EM behind :mod:`unvotes.ideal.model`: the data layout, the starting
values, the truncated-normal E-step, the item and position updates (Kalman/RTS smoother)
and the two parameter-expansion steps. The model and the algorithm are described in
:mod:`unvotes.ideal.model`; nothing here is public API.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import erfcx, ndtr

from unvotes.errors import IdealError
from unvotes.metrics.codes import ABSTAIN, NO, YES

__all__ = ["Data", "Progress", "Raw", "prepare", "run_em", "start"]

Progress = Callable[[int, float], None]
"""``progress(iteration, change)``: called once per iteration with the relative change
of the objective ``L`` (``nan`` on the first)."""

TAU_MIN, TAU_MAX = 0.01, 10.0  # cutpoint bounds: keep P(Abstain) computable, tau finite
MAX_TAU_STEP = 1.0  # Newton steps on a cutpoint are damped to this length
JITTER = 0.1  # sd of the seeded noise on the starting positions (which are standardised)
PX_EVALUATIONS = 30  # objective evaluations per parameter-expansion solve
_SQRT2 = math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_LOG_2PI = math.log(2.0 * math.pi)


@dataclass(frozen=True)
class Data:
    """The votes as dense ``(votes, states)`` arrays with the rows sorted by year, and
    the state-year layout ``(years, states)`` of the positions."""

    n_states: int
    n_years: int
    n_groups: int
    group: np.ndarray  # (votes,) bridge group of each vote, input order
    row_group: np.ndarray  # (votes,) bridge group of each row
    row_year: np.ndarray  # (votes,) year index of each row
    starts: np.ndarray  # (years,) first row of each year
    yes: np.ndarray  # (votes, states) 1.0 on a Yes, else 0.0
    obs: np.ndarray  # (votes, states) 1.0 on a Yes, Abstain or No, else 0.0
    one_sided: np.ndarray  # (votes, states) 1.0 on a Yes or No, else 0.0
    n_one_sided: np.ndarray  # (votes,) Yes and No cells per row
    sign: np.ndarray  # (votes, states) +1.0 Yes, -1.0 No, else 0.0
    abstain: np.ndarray  # flat indices of the Abstain cells
    abstain_row: np.ndarray  # their rows
    count: np.ndarray  # (groups,) observed cells
    has_abstain: np.ndarray  # (groups,) bool: the group's cutpoint is free
    present: np.ndarray  # (years, states) bool: a Yes/Abstain/No that year
    span: np.ndarray  # (years, states) bool: first <= t <= last present year
    first: np.ndarray  # (states,) first present year index (n_years if none)
    group_year: np.ndarray  # (groups,) the year index of a one-year group, -1 if several
    bridged_rows: np.ndarray  # rows of the groups with votes in several years


def prepare(codes: np.ndarray, year_index: np.ndarray, n_years: int,
             bridge: np.ndarray | None, positive: int | None) -> Data:
    n_votes, n_states = codes.shape
    group = (np.arange(n_votes) if bridge is None
             else np.unique(bridge, return_inverse=True)[1].reshape(-1))
    n_groups = int(group.max()) + 1
    order = np.argsort(year_index, kind="stable")
    rows = codes[order]
    row_year, row_group = year_index[order], group[order]
    yes, no, abstain = rows == YES, rows == NO, rows == ABSTAIN
    observed = yes | no | abstain
    if not observed.any():
        raise IdealError("codes hold no Yes, Abstain or No vote to fit")
    starts = np.searchsorted(row_year, np.arange(n_years))  # every year has a vote
    present = np.add.reduceat(observed.astype(np.int32), starts, axis=0) > 0
    any_year = np.asarray(present.any(axis=0))
    first = np.where(any_year, present.argmax(axis=0), n_years)
    last = np.where(any_year, n_years - 1 - present[::-1].argmax(axis=0), -1)
    k = np.arange(n_years)[:, None]
    if positive is not None:
        if isinstance(positive, bool) or not isinstance(positive, (int, np.integer)) \
                or not 0 <= positive < n_states:
            raise IdealError(f"positive={positive!r} is not a state column (0-{n_states - 1})")
        if not any_year[positive]:
            raise IdealError(f"the reference state (column {positive}) cast no Yes, Abstain "
                             f"or No vote, so it cannot fix the sign")
    low = np.full(n_groups, n_years)
    np.minimum.at(low, row_group, row_year)
    high = np.full(n_groups, -1)
    np.maximum.at(high, row_group, row_year)
    group_year = np.where(low == high, low, -1)
    abstain_flat = np.flatnonzero(abstain)
    abstain_row = abstain_flat // n_states
    return Data(
        n_states=n_states, n_years=n_years, n_groups=n_groups, group=group,
        row_group=row_group, row_year=row_year,
        starts=starts,
        yes=yes.astype(np.float64), obs=observed.astype(np.float64),
        one_sided=(yes | no).astype(np.float64), n_one_sided=(yes | no).sum(axis=1) * 1.0,
        sign=yes * 1.0 - no * 1.0,
        abstain=abstain_flat, abstain_row=abstain_row,
        count=np.bincount(row_group, weights=observed.sum(axis=1), minlength=n_groups),
        has_abstain=np.bincount(row_group[abstain_row], minlength=n_groups) > 0,
        present=present, span=(k >= first) & (k <= last), first=first, group_year=group_year,
        bridged_rows=np.flatnonzero(group_year[row_group] < 0))


def start(codes: np.ndarray, data: Data, seed: int, given: np.ndarray | None = None
          ) -> np.ndarray:
    """Starting position of each state, the same for all its years: ``given``, else its
    score on the leading eigenvector of the vote-centred Yes 1 / Abstain 1/2 / No 0
    matrix (missing cells at the vote's mean); standardised, plus N(0, JITTER^2) noise
    drawn with ``seed``."""
    has = data.present.any(axis=0)
    if given is None:
        score = np.select([codes == YES, codes == ABSTAIN, codes == NO], [1.0, 0.5, 0.0],
                          np.nan)
        observed = ~np.isnan(score)
        count = observed.sum(axis=1)
        mean = np.divide(np.nansum(score, axis=1), count, out=np.zeros(len(score)),
                         where=count > 0)
        centred = np.where(observed, score - mean[:, None], 0.0)
        lead = np.linalg.eigh(centred.T @ centred)[1][:, -1]
    else:
        lead = given.astype(np.float64, copy=True)
    spread = float(lead[has].std())
    lead = (lead - lead[has].mean()) / (spread if spread > 0 else 1.0)
    noise = np.random.default_rng(seed).standard_normal(len(lead))
    return np.where(has, lead + JITTER * noise, 0.0)


# --- the E-step: a normal truncated to the category -------------------------------------


def _interval(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For Z = Phi(b) - Phi(a), a < b: log Z, phi(a) / Z and phi(b) / Z, stable in the
    tails (both ends in one tail: the difference is taken on erfcx's scale)."""
    log_z, ra, rb = np.empty_like(a), np.empty_like(a), np.empty_like(a)
    upper, lower = a >= 0, b <= 0
    mid = ~(upper | lower)
    z = ndtr(b[mid]) - ndtr(a[mid])
    log_z[mid] = np.log(z)
    ra[mid] = _INV_SQRT_2PI * np.exp(-0.5 * a[mid] ** 2) / z
    rb[mid] = _INV_SQRT_2PI * np.exp(-0.5 * b[mid] ** 2) / z
    for tail, lo, hi in ((upper, a, b), (lower, -b, -a)):
        lo_, hi_ = lo[tail], hi[tail]
        # Z = Q(lo) - Q(hi) = exp(-lo^2 / 2) / 2 * s, Q the upper tail
        shrink = np.exp(-0.5 * (hi_ - lo_) * (hi_ + lo_))
        s = erfcx(lo_ / _SQRT2) - erfcx(hi_ / _SQRT2) * shrink
        r_lo = 2.0 * _INV_SQRT_2PI / s
        log_z[tail] = math.log(0.5) - 0.5 * lo_**2 + np.log(s)
        if tail is upper:
            ra[tail], rb[tail] = r_lo, r_lo * shrink
        else:  # mirrored: phi(a) = phi(hi), phi(b) = phi(lo)
            ra[tail], rb[tail] = r_lo * shrink, r_lo
    return log_z, ra, rb


@dataclass
class _Moments:
    """q(y*): ``mean`` per cell (0 where missing); per row the sums of ``var``,
    ``log_p`` (log P(category)) and of the first and second derivatives of log P in the
    row's cutpoint."""

    mean: np.ndarray
    var: np.ndarray
    log_p: np.ndarray
    grad: np.ndarray
    hess: np.ndarray


def _estep(m: np.ndarray, row_tau: np.ndarray, data: Data) -> _Moments:
    """The truncated-normal moments of every cell at ``m`` and the rows' cutpoints.

    Written for memory traffic (the arrays are votes x states): Yes and No cells share
    one formula (``e >= -z`` or ``e < z``), summed by row with einsum; the Abstain
    cells are done apart and scattered in."""
    z = data.sign * m
    z -= data.yes * row_tau[:, None]  # Yes: m - tau; No: -m; the others 0
    np.minimum(z, 30.0, out=z)  # Phi(30) == 1 in float64; keeps erfcx(-z / sqrt 2) finite
    e = erfcx(z * -_INV_SQRT2)  # Phi(z) = erfcx(-z / sqrt 2) exp(-z^2 / 2) / 2
    lam = _SQRT_2_OVER_PI / e  # phi(z) / Phi(z)
    np.log(e, out=e)
    one, yes = data.one_sided, data.yes
    log_p = (_rowdot(one, e) + math.log(0.5) * data.n_one_sided
             - 0.5 * np.einsum("ij,ij,ij->i", one, z, z))
    mean = data.sign * lam
    mean += m
    mean *= data.obs
    z += lam
    z *= lam  # -(Var - 1) = -(d2 log P / dtau2 on a Yes)
    var = data.n_one_sided - _rowdot(one, z)
    grad, hess = -_rowdot(yes, lam), -_rowdot(yes, z)
    idx, rows = data.abstain, data.abstain_row
    ma = m.ravel()[idx]
    a, b = -ma, row_tau[rows] - ma  # Abstain: a <= e < b
    log_a, ra, rb = _interval(a, b)
    shift = ra - rb
    mean.ravel()[idx] = ma + shift

    def add(row_sums: np.ndarray, cells: np.ndarray) -> np.ndarray:
        return row_sums + np.bincount(rows, weights=cells, minlength=len(row_sums))

    return _Moments(mean=mean, var=add(var, 1.0 + a * ra - b * rb - shift * shift),
                    log_p=add(log_p, log_a), grad=add(grad, rb),
                    hess=add(hess, -b * rb - rb * rb))


def _rowdot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", a, b)


def _by_year(weights: np.ndarray, values: np.ndarray, data: Data) -> np.ndarray:
    """``(years, states)``: per year, the rows of ``values`` summed with ``weights``."""
    n_rows = len(weights)
    pick = sparse.csr_array((weights, np.arange(n_rows), np.append(data.starts, n_rows)),
                            shape=(data.n_years, n_rows))
    return np.asarray(pick @ values)


# --- the EM loop -----------------------------------------------------------------------


@dataclass
class _Years:
    """Per year, what E_q[log p(x)] + H(q(x)) is made of, as a function of a map
    ``x[t] -> c[t] x[t] + d[t]`` applied to q(x) (:func:`_x_part`)."""

    constant: float  # normalising constants and the entropy, at c = 1
    n: np.ndarray  # latent positions (state-years in the spans); the entropy gains n log c
    first_sq: np.ndarray  # over positions with the N(0, 1) prior: sum E[x^2]
    first_sum: np.ndarray  # sum E[x]
    first_n: np.ndarray  # count
    inv_var: np.ndarray  # 1 / (omega^2 * years elapsed); 0 in year 0
    now_sq: np.ndarray  # over the steps t-1 -> t: sum E[x_t^2]
    prev_sq: np.ndarray  # sum E[x_{t-1}^2]
    cross: np.ndarray  # sum E[x_t x_{t-1}]
    now_sum: np.ndarray  # sum E[x_t]
    prev_sum: np.ndarray  # sum E[x_{t-1}]
    steps: np.ndarray  # count


def _x_part(y: _Years, c: np.ndarray, d: np.ndarray) -> float:
    """E_q[log p(x)] + H(q(x)) after the map ``x[t] -> c[t] x[t] + d[t]``."""
    cp, dp = _before(c), _before(d)  # year 0 has no steps (inv_var 0)
    jump = d - dp
    return float(y.constant + (y.n * np.log(c)).sum()
                 - 0.5 * (c * c * y.first_sq + 2 * c * d * y.first_sum + d * d * y.first_n).sum()
                 - 0.5 * (y.inv_var * (c * c * y.now_sq + cp * cp * y.prev_sq - 2 * c * cp * y.cross
                                       + jump * jump * y.steps
                                       + 2 * jump * (c * y.now_sum - cp * y.prev_sum))).sum())


def _before(v: np.ndarray) -> np.ndarray:
    """``v[t - 1]`` at ``t`` (1 at ``t = 0``, where no random-walk step enters)."""
    return np.concatenate(([1.0], v[:-1]))


def _after(v: np.ndarray) -> np.ndarray:
    """``v[t + 1]`` at ``t`` (0 at the last year)."""
    return np.concatenate((v[1:], [0.0]))


@dataclass
class Raw:
    xm: np.ndarray  # (years, states)
    xv: np.ndarray
    alpha: np.ndarray  # (groups,)
    beta: np.ndarray
    tau: np.ndarray
    trace: list[float]
    converged: bool


def run_em(data: Data, *, variance: np.ndarray | None, sigma: float, max_iter: int, tol: float,
        x0: np.ndarray, progress: Progress | None) -> Raw:
    """Coordinate ascent on L (module docstring); ``variance`` is omega^2 times the years
    elapsed before each year index, ``None`` for the static model."""
    rg, n_groups = data.row_group, data.n_groups
    precision = 1.0 / sigma**2
    log_norm = -n_groups * math.log(2.0 * math.pi * sigma**2)  # of the item prior
    tau = np.where(data.has_abstain, 1.0, 0.0)
    target = tau  # the cutpoints to try at the next E-step
    xm = np.tile(x0, (data.n_years, 1))
    xv = np.zeros_like(xm)
    spread = 0.0  # sum over the cells of beta^2 Var[x]
    alpha, beta = np.zeros(n_groups), np.zeros(n_groups)
    x_part = 0.0
    trace: list[float] = []
    converged = False
    for iteration in range(max_iter + 1):  # iteration 0 turns the start into items
        ex = xm[data.row_year]
        m = alpha[rg][:, None] + beta[rg][:, None] * ex
        q = _estep(m, target[rg], data)
        rest = (-0.5 * spread + x_part + log_norm
                - 0.5 * precision * float((alpha**2 + beta**2).sum()))
        objective = float(q.log_p.sum()) + rest
        if len(trace) and objective < trace[-1] and (target != tau).any():
            # the cutpoint steps (taken at the last m) lost more than the other steps
            # gained: keep each group's better cutpoint at this m
            old = _estep(m, tau[rg], data)
            worse = np.bincount(rg, weights=q.log_p - old.log_p, minlength=n_groups) < 0
            pick = worse[rg]
            q = _Moments(mean=np.where(pick[:, None], old.mean, q.mean),
                         **{name: np.where(pick, getattr(old, name), getattr(q, name))
                            for name in ("var", "log_p", "grad", "hess")})
            target = np.where(worse, tau, target)
            objective = float(q.log_p.sum()) + rest
        tau = target
        if iteration:
            change = (objective - trace[-1]) / abs(objective) if trace else math.nan
            trace.append(objective)
            if progress is not None:
                progress(iteration, change)
            if abs(change) < tol:
                converged = True
                break
            if iteration == max_iter:
                break
        grad = np.bincount(rg, weights=q.grad, minlength=n_groups)
        hess = np.bincount(rg, weights=q.hess, minlength=n_groups)
        step = np.divide(-grad, hess, out=np.zeros_like(grad), where=hess < 0)
        target = np.where(data.has_abstain,
                          np.clip(tau + np.clip(step, -MAX_TAU_STEP, MAX_TAU_STEP),
                                  TAU_MIN, TAU_MAX), 0.0)
        alpha, beta, scale = _items(q, ex, xv[data.row_year], data, precision)
        xm, xv, spread, x_part, alpha, beta = _positions(
            q.mean / scale[rg][:, None], alpha / scale, beta / scale, data, variance,
            precision)
        tau, target = tau / scale, target / scale
    return Raw(xm=xm, xv=xv, alpha=alpha, beta=beta, tau=tau, trace=trace,
                converged=converged)


def _items(q: _Moments, ex: np.ndarray, vx: np.ndarray, data: Data, precision: float
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ridge regression of E[y*] on (1, E[x]) per group (the 2 x 2 normal equations),
    and each group's latent sd ``s`` for the parameter-expansion step: in the model
    with ``e ~ N(0, s^2)`` and the prior on ``alpha / s``, ``beta / s``, the same
    regression maximises L and ``s^2`` is the penalised mean squared residual
    ``E_q[(y* - alpha - beta x)^2]``."""
    n, rg, obs = data.n_groups, data.row_group, data.obs
    ey = q.mean

    def by_group(row_sums: np.ndarray) -> np.ndarray:
        return np.bincount(rg, weights=row_sums, minlength=n)

    xo = ex * obs
    sx = by_group(xo.sum(axis=1))
    sxx = by_group(_rowdot(xo, ex) + _rowdot(obs, vx))
    sy = by_group(ey.sum(axis=1))
    sxy = by_group(_rowdot(ey, ex))
    square = by_group(_rowdot(ey, ey) + q.var)
    a11, a22 = data.count + precision, sxx + precision
    det = a11 * a22 - sx * sx
    alpha = (a22 * sy - sx * sxy) / det
    beta = (a11 * sxy - sx * sy) / det
    residual = (square - 2.0 * (alpha * sy + beta * sxy)
                + a11 * alpha**2 + 2.0 * sx * alpha * beta + a22 * beta**2)
    scale = np.sqrt(np.divide(residual, data.count, out=np.ones(n), where=data.count > 0))
    return alpha, beta, np.maximum(scale, 1e-6)


def _positions(ey: np.ndarray, alpha: np.ndarray, beta: np.ndarray, data: Data,
               variance: np.ndarray | None, precision: float
               ) -> tuple[np.ndarray, np.ndarray, float, float, np.ndarray, np.ndarray]:
    """q(x) given the items (and q(y*) with mean ``ey``), then the per-year
    parameter-expansion step (:func:`_expand`).

    Returns E[x] and Var[x] ``(years, states)`` (0 outside the states' spans), the sum of
    ``beta^2 Var[x]`` over the cells, E_q[log p(x)] + H(q(x)), and alpha, beta mapped to
    match.
    """
    b, a = beta[data.row_group], alpha[data.row_group]
    info = _by_year(b * b, data.obs, data)
    h = _by_year(b, ey, data) - _by_year(b * a, data.obs, data)
    if variance is None:
        xm, xv, years = _independent(info, h, data)
    else:
        xm, xv, years = _smoother(info, h, data, variance)
    bridged = _bridged_sums(ey, alpha, beta, xm, xv, data)
    c, d, c0, d0 = _expand(years, bridged, alpha, beta, data, precision)
    cg = np.where(data.group_year >= 0, c[data.group_year], c0)
    dg = np.where(data.group_year >= 0, d[data.group_year], d0)
    spread = ((xv * info).sum(axis=1) + ((c / c0) ** 2 - 1.0) * bridged.spread).sum()
    return (np.where(data.span, c[:, None] * xm + d[:, None], 0.0), (c * c)[:, None] * xv,
            float(spread), _x_part(years, c, d), alpha - beta * dg / cg, beta / cg)


@dataclass
class _Bridged:
    """Per year, over the cells of bridge groups that span several years (their items
    cannot follow a one-year map), the sums the map's effect on L is made of."""

    u: np.ndarray  # sum beta (E[y*] - alpha) E[x]
    w: np.ndarray  # sum beta (E[y*] - alpha)
    e: np.ndarray  # sum beta^2 E[x^2]
    f: np.ndarray  # sum beta^2 E[x]
    g: np.ndarray  # sum beta^2
    spread: np.ndarray  # sum beta^2 Var[x]


def _bridged_sums(ey: np.ndarray, alpha: np.ndarray, beta: np.ndarray, xm: np.ndarray,
                  xv: np.ndarray, data: Data) -> _Bridged:
    """The :class:`_Bridged` sums under q(x) and q(y*) (zeros when no group spans two
    years)."""
    rows = data.bridged_rows
    if not len(rows):
        zero = np.zeros(data.n_years)
        return _Bridged(zero, zero, zero, zero, zero, zero)
    year = data.row_year[rows]
    obs, mu, ey_r = data.obs[rows], xm[year], ey[rows]
    a, b = alpha[data.row_group[rows]], beta[data.row_group[rows]]
    on_mu = (obs * mu).sum(axis=1)
    var = (obs * xv[year]).sum(axis=1)
    count = obs.sum(axis=1)

    def per_year(weights: np.ndarray) -> np.ndarray:
        return np.bincount(year, weights=weights, minlength=data.n_years)

    return _Bridged(u=per_year(b * ((ey_r * mu).sum(axis=1) - a * on_mu)),
                    w=per_year(b * (ey_r.sum(axis=1) - a * count)),
                    e=per_year(b * b * ((obs * mu * mu).sum(axis=1) + var)),
                    f=per_year(b * b * on_mu), g=per_year(b * b * count),
                    spread=per_year(b * b * var))


def _expand(years: _Years, bridged: _Bridged, alpha: np.ndarray, beta: np.ndarray,
            data: Data, precision: float) -> tuple[np.ndarray, np.ndarray, float, float]:
    """The per-year map ``x[t] -> c[t] x[t] + d[t]`` that maximises L with q(y*) held,
    the items following so that ``alpha + beta x`` is unchanged: a one-year group's
    by its year's map, the multi-year bridge groups by one common map ``(c0, d0)``
    (which then moves their cells by ``(c[t] / c0, (d[t] - d0) / c0)``). What moves is
    the priors, the entropy and the bridge groups' cells: a smooth problem in
    2 x years + 2 unknowns, improved by TNC. Returns ``c, d, c0, d0``, the identity
    unless it gains."""
    n_years = data.n_years
    local = data.group_year >= 0
    gy = data.group_year[local]

    def per_year(weights: np.ndarray) -> np.ndarray:
        return np.bincount(gy, weights=weights, minlength=n_years)

    saa = per_year(alpha[local] ** 2)
    sab = per_year(alpha[local] * beta[local])
    sbb = per_year(beta[local] ** 2)
    far = ~local
    baa, bab, bbb = (float((alpha[far] ** 2).sum()), float((alpha[far] * beta[far]).sum()),
                     float((beta[far] ** 2).sum()))
    y, br = years, bridged

    def prior(c: Any, d: Any, aa: Any, ab: Any, bb: Any) -> tuple[Any, Any, Any]:
        """-(precision / 2) (alpha - beta d / c)^2 + (beta / c)^2, summed, and its
        derivatives in c and d."""
        return (-0.5 * precision * (aa - 2 * ab * d / c + (d * d + 1) * bb / (c * c)),
                -precision * (d * ab / c**2 - (d * d + 1) * bb / c**3),
                precision * (ab / c - d * bb / c**2))

    def objective(z: np.ndarray) -> tuple[float, np.ndarray]:
        c, d = np.exp(z[:n_years]), z[n_years:2 * n_years]
        c0, d0 = math.exp(z[-2]), z[-1]
        cp, dp = _before(c), _before(d)  # year 0 has no steps (inv_var 0)
        jump = d - dp
        rc, rd = c / c0, (d - d0) / c0  # the map the bridge groups' cells see
        cells_c = br.u - rc * br.e - rd * br.f
        cells_d = br.w - rc * br.f - rd * br.g
        local_prior, local_c, local_d = prior(c, d, saa, sab, sbb)
        far_prior, far_c, far_d = prior(c0, d0, baa, bab, bbb)
        value = (_x_part(y, c, d) + local_prior.sum() + far_prior
                 + (rc * br.u + rd * br.w
                    - 0.5 * (rc * rc * br.e + 2 * rc * rd * br.f + rd * rd * br.g)).sum())
        own_c = y.inv_var * (2 * c * y.now_sq - 2 * cp * y.cross + 2 * jump * y.now_sum)
        prev_c = y.inv_var * (2 * cp * y.prev_sq - 2 * c * y.cross - 2 * jump * y.prev_sum)
        own_d = y.inv_var * (2 * jump * y.steps + 2 * (c * y.now_sum - cp * y.prev_sum))
        grad_c = (y.n / c - (c * y.first_sq + d * y.first_sum)
                  - 0.5 * (own_c + _after(prev_c)) + local_c + cells_c / c0)
        grad_d = (-(c * y.first_sum + d * y.first_n) - 0.5 * (own_d - _after(own_d))
                  + local_d + cells_d / c0)
        grad_c0 = c0 * far_c - float((rc * cells_c + rd * cells_d).sum())  # in log c0
        grad_d0 = far_d - float(cells_d.sum()) / c0
        return -float(value), -np.concatenate([c * grad_c, grad_d, [grad_c0, grad_d0]])

    zero = np.zeros(2 * n_years + 2)
    bounds = [(-2.0, 2.0)] * n_years + [(None, None)] * n_years + [(-2.0, 2.0), (None, None)]
    # any gain will do, so a few dozen evaluations suffice; TNC rather than L-BFGS-B,
    # whose BLAS calls wake OpenBLAS's threads, which then spin (2x the CPU) and, on a
    # busy machine, make each of its steps up to 50x slower
    best = minimize(objective, zero, jac=True, method="TNC", bounds=bounds,
                    options={"maxfun": PX_EVALUATIONS})
    if not best.fun < objective(zero)[0]:
        return np.ones(n_years), np.zeros(n_years), 1.0, 0.0
    z = best.x
    return np.exp(z[:n_years]), z[n_years:2 * n_years], math.exp(z[-2]), float(z[-1])


def _independent(info: np.ndarray, h: np.ndarray, data: Data
                 ) -> tuple[np.ndarray, np.ndarray, _Years]:
    """q(x) under independent N(0, 1) priors (the static model)."""
    on = data.present
    xv = np.where(on, 1.0 / (1.0 + info), 0.0)
    xm = xv * h
    entropy = np.where(on, 0.5 + 0.5 * np.log(np.where(on, xv, 1.0)), 0.0)
    count = on.sum(axis=1).astype(np.float64)
    zero = np.zeros(data.n_years)
    return xm, xv, _Years(constant=float(entropy.sum()), n=count,
                          first_sq=(xm**2 + xv).sum(axis=1), first_sum=xm.sum(axis=1),
                          first_n=count, inv_var=zero, now_sq=zero, prev_sq=zero, cross=zero,
                          now_sum=zero, prev_sum=zero, steps=zero)


def _smoother(info: np.ndarray, h: np.ndarray, data: Data, variance: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, _Years]:
    """Kalman filter + RTS smoother per state (vectorised over states, loop over years),
    the observation update in information form."""
    n_years, n_states = info.shape
    fm, fv = np.zeros((n_years, n_states)), np.ones((n_years, n_states))
    pm, pv = np.zeros((n_years, n_states)), np.ones((n_years, n_states))
    for k in range(n_years):
        if k:  # a state's first year starts from the N(0, 1) prior
            begin = data.first == k
            pm[k] = np.where(begin, 0.0, fm[k - 1])
            pv[k] = np.where(begin, 1.0, fv[k - 1] + variance[k])
        fv[k] = 1.0 / (1.0 / pv[k] + info[k])
        fm[k] = fv[k] * (pm[k] / pv[k] + h[k])
    span = data.span
    sm, sv = fm.copy(), fv.copy()
    cov = np.zeros((n_years, n_states))  # Cov(x[k], x[k-1]) under q
    cond = fv.copy()  # Var(x[k] | x[k+1]) under q; Var(x[last]) at a state's last year
    for k in range(n_years - 2, -1, -1):
        on = span[k + 1] & span[k]
        gain = fv[k] / pv[k + 1]
        sm[k] = np.where(on, fm[k] + gain * (sm[k + 1] - pm[k + 1]), fm[k])
        sv[k] = np.where(on, fv[k] + gain**2 * (sv[k + 1] - pv[k + 1]), fv[k])
        cov[k + 1] = np.where(on, gain * sv[k + 1], 0.0)
        cond[k] = np.where(on, fv[k] * variance[k + 1] / pv[k + 1], fv[k])
    sm, sv = np.where(span, sm, 0.0), np.where(span, sv, 0.0)
    first = span & (np.arange(n_years)[:, None] == data.first)
    steps = span & ~first
    sm_prev = np.zeros_like(sm)
    sm_prev[1:] = sm[:-1]
    sv_prev = np.zeros_like(sv)
    sv_prev[1:] = sv[:-1]
    inv_var = np.divide(1.0, variance, out=np.zeros(n_years), where=variance > 0)
    entropy = 0.5 * (_LOG_2PI + 1.0 + np.log(np.where(span, cond, 1.0)))
    n_steps = steps.sum(axis=1).astype(np.float64)
    constant = (-0.5 * _LOG_2PI * float(first.sum())
                + 0.5 * float((n_steps * np.log(np.where(n_steps > 0, inv_var, 1.0)
                                                / (2.0 * math.pi))).sum())
                + float(entropy[span].sum()))

    def over(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.where(mask, values, 0.0).sum(axis=1)

    return sm, sv, _Years(
        constant=constant, n=span.sum(axis=1).astype(np.float64),
        first_sq=over(first, sm**2 + sv), first_sum=over(first, sm),
        first_n=first.sum(axis=1).astype(np.float64), inv_var=inv_var,
        now_sq=over(steps, sm**2 + sv), prev_sq=over(steps, sm_prev**2 + sv_prev),
        cross=over(steps, sm * sm_prev + cov), now_sum=over(steps, sm),
        prev_sum=over(steps, sm_prev), steps=n_steps)
