"""The Charter's voting rules: which rule a vote falls under, and its outcome.

- :mod:`unvotes.rules.tables` — the rules as ordered, commented data (Council eras,
  Art. 18(2) categories).
- :mod:`unvotes.rules.decide` — pure functions over counts and positions.
- :func:`decide_vote` — picks the rule for one vote of the record and applies it.
- :func:`published_outcome` — what the sources say became of the text.

The computed outcome is stored beside the published result, never replacing it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from unvotes.model import Body, Position, VoteKind
from unvotes.rules.decide import (
    Decision,
    Outcome,
    ga_decision,
    ga_threshold,
    ga_uncertain,
    sc_decision,
)
from unvotes.rules.tables import MAJORITY, TWO_THIRDS, ga_category, sc_era, sc_procedural

__all__ = [
    "MAJORITY",
    "TWO_THIRDS",
    "Decision",
    "Outcome",
    "VoteFacts",
    "decide_vote",
    "ga_decision",
    "ga_threshold",
    "ga_uncertain",
    "published_outcome",
    "sc_decision",
    "sc_era",
]


@dataclass(frozen=True, slots=True)
class VoteFacts:
    """What the rules need to know about a vote."""

    body: Body
    kind: VoteKind
    date: dt.date | None
    positions: Mapping[str, Position]
    complete: bool = True
    published: tuple[int, int, int] | None = None  # yes, no, abstain as published
    title: str | None = None
    agenda_item: str | None = None
    session: str | None = None
    without_vote: bool = False  # adopted without a vote / by acclamation


def decide_vote(facts: VoteFacts, *, permanent: Collection[str] = (),
                must_abstain: Collection[str] = (), two_thirds: bool | None = None
                ) -> Decision:
    """The outcome of one vote under the rule of its body, era and question.

    General Assembly: a procedural motion by simple majority; a question in an Art.
    18(2) category (found in the title or agenda item) by two thirds; any other question
    by simple majority unless the Assembly decided it was important, which the record
    does not say, so both answers are given (``certain`` is False only when they
    differ). Security Council: see :func:`sc_decision` (``permanent`` = the permanent
    members that day). Example: ``decide_vote(facts, permanent={"USA", "RUS", ...})``.
    """
    if facts.without_vote:
        rule = "adopted without a vote"
        return Decision(Outcome.ADOPTED, rule, None, None, 0, 0, 0,
                        basis="the record says the text was adopted without a vote")
    if facts.body is Body.SC:
        procedural = sc_procedural(facts.title, facts.agenda_item)
        return sc_decision(facts.positions, on=facts.date, permanent=permanent,
                           must_abstain=must_abstain, complete=facts.complete,
                           published=facts.published, procedural=procedural is not None,
                           procedural_basis=procedural.name if procedural else "")
    values = list(facts.positions.values())
    yes, no = values.count(Position.YES), values.count(Position.NO)
    abstain = values.count(Position.ABSTAIN)
    if (not facts.complete or not values) and facts.published is not None:
        yes, no, abstain = facts.published
    elif not values:
        return Decision(Outcome.UNKNOWN, MAJORITY, None, None, 0, 0, 0, certain=False,
                        basis="no positions and no published tally")
    session_note = (" (emergency special session: the same majorities, GA res. 377 (V))"
                    if facts.session and facts.session.startswith("ES-") else "")
    if two_thirds is not None:
        return ga_decision(yes, no, two_thirds=two_thirds, abstain=abstain,
                           basis="the reading asked for" + session_note)
    if facts.kind is VoteKind.MOTION:
        return ga_decision(yes, no, two_thirds=False, abstain=abstain,
                           basis="procedural motion: majority of present and voting "
                                 "(rule 85)" + session_note)
    category = ga_category(facts.title, facts.agenda_item)
    if category is not None:
        return ga_decision(yes, no, two_thirds=True, abstain=abstain,
                           basis=f"important question: {category.name}; found in the "
                                 f"title or agenda item" + session_note)
    decision = ga_uncertain(yes, no, abstain=abstain,
                            basis="the record does not say whether the Assembly held this "
                                  "an important question (Art. 18(3), rule 83): simple "
                                  "majority, with the two-thirds answer beside it"
                                  + session_note)
    return decision


# What the published result text says, in the order the checks run: a veto before a
# plain "not adopted", both before "adopted" (which "not adopted" contains).
_PUBLISHED = (
    (re.compile(r"veto|negative votes? of (a |\d+ )?permanent members?", re.IGNORECASE),
     Outcome.VETOED),
    (re.compile(r"not adopted|failed|rejected|defeated", re.IGNORECASE), Outcome.NOT_ADOPTED),
    (re.compile(r"adopted|acclamation", re.IGNORECASE), Outcome.ADOPTED),
)


def published_outcome(*, result: str | None, kind: VoteKind, sources: Collection[str],
                      adopted_lists: Collection[str], symbol: str | None = None
                      ) -> tuple[Outcome, str]:
    """What the sources say became of the text, and on what basis.

    ``adopted_lists`` are the sources that list adopted resolutions only (the UN
    Digital Library datasets and the DGACM extracts of resolutions): a resolution in
    one of them, under the symbol of an adopted text, was adopted.
    """
    if result:
        for pattern, outcome in _PUBLISHED:
            if pattern.search(result):
                return outcome, f"published result: {result}"
    listed = sorted(set(sources) & set(adopted_lists))
    # only a text with the symbol of an adopted resolution or decision counts as listed:
    # the scrapes also hold records filed under a draft symbol (A/73/L.42 failed in 2018)
    adopted_symbol = bool(symbol and re.match(r"^(A/RES/|A/DEC/|S/RES/)", symbol))
    if kind in (VoteKind.RESOLUTION, VoteKind.DECISION) and listed and adopted_symbol:
        return Outcome.ADOPTED, "listed among adopted texts by " + ", ".join(listed)
    return Outcome.UNKNOWN, "no source states the result"


def with_changes(positions: Mapping[str, Position], changes: Mapping[str, Position]
                 ) -> dict[str, Position]:
    """Positions with some replaced (for what-if questions)."""
    out = dict(positions)
    out.update(changes)
    return out


