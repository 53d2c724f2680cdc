"""Questions about outcomes: the computed outcome of a vote, "what if", pivots, vetoes.

Each function takes a :class:`~unvotes.record.Record` and asks the pure rules in
:mod:`unvotes.rules`; nothing here is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from unvotes.errors import UnvotesError
from unvotes.model import Body, Position, VoteKind
from unvotes.rules import Decision, Outcome, VoteFacts, decide_vote

if TYPE_CHECKING:
    import pandas as pd

    from unvotes.record import Record

__all__ = [
    "OutcomeView",
    "Pivot",
    "Pivots",
    "WhatIf",
    "facts_of",
    "outcome_of",
    "permanent_members",
    "pivots",
    "vetoes",
    "what_if",
]


@dataclass(frozen=True, slots=True)
class OutcomeView:
    """The stored computed outcome of a vote beside the published one."""

    outcome: str
    rule: str
    threshold: int | None
    margin: int | None
    vetoed_by: list[str]
    certain: bool
    basis: str
    alternative_outcome: str | None
    alternative_rule: str | None
    alternative_threshold: int | None
    alternative_margin: int | None
    published_outcome: str
    published_basis: str
    agrees: bool | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def outcome_of(rec: Record, vote_id: str) -> OutcomeView | None:
    """The stored outcome of a vote (None for a database built without outcomes)."""
    rows = rec.store.dicts("SELECT * EXCLUDE (vote_id) FROM outcomes WHERE vote_id = ?",
                           [vote_id])
    if not rows:
        return None
    row = rows[0]
    row["vetoed_by"] = list(row["vetoed_by"] or [])
    return OutcomeView(**row)


def permanent_members(rec: Record, on: dt.date | None) -> frozenset[str]:
    """The permanent members of the Council on a day (the present ones if unknown)."""
    periods = rec.group_periods("P5")
    return frozenset(iso3 for iso3, start, end in periods
                     if (end is None if on is None else
                         (start is None or start <= on) and (end is None or on < end)))


def facts_of(rec: Record, vote_id: str, positions: Mapping[str, Position] | None = None
             ) -> VoteFacts:
    """What the rules need to know about a vote of the record (positions may be replaced)."""
    row = rec.store.dicts(
        "SELECT body, kind, date, title, agenda_item, session, positions_complete, "
        "published_yes, published_no, published_abstain, yes, no, abstain, non_voting, "
        "published_result, notes FROM votes WHERE vote_id = ?", [vote_id])[0]
    if positions is None:
        positions = {iso3: Position(p) for iso3, p in rec.store.rows(
            "SELECT iso3, position FROM positions WHERE vote_id = ?", [vote_id])}
    published = None
    if None not in (row["published_yes"], row["published_no"], row["published_abstain"]):
        published = (row["published_yes"], row["published_no"], row["published_abstain"])
    stored = rec.store.scalar("SELECT rule FROM outcomes WHERE vote_id = ?", [vote_id])
    return VoteFacts(
        body=Body(row["body"]), kind=VoteKind(row["kind"]), date=row["date"],
        positions=positions, complete=bool(row["positions_complete"]) and bool(positions),
        published=published, title=row["title"], agenda_item=row["agenda_item"],
        session=row["session"], without_vote=stored == "adopted without a vote")


@dataclass(frozen=True, slots=True)
class WhatIf:
    """A vote's outcome as recorded and with some positions changed."""

    vote_id: str
    symbol: str | None
    changes: dict[str, tuple[str, str]]  # iso3 -> (position before, position after)
    before: Decision
    after: Decision

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the changed outcome at the top level."""
        out = self.after.to_dict()
        out.update({"vote_id": self.vote_id, "symbol": self.symbol,
                    "changes": {k: {"from": a, "to": b} for k, (a, b) in self.changes.items()},
                    "before": self.before.to_dict(),
                    "flipped": self.before.outcome is not self.after.outcome})
        return out


_LETTERS = {p.value: p for p in Position}


def what_if(rec: Record, key: str, changes: Mapping[str, str]) -> WhatIf:
    """The outcome of a vote if some states had voted otherwise.

    ``changes`` maps a country (code or name) to Y, N, A or X. Raises UnknownVoteError,
    UnknownCountryError, or UnvotesError for a position letter that does not exist or a
    state that had no place in the vote (not a member of the body that day).
    Example: ``what_if(rec, "S/RES/2774 (2025)", {"USA": "N"}).after.outcome``.
    """
    vote_id = rec.vote_id(key)
    facts = facts_of(rec, vote_id)
    if facts.without_vote:
        raise UnvotesError(f"{key} was adopted without a vote: there are no positions to change")
    symbol = rec.store.scalar("SELECT coalesce(symbol, draft_symbol) FROM votes "
                              "WHERE vote_id = ?", [vote_id])
    body = "Security Council" if facts.body is Body.SC else "General Assembly"
    new = dict(facts.positions)
    done: dict[str, tuple[str, str]] = {}
    for country, letter in changes.items():
        iso3 = rec.country_code(country)
        position = _LETTERS.get(letter.strip().upper())
        if position is None:
            raise UnvotesError(f"bad position {letter!r} for {iso3}; use Y, N, A or X")
        if iso3 not in new and facts.complete:
            raise UnvotesError(f"{iso3} had no place in {symbol or vote_id}: not a member of "
                               f"the {body} on {facts.date}")
        before = new[iso3].value if iso3 in new else "?"
        new[iso3] = position
        done[iso3] = (before, position.value)
    permanent = permanent_members(rec, facts.date)
    changed = VoteFacts(**{**{f: getattr(facts, f) for f in facts.__dataclass_fields__},
                           "positions": new, "published": None if facts.complete
                           else facts.published})
    return WhatIf(vote_id, symbol, done, decide_vote(facts, permanent=permanent),
                  decide_vote(changed, permanent=permanent))


@dataclass(frozen=True, slots=True)
class Pivot:
    """A smallest change of positions that flips the outcome: ``size`` states moving
    from ``from_position`` to ``to_position``, any of ``candidates``."""

    move: str
    size: int
    candidates: list[str]
    outcome: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"move": self.move, "size": self.size, "candidates": self.candidates,
                "outcome": self.outcome, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Pivots:
    """How close a vote was: the smallest changes that flip it, and the permanent
    members who could have blocked it alone."""

    vote_id: str
    symbol: str | None
    decision: Decision
    pivots: list[Pivot]
    single_blockers: list[str] = field(default_factory=list)  # SC: P5 whose No would veto
    single_enablers: list[str] = field(default_factory=list)  # SC: vetoers whose abstention adopts

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"vote_id": self.vote_id, "symbol": self.symbol,
                "decision": self.decision.to_dict(),
                "pivots": [p.to_dict() for p in self.pivots],
                "single_blockers": self.single_blockers,
                "single_enablers": self.single_enablers}


_MOVES = ((Position.YES, Position.NO), (Position.YES, Position.ABSTAIN),
          (Position.NO, Position.YES), (Position.ABSTAIN, Position.YES),
          (Position.NON_VOTING, Position.YES), (Position.NO, Position.ABSTAIN),
          (Position.ABSTAIN, Position.NO), (Position.NON_VOTING, Position.NO))


def pivots(rec: Record, key: str) -> Pivots:
    """The smallest sets of states whose change of position would have flipped the
    outcome (for each kind of move), and for the Council which single permanent member
    could have blocked it. Raises UnknownVoteError; UnvotesError for a vote without
    positions. Example: ``pivots(rec, "A/RES/ES-11/7").pivots[0].size``.
    """
    vote_id = rec.vote_id(key)
    facts = facts_of(rec, vote_id)
    if facts.without_vote or not facts.positions:
        raise UnvotesError(f"{key} has no recorded positions to change")
    symbol = rec.store.scalar("SELECT coalesce(symbol, draft_symbol) FROM votes "
                              "WHERE vote_id = ?", [vote_id])
    permanent = permanent_members(rec, facts.date)
    base = decide_vote(facts, permanent=permanent)
    fields = {f: getattr(facts, f) for f in facts.__dataclass_fields__}

    def outcome_with(new: Mapping[str, Position], strict: bool | None = None) -> Outcome:
        return decide_vote(VoteFacts(**{**fields, "positions": new}), permanent=permanent,
                           two_thirds=strict).outcome

    # the readings to look at: the rule used, and the two-thirds one when the record does
    # not say whether the question was important
    readings: list[tuple[bool | None, str, Outcome]] = [(None, base.rule, base.outcome)]
    if base.alternative is not None:
        readings.append((True, base.alternative.rule, base.alternative.outcome))
    found = []
    for strict, rule, outcome in readings:
        for source, target in _MOVES:
            pool = sorted(k for k, v in facts.positions.items() if v is source)
            if facts.body is Body.SC:
                # permanent members first: on the Council one of them moving can be enough
                pool.sort(key=lambda k: k not in permanent)
            new = dict(facts.positions)
            for size, iso3 in enumerate(pool, start=1):
                new[iso3] = target
                result = outcome_with(new, strict)
                if result is not outcome:
                    # at size 1 only some states may do (a permanent member's No)
                    candidates = pool if size > 1 else [
                        k for k in pool if outcome_with({**facts.positions, k: target}, strict)
                        is not outcome]
                    found.append(Pivot(f"{source.value}→{target.value}", size, candidates,
                                       result.value, rule))
                    break
    found.sort(key=lambda p: (p.rule != base.rule, p.size))
    blockers: list[str] = []
    enablers: list[str] = []
    if facts.body is Body.SC:
        for iso3 in sorted(permanent & facts.positions.keys()):
            mine = facts.positions[iso3]
            if (mine is not Position.NO and base.outcome is Outcome.ADOPTED
                    and outcome_with({**facts.positions, iso3: Position.NO})
                    is Outcome.VETOED):
                blockers.append(iso3)
            if (mine is Position.NO and base.outcome is Outcome.VETOED
                    and outcome_with({**facts.positions, iso3: Position.ABSTAIN})
                    is Outcome.ADOPTED):
                enablers.append(iso3)
    return Pivots(vote_id, symbol, base, found, blockers, enablers)


def vetoes(rec: Record, *, since: dt.date | str | None = None,
           until: dt.date | str | None = None, by: str = "member") -> pd.DataFrame:
    """Vetoes cast, per permanent member and year (``by="member"``: one row per member
    and year; ``by="year"``: one row per year with the members as columns).

    A veto is a permanent member's No on a Council draft that the record finds vetoed.
    Raises UnvotesError for a bad ``by`` or date. Example: ``vetoes(rec, since="1990")``.
    """
    from unvotes.record import parse_day

    if by not in ("member", "year"):
        raise UnvotesError(f"unknown grouping {by!r}; use member or year")
    clauses, params = ["o.outcome = 'vetoed'"], []
    if since is not None:
        clauses.append("v.date >= ?")
        params.append(parse_day(since, end=False))
    if until is not None:
        clauses.append("v.date <= ?")
        params.append(parse_day(until, end=True))
    frame = rec.store.frame(
        "SELECT v.year, m.member, count(*) AS vetoes, "
        "list(coalesce(v.draft_symbol, v.symbol, v.vote_id) ORDER BY v.date) AS drafts "
        "FROM outcomes o JOIN votes v USING (vote_id), unnest(o.vetoed_by) AS m(member) "
        f"WHERE {' AND '.join(clauses)} GROUP BY ALL ORDER BY v.year, m.member", params)
    if by == "year":
        wide = frame.pivot_table(index="year", columns="member", values="vetoes",
                                 aggfunc="sum", fill_value=0)
        wide.columns.name = None
        return wide.reset_index()
    return frame
