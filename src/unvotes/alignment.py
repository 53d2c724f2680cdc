"""Who votes with whom: agreement between states or groups, over time and by topic.

The record's positions become a votes × states matrix of codes (:mod:`unvotes.metrics`)
for a slice of votes (body, dates, topic, kinds); the indices are computed for all
pairs at once. A group (EU, NATO, G77, P5 ...) can stand in for a state: its position
on a vote is the position most of its members that day took (a tie counts as an
abstention), and its cohesion is measured with Rice's or Hix's index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from unvotes.errors import UnknownCountryError, UnvotesError

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record

__all__ = [
    "BY_CHOICES",
    "Slice",
    "VoteMatrix",
    "align_matrix",
    "align_one",
    "align_pair",
    "cohesion",
    "vote_matrix",
    "with_vote",
]

CODE = {"Y": 1, "A": 2, "N": 3, "X": 4}
LETTER = {v: k for k, v in CODE.items()}
BY_CHOICES = ("year", "session", "decade", "all")


@dataclass(frozen=True, slots=True)
class Slice:
    """Which votes to measure on."""

    body: str = "GA"
    since: dt.date | str | None = None
    until: dt.date | str | None = None
    topic: str | None = None
    kinds: tuple[str, ...] = ()  # empty: every kind
    important_only: bool = False


@dataclass(slots=True)
class VoteMatrix:
    """Positions as codes (0 none, 1 Y, 2 A, 3 N, 4 X): votes × states."""

    codes: np.ndarray
    vote_ids: list[str]
    states: list[str]
    years: np.ndarray
    sessions: list[str | None]
    important: np.ndarray

    def take(self, mask: np.ndarray) -> VoteMatrix:
        """The votes where ``mask`` is true."""
        index = np.flatnonzero(mask)
        return VoteMatrix(self.codes[index], [self.vote_ids[i] for i in index], self.states,
                          self.years[index], [self.sessions[i] for i in index],
                          self.important[index])


_ALL = Slice()  # every GA vote (a frozen default, shared safely)


def vote_matrix(rec: Record, where: Slice) -> VoteMatrix:
    """The positions of the votes in a slice as a code matrix (states: every state with a
    position in the slice, sorted). Raises UnvotesError for a bad topic, body or date."""
    from unvotes.model import Body, VoteKind
    from unvotes.record import parse_day

    try:
        body = Body(where.body.upper()).value
    except ValueError as exc:
        raise UnvotesError(f"unknown body {where.body!r}; use GA or SC") from exc
    clauses: list[str] = ["v.body = ?"]
    params: list[Any] = [body]
    if where.since is not None:
        clauses.append("v.date >= ?")
        params.append(parse_day(where.since, end=False))
    if where.until is not None:
        clauses.append("v.date <= ?")
        params.append(parse_day(where.until, end=True))
    if where.kinds:
        for kind in where.kinds:
            try:
                VoteKind(kind)
            except ValueError as exc:
                raise UnvotesError(f"unknown kind {kind!r}") from exc
        clauses.append("list_contains(?, v.kind)")
        params.append(list(where.kinds))
    if where.important_only:
        clauses.append("v.important")
    if where.topic:
        from unvotes.topics import parse_topic

        clauses.append("EXISTS (SELECT 1 FROM vote_topics t WHERE t.vote_id = v.vote_id AND "
                       "t.topic = ?)")
        params.append(parse_topic(where.topic).value)
    # only votes where every member's position is known can be compared
    clauses.append("v.positions_complete")
    sql = ("SELECT v.vote_id, v.year, v.session, coalesce(v.important, false), p.iso3, "
           "CASE p.position WHEN 'Y' THEN 1 WHEN 'A' THEN 2 WHEN 'N' THEN 3 ELSE 4 END "
           "FROM votes v JOIN positions p USING (vote_id) WHERE " + " AND ".join(clauses)
           + " ORDER BY v.date, v.vote_id")
    frame = rec.store.frame(sql, params)
    frame.columns = ["vote_id", "year", "session", "important", "iso3", "code"]
    if frame.empty:
        return VoteMatrix(np.zeros((0, 0), np.int8), [], [], np.zeros(0, int), [],
                          np.zeros(0, bool))
    import pandas as pd

    vote_index, vote_ids = pd.factorize(frame["vote_id"])
    states = sorted(frame["iso3"].unique())
    state_index = pd.Index(states).get_indexer(frame["iso3"])
    codes = np.zeros((len(vote_ids), len(states)), dtype=np.int8)
    codes[vote_index, state_index] = frame["code"].to_numpy(dtype=np.int8)
    first = frame.drop_duplicates("vote_id")
    return VoteMatrix(codes, list(vote_ids), states, first["year"].to_numpy(dtype=int),
                      list(first["session"]), first["important"].to_numpy(dtype=bool))


def _group_codes(rec: Record, matrix: VoteMatrix, group: str) -> np.ndarray:
    """A group's position on each vote: the position most of its members that day took
    (ties count as an abstention); 0 where none of its members had a position."""
    periods = rec.group_periods(group)
    if not periods:
        raise UnknownCountryError(group)
    dates = dict(rec.store.rows("SELECT vote_id, date FROM votes WHERE list_contains(?, "
                                "vote_id)", [matrix.vote_ids]))
    column = {s: i for i, s in enumerate(matrix.states)}
    out = np.zeros(len(matrix.vote_ids), dtype=np.int8)
    for row, vote_id in enumerate(matrix.vote_ids):
        day = dates.get(vote_id)
        members = [column[iso3] for iso3, start, end in periods if iso3 in column
                   and day is not None and (start is None or start <= day)
                   and (end is None or day < end)]
        values = matrix.codes[row, members]
        votes = np.bincount(values[(values >= 1) & (values <= 3)], minlength=4)[1:]
        if votes.sum() == 0:
            out[row] = 4 if (values == 4).any() else 0
            continue
        best = np.flatnonzero(votes == votes.max())
        out[row] = best[0] + 1 if len(best) == 1 else 2
    return out


def _column(rec: Record, matrix: VoteMatrix, actor: str) -> tuple[str, np.ndarray]:
    """The code column of a state or a group (by its name: EU, NATO, P5 ...)."""
    name = actor.strip().upper().replace(" ", "_")
    if name in {g.upper() for g in rec.group_names()}:
        return name, _group_codes(rec, matrix, name)
    iso3 = rec.country_code(actor)
    if iso3 not in matrix.states:
        return iso3, np.zeros(len(matrix.vote_ids), dtype=np.int8)
    return iso3, matrix.codes[:, matrix.states.index(iso3)]


def _periods(matrix: VoteMatrix, by: str) -> list[tuple[str, np.ndarray]]:
    if by.startswith("rolling"):
        # rolling:N — for each year, the N years that end with it ("2014-2016")
        size = by.partition(":")[2] or "3"
        if not size.isdigit() or int(size) < 1:
            raise UnvotesError(f"bad rolling window {by!r}; write rolling:N with N years, "
                               f"e.g. rolling:3")
        n = int(size)
        years = sorted(set(matrix.years.tolist()))
        return [(f"{y - n + 1}-{y}" if n > 1 else str(y),
                 (matrix.years > y - n) & (matrix.years <= y)) for y in years]
    if by not in BY_CHOICES:
        raise UnvotesError(f"unknown period {by!r}; use one of: {', '.join(BY_CHOICES)}, "
                           f"rolling:N")
    if by == "all":
        return [("all", np.ones(len(matrix.vote_ids), dtype=bool))]
    if by == "decade":
        keys = (matrix.years // 10 * 10).astype(int)
        return [(f"{k}s", keys == k) for k in sorted(set(keys.tolist()))]
    if by == "session":
        labels = np.array([s or "" for s in matrix.sessions])
        order = sorted(set(labels.tolist()), key=lambda s: (not s.isdigit(),
                                                             int(s) if s.isdigit() else 0, s))
        return [(s, labels == s) for s in order]
    return [(str(y), matrix.years == y) for y in sorted(set(matrix.years.tolist()))]


def align_pair(rec: Record, a: str, b: str, *, index: str = "agreement", by: str = "year",
               where: Slice = _ALL, **options: Any) -> pd.DataFrame:
    """An index between two states (or groups) per period, as a DataFrame of
    ``period, index, value, n_votes``. Example: ``align_pair(rec, "USA", "RUS")``."""
    import pandas as pd

    from unvotes.metrics import pair_matrices

    matrix = vote_matrix(rec, where)
    rows = []
    if matrix.vote_ids:
        _, col_a = _column(rec, matrix, a)
        _, col_b = _column(rec, matrix, b)
        pair = np.stack([col_a, col_b], axis=1)
        for period, mask in _periods(matrix, by):
            result = pair_matrices(pair[mask], indices=(index,), **options)[index]
            value = float(result.values[0, 1])
            rows.append({"period": period, "index": index,
                         "value": None if np.isnan(value) else round(value, 6),
                         "n_votes": int(result.n_votes[0, 1])})
    return pd.DataFrame(rows, columns=["period", "index", "value", "n_votes"])


def align_many(rec: Record, a: str, partners: Sequence[str], *, index: str = "agreement",
               by: str = "year", where: Slice = _ALL, **options: Any) -> pd.DataFrame:
    """An index between one state (or group) and each of several others per period, from
    one vote matrix: a DataFrame of ``partner, period, index, value, n_votes``. Unknown
    partners raise UnknownCountryError. Example: ``align_many(rec, "IND", ["USA", "RUS"])``.
    """
    import pandas as pd

    from unvotes.metrics import pair_matrices

    matrix = vote_matrix(rec, where)
    rows = []
    if matrix.vote_ids:
        _, col_a = _column(rec, matrix, a)
        for partner in partners:
            name, col_b = _column(rec, matrix, partner)
            pair = np.stack([col_a, col_b], axis=1)
            for period, mask in _periods(matrix, by):
                result = pair_matrices(pair[mask], indices=(index,), **options)[index]
                value = float(result.values[0, 1])
                rows.append({"partner": name, "period": period, "index": index,
                             "value": None if np.isnan(value) else round(value, 6),
                             "n_votes": int(result.n_votes[0, 1])})
    return pd.DataFrame(rows, columns=["partner", "period", "index", "value", "n_votes"])


def align_one(rec: Record, a: str, *, index: str = "agreement", where: Slice = _ALL,
              top: int = 20, min_votes: int = 10, **options: Any) -> pd.DataFrame:
    """Every state ranked by an index with one state (or group) over a slice: a DataFrame
    of ``country, value, n_votes``, closest first."""
    import pandas as pd

    from unvotes.metrics import pair_matrices

    matrix = vote_matrix(rec, where)
    if not matrix.vote_ids:
        return pd.DataFrame(columns=["country", "value", "n_votes"])
    name, column = _column(rec, matrix, a)
    others = [s for s in matrix.states if s != name]
    codes = np.column_stack([column, matrix.codes[:, [matrix.states.index(s)
                                                        for s in others]]])
    result = pair_matrices(codes, indices=(index,), min_votes=min_votes, **options)[index]
    frame = pd.DataFrame({"country": others, "value": result.values[0, 1:],
                          "n_votes": result.n_votes[0, 1:]})
    frame = frame.dropna(subset=["value"]).sort_values(["value", "country"],
                                                        ascending=[False, True])
    return frame.reset_index(drop=True)


def align_matrix(rec: Record, *, index: str = "agreement", where: Slice = _ALL,
                 min_votes: int = 10, **options: Any) -> pd.DataFrame:
    """The all-pairs matrix of an index over a slice (states × states DataFrame)."""
    import pandas as pd

    from unvotes.metrics import pair_matrices

    matrix = vote_matrix(rec, where)
    result = pair_matrices(matrix.codes, indices=(index,), min_votes=min_votes,
                           **options)[index]
    return pd.DataFrame(result.values, index=matrix.states, columns=matrix.states)


def with_vote(rec: Record, key: str, country: str) -> dict[str, Any]:
    """On one vote, which states took the same position as a state, and which not."""
    vote = rec.vote(key)
    iso3 = rec.country_code(country)
    if iso3 not in vote.positions:
        raise UnvotesError(f"{iso3} has no position on {vote.symbol or vote.vote_id}")
    mine = vote.positions[iso3]
    same = sorted(k for k, v in vote.positions.items() if v == mine and k != iso3)
    other = {label: sorted(k for k, v in vote.positions.items() if v == letter)
             for letter, label in (("Y", "yes"), ("N", "no"), ("A", "abstain"),
                                   ("X", "non_voting")) if letter != mine}
    return {"symbol": vote.symbol or vote.vote_id, "country": iso3, "position": mine,
            "same": same, "others": other}


def cohesion(rec: Record, group: str, *, measure: str = "rice", by: str = "year",
             where: Slice = _ALL) -> pd.DataFrame:
    """A group's cohesion per period (Rice or Hix), over its members of each day."""
    import pandas as pd

    from unvotes.metrics import cohesion as per_vote

    if measure not in ("rice", "hix"):
        raise UnvotesError(f"unknown cohesion measure {measure!r}; use rice or hix")
    name = group.strip().upper().replace(" ", "_")
    periods = rec.group_periods(name)
    if not periods:
        raise UnvotesError(f"unknown group {group!r}; use one of: {', '.join(rec.group_names())}")
    matrix = vote_matrix(rec, where)
    dates = dict(rec.store.rows("SELECT vote_id, date FROM votes WHERE list_contains(?, "
                                "vote_id)", [matrix.vote_ids]))
    column = {s: i for i, s in enumerate(matrix.states)}
    masked = np.zeros_like(matrix.codes)
    for row, vote_id in enumerate(matrix.vote_ids):
        day = dates[vote_id]
        members = [column[iso3] for iso3, start, end in periods if iso3 in column
                   and (start is None or start <= day) and (end is None or day < end)]
        masked[row, members] = matrix.codes[row, members]
    rows = []
    for period, mask in _periods(matrix, by):
        values = per_vote(masked[mask], measure="hix" if measure == "hix" else "rice")
        values = values[~np.isnan(values)]
        rows.append({"period": period, "measure": measure,
                     "value": round(float(values.mean()), 6) if len(values) else None,
                     "n_votes": len(values)})
    return pd.DataFrame(rows, columns=["period", "measure", "value", "n_votes"])
