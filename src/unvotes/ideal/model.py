r"""Dynamic ordinal ideal points: a variational EM estimator, pure NumPy/SciPy.

The model
---------
Vote ``j`` is held in year ``t(j)``; state ``i`` has one position ``x[i, t]`` per year.
A latent utility decides the recorded position::

    y*[i, j] = alpha[j] + beta[j] * x[i, t(j)] + e[i, j],      e ~ N(0, 1)

    No       if            y* < 0
    Abstain  if   0     <= y* < tau[j]
    Yes      if   tau[j] <= y*                                   (tau[j] > 0)

A vote (a bridge group) on which nobody abstained has two categories only: its
cutpoint is not identified (the likelihood grows as ``tau -> 0``), so it is fixed at
``tau[j] = 0`` and the vote is a binary probit (Yes iff ``y* >= 0``). Codes 0 (not a
member / no row) and 4 (non-voting) are missing data, never a category: they enter
neither the likelihood nor the years a state is present.

Priors. A random walk over the years a state is present, from its first year with a
Yes/Abstain/No to its last; a year in between without one is a gap the walk crosses
(reported as NaN, like any year without a vote). The years are the distinct years of
the votes; a calendar year without a recorded vote (the GA's 1964) is no column, and
the walk's variance grows with the calendar years elapsed::

    x[i, first(i)] ~ N(0, 1)
    x[i, t]        ~ N(x[i, t'], omega^2 * (year(t) - year(t')))   t' the previous year
    alpha[j], beta[j] ~ N(0, sigma^2)                              (sigma = 5)

``bridge`` (optional, one integer per vote) ties votes: votes with the same id share
``alpha``, ``beta`` and ``tau`` (one resolution repeated across sessions), and bridge
the scale from year to year along with the random walk.

One dimension only: a second dimension (e.g. North-South beside East-West) is not
estimated here.

The algorithm: variational EM
-----------------------------
Exact EM would need the posterior of ``x`` given the ordinal votes, which is not
Gaussian. As in Imai, Lo & Olmsted (2016, "Fast estimation of ideal points with
massive data", APSR 110(4): 631-656) we keep a factorised ``q(y*) q(x)`` (``q(x)``
joint over a state's years, independent across states) and treat ``alpha, beta, tau``
as parameters (posterior modes under their priors). Every step maximises one objective,
the evidence lower bound plus the log prior of the items::

    L = E_q[log p(votes, y* | x, alpha, beta, tau)] + E_q[log p(x)] + H(q) + log p(alpha, beta)

so ``L`` never decreases (``IdealFit.trace``; the tests assert it). One iteration:

1. **E-step** ``q(y*[i,j])``: ``N(m, 1)``, ``m = alpha + beta E[x]``, truncated to the
   category's interval; mean and variance by the inverse Mills ratio, written with
   ``erfcx`` so they stay exact far into the tails; ``log P(category)`` for ``L``.
2. **tau**: the cutpoints tried at this E-step come from one Newton step (damped to
   1, clipped to ``[0.01, 10]``) on each group's ``sum log P(category | m, tau)``,
   concave in ``tau``, taken with the derivatives of the previous E-step. Should ``L``
   fall below the previous iteration's, the E-step is redone at the old cutpoints and
   each group keeps the better of the two, which is never below: that keeps ``L``
   monotone at the cost of one E-step per iteration, not two. (We keep the
   three-category probit as is rather than Imai et al.'s rescaling to cutpoints 0
   and 1 with a vote-specific error variance, so ``tau`` reads on the scale of ``e``.)
3. **items**: ridge regression of ``E[y*]`` on ``(1, E[x])`` per bridge group, closed
   form (``s2 = sigma^2``)::

       [n + 1/s2      sum E[x]            ] [alpha]   [sum E[y*]       ]
       [sum E[x]      sum E[x^2] + 1/s2   ] [beta ] = [sum E[y*] E[x]  ]

   with ``E[x^2] = E[x]^2 + Var[x]`` from the smoother.
4. **positions** ``q(x)``: each state's votes in year ``t`` are a Gaussian
   pseudo-observation of ``x[i,t]`` with precision ``P = sum beta_j^2`` and information
   ``h = sum beta_j (E[y*_ij] - alpha_j)``; a Kalman filter and Rauch-Tung-Striebel
   smoother over the years (a loop over years, vectorised over states) gives ``E[x]``,
   ``Var[x]`` and the lag-one covariances ``L`` needs. The static model
   (:func:`fit_static`) has ``x ~ N(0, 1)`` instead: ``Var = 1 / (1 + P)``,
   ``E = Var * h``.

Plain coordinate ascent crawls (hundreds of iterations) along directions the
likelihood barely sees and the E-step pins down: every vote a little sharper; all
positions a little wider and every ``beta`` a little smaller; and the same year by year
(the spread of the late years against the early ones). Two parameter-expansion steps
(Liu, Rubin & Wu 1998, "Parameter expansion to accelerate EM: the PX-EM algorithm",
Biometrika 85(4): 755-770) move along them at once, each provably without lowering
``L``:

- in 3, a latent sd ``s_j`` per group (``e ~ N(0, s_j^2)``, the prior on ``alpha /
  s_j``, ``beta / s_j``): the same regression, then ``s_j^2`` = the penalised mean
  squared residual ``E_q[(y* - alpha - beta x)^2]``, mapped back by dividing ``alpha,
  beta, tau`` and ``q(y*)`` by ``s_j``;
- in 4, a map ``x[t] -> c[t] x[t] + d[t]`` per year, the items following so that
  ``alpha + beta x`` is unchanged (a one-year group by its year's map, the groups
  bridging several years by one common map, their cells then moving): only the
  priors, the entropy and those cells change, so the best map is a smooth problem in
  ``2 x years + 2`` unknowns, from sums over states and groups, improved by a
  bounded truncated-Newton solver (at most 30 evaluations: any gain will do).

On the full-size synthetic record (``bench/bench_ideal_synthetic.py``) plain coordinate
ascent had not converged after 500 iterations; with both steps it converges in about
150. The real GA record converges more slowly (about 570 iterations at ``omega=0.3``,
470 at 0.1, with ``tol=1e-6``): blocs that vote in lockstep, such as the Eastern bloc
before 1990, drift outwards a little at each step; pass ``max_iter=1000``.

The loop stops when the relative change of ``L`` falls below ``tol`` (``converged``)
or after ``max_iter`` iterations. ``x_sd`` is the variational posterior sd: mean-field
posteriors are known to be too narrow, so use a bootstrap for honest intervals.

Starting values: every state gets, for all its years, its score on the leading
eigenvector of the vote-centred Yes 1 / Abstain 1/2 / No 0 matrix (missing cells at
the vote's mean), standardised, plus ``N(0, 0.1^2)`` noise drawn with ``seed``; items
start at 0, cutpoints at 1. The fit is a deterministic function of the input and
``seed`` (on one machine: another BLAS sums in another order, which moves the result
by about ``tol``); refitting with another seed checks that the optimum does not
depend on the start. Do not start from noise alone: like other dynamic scalings, the
model has local optima in which the scale flips sign between eras (each era fitting
well on its own, the random walk crossing zero in between), and random starts find
them.

Identification
--------------
The likelihood is unchanged by ``x -> a + b x`` with matching items. The priors fix
the scale during the fit; the reported scale is then fixed by **standardising once
over all the years**: one affine map (``alpha``, ``beta`` adjusted so the fitted
``alpha + beta x`` is unchanged) gives the present state-years mean 0 and sd 1, so
movement over time survives. The **sign** is fixed so that the reference state
``positive`` (the USA in practice) has a positive mean position over its years; with
``positive=None`` it is whatever the fit converged to.

>>> import numpy as np
>>> codes = np.array([[1, 1, 3, 3], [1, 2, 3, 3], [3, 3, 1, 1]], dtype=np.int8)
>>> fit = fit_dynamic(codes, np.array([2000, 2000, 2000]), positive=0)
>>> bool(fit.x[0, 0] > 0 > fit.x[2, 0])
True
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import erfcx, ndtr

from unvotes.errors import UnvotesError
from unvotes.metrics.codes import ABSTAIN, NO, YES, MetricsError, check_codes

__all__ = ["IdealError", "IdealFit", "Progress", "fit_dynamic", "fit_static"]

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


class IdealError(UnvotesError, ValueError):
    """The ideal-point estimator was given input it cannot use (shape, codes, option)."""


@dataclass(frozen=True, eq=False)
class IdealFit:
    """Fitted positions and items (the arrays are read-only).

    ``x``, ``x_sd``: ``(states, years)``, NaN where the state cast no Yes/Abstain/No
    that year. ``alpha``, ``beta``, ``tau``: one per vote, in the input order (shared
    within a bridge group; ``tau`` is 0 for a vote fitted as binary). ``years``: the
    sorted distinct vote years. ``trace``: the objective ``L`` (evidence lower bound +
    log item prior, in nats) at each iteration's E-step, non-decreasing;
    ``iterations == len(trace)``. ``seconds``: wall time of the fit.
    """

    x: np.ndarray
    x_sd: np.ndarray
    alpha: np.ndarray
    beta: np.ndarray
    tau: np.ndarray
    years: np.ndarray
    converged: bool
    iterations: int
    trace: np.ndarray
    seconds: float


def fit_dynamic(codes: Any, vote_year: Any, *, bridge: Any = None, positive: int | None = None,
                omega: float = 0.3, sigma: float = 5.0, max_iter: int = 500,
                tol: float = 1e-6, seed: int = 0,
                progress: Progress | None = None) -> IdealFit:
    """Fit the dynamic ordinal model (module docstring) to a ``(votes, states)`` code
    matrix with one year per vote; return an :class:`IdealFit`.

    ``omega`` is the random-walk sd per year, ``sigma`` the prior sd of ``alpha`` and
    ``beta``. Raises :class:`IdealError` on bad shapes, codes or options, or when there
    is nothing to fit.

    >>> fit_dynamic([[1, 3], [3, 1]], [1990, 1991], positive=0).x.shape
    (2, 2)
    """
    began = time.perf_counter()
    codes_arr, years, year_index = _check_votes(codes, vote_year)
    _check_options(omega=omega, sigma=sigma, max_iter=max_iter, tol=tol)
    data = _prepare(codes_arr, year_index, len(years), _check_bridge(bridge, len(codes_arr)),
                    positive)
    gaps = np.diff(years.astype(np.float64), prepend=float(years[0]))
    raw = _em(data, variance=omega**2 * gaps, sigma=sigma, max_iter=max_iter, tol=tol,
              x0=_start(codes_arr, data, seed), progress=progress)
    return _finish(raw, data, years, positive, began)


def fit_static(codes: Any, *, year: int = 0, positive: int | None = None,
               sigma: float = 5.0, max_iter: int = 500, tol: float = 1e-6, seed: int = 0,
               progress: Progress | None = None) -> IdealFit:
    """Fit the same ordinal model to one year's ``(votes, states)`` codes with no
    dynamics (``x ~ N(0, 1)``, standardised within the year); ``years`` is ``[year]``.

    The baseline the dynamic model is benchmarked against. Raises :class:`IdealError`
    like :func:`fit_dynamic`.

    >>> fit_static([[1, 3], [3, 1], [1, 2]], positive=0).x.shape
    (2, 1)
    """
    began = time.perf_counter()
    arr = np.asarray(codes)
    codes_arr, years, year_index = _check_votes(
        arr, np.full(arr.shape[0] if arr.ndim else 0, year, dtype=np.int64))
    _check_options(omega=1.0, sigma=sigma, max_iter=max_iter, tol=tol)
    data = _prepare(codes_arr, year_index, 1, None, positive)
    raw = _em(data, variance=None, sigma=sigma, max_iter=max_iter, tol=tol,
              x0=_start(codes_arr, data, seed), progress=progress)
    return _finish(raw, data, years, positive, began)


# --- input -----------------------------------------------------------------------------


def _check_votes(codes: Any, vote_year: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    try:
        arr = check_codes(codes)
    except MetricsError as err:
        raise IdealError(str(err)) from None
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise IdealError(f"codes must have at least one vote and one state, got shape "
                         f"{arr.shape}")
    years = np.asarray(vote_year)
    if years.shape != (arr.shape[0],):
        raise IdealError(f"vote_year must have one year per vote, shape ({arr.shape[0]},), "
                         f"got shape {years.shape}")
    if years.dtype.kind not in "iu":
        raise IdealError(f"vote_year must hold integer years, got dtype {years.dtype}")
    distinct, index = np.unique(years, return_inverse=True)
    return arr, distinct, index.reshape(-1)


def _check_bridge(bridge: Any, n_votes: int) -> np.ndarray | None:
    if bridge is None:
        return None
    arr = np.asarray(bridge)
    if arr.shape != (n_votes,):
        raise IdealError(f"bridge must have one id per vote, shape ({n_votes},), got shape "
                         f"{arr.shape}")
    if arr.dtype.kind not in "iu":
        raise IdealError(f"bridge must hold integer ids, got dtype {arr.dtype}")
    return arr


def _check_options(*, omega: float, sigma: float, max_iter: int, tol: float) -> None:
    for name, value in (("omega", omega), ("sigma", sigma)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value <= 0:
            raise IdealError(f"{name} must be a positive number, got {value!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, int) or max_iter < 1:
        raise IdealError(f"max_iter must be a positive integer, got {max_iter!r}")
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not tol >= 0:
        raise IdealError(f"tol must be a number >= 0, got {tol!r}")


@dataclass(frozen=True)
class _Data:
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


def _prepare(codes: np.ndarray, year_index: np.ndarray, n_years: int,
             bridge: np.ndarray | None, positive: int | None) -> _Data:
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
    return _Data(
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


def _start(codes: np.ndarray, data: _Data, seed: int) -> np.ndarray:
    """Starting position of each state, the same for all its years: its score on the
    leading eigenvector of the vote-centred Yes 1 / Abstain 1/2 / No 0 matrix (missing
    cells at the vote's mean), standardised, plus N(0, JITTER^2) noise drawn with
    ``seed``."""
    score = np.select([codes == YES, codes == ABSTAIN, codes == NO], [1.0, 0.5, 0.0], np.nan)
    observed = ~np.isnan(score)
    count = observed.sum(axis=1)
    mean = np.divide(np.nansum(score, axis=1), count, out=np.zeros(len(score)),
                     where=count > 0)
    centred = np.where(observed, score - mean[:, None], 0.0)
    lead = np.linalg.eigh(centred.T @ centred)[1][:, -1]
    has = data.present.any(axis=0)
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


def _estep(m: np.ndarray, row_tau: np.ndarray, data: _Data) -> _Moments:
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


def _by_year(weights: np.ndarray, values: np.ndarray, data: _Data) -> np.ndarray:
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
class _Raw:
    xm: np.ndarray  # (years, states)
    xv: np.ndarray
    alpha: np.ndarray  # (groups,)
    beta: np.ndarray
    tau: np.ndarray
    trace: list[float]
    converged: bool


def _em(data: _Data, *, variance: np.ndarray | None, sigma: float, max_iter: int, tol: float,
        x0: np.ndarray, progress: Progress | None) -> _Raw:
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
    return _Raw(xm=xm, xv=xv, alpha=alpha, beta=beta, tau=tau, trace=trace,
                converged=converged)


def _items(q: _Moments, ex: np.ndarray, vx: np.ndarray, data: _Data, precision: float
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


def _positions(ey: np.ndarray, alpha: np.ndarray, beta: np.ndarray, data: _Data,
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
                  xv: np.ndarray, data: _Data) -> _Bridged:
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
            data: _Data, precision: float) -> tuple[np.ndarray, np.ndarray, float, float]:
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


def _independent(info: np.ndarray, h: np.ndarray, data: _Data
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


def _smoother(info: np.ndarray, h: np.ndarray, data: _Data, variance: np.ndarray
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


# --- output ----------------------------------------------------------------------------


def _finish(raw: _Raw, data: _Data, years: np.ndarray, positive: int | None,
            began: float) -> IdealFit:
    """Standardise over all present state-years, fix the sign, expand items per vote."""
    on = data.present
    centre = float(raw.xm[on].mean())
    scale = float(raw.xm[on].std())
    scale = scale if scale > 0 else 1.0
    if positive is not None and raw.xm[on[:, positive], positive].mean() < centre:
        scale = -scale
    x = np.where(on, (raw.xm - centre) / scale, np.nan).T
    x_sd = np.where(on, np.sqrt(raw.xv) / abs(scale), np.nan).T
    arrays = [np.ascontiguousarray(x), np.ascontiguousarray(x_sd),
              (raw.alpha + raw.beta * centre)[data.group], (raw.beta * scale)[data.group],
              raw.tau[data.group], years.copy(), np.asarray(raw.trace)]
    for arr in arrays:
        arr.setflags(write=False)
    return IdealFit(x=arrays[0], x_sd=arrays[1], alpha=arrays[2], beta=arrays[3],
                    tau=arrays[4], years=arrays[5], converged=raw.converged,
                    iterations=len(raw.trace), trace=arrays[6],
                    seconds=time.perf_counter() - began)
