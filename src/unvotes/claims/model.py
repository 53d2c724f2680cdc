"""What the claim checker returns: claims, verdicts, matched votes and the report.

Closed vocabularies are enums; every result is a frozen dataclass with ``to_dict()`` for
the JSON report (``unvotes check --json``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["CheckReport", "Claim", "ClaimKind", "Evidence", "MatchedVote", "Verdict"]


class ClaimKind(StrEnum):
    """What a claim is about (docs/claims.md gives the patterns behind each)."""

    TALLY = "tally"  # a count: in favour, against, abstaining, non-voting, unanimous
    POSITION = "position"  # a state's position on a vote, stated on its own
    ALIGNMENT = "alignment"  # a state's position stated relative to another state's
    MEMBERSHIP = "membership"  # "the 193-member Assembly"
    HISTORY = "history"  # earlier votes, change over time: "for the first time"
    OUTCOME = "outcome"  # adopted, rejected, vetoed
    SPONSOR = "sponsor"  # who tabled the text
    OTHER = "other"  # a figure not about a vote (casualties, money): never checkable


class Verdict(StrEnum):
    """The judgement of a claim against the record; spelled as in the JSON report."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NOT_CHECKABLE = "not-checkable"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact from the record that a verdict rests on."""

    symbol: str
    date: dt.date | None
    fact: str
    link: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"symbol": self.symbol, "date": self.date.isoformat() if self.date else None,
                "fact": self.fact, "link": self.link}


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim found in the article, with its verdict and the evidence for it."""

    text: str  # the words of the article that carry the claim
    sentence: str  # the sentence they came from
    start: int  # offsets of ``text`` in the article
    end: int
    kind: ClaimKind
    verdict: Verdict
    statement: str  # the claim in plain words: "IND abstained on A/RES/ES-11/7"
    record_value: str | None  # what the record holds (for contradicted claims, the fix)
    vote_id: str | None  # the vote it was judged against
    part: str | None = None  # tally: yes | no | abstain | non_voting | total | unanimous
    country: str | None = None  # ISO3 of the state the claim is about
    reason: str | None = None  # why not checkable, or how the verdict was reached
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``claims`` items of ``unvotes check --json``)."""
        return {
            "text": self.text, "sentence": self.sentence, "start": self.start, "end": self.end,
            "kind": self.kind.value, "verdict": self.verdict.value, "statement": self.statement,
            "record_value": self.record_value, "vote": self.vote_id, "part": self.part,
            "country": self.country, "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class MatchedVote:
    """A vote the article is about, with how sure the match is and why."""

    vote_id: str
    symbol: str | None
    body: str
    date: dt.date | None
    title: str | None
    match_confidence: float  # 0..1
    reasons: tuple[str, ...]
    link: str | None = None

    @property
    def confidence_label(self) -> str:
        """``high`` (>= 0.8), ``medium`` (>= 0.5) or ``low``."""
        c = self.match_confidence
        return "high" if c >= 0.8 else "medium" if c >= 0.5 else "low"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``votes`` items of ``unvotes check --json``)."""
        return {"symbol": self.symbol or self.vote_id, "vote_id": self.vote_id,
                "body": self.body, "date": self.date.isoformat() if self.date else None,
                "title": self.title, "match_confidence": round(self.match_confidence, 3),
                "confidence": self.confidence_label, "reasons": list(self.reasons),
                "link": self.link}


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The claim report on one article."""

    votes: tuple[MatchedVote, ...]
    claims: tuple[Claim, ...]
    article_date: dt.date | None
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def count(self, verdict: Verdict) -> int:
        """How many claims got ``verdict``."""
        return sum(1 for c in self.claims if c.verdict is verdict)

    @property
    def summary_line(self) -> str:
        """"9 claims checked: 8 supported, 1 contradicted; 4 not checkable"."""
        s, c = self.count(Verdict.SUPPORTED), self.count(Verdict.CONTRADICTED)
        n = self.count(Verdict.NOT_CHECKABLE)
        checked = s + c
        noun = "claim" if checked == 1 else "claims"
        return f"{checked} {noun} checked: {s} supported, {c} contradicted; {n} not checkable"

    def to_dict(self) -> dict[str, Any]:
        """The ``unvotes check --json`` document."""
        return {
            "votes": [v.to_dict() for v in self.votes],
            "claims": [c.to_dict() for c in self.claims],
            "summary": {"supported": self.count(Verdict.SUPPORTED),
                        "contradicted": self.count(Verdict.CONTRADICTED),
                        "not_checkable": self.count(Verdict.NOT_CHECKABLE),
                        "line": self.summary_line},
            "article_date": self.article_date.isoformat() if self.article_date else None,
            "sources": list(self.sources), "notes": list(self.notes),
        }
