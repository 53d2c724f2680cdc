"""Ideal points of the record: which votes are fitted, how, and where the estimates go.

:func:`ideal_input` turns the record into the estimator's input: the General Assembly's
**final-passage votes** (recorded votes on whole resolutions; votes on paragraphs,
amendments and motions are left out, as Bailey, Strezhnev & Voeten do), optionally one
topic's and a span of years, as a ``(votes, states)`` code matrix with the calendar year
of each vote and the bridge groups of :mod:`unvotes.ideal.bridges`. Every state seat
is its own column (the USSR ``SUN`` and the Russian Federation ``RUS`` apart);
non-voting and not-a-member cells are missing.

:func:`estimate` fits the dynamic model (:func:`~unvotes.ideal.model.fit_dynamic`) with
the United States as the sign reference, then, if asked, a parametric bootstrap
(:mod:`unvotes.ideal.bootstrap`) for the intervals; :func:`save_estimates` stores the
result in the database with its settings and data version (replacing the scope's
previous fit); :func:`stored_points` and :func:`stored_fit` read them back.

The default random-walk sd ``omega = 0.15`` a year is where the variational evidence
bound of the full 1946-2025 fit peaks over the grid 0.05, 0.1, 0.2, 0.3, 0.5
(``bench/bench_ideal.py --omega-grid``): a choice made from the votes, not from any
published estimate.

>>> IdealSettings().scope, IdealSettings(topic="human_rights").scope
('all', 'human_rights')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from unvotes.errors import IdealError, StoreError
from unvotes.ideal.bootstrap import replicate_positions
from unvotes.ideal.bridges import find_bridges
from unvotes.ideal.model import IdealFit, fit_dynamic
from unvotes.metrics.codes import ABSTAIN, NO, YES

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record

__all__ = [
    "DEFAULT_OMEGA",
    "LEVEL",
    "IdealEstimates",
    "IdealInput",
    "IdealSettings",
    "StageProgress",
    "bootstrap_sd",
    "estimate",
    "ideal_input",
    "save_estimates",
    "stored_fit",
    "stored_points",
]

DEFAULT_OMEGA = 0.15  # random-walk sd a year: the evidence bound's best on the GA record
LEVEL = 0.90  # intervals run from the 5th to the 95th percentile (as Bailey et al. publish)
_Z = 1.6448536269514722  # the 95th percentile of N(0, 1)
KINDS = ("resolution",)  # final-passage votes

StageProgress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``, as the build reports: ``"fit"`` once per EM
iteration (``total`` the iteration limit), ``"bootstrap"`` once per replicate."""

POINT_COLUMNS = ["country", "year", "ideal_point", "sd", "low", "high", "votes"]


@dataclass(frozen=True)
class IdealSettings:
    """What to fit and how. ``topic``: one topic's votes (``None``: all); ``since`` /
    ``until``: calendar years (inclusive); ``omega``, ``sigma``, ``tol``, ``max_iter``,
    ``seed``: options of :func:`~unvotes.ideal.model.fit_dynamic`; ``bridges``: tie
    repeated resolutions (:mod:`unvotes.ideal.bridges`); ``replicates``: bootstrap
    replicates for the intervals (0: the variational sd, too narrow); ``reference``:
    the state whose mean position is positive."""

    topic: str | None = None
    since: int | None = None
    until: int | None = None
    omega: float = DEFAULT_OMEGA
    sigma: float = 5.0
    tol: float = 1e-6
    max_iter: int = 1000
    seed: int = 0
    bridges: bool = True
    replicates: int = 0
    reference: str = "USA"

    @property
    def scope(self) -> str:
        """The name a fit is stored under: the topic, or ``"all"``."""
        return self.topic or "all"

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain JSON values."""
        return asdict(self)


@dataclass(frozen=True, eq=False)
class IdealInput:
    """The estimator's input from the record: ``codes`` ``(votes, states)``,
    ``vote_year`` and ``bridge`` one per vote, ``states`` (ISO3) one per column,
    ``vote_ids``, and ``data_version`` (the build and a digest of these votes)."""

    codes: np.ndarray
    vote_year: np.ndarray
    bridge: np.ndarray
    states: list[str]
    vote_ids: list[str]
    data_version: str

    @property
    def bridged_votes(self) -> int:
        """Votes that share their bridge group with another vote."""
        return int((np.bincount(self.bridge)[self.bridge] > 1).sum())


@dataclass(frozen=True, eq=False)
class IdealEstimates:
    """A fit of the record: ``points`` (a DataFrame of :data:`POINT_COLUMNS`, one row per
    state-year with a vote), ``items`` (``vote_id, alpha, beta, tau, bridge``, one row per
    vote, on the same scale), the settings, the input's data version and size, the
    estimator's diagnostics (``fit``) and how the intervals were found."""

    points: pd.DataFrame
    items: pd.DataFrame
    settings: IdealSettings
    data_version: str
    votes: int
    bridged_votes: int
    fit: IdealFit
    interval: str
    bootstrap_seconds: float | None = None


def ideal_input(rec: Record, settings: IdealSettings | None = None) -> IdealInput:
    """The final-passage GA votes the settings select, as the estimator's input.

    Raises IdealError when they hold no vote or a bad year range, UnvotesError for an
    unknown topic.

    >>> import unvotes  # doctest: +SKIP
    >>> ideal_input(unvotes.open()).codes.shape  # doctest: +SKIP
    (5791, 201)
    """
    from unvotes.alignment import Slice, vote_matrix

    s = settings or IdealSettings()
    for name, value in (("since", s.since), ("until", s.until)):
        if value is not None and not 1945 <= value <= 2100:
            raise IdealError(f"{name} must be a year, got {value!r}")
    if s.since is not None and s.until is not None and s.since > s.until:
        raise IdealError(f"since ({s.since}) is after until ({s.until})")
    where = Slice(body="GA", since=None if s.since is None else str(s.since),
                  until=None if s.until is None else str(s.until), topic=s.topic, kinds=KINDS)
    matrix = vote_matrix(rec, where)
    if not matrix.vote_ids:
        about = f" on {s.topic}" if s.topic else ""
        raise IdealError(f"no final-passage General Assembly vote{about} in "
                         f"{s.since or 'the first year'}-{s.until or 'the last year'}")
    titles = dict(rec.store.rows("SELECT vote_id, title FROM votes WHERE list_contains(?, "
                                 "vote_id)", [matrix.vote_ids]))
    years = np.asarray(matrix.years, dtype=np.int64)
    bridge = (find_bridges([titles.get(v) for v in matrix.vote_ids], years) if s.bridges
              else np.arange(len(years), dtype=np.int64))
    digest = hashlib.sha256()
    digest.update("\n".join(matrix.vote_ids).encode())
    digest.update(matrix.codes.tobytes())
    digest.update(years.tobytes())
    built = rec.store.scalar("SELECT max(finished_at) FROM builds")
    version = (f"build {built:%Y-%m-%d %H:%M:%S}" if isinstance(built, dt.datetime)
               else "build unknown")
    return IdealInput(codes=matrix.codes, vote_year=years, bridge=bridge,
                      states=list(matrix.states), vote_ids=list(matrix.vote_ids),
                      data_version=f"{version}; {len(years)} votes, sha256 "
                                   f"{digest.hexdigest()[:16]}")


def estimate(rec: Record, settings: IdealSettings | None = None, *,
             progress: StageProgress | None = None, workers: int | None = None
             ) -> IdealEstimates:
    """Fit the settings' votes and return the estimates (module docstring). ``workers``:
    bootstrap processes (default: the cores).

    Raises IdealError for settings it cannot use (no votes, the reference state cast
    none, a bad option), UnvotesError for an unknown topic.

    >>> import unvotes  # doctest: +SKIP
    >>> estimate(unvotes.open(), IdealSettings(since=2015)).points.columns.tolist()
    ... # doctest: +SKIP
    ['country', 'year', 'ideal_point', 'sd', 'low', 'high', 'votes']
    """
    s = settings or IdealSettings()
    if isinstance(s.replicates, bool) or not isinstance(s.replicates, int) \
            or s.replicates < 0:
        raise IdealError(f"replicates must be an integer >= 0, got {s.replicates!r}")
    data = ideal_input(rec, s)
    if s.reference not in data.states:
        raise IdealError(f"the sign reference {s.reference} cast no vote in the votes "
                         f"fitted; choose another reference state")
    options: dict[str, Any] = {"bridge": data.bridge, "positive": data.states.index(
        s.reference), "omega": s.omega, "sigma": s.sigma, "tol": s.tol,
        "max_iter": s.max_iter}

    def iteration(done: int, change: float) -> None:
        if progress is not None:
            progress("fit", done, s.max_iter)

    fit = fit_dynamic(data.codes, data.vote_year, seed=s.seed, progress=iteration, **options)
    sd, low, high = fit.x_sd, fit.x - _Z * fit.x_sd, fit.x + _Z * fit.x_sd
    interval = f"variational {LEVEL:.0%} (x +/- {_Z:.3f} sd; too narrow: no bootstrap)"
    seconds = None
    if s.replicates:
        began = time.perf_counter()

        def replicate(done: int, total: int) -> None:
            if progress is not None:
                progress("bootstrap", done, total)

        draws = replicate_positions(data.codes, data.vote_year, fit, replicates=s.replicates,
                                    options=options, seed=s.seed, workers=workers,
                                    progress=replicate)
        seconds = time.perf_counter() - began
        sd = bootstrap_sd(fit.x, draws)
        low, high = fit.x - _Z * sd, fit.x + _Z * sd
        interval = (f"parametric bootstrap {LEVEL:.0%} (x +/- {_Z:.3f} sd over "
                    f"{s.replicates} replicates)")
    points = _points(data, fit, sd, low, high)
    import pandas as pd

    items = pd.DataFrame({"vote_id": data.vote_ids, "alpha": fit.alpha, "beta": fit.beta,
                          "tau": fit.tau, "bridge": data.bridge})
    return IdealEstimates(points=points, items=items, settings=s, data_version=data.data_version,
                          votes=len(data.vote_ids), bridged_votes=data.bridged_votes,
                          fit=fit, interval=interval, bootstrap_seconds=seconds)


def bootstrap_sd(x: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """The sd of each state-year's position over the replicates ``draws`` ``(replicates,
    states, years)``, each first mapped onto the scale of ``x`` by the affine map that
    fits it best (least squares over the state-years): a replicate is standardised like
    the fit, but its spread can differ as a whole, which is the scale's identification,
    not a state's uncertainty. NaN where ``x`` is.

    >>> x = np.array([[1.0, 2.0], [-1.0, 0.0]])
    >>> draws = np.stack([2 * x + 1, x - 0.5])  # the same positions on other scales
    >>> bootstrap_sd(x, draws).round(6).tolist()
    [[0.0, 0.0], [0.0, 0.0]]
    """
    present = ~np.isnan(x)
    target = x[present]
    aligned = np.empty((len(draws), len(target)))
    for k, draw in enumerate(draws):
        values = draw[present].astype(np.float64)
        slope, intercept = np.polyfit(values, target, 1)
        aligned[k] = intercept + slope * values
    sd = np.full(x.shape, np.nan)
    sd[present] = aligned.std(axis=0, ddof=1) if len(draws) > 1 else 0.0
    return sd


def _points(data: IdealInput, fit: IdealFit, sd: np.ndarray, low: np.ndarray,
            high: np.ndarray) -> pd.DataFrame:
    import pandas as pd

    cast = ((data.codes == YES) | (data.codes == ABSTAIN) | (data.codes == NO))
    t = np.searchsorted(fit.years, data.vote_year)
    counts = np.zeros((len(fit.years), len(data.states)), dtype=np.int64)
    np.add.at(counts, t, cast.astype(np.int64))
    state, year = np.nonzero(~np.isnan(fit.x))
    return pd.DataFrame({
        "country": np.asarray(data.states, dtype=object)[state],
        "year": fit.years[year].astype(np.int64),
        "ideal_point": fit.x[state, year], "sd": sd[state, year],
        "low": low[state, year], "high": high[state, year],
        "votes": counts[year, state],
    }, columns=POINT_COLUMNS)


def save_estimates(path: Path | str, est: IdealEstimates, *,
                   before_swap: Callable[[Path], None] | None = None) -> int:
    """Store ``est`` in the database at ``path``, replacing the previous fit of its
    scope, atomically (a failed or killed write leaves the database as it was); return
    the new fit's id. Raises StoreError if the database cannot be read or written."""
    import pandas as pd

    from unvotes import __version__
    from unvotes.store import Store, update_record

    with Store(Path(path)) as store:
        fit_id = int(store.scalar("SELECT coalesce(max(fit_id), 0) + 1 FROM ideal_fits"))

    s, fit = est.settings, est.fit
    meta = pd.DataFrame([{
        "fit_id": fit_id, "scope": s.scope, "fitted_at": dt.datetime.now(),
        "unvotes_version": __version__, "data_version": est.data_version,
        "settings": json.dumps(s.to_dict()), "votes": est.votes,
        "bridged_votes": est.bridged_votes, "states": int(est.points["country"].nunique()),
        "first_year": int(fit.years[0]), "last_year": int(fit.years[-1]),
        "iterations": fit.iterations, "converged": fit.converged,
        "objective": float(fit.trace[-1]) if len(fit.trace) else float("nan"),
        "seconds": fit.seconds, "replicates": s.replicates,
        "bootstrap_seconds": est.bootstrap_seconds, "interval": est.interval}])
    points = est.points.rename(columns={"country": "iso3"}).assign(fit_id=fit_id)
    old = "(SELECT fit_id FROM ideal_fits WHERE scope = ?)"
    update_record(Path(path), statements=[
        (f"DELETE FROM ideal_points WHERE fit_id IN {old}", [s.scope]),
        (f"DELETE FROM ideal_items WHERE fit_id IN {old}", [s.scope]),
        ("DELETE FROM ideal_fits WHERE scope = ?", [s.scope]),
    ], tables={"ideal_fits": meta, "ideal_points": points,
               "ideal_items": est.items.assign(fit_id=fit_id)}, before_swap=before_swap)
    return fit_id


def stored_fit(rec: Record, *, topic: str | None = None) -> dict[str, Any]:
    """The stored fit of a scope (``topic`` or all votes): its row of ``ideal_fits``,
    ``settings`` parsed. Raises StoreError if there is none.

    >>> import unvotes  # doctest: +SKIP
    >>> stored_fit(unvotes.open())["scope"]  # doctest: +SKIP
    'all'
    """
    scope = topic or "all"
    rows = rec.store.dicts("SELECT * FROM ideal_fits WHERE scope = ?", [scope])
    if not rows:
        how = f" --topic {topic}" if topic else ""
        raise StoreError(f"no ideal points for {scope!r} in the database; run 'unvotes "
                         f"ideal fit{how}' first")
    row = rows[0]
    row["settings"] = json.loads(row["settings"])
    return row


def stored_points(rec: Record, countries: Sequence[str] = (), *, topic: str | None = None,
                  since: int | None = None, until: int | None = None,
                  year: int | None = None) -> pd.DataFrame:
    """Stored ideal points as a DataFrame (``country``, ``name``, ``year``,
    ``ideal_point``, ``sd``, ``low``, ``high``, ``votes``), for the given states (codes
    or names; all when empty), sorted by country and year; with ``year``, that year's,
    ranked from the highest. Raises StoreError if the scope has no fit,
    UnknownCountryError for an unknown state.

    >>> import unvotes  # doctest: +SKIP
    >>> stored_points(unvotes.open(), ["USA"], since=2020)["year"].min()  # doctest: +SKIP
    2020
    """
    fit = stored_fit(rec, topic=topic)
    codes = [rec.country_code(c) for c in countries]
    clauses, params = ["p.fit_id = ?"], [fit["fit_id"]]
    if codes:
        clauses.append("list_contains(?, p.iso3)")
        params.append(codes)
    for sql, value in (("p.year >= ?", since), ("p.year <= ?", until), ("p.year = ?", year)):
        if value is not None:
            clauses.append(sql)
            params.append(value)
    order = "p.ideal_point DESC, p.iso3" if year is not None else "p.iso3, p.year"
    frame = rec.store.frame(
        "SELECT p.iso3 AS country, coalesce(c.name, p.iso3) AS name, p.year, p.ideal_point, "
        "p.sd, p.low, p.high, p.votes FROM ideal_points p LEFT JOIN countries c USING "
        f"(iso3) WHERE {' AND '.join(clauses)} ORDER BY {order}", params)
    if year is not None:
        frame.insert(0, "rank", np.arange(1, len(frame) + 1))
    return frame
