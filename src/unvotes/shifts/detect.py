"""Shifts in alignment: change points in states' and pairs' voting, with their dates.

Two kinds of series, one value per General Assembly voting day (the mean over that
day's recorded votes, overall or on one topic), each segmented by
:func:`unvotes.shifts.changepoints.segment`:

- **state**: the state's agreement with the Assembly's majority (the position most
  voters took; agreement 1 for the same position, 1/2 when one of the two abstained, 0
  for opposite positions, as Voeten's index). A state that breaks with the majority,
  or joins it, moves this series; it needs no reference state.
- **dyad**: the agreement of two states (the same index) on the votes both cast.

A change is reported with the first day of the new segment (its date), the means
before and after, its confidence, and the votes that drive it: the first votes from
that day on whose value lies on the new side of the midpoint between the two means.

Seats are kept apart unless asked: with ``follow_seats=True`` a state's series continues
its predecessor seat's days before its own first vote when the predecessor passed to it
alone (the USSR's seat to the Russian Federation, the Republic of China's to the
People's Republic), so the change of 1971 or 1991 can be seen.

>>> import unvotes  # doctest: +SKIP
>>> shifts(unvotes.open(), "USA", since="2015").head()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from unvotes.errors import UnvotesError
from unvotes.metrics.codes import ABSTAIN, NO, YES
from unvotes.shifts.changepoints import Change, segment

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record

__all__ = ["SHIFT_COLUMNS", "Series", "shift_records", "shifts", "shifts_of_year",
           "voting_days"]

SHIFT_COLUMNS = ["kind", "country", "partner", "topic", "date", "before", "after", "change",
                 "confidence", "days_before", "days_after", "votes"]
DRIVERS = 5  # votes named as driving a change
_SCORE = {YES: 1.0, ABSTAIN: 0.5, NO: 0.0}


@dataclass(frozen=True, eq=False)
class Series:
    """The GA votes as scores (Yes 1, Abstain 1/2, No 0, NaN when not cast) ``(votes,
    states)`` in date order, with each vote's day, symbol and topics, and the majority's
    score per vote."""

    scores: np.ndarray
    states: list[str]
    days: np.ndarray  # datetime64[D] per vote
    symbols: list[str]
    topics: list[frozenset[str]]
    majority: np.ndarray
    seats: dict[str, str]  # successor -> the predecessor seat whose earlier days it takes


def voting_days(rec: Record) -> Series:
    """The record's GA votes as a :class:`Series` (one query; a second or so)."""
    from unvotes.alignment import Slice, vote_matrix

    matrix = vote_matrix(rec, Slice(body="GA"))
    if not matrix.vote_ids:
        raise UnvotesError("the record holds no General Assembly vote")
    meta = rec.store.frame(
        "SELECT v.vote_id, v.date, v.symbol, (SELECT list(t.topic) FROM vote_topics t WHERE "
        "t.vote_id = v.vote_id) AS topics FROM votes v WHERE list_contains(?, v.vote_id)",
        [matrix.vote_ids]).set_index("vote_id").loc[matrix.vote_ids]
    codes = matrix.codes
    scores = np.select([codes == YES, codes == ABSTAIN, codes == NO], [1.0, 0.5, 0.0], np.nan)
    counts = np.stack([(codes == c).sum(axis=1) for c in (YES, ABSTAIN, NO)], axis=1)
    majority = np.array([1.0, 0.5, 0.0])[counts.argmax(axis=1)]
    lineage = {iso3: (list(before or []), list(after or [])) for iso3, before, after in
               rec.store.rows("SELECT iso3, predecessors, successors FROM countries")}
    seats = {iso3: before for iso3, (predecessors, _) in lineage.items()
             for before in predecessors if lineage.get(before, ([], []))[1] == [iso3]}
    return Series(scores=scores, states=list(matrix.states),
                  days=meta["date"].to_numpy(dtype="datetime64[D]"),
                  symbols=[str(s) if isinstance(s, str) and s else v
                           for s, v in zip(meta["symbol"], matrix.vote_ids, strict=True)],
                  topics=[frozenset(t) if isinstance(t, list | np.ndarray) else frozenset()
                          for t in meta["topics"]],
                  majority=majority, seats=seats)


def _column(series: Series, state: str, follow_seats: bool) -> np.ndarray:
    """A state's scores per vote, continued by its predecessor seat's before its own
    first vote."""
    own = series.scores[:, series.states.index(state)]
    before = series.seats.get(state) if follow_seats else None
    if before is None or before not in series.states:
        return own
    cast = np.flatnonzero(~np.isnan(own))
    first = cast[0] if len(cast) else len(own)
    earlier = series.scores[:, series.states.index(before)].copy()
    earlier[first:] = np.nan
    return np.where(np.isnan(own), earlier, own)


def _daily(values: np.ndarray, days: np.ndarray, rows: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per voting day among ``rows`` where ``values`` is defined: the day, the mean value
    and the number of votes."""
    keep = rows[~np.isnan(values[rows])]
    if not len(keep):
        return np.array([], dtype="datetime64[D]"), np.array([]), np.array([])
    day, index = np.unique(days[keep], return_inverse=True)
    count = np.bincount(index)
    mean = np.bincount(index, weights=values[keep]) / count
    return day, mean, count.astype(np.float64)


def _drivers(values: np.ndarray, days: np.ndarray, rows: np.ndarray, symbols: list[str],
             change: Change, start: np.datetime64) -> list[str]:
    """The first votes from ``start`` on whose value sits on the new side of the
    midpoint between the means before and after."""
    middle = (change.before + change.after) / 2.0
    out = []
    for r in rows:
        if days[r] < start or np.isnan(values[r]):
            continue
        if (values[r] - middle) * (change.after - change.before) > 0 and symbols[r] not in out:
            out.append(symbols[r])
            if len(out) == DRIVERS:
                break
    return out


def _detect(values: np.ndarray, series: Series, rows: np.ndarray, *, kind: str,
            country: str, partner: str | None, topic: str | None,
            options: dict[str, Any]) -> list[dict[str, Any]]:
    day, mean, count = _daily(values, series.days, rows)
    found = []
    for c in segment(mean, count, **options):
        found.append({
            "kind": kind, "country": country, "partner": partner, "topic": topic or "all",
            "date": day[c.index].astype("datetime64[D]").item(),
            "before": round(c.before, 4), "after": round(c.after, 4),
            "change": round(c.size, 4), "confidence": round(c.confidence, 4),
            "days_before": int(c.index), "days_after": int(len(day) - c.index),
            "votes": _drivers(values, series.days, rows, series.symbols, c, day[c.index])})
    return found


def _rows(series: Series, topic: str | None, since: dt.date | None, until: dt.date | None
          ) -> np.ndarray:
    keep = np.ones(len(series.days), dtype=bool)
    if topic is not None:
        keep &= np.array([topic in t for t in series.topics])
    if since is not None:
        keep &= series.days >= np.datetime64(since)
    if until is not None:
        keep &= series.days <= np.datetime64(until)
    return np.flatnonzero(keep)


def shifts(rec: Record, country: str, *, topic: str | None = None,
           since: dt.date | str | None = None, until: dt.date | str | None = None,
           partners: list[str] | None = None, follow_seats: bool = False,
           series: Series | None = None, **options: Any) -> pd.DataFrame:
    """A state's realignments: change points in its agreement with the majority (over
    all votes and, without ``topic``, on each topic) and in its agreement with each
    other state (or ``partners``), as a DataFrame of :data:`SHIFT_COLUMNS`, largest
    first. ``options`` go to :func:`~unvotes.shifts.changepoints.segment` (``penalty``,
    ``min_days``, ``min_change``). Raises UnknownCountryError, or UnvotesError for a bad
    topic or date.

    >>> import unvotes  # doctest: +SKIP
    >>> shifts(unvotes.open(), "USA", since="2020").iloc[0]["date"]  # doctest: +SKIP
    datetime.date(2025, 2, 24)
    """
    import pandas as pd

    from unvotes.record import parse_day
    from unvotes.topics import Topic, parse_topic

    s = series if series is not None else voting_days(rec)
    code = rec.country_code(country)
    if code not in s.states:
        raise UnvotesError(f"{code} cast no recorded General Assembly vote")
    first = None if since is None else parse_day(since, end=False)
    last = None if until is None else parse_day(until, end=True)
    topics = [parse_topic(topic).value] if topic else [None] + [t.value for t in Topic]
    others = ([rec.country_code(p) for p in partners] if partners is not None
              else [x for x in s.states if x != code])
    mine = _column(s, code, follow_seats)
    found: list[dict[str, Any]] = []
    for t in topics:
        rows = _rows(s, t, first, last)
        found += _detect(1.0 - np.abs(mine - s.majority), s, rows, kind="state",
                         country=code, partner=None, topic=t, options=options)
    rows = _rows(s, topic and parse_topic(topic).value, first, last)
    for other in others:
        if other not in s.states or other == code:
            continue
        theirs = _column(s, other, follow_seats)
        found += _detect(1.0 - np.abs(mine - theirs), s, rows, kind="dyad", country=code,
                         partner=other, topic=topic and parse_topic(topic).value,
                         options=options)
    return _frame(pd, found)


def _frame(pd: Any, found: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(found, columns=SHIFT_COLUMNS)
    if frame.empty:
        return frame
    frame["size"] = frame["change"].abs()
    frame = frame.sort_values(["size", "confidence"], ascending=False, kind="stable")
    return frame.drop(columns="size").reset_index(drop=True)


def shifts_of_year(rec: Record, year: int, *, topic: str | None = None,
                   pairs: str = "all", window: int = 8, top: int | None = 50,
                   follow_seats: bool = False, series: Series | None = None,
                   **options: Any) -> pd.DataFrame:
    """The largest shifts dated in ``year``, across every state (its agreement with the
    majority) and every pair of states (``pairs="all"``) or the pairs with a permanent
    member (``pairs="p5"``), each series taken over the ``window`` years before and the
    year after. Raises UnvotesError for a bad year, topic or ``pairs``.

    >>> import unvotes  # doctest: +SKIP
    >>> shifts_of_year(unvotes.open(), 2025, top=5)  # doctest: +SKIP
    """
    import pandas as pd

    from unvotes.topics import parse_topic

    if pairs not in ("all", "p5"):
        raise UnvotesError(f"pairs must be 'all' or 'p5', got {pairs!r}")
    if not 1946 <= year <= 2100:
        raise UnvotesError(f"year must be between 1946 and 2100, got {year}")
    s = series if series is not None else voting_days(rec)
    t = parse_topic(topic).value if topic else None
    rows = _rows(s, t, dt.date(year - window, 1, 1), dt.date(year + 1, 12, 31))
    active = [x for x in s.states if not np.isnan(s.scores[rows, s.states.index(x)]).all()]
    columns = {x: _column(s, x, follow_seats) for x in active}
    found: list[dict[str, Any]] = []
    for x in active:
        found += _detect(1.0 - np.abs(columns[x] - s.majority), s, rows, kind="state",
                         country=x, partner=None, topic=t, options=options)
    p5 = {"USA", "RUS", "CHN", "GBR", "FRA"}
    for i, x in enumerate(active):
        for y in active[i + 1:]:
            if pairs == "p5" and not ({x, y} & p5):
                continue
            found += _detect(1.0 - np.abs(columns[x] - columns[y]), s, rows, kind="dyad",
                             country=x, partner=y, topic=t, options=options)
    in_year = [f for f in found if f["date"].year == year]
    frame = _frame(pd, in_year)
    return frame.head(top).reset_index(drop=True) if top is not None else frame


def shift_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Shifts as plain JSON-ready rows (the date as ISO text, the driving votes a list),
    as ``unvotes shifts --json`` prints them and the API sends them."""
    return [{"kind": r["kind"], "country": r["country"], "partner": r["partner"],
             "topic": r["topic"], "date": r["date"].isoformat(), "before": float(r["before"]),
             "after": float(r["after"]), "change": float(r["change"]),
             "confidence": float(r["confidence"]), "days_before": int(r["days_before"]),
             "days_after": int(r["days_after"]), "votes": list(r["votes"])}
            for r in frame.to_dict("records")]
