"""The voting rules of the General Assembly and the Security Council, as ordered data.

Sources: Charter of the United Nations, Articles 18 and 27 (and the 1965 amendment of
Article 27 that took effect on 31 August 1965, with the Council enlarged to 15 from
1 January 1966); Rules of Procedure of the General Assembly (A/520/Rev.20), rules 83-86
and 95; the Council's settled practice that an abstention or absence of a permanent
member is not a veto (Repertoire of the Practice of the Security Council; ICJ Namibia
advisory opinion, 1971, para. 22).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "GA_TWO_THIRDS_CATEGORIES",
    "MAJORITY",
    "SC_ERAS",
    "SC_PROCEDURAL",
    "TWO_THIRDS",
    "GaCategory",
    "ScEra",
    "ga_category",
    "sc_era",
    "sc_procedural",
]

MAJORITY = "majority of present and voting"
TWO_THIRDS = "2/3 of present and voting"


@dataclass(frozen=True, slots=True)
class ScEra:
    """The Council's size and the affirmative votes a decision needs, from a date."""

    start: dt.date
    members: int
    affirmative: int
    source: str


# Ordered by start date; the last era whose start is on or before the vote's date applies.
SC_ERAS: tuple[ScEra, ...] = (
    ScEra(dt.date(1945, 10, 24), 11, 7, "Charter Art. 23 and 27 (original text)"),
    ScEra(dt.date(1966, 1, 1), 15, 9,
          "Charter Art. 23 and 27 as amended (GA res. 1991 A (XVIII), in force 31 Aug 1965; "
          "enlarged Council from 1 Jan 1966)"),
)


def sc_era(on: dt.date | None) -> ScEra:
    """The Council's era on a date (the present era when the date is unknown)."""
    if on is None:
        return SC_ERAS[-1]
    era = SC_ERAS[0]
    for candidate in SC_ERAS:
        if candidate.start <= on:
            era = candidate
    return era


@dataclass(frozen=True, slots=True)
class GaCategory:
    """A category of important question under Art. 18(2), found by its wording."""

    name: str
    pattern: re.Pattern[str]


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(alternatives) + r")", re.IGNORECASE)


# Art. 18(2) lists questions decided by two thirds. A title or agenda item in these words
# names one; the order matters only for the name reported (the first match).
GA_TWO_THIRDS_CATEGORIES: tuple[GaCategory, ...] = (
    GaCategory("admission of new Members (Art. 18(2))",
               _words(r"admission of (new )?members?", r"admission of .{0,60}to membership",
                      r"admission to membership")),
    GaCategory("suspension of rights or expulsion of Members (Art. 18(2))",
               _words(r"suspension of the rights", r"expulsion")),
    GaCategory("elections to the Councils (Art. 18(2))",
               _words(r"election of (the )?(non-permanent|members of the (security|economic"
                      r"|trusteeship))")),
    GaCategory("budgetary questions (Art. 18(2))",
               _words(r"programme budget", r"budget appropriations", r"budget estimates",
                      r"supplementary estimates", r"scale of assessments",
                      r"apportionment of the expenses", r"budgetary",
                      # the expenses of the Organization, not "financing of development"
                      r"financing of (the )?(united nations|UN)\b",
                      r"financing of .{0,80}\b(force|mission|operation|observers?|tribunal)\b",
                      )),
    GaCategory("operation of the trusteeship system (Art. 18(2))",
               _words(r"trusteeship agreement", r"international trusteeship system")),
)


def ga_category(*texts: str | None) -> GaCategory | None:
    """The Art. 18(2) category the wording names, or None."""
    for category in GA_TWO_THIRDS_CATEGORIES:
        if any(text and category.pattern.search(text) for text in texts):
            return category
    return None


# Council decisions the Council and the Charter treat as procedural (no veto), found by
# their wording. Ordered as reported; the first match names the basis.
SC_PROCEDURAL: tuple[GaCategory, ...] = (
    GaCategory("calling an emergency special session of the General Assembly (GA res. "
               "377 (V), Uniting for Peace: a procedural vote)",
               _words(r"emergency special session")),
    GaCategory("inviting a State or person to take part (Art. 31-32, rule 39: procedural)",
               _words(r"invit(e|es|ing|ation) (the )?(representative|government|people's "
                      r"republic|republic|state)")),
    GaCategory("establishing a subsidiary organ (Art. 29: procedural)",
               _words(r"sub-?committee", r"subsidiary (organ|body)")),
    GaCategory("a General Conference to review the Charter (Art. 109: any seven/nine members)",
               _words(r"review of the charter", r"general conference .{0,40}charter")),
    GaCategory("the agenda (procedural)",
               _words(r"(adoption of|inclusion in|removal from|deleting .{0,20} from) the agenda",
                      r"list of matters of which the security council is seized")),
)


def sc_procedural(*texts: str | None) -> GaCategory | None:
    """The procedural kind of Council decision the wording names, or None."""
    for category in SC_PROCEDURAL:
        if any(text and category.pattern.search(text) for text in texts):
            return category
    return None
