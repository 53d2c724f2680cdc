"""The closed vocabularies and the row types that readers hand to the build.

A reader yields :class:`SourceVote` objects: one recorded vote as one source has it,
with the members' positions keyed the way that source names members (a name as
spelled, an ISO code, a COW code). Resolving those keys to states is the build's job
(``unvotes.countries``), so readers stay independent of the country table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Body",
    "MemberKey",
    "Position",
    "SourceVote",
    "Tally",
    "VoteKind",
]


class Body(StrEnum):
    """The organ that voted."""

    GA = "GA"  # General Assembly (plenary)
    SC = "SC"  # Security Council


class Position(StrEnum):
    """A member state's position on one recorded vote (UN Digital Library letters).

    A state that was not a member on the day has no position at all: never ``X``.
    """

    YES = "Y"
    NO = "N"
    ABSTAIN = "A"
    NON_VOTING = "X"  # present but not voting, or absent


class VoteKind(StrEnum):
    """What was voted on."""

    RESOLUTION = "resolution"  # adoption of a draft resolution as a whole
    AMENDMENT = "amendment"  # an amendment to a draft
    PARAGRAPH = "paragraph"  # a separate vote on a paragraph or part
    MOTION = "motion"  # a procedural motion (adjourn, no action, competence ...)
    DECISION = "decision"  # a draft decision (A/DEC/...)
    DRAFT = "draft resolution"  # a draft that was not adopted (vetoed or lacked votes)


class MemberKey(StrEnum):
    """How a source names the members in its positions."""

    NAME = "name"  # a name as spelled by the source, e.g. "IRAN (ISLAMIC REPUBLIC OF)"
    ISO3 = "iso3"
    ISO2 = "iso2"
    COW = "cow"  # Correlates of War state number, as in Voeten's data


@dataclass(frozen=True, slots=True)
class Tally:
    """A count of positions; a field is None where the source does not publish it."""

    yes: int | None
    no: int | None
    abstain: int | None
    non_voting: int | None = None

    def as_dict(self) -> dict[str, int | None]:
        """The tally as ``{"yes", "no", "abstain", "non_voting"}``."""
        return {"yes": self.yes, "no": self.no, "abstain": self.abstain,
                "non_voting": self.non_voting}


@dataclass(frozen=True, slots=True)
class SourceVote:
    """One recorded vote as one source has it.

    ``source_key`` identifies the vote inside its source (an rcid, a UN Digital Library
    record id, a symbol); ``file`` and ``line`` say where it was read, for error
    messages and for the build log. ``positions`` maps member keys (of kind
    ``member_key``) to positions; members that were not members of the body on the day
    are simply absent from it.
    """

    source: str
    source_key: str
    file: str
    line: int
    body: Body
    date: dt.date | None
    symbol: str | None  # resolution symbol as the UN writes it ("A/RES/ES-11/7")
    kind: VoteKind
    positions: dict[str, Position]
    member_key: MemberKey = MemberKey.NAME
    session: str | None = None  # "80", "ES-11", "S-32"; None for the Council
    meeting: str | None = None  # "A/80/PV.22", "S/PV.9866"
    draft_symbol: str | None = None
    title: str | None = None
    agenda_item: str | None = None
    subjects: tuple[str, ...] = ()
    committee: str | None = None
    sponsors: tuple[str, ...] = ()
    issue_codes: tuple[str, ...] = ()  # Voeten's me/nu/di/hr/co/ec where coded
    important: bool | None = None  # US State Department "important vote" flag
    published: Tally | None = None
    published_result: str | None = None  # verbatim, e.g. "Adopted 12-0-3, 9836th meeting"
    undl_link: str | None = None
    rcid: int | None = None  # Voeten roll-call id, where the source has one
    notes: tuple[str, ...] = field(default=())
    # False when only some members' positions are known (a veto list names the vetoing
    # members only): the others are unknown, never assumed non-voting
    positions_complete: bool = True
    source_url: str | None = None  # the public record the entry was established from

    def counted(self) -> Tally:
        """The tally counted from ``positions``."""
        values = list(self.positions.values())
        return Tally(
            yes=values.count(Position.YES),
            no=values.count(Position.NO),
            abstain=values.count(Position.ABSTAIN),
            non_voting=values.count(Position.NON_VOTING),
        )
