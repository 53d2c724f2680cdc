"""Pure functions: the outcome of a vote under the Charter's rules.

Counts and positions in, a :class:`Decision` out; nothing here reads the database.

>>> ga_decision(93, 18, two_thirds=False).outcome
<Outcome.ADOPTED: 'adopted'>
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from unvotes.model import Position
from unvotes.rules.tables import MAJORITY, TWO_THIRDS, sc_era

__all__ = ["Decision", "Outcome", "ga_decision", "ga_threshold", "ga_uncertain", "sc_decision"]


class Outcome(StrEnum):
    """What became of the text voted on."""

    ADOPTED = "adopted"
    NOT_ADOPTED = "not adopted"  # too few votes (or a majority against)
    VETOED = "vetoed"  # nine (seven) votes or more, and a permanent member against
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Decision:
    """A computed outcome, the rule used, the threshold of affirmative votes and the
    margin (affirmative votes minus the threshold: negative means short of it).

    ``certain`` is False when the record leaves the rule or the positions open; then
    ``alternative`` holds the outcome under the other reading.
    """

    outcome: Outcome
    rule: str
    threshold: int | None
    margin: int | None
    yes: int
    no: int
    abstain: int
    vetoed_by: tuple[str, ...] = ()
    certain: bool = True
    basis: str = ""
    alternative: Decision | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        out: dict[str, object] = {
            "outcome": self.outcome.value, "rule": self.rule, "threshold": self.threshold,
            "margin": self.margin, "tally": {"yes": self.yes, "no": self.no,
                                             "abstain": self.abstain},
            "vetoed_by": list(self.vetoed_by), "certain": self.certain, "basis": self.basis,
        }
        if self.alternative is not None:
            out["alternative"] = self.alternative.to_dict()
        return out


def ga_threshold(yes: int, no: int, *, two_thirds: bool) -> int:
    """Affirmative votes needed among ``yes + no`` present and voting (abstainers do not
    vote: rule 86). A tie is a rejection (rule 95), and so is nobody voting.

    >>> ga_threshold(93, 18, two_thirds=True)
    74
    """
    voting = yes + no
    if two_thirds:
        return max(1, math.ceil(2 * voting / 3))
    return voting // 2 + 1


def ga_decision(yes: int, no: int, *, two_thirds: bool, abstain: int = 0,
                basis: str = "") -> Decision:
    """The General Assembly's decision by a simple or a two-thirds majority."""
    threshold = ga_threshold(yes, no, two_thirds=two_thirds)
    outcome = Outcome.ADOPTED if yes >= threshold else Outcome.NOT_ADOPTED
    return Decision(outcome, TWO_THIRDS if two_thirds else MAJORITY, threshold,
                    yes - threshold, yes, no, abstain, basis=basis)


def ga_uncertain(yes: int, no: int, *, abstain: int = 0, basis: str = "") -> Decision:
    """Both readings when the record does not say whether the question was important:
    the simple-majority decision, with the two-thirds one as the alternative. The
    outcome is certain when both agree."""
    simple = ga_decision(yes, no, two_thirds=False, abstain=abstain, basis=basis)
    strict = ga_decision(yes, no, two_thirds=True, abstain=abstain, basis=basis)
    return replace(simple, certain=simple.outcome is strict.outcome, alternative=strict)


def sc_decision(positions: Mapping[str, Position], *, on: dt.date | None,
                permanent: Collection[str], procedural: bool = False,
                must_abstain: Collection[str] = (), complete: bool = True,
                published: tuple[int, int, int] | None = None,
                procedural_basis: str = "") -> Decision:
    """The Security Council's decision: nine affirmative votes (seven before 1966) and,
    on a non-procedural question, no negative vote of a permanent member. An abstention
    or absence is not a veto. Members in ``must_abstain`` (parties to a dispute, Art.
    27(3)) are not counted. With ``complete=False`` only some positions are known: the
    counts come from ``published`` when given, and the outcome may be uncertain.
    """
    era = sc_era(on)
    counted = {k: v for k, v in positions.items() if k not in must_abstain}
    values = list(counted.values())
    yes, no = values.count(Position.YES), values.count(Position.NO)
    abstain = values.count(Position.ABSTAIN)
    if (not complete or not positions) and published is not None:
        yes, no, abstain = published
    vetoers = () if procedural else tuple(sorted(
        k for k, v in counted.items() if v is Position.NO and k in permanent))
    rule = (f"{era.affirmative} of {era.members}, procedural" if procedural else
            f"{era.affirmative} of {era.members} and no permanent member against")
    basis = era.source + ("; Art. 27(3): " + ", ".join(sorted(must_abstain)) + " abstain as "
                          "parties to the dispute" if must_abstain else "")
    if procedural and procedural_basis:
        basis += "; procedural: " + procedural_basis
    margin = yes - era.affirmative
    if not complete and published is None:
        if vetoers:
            # a permanent member's No defeats it; whether it had nine votes is not known
            return Decision(Outcome.VETOED, rule, era.affirmative, None, yes, no, abstain,
                            vetoers, certain=False, basis=basis + "; other positions unknown",
                            alternative=Decision(Outcome.NOT_ADOPTED, rule, era.affirmative,
                                                 None, yes, no, abstain, vetoers,
                                                 certain=False, basis=basis))
        return Decision(Outcome.UNKNOWN, rule, era.affirmative, None, yes, no, abstain,
                        certain=False, basis=basis + "; positions unknown")
    if yes < era.affirmative:
        outcome = Outcome.NOT_ADOPTED
    elif vetoers:
        outcome = Outcome.VETOED
    else:
        outcome = Outcome.ADOPTED
    # with some positions unknown, a No the record cannot place might be a permanent
    # member's: certain only if every published No is a known one, or votes were short
    certain = complete or yes < era.affirmative or no == sum(
        1 for v in counted.values() if v is Position.NO)
    # a permanent member's No is a veto only on a text that had the votes to pass
    return Decision(outcome, rule, era.affirmative, margin, yes, no, abstain,
                    vetoers if outcome is Outcome.VETOED else (), certain=certain, basis=basis)
