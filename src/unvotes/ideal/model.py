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
from dataclasses import dataclass
from typing import Any

import numpy as np

from unvotes.errors import IdealError
from unvotes.ideal import em
from unvotes.ideal.em import Progress
from unvotes.metrics.codes import MetricsError, check_codes

__all__ = ["IdealError", "IdealFit", "Progress", "fit_dynamic", "fit_static"]


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
                tol: float = 1e-6, seed: int = 0, start: Any = None,
                progress: Progress | None = None) -> IdealFit:
    """Fit the dynamic ordinal model (module docstring) to a ``(votes, states)`` code
    matrix with one year per vote; return an :class:`IdealFit`.

    ``omega`` is the random-walk sd per year, ``sigma`` the prior sd of ``alpha`` and
    ``beta``. ``start``: starting positions, one per state (e.g. a previous fit's mean
    positions, as a bootstrap does), in place of the leading eigenvector (the seeded
    noise is added to either). Raises :class:`IdealError` on bad shapes, codes or options, or when there
    is nothing to fit.

    >>> fit_dynamic([[1, 3], [3, 1]], [1990, 1991], positive=0).x.shape
    (2, 2)
    """
    began = time.perf_counter()
    codes_arr, years, year_index = _check_votes(codes, vote_year)
    _check_options(omega=omega, sigma=sigma, max_iter=max_iter, tol=tol)
    data = em.prepare(codes_arr, year_index, len(years),
                      _check_bridge(bridge, len(codes_arr)), positive)
    gaps = np.diff(years.astype(np.float64), prepend=float(years[0]))
    raw = em.run_em(data, variance=omega**2 * gaps, sigma=sigma, max_iter=max_iter, tol=tol,
                    x0=em.start(codes_arr, data, seed, _check_start(start, data.n_states)),
                    progress=progress)
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
    data = em.prepare(codes_arr, year_index, 1, None, positive)
    raw = em.run_em(data, variance=None, sigma=sigma, max_iter=max_iter, tol=tol,
                    x0=em.start(codes_arr, data, seed), progress=progress)
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


def _check_start(start: Any, n_states: int) -> np.ndarray | None:
    if start is None:
        return None
    arr = np.asarray(start, dtype=np.float64) if np.asarray(start).dtype.kind in "iuf" \
        else None
    if arr is None or arr.shape != (n_states,) or not np.isfinite(arr).all():
        raise IdealError(f"start must hold one finite number per state, shape ({n_states},)")
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


# --- output ----------------------------------------------------------------------------


def _finish(raw: em.Raw, data: em.Data, years: np.ndarray, positive: int | None,
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
