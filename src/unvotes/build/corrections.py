"""Corrections the build applies to sources, each with its evidence.

Kept as data, short and explicit: a correction applies to one member key on one vote
of one source; anything not listed here that fails to resolve fails the build.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MEMBER_CORRECTIONS", "MemberCorrection"]


@dataclass(frozen=True, slots=True)
class MemberCorrection:
    source: str
    symbol_key: str
    member_key: str
    iso3: str
    evidence: str


MEMBER_CORRECTIONS: tuple[MemberCorrection, ...] = (
    MemberCorrection(
        "undl_scrape_3dl_1946_2021", "S/RES/1966(2010)", "DONOTKNOW", "MEX",
        "the scrape's only uncoded column; the official DGACM extract for S/RES/1966 "
        "(2010) lists MEXICO in favour, and Mexico sat on the Council in 2010 "
        "(PROVENANCE.md 6.5)"),
)
