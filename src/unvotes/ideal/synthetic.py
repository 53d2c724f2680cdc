"""A synthetic General Assembly record drawn from the dynamic ordinal model, with the
true positions and items, for testing and benchmarking :mod:`unvotes.ideal.model`.

It has the shape of the real record: states join over time (about a quarter are
founders, most of the rest join in the first decades), a few leave (dissolutions) and
about one in a hundred is suspended for a stretch (a member whose every position is
non-voting, like South Africa 1974-1993); members are non-voting (code 4) about 5% of
the time, each state with its own propensity; abstentions are common; about a tenth of
the votes are binary (no abstention possible); and a share of each year's votes are
repeats of a recurring resolution, with the same ``alpha``, ``beta`` and ``tau`` every
year it comes back, identified by ``bridge``.

State 0 (``reference``, "the USA") is a founder, never leaves, starts at +1.5, and
its mean position is above the mean of all member state-years (the truth is flipped,
``x`` and ``beta`` together, if its walk took it below: the votes are the same).

>>> rec = simulate(n_states=20, years=range(2000, 2005), votes_per_year=10, seed=1)
>>> rec.codes.shape, rec.x.shape
((50, 20), (20, 5))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from unvotes.ideal.model import IdealError
from unvotes.metrics.codes import ABSTAIN, NO, NO_ROW, NON_VOTING, YES

__all__ = ["SyntheticRecord", "simulate"]

FOUNDERS = 0.27  # 51 of the 193 members
BINARY_SHARE = 0.1  # votes with tau = 0: no abstention possible


@dataclass(frozen=True, eq=False)
class SyntheticRecord:
    """Simulated codes and the truth that produced them.

    ``codes`` ``(votes, states)`` int8 position codes, votes ordered by year;
    ``vote_year``, ``bridge``, ``alpha``, ``beta``, ``tau`` one per vote; ``years`` the
    calendar years; ``x`` ``(states, years)`` true positions, NaN when not a member;
    ``member`` ``(states, years)`` bool; ``reference`` the state with positive mean.
    """

    codes: np.ndarray
    vote_year: np.ndarray
    bridge: np.ndarray
    years: np.ndarray
    x: np.ndarray
    alpha: np.ndarray
    beta: np.ndarray
    tau: np.ndarray
    member: np.ndarray
    reference: int


def simulate(*, n_states: int = 190, years: Iterable[int] = range(1946, 2026),
             votes_per_year: int = 90, omega: float = 0.3, repeat_share: float = 0.3,
             non_voting: float = 0.05, seed: int = 0) -> SyntheticRecord:
    """Draw a synthetic record (module docstring) and return it with its truth.

    Raises :class:`~unvotes.ideal.model.IdealError` for fewer than 2 states or years, no
    votes, or shares outside [0, 1).

    >>> simulate(n_states=5, years=range(2000, 2002), votes_per_year=3).codes.dtype
    dtype('int8')
    """
    year_arr = np.asarray(list(years), dtype=np.int64)
    if n_states < 2 or len(year_arr) < 2 or votes_per_year < 1:
        raise IdealError("simulate needs at least 2 states, 2 years and 1 vote a year")
    if not (0 <= repeat_share < 1 and 0 <= non_voting < 1):
        raise IdealError("repeat_share and non_voting must be in [0, 1)")
    rng = np.random.default_rng(seed)
    n_years = len(year_arr)
    member, suspended = _membership(rng, n_states, n_years)
    x = _positions(rng, member, omega)
    vote_t, bridge, alpha, beta, tau = _items(rng, n_years, votes_per_year, repeat_share)
    if np.nanmean(x[0]) < np.nanmean(x):  # the walk took the reference below the mean:
        x, beta = -x, -beta  # the same votes, with the sign the estimator will report
    codes = _votes(rng, x[:, vote_t].T, alpha, beta, tau, member[:, vote_t].T,
                   suspended[:, vote_t].T, non_voting)
    return SyntheticRecord(codes=codes, vote_year=year_arr[vote_t], bridge=bridge,
                           years=year_arr, x=x, alpha=alpha, beta=beta, tau=tau,
                           member=member, reference=0)


def _membership(rng: np.random.Generator, n_states: int, n_years: int
                ) -> tuple[np.ndarray, np.ndarray]:
    """Member and suspended masks ``(states, years)``; state 0 a permanent founder."""
    entry = np.minimum((n_years * rng.beta(0.9, 1.8, n_states)).astype(int) + 1, n_years - 1)
    entry[: max(1, round(FOUNDERS * n_states))] = 0
    leave = np.full(n_states, n_years)
    for i in rng.choice(np.arange(1, n_states), size=max(1, n_states // 50), replace=False):
        if entry[i] + 5 < n_years:
            leave[i] = rng.integers(entry[i] + 5, n_years)
    t = np.arange(n_years)
    member = (t >= entry[:, None]) & (t < leave[:, None])
    suspended = np.zeros_like(member)
    for i in rng.choice(np.arange(1, n_states), size=n_states // 100, replace=False):
        begin = entry[i] + (leave[i] - entry[i]) // 3
        suspended[i, begin:begin + max(1, (leave[i] - entry[i]) // 4)] = True
    return member, suspended & member


def _positions(rng: np.random.Generator, member: np.ndarray, omega: float) -> np.ndarray:
    """Random walks from N(0, 1) at entry (state 0 from +1.5); NaN outside membership."""
    n_states, n_years = member.shape
    entry = member.argmax(axis=1)
    start = np.asarray(rng.standard_normal(n_states), dtype=np.float64)
    start[0] = 1.5
    steps = omega * rng.standard_normal((n_states, n_years))
    t = np.arange(n_years)
    steps = np.where(t == entry[:, None], start[:, None], np.where(t > entry[:, None], steps, 0))
    return np.where(member, np.cumsum(steps, axis=1), np.nan)


def _items(rng: np.random.Generator, n_years: int, per_year: int, repeat_share: float
           ) -> tuple[np.ndarray, ...]:
    """Year index, bridge id, alpha, beta, tau of every vote. Recurring resolutions
    ("families") live 2-20 years and come back once a year while they live."""
    repeats = round(repeat_share * per_year)
    n_families = max(1, repeats * n_years // 8) if repeats else 0
    born = rng.integers(0, n_years, n_families)
    dies = born + rng.integers(2, 21, n_families)
    family_items = _draw_items(rng, n_families)
    vote_t, bridge, params = [], [], []
    next_id = n_families
    for t in range(n_years):
        alive = np.flatnonzero((born <= t) & (t < dies))[:repeats]
        fresh = per_year - len(alive)
        vote_t.append(np.full(per_year, t))
        bridge.append(np.concatenate([alive, np.arange(next_id, next_id + fresh)]))
        params.append(np.concatenate([family_items[:, alive], _draw_items(rng, fresh)], axis=1))
        next_id += fresh
    items = np.concatenate(params, axis=1)
    return np.concatenate(vote_t), np.concatenate(bridge), items[0], items[1], items[2]


def _draw_items(rng: np.random.Generator, n: int) -> np.ndarray:
    """Rows alpha, beta, tau: mostly Yes majorities, a tenth binary."""
    alpha = rng.normal(1.2, 1.0, n)
    beta = rng.normal(0.0, 1.2, n)
    tau = np.where(rng.random(n) < BINARY_SHARE, 0.0, rng.uniform(0.3, 1.5, n))
    return np.vstack([alpha, beta, tau])


def _votes(rng: np.random.Generator, xv: np.ndarray, alpha: np.ndarray, beta: np.ndarray,
           tau: np.ndarray, member: np.ndarray, suspended: np.ndarray,
           non_voting: float) -> np.ndarray:
    """Codes ``(votes, states)`` from the latent utilities of the members."""
    latent = alpha[:, None] + beta[:, None] * np.nan_to_num(xv) + rng.standard_normal(xv.shape)
    codes = np.select([latent < 0, latent < tau[:, None]], [NO, ABSTAIN], YES).astype(np.int8)
    propensity = rng.beta(1.0, (1.0 - non_voting) / non_voting, xv.shape[1]) \
        if non_voting > 0 else np.zeros(xv.shape[1])
    away = (rng.random(xv.shape) < propensity) | suspended
    codes[away] = NON_VOTING
    codes[~member] = NO_ROW
    return codes
