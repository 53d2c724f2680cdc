"""Browsing the record: what the dashboard and the API show beside a vote or a state.

Each function makes the queries and computations one page needs and returns plain
dicts and lists, JSON-ready: the views only format them.

>>> breakdown(rec, "A/RES/ES-11/7")["regional_groups"]["WEOG"]   # doctest: +SKIP
{'Y': 24, 'N': 2, 'A': 0, 'X': 3}
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from unvotes.errors import UnvotesError
from unvotes.record import frame_records

if TYPE_CHECKING:
    from unvotes.record import Record, Vote

__all__ = ["breakdown", "broke_with_partners", "coverage", "differences", "divided_votes",
           "partners_over_time"]

# the groups a vote page breaks the positions down by (regional groups come from the vote)
BLOCS = ("P5", "EU", "NATO", "G77", "NAM", "OIC", "AU", "ARAB_LEAGUE", "ASEAN", "BRICS")
_LETTERS = ("Y", "N", "A", "X")


def breakdown(rec: Record, key: str) -> dict[str, Any]:
    """Positions counted by regional group and by bloc (members of each on the day).

    Returns ``{"regional_groups": {group: {Y, N, A, X}}, "blocs": {...}}``.
    Raises UnknownVoteError.
    """
    vote = rec.vote(key)
    regional: dict[str, Counter[str]] = {}
    for iso3, pos in vote.positions.items():
        group = vote.regional_groups.get(iso3) or "none"
        regional.setdefault(group, Counter())[pos] += 1
    blocs: dict[str, dict[str, int]] = {}
    for bloc in BLOCS:
        members = [iso3 for iso3, start, end in rec.group_periods(bloc)
                   if vote.date is not None and (start is None or start <= vote.date)
                   and (end is None or vote.date < end)]
        counts = Counter(vote.positions[m] for m in members if m in vote.positions)
        if counts:
            blocs[bloc] = {p: counts.get(p, 0) for p in _LETTERS}
    return {"vote_id": vote.vote_id,
            "regional_groups": {g: {p: c.get(p, 0) for p in _LETTERS}
                                for g, c in sorted(regional.items())},
            "blocs": blocs}


def broke_with_partners(rec: Record, key: str, *, partners: int = 5, window_days: int = 730,
                        min_votes: int = 20) -> list[dict[str, Any]]:
    """The states that voted otherwise than most of their usual partners on one vote.

    A state's usual partners are the ``partners`` states it agreed with most (Voeten's
    index) over the recorded votes of the same body in the ``window_days`` before the
    vote. Returns ``[{"country", "position", "partners", "partners_position",
    "agreement"}]``, the strongest partnerships first. Raises UnknownVoteError.
    """
    from unvotes.alignment import Slice, vote_matrix
    from unvotes.metrics import pair_matrices

    vote = rec.vote(key)
    if vote.date is None or not vote.positions_complete:
        return []
    since = vote.date - dt.timedelta(days=window_days)
    until = vote.date - dt.timedelta(days=1)
    matrix = vote_matrix(rec, Slice(vote.body, since, until, None, (), False))
    if len(matrix.vote_ids) < min_votes:
        return []
    agree = pair_matrices(matrix.codes, indices=("agreement",), min_votes=min_votes)["agreement"]
    values = np.nan_to_num(np.asarray(agree.values, dtype=float), nan=-1.0)
    states = matrix.states
    out = []
    for i, iso3 in enumerate(states):
        mine = vote.positions.get(iso3)
        if mine not in ("Y", "N", "A"):
            continue
        order = [j for j in np.argsort(-values[i]) if j != i and values[i, j] >= 0
                 and vote.positions.get(states[j]) in ("Y", "N", "A")][:partners]
        if len(order) < partners:
            continue
        theirs = Counter(vote.positions[states[j]] for j in order)
        common, n = theirs.most_common(1)[0]
        if common != mine and n > partners // 2:
            out.append({"country": iso3, "position": mine,
                        "partners": [states[j] for j in order],
                        "partners_position": common,
                        "agreement": round(float(np.mean([values[i, j] for j in order])), 3)})
    return sorted(out, key=lambda r: -r["agreement"])


def divided_votes(rec: Record, *, year: int, limit: int = 10) -> list[dict[str, Any]]:
    """The year's most divided recorded votes: the smallest share between Yes and No.

    Returns rows ``{"vote_id", "symbol", "body", "date", "title", "yes", "no", "abstain",
    "division"}`` where ``division`` = min(yes, no) / (yes + no), highest first.
    """
    frame = rec.votes(since=f"{year}-01-01", until=f"{year}-12-31")
    if frame.empty:
        return []
    total = (frame["yes"] + frame["no"]).where(lambda s: s > 0)
    frame = frame.assign(division=(frame[["yes", "no"]].min(axis=1) / total).fillna(0.0))
    frame = frame.sort_values(["division", "date"], ascending=[False, False]).head(limit)
    records = frame_records(frame)
    return [{"vote_id": r["vote_id"], "symbol": r["symbol"] or r["vote_id"], "body": r["body"],
             "date": r["date"].isoformat() if r["date"] else None, "title": r["title"],
             "yes": int(r["yes"]), "no": int(r["no"]), "abstain": int(r["abstain"]),
             "division": round(float(r["division"]), 3)} for r in records]


def coverage(rec: Record) -> list[dict[str, Any]]:
    """Recorded votes per year and body: ``[{"year", "GA", "SC"}]``, oldest first."""
    rows = rec.store.rows("SELECT year, body, count(*) FROM votes WHERE year IS NOT NULL "
                          "GROUP BY 1, 2 ORDER BY 1")
    out: dict[int, dict[str, Any]] = {}
    for year, body, n in rows:
        out.setdefault(int(year), {"year": int(year), "GA": 0, "SC": 0})[body] = int(n)
    return list(out.values())


# the permanent members' seats today (the USSR's votes before 1992 are SUN's, not RUS's)
PERMANENT = ("USA", "RUS", "CHN", "GBR", "FRA")


def partners_over_time(rec: Record, country: str, *, partners: tuple[str, ...] | None = None,
                       index: str = "agreement", topic: str | None = None,
                       since: str | int | None = None) -> list[dict[str, Any]]:
    """A state's agreement per year (GA) with ``partners``: by default the permanent
    members and the blocs the state has belonged to (its regional group, G77, NAM, EU ...;
    each group stands in with its members' majority position of the day).

    Returns ``[{"partner", "year", "value", "n_votes"}]`` (the state itself is skipped).
    Raises UnknownCountryError.
    """
    from unvotes.alignment import Slice, align_many

    iso3 = rec.country_code(country)
    if partners is None:
        blocs = [g["group"] for g in rec.country(iso3).groups if g["group"] != "P5"]
        partners = (*PERMANENT, *dict.fromkeys(blocs))
    frame = align_many(rec, iso3, [p for p in partners if p != iso3], index=index, by="year",
                       where=Slice("GA", str(since) if since is not None else None, None,
                                   topic, (), False))
    records = frame_records(frame)
    return [{"partner": r["partner"], "year": int(str(r["period"])[:4]),
             "value": round(float(r["value"]), 4), "n_votes": int(r["n_votes"])}
            for r in records if r["value"] is not None and not math.isnan(r["value"])]


def differences(rec: Record, a: str, b: str, *, topic: str | None = None,
                since: str | None = None, until: str | None = None, body: str = "GA",
                limit: int = 200) -> list[dict[str, Any]]:
    """The votes where two states took different positions (both voting), newest first.

    Returns ``[{"vote_id", "symbol", "date", "title", a, b}]``. Raises UnknownCountryError.
    """
    ia, ib = rec.country_code(a), rec.country_code(b)
    if ia == ib:
        raise UnvotesError(f"compare two different states, not {ia} with itself")
    where = ["v.body = ?", "pa.position <> pb.position", "pa.position <> 'X'",
             "pb.position <> 'X'"]
    params: list[Any] = [ia, ib, body.upper()]
    if since:
        where.append("v.date >= ?")
        params.append(dt.date.fromisoformat(f"{since}-01-01" if len(since) == 4 else since))
    if until:
        where.append("v.date <= ?")
        params.append(dt.date.fromisoformat(f"{until}-12-31" if len(until) == 4 else until))
    if topic:
        from unvotes.topics import parse_topic

        where.append("EXISTS (SELECT 1 FROM vote_topics t WHERE t.vote_id = v.vote_id "
                     "AND t.topic = ?)")
        params.append(parse_topic(topic).value)
    rows = rec.store.rows(
        "SELECT v.vote_id, v.symbol, v.date, v.title, pa.position, pb.position FROM votes v "
        "JOIN positions pa ON pa.vote_id = v.vote_id AND pa.iso3 = ? "
        "JOIN positions pb ON pb.vote_id = v.vote_id AND pb.iso3 = ? "
        f"WHERE {' AND '.join(where)} ORDER BY v.date DESC, v.vote_id LIMIT {int(limit)}",
        params)
    return [{"vote_id": r[0], "symbol": r[1] or r[0], "date": r[2].isoformat() if r[2] else None,
             "title": r[3], ia: r[4], ib: r[5]} for r in rows]


def vote_summary(vote: Vote) -> dict[str, Any]:
    """The few fields a list of votes shows."""
    return {"vote_id": vote.vote_id, "symbol": vote.symbol or vote.vote_id, "body": vote.body,
            "date": vote.date.isoformat() if vote.date else None, "title": vote.title,
            "tally": vote.tally.as_dict()}


def country_votes(rec: Record, country: str, *, topic: str | None = None,
                  body: str | None = None, since: str | None = None,
                  until: str | None = None) -> list[dict[str, Any]]:
    """The votes a state has a position on, newest first: ``[{"vote_id", "symbol",
    "body", "date", "title", "position", "yes", "no", "abstain"}]``.

    Raises UnknownCountryError, or UnvotesError for an unknown topic or body.
    """
    from unvotes.record import parse_day

    iso3 = rec.country_code(country)
    where = ["p.iso3 = ?"]
    params: list[Any] = [iso3]
    if body:
        if body.upper() not in ("GA", "SC"):
            raise UnvotesError(f"unknown body {body!r}; use GA or SC")
        where.append("v.body = ?")
        params.append(body.upper())
    for value, op, end in ((since, ">=", False), (until, "<=", True)):
        if value:
            where.append(f"v.date {op} ?")
            params.append(parse_day(value, end=end))
    if topic:
        from unvotes.topics import parse_topic

        where.append("EXISTS (SELECT 1 FROM vote_topics t WHERE t.vote_id = v.vote_id "
                     "AND t.topic = ?)")
        params.append(parse_topic(topic).value)
    rows = rec.store.rows(
        "SELECT v.vote_id, v.symbol, v.body, v.date, v.title, p.position, v.yes, v.no, "
        "v.abstain FROM votes v JOIN positions p ON p.vote_id = v.vote_id "
        f"WHERE {' AND '.join(where)} ORDER BY v.date DESC, v.vote_id", params)
    return [{"vote_id": r[0], "symbol": r[1] or r[0], "body": r[2],
             "date": r[3].isoformat() if r[3] else None, "title": r[4], "position": r[5],
             "yes": r[6], "no": r[7], "abstain": r[8]} for r in rows]


def compare(rec: Record, names: list[str], *, index: str = "agreement",
            topic: str | None = None, by: str = "year", body: str = "GA",
            since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """An index for every pair of states or groups per period (``series``), and the votes
    where the first two states differed (``differences``, when both are states).

    Raises UnknownCountryError or UnvotesError for a bad option.
    """
    series = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            frame = rec.align(a, b, index=index, by=by, topic=topic, since=since, until=until,
                              body=body)
            for row in frame_records(frame):
                series.append({"a": a, "b": b, **row})
    diff: list[dict[str, Any]] = []
    groups = set(rec.group_names())
    if len(names) >= 2 and names[0] not in groups and names[1] not in groups:
        diff = differences(rec, names[0], names[1], topic=topic, since=since, until=until,
                           body=body)
    return {"series": series, "differences": diff}
