"""The wording of UN meetings-coverage press releases: patterns and the rules read from them.

Used by :mod:`unvotes.readers.press_release`. Every pattern here runs in time linear in
its input: no unbounded repetition nested in another, no two ``\\s*`` with only optional
text between them, brackets matched by alternatives that start with different
characters. ``docs/press-releases.md`` shows the phrasings they are written for.
"""

from __future__ import annotations

import re

from unvotes.model import Body, VoteKind
from unvotes.symbols import normalise_symbol

MAX_NAME = 80  # the longest member name is 52 characters ("United Kingdom of Great ...")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")

# Release series: the part between "GA/" and the number names the committee. The Main
# Committees have used these series since the 1990s; other GA series (GA/PAL, GA/COL ...)
# are subsidiary bodies that hold no recorded votes, so they are refused, not guessed.
COMMITTEES = {
    "": None,
    "DIS": "First Committee",
    "EF": "Second Committee",
    "SHC": "Third Committee",
    "SPD": "Fourth Committee",
    "AB": "Fifth Committee",
    "L": "Sixth Committee",
}
RELEASE = re.compile(
    r"(?i:press\s+release\s*:?\s*)?"
    r"(?P<id>(?P<series>GA|SC)(?:/(?P<sub>[A-Z]{1,4}))?/(?P<num>\d{1,6}))"
    r"(?P<star>\*)?(?:\s*\((?i:(?P<rev>revised|corrected))\))?")
DATE_WORDS = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?P<day>\d{1,2})\s+(?P<month>[a-z]{3,9})\s+(?P<year>\d{4})", re.IGNORECASE)
DATE_DIGITS = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")
MEETING = re.compile(r"\b(?P<n>\d{1,5})(?:st|nd|rd|th)\s+(?P<and>(?:&|and)\s+\d{1,5}"
                     r"(?:st|nd|rd|th)\s+)?Meetings?\b", re.IGNORECASE)

# A list label opens a line of the annex; what follows the colon is the start of the list.
LABEL = re.compile(
    r"(?P<label>In\s+favou?r|Against|Abstain(?:ing|ed)?|Abstentions?|Absent|Not\s+voting|"
    r"Non-voting|Did\s+not\s+vote)\s*:\s*(?P<rest>.*)", re.IGNORECASE)

COUNT = r"\d{1,3}|none|no"
# a bracketed list after a count; one level of nested brackets ("Iran (Islamic Republic
# of)"). The two alternatives start with different characters, so matching is linear.
LIST = r"\((?:[^()]|\([^()]*\))*\)"
TALLY = re.compile(
    rf"(?<![\w/.-])(?P<yes>\d{{1,3}})\s+(?:votes?\s+)?in\s+favou?r"
    rf"(?:\s*(?P<yes_list>{LIST}))?"
    # never two "\s*" with only optional text between them: that backtracks in O(n^2)
    rf"\s*(?:,\s*)?(?:(?:to|and)\s+)?(?P<no>{COUNT})\s+(?:votes?\s+)?against"
    rf"(?:\s*(?P<no_list>{LIST}))?"
    rf"(?:\s*(?:,\s*)?(?:(?:with|and)\s+)?(?P<abs>{COUNT})\s+"
    rf"(?:abstentions?|abstaining|abstained)(?:\s*(?P<abs_list>{LIST}))?)?",
    re.IGNORECASE)
# a bracket after a count that is a reference, not a list of members: "(see Annex)"
NOT_A_LIST = re.compile(r"\(\s*(?:see\b|for\b|annex|document|details|vote\b|as\b|"
                        r"[AS]/|resolution\b|draft\b)", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z“\"‘(])|\n[ \t]*\n")
SKIP = re.compile(r"\bwithout\s+a\s+vote\b|\bby\s+consensus\b|\bunanimously\b|"
                  r"\bby\s+acclamation\b", re.IGNORECASE)
INTENDED = re.compile(r"\bintended\s+to\s+(?:vote|abstain)|\bmeant\s+to\s+vote",
                      re.IGNORECASE)
REVISED_NOTE = re.compile(r"\b(?:revis|reissu|correct)", re.IGNORECASE)
# the page's own address, where the saved text keeps it
URL = re.compile(r"https?://(?:press\.un\.org/|(?:www\.)?un\.org/press/)[^\s<>\"')]{1,200}")

# What was voted on, judged from the words of the vote's clause. The order matters: the
# first rule that matches wins, so "the text as a whole" after paragraph votes is a
# resolution, and an amendment to a paragraph is an amendment, not a paragraph vote.
KIND_RULES: tuple[tuple[re.Pattern[str], VoteKind], ...] = (
    (re.compile(r"\bas\s+a\s+whole\b|\bas\s+(?:orally\s+)?amended\b", re.IGNORECASE),
     VoteKind.RESOLUTION),
    (re.compile(r"\bamendments?\b", re.IGNORECASE), VoteKind.AMENDMENT),
    (re.compile(r"\b(?:preambular|operative)\s+paragraphs?\b|\bparagraphs?\s+\d",
                re.IGNORECASE), VoteKind.PARAGRAPH),
    (re.compile(r"\bmotion\b|\bno-action\b|\bprocedural\b|\badjourn", re.IGNORECASE),
     VoteKind.MOTION),
    (re.compile(r"\bdraft\s+decision\b|\bA/DEC/"), VoteKind.DECISION),
)
# checked before ADOPTED: "failed to be adopted" holds the word "adopted"
NOT_ADOPTED = re.compile(
    r"\bnot\s+(?:be\s+)?(?:adopted|approved|retained)\b|\bfail(?:ed|ing|s)?\b|\brejected\b|"
    r"\bdefeated\b|\bturned\b[^.]{0,40}\bdown\b|\bnegative\s+votes?\b|\bveto(?:ed)?\b|"
    r"\bdeleted\b|\blacked\b", re.IGNORECASE)
ADOPTED = re.compile(r"\b(?:adopt(?:ed|ing|s)?|approv(?:ed|ing|es)?|retain(?:ed|ing|s)?|"
                     r"kept|passed|carried)\b", re.IGNORECASE)
VETO = re.compile(r"\bnegative\s+votes?\s+of\b[^.]{0,40}\bpermanent\s+members?\b|\bvetoed\b",
                  re.IGNORECASE)

GA_RES = re.compile(r"\bA/RES/(?:ES-\d{1,2}/|S-\d{1,2}/)?\d{1,3}/\d{1,4}\b|"
                    r"\bresolution\s+(?P<short>(?:ES-|S-)?\d{1,2}/\d{1,4})\b")
SC_RES = re.compile(r"\bS/RES/\d{1,4}\s*\(\d{4}\)|"
                    r"\bresolution\s+(?P<number>\d{1,4})\s*\((?P<year>\d{4})\)")
GA_DRAFT = re.compile(r"\bA/(?:C\.\d/)?(?:(?:ES|S)-\d{1,2}|\d{1,3})/L\.\d{1,4}"
                      r"(?:/Rev\.\d{1,2})?(?:/Add\.\d{1,2})?")
SC_DRAFT = re.compile(r"\bS/\d{4}/\d{1,4}(?:/Rev\.\d{1,2})?")
SYMBOLS = (GA_RES, SC_RES, GA_DRAFT, SC_DRAFT)
TITLE = re.compile(r"\b(?:entitled|titled)\s+[“\"](?P<title>[^”\"\n]{1,300})[”\"]")

# Member names that contain the word "and": masked before a list is split on "and".
AND_NAMES = re.compile(
    r"Antigua\s+and\s+Barbuda|Bosnia\s+and\s+Herzegovina|Saint\s+Kitts\s+and\s+Nevis|"
    r"Saint\s+Vincent\s+and\s+the\s+Grenadines|Sao\s+Tome\s+and\s+Principe|"
    r"São\s+Tomé\s+and\s+Príncipe|Trinidad\s+and\s+Tobago|Serbia\s+and\s+Montenegro|"
    r"Great\s+Britain\s+and\s+Northern\s+Ireland|Heard\s+and\s+McDonald", re.IGNORECASE)
AND = re.compile(r"\s+and\s+", re.IGNORECASE)
LEADING_AND = re.compile(r"^and\s+", re.IGNORECASE)  # "Israel, and United States"
SPACES = re.compile(r"\s+")
NEWLINE = re.compile(r"\n")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
DIGIT = re.compile(r"\d")
LETTER = re.compile(r"[^\W\d_]")


def split_names(text: str) -> list[str]:
    """The names of a list: split on commas and semicolons, and on "and" except inside
    a name that holds the word ("Trinidad and Tobago"); "None" is the empty list."""
    text = SPACES.sub(" ", text).strip().rstrip(".").strip()
    if text.casefold() in ("", "none", "nil"):
        return []
    names: list[str] = []
    for piece in re.split(r"[,;]", text):
        piece = LEADING_AND.sub("", piece.strip())
        masked = AND_NAMES.sub(lambda m: m.group(0).replace(" ", "\x00"), piece)
        names.extend(part.replace("\x00", " ").strip(" .") for part in AND.split(masked))
    return names


def name_problem(name: str, where: str) -> str | None:
    """Why ``name``, read in ``where`` ("the Against list"), cannot be a member name, or
    None if it can: empty, with a digit, without a letter, or too long."""
    if not name:
        return f"an empty name in {where}"
    shown = clip(name, 40)
    if DIGIT.search(name):
        return f"{shown!r} in {where} is not a member name (it has a digit)"
    if not LETTER.search(name):
        return f"{shown!r} in {where} is not a member name"
    if len(name) > MAX_NAME:
        return f"{shown!r} in {where} is too long for a member name ({len(name)} characters)"
    return None


def kind_and_result(clause: str) -> tuple[VoteKind, str | None]:
    """What was voted on and the outcome ("adopted", "not adopted", None if not said)."""
    kind = next((k for pattern, k in KIND_RULES if pattern.search(clause)),
                VoteKind.RESOLUTION)
    if NOT_ADOPTED.search(clause):
        return kind, "not adopted"
    if ADOPTED.search(clause):
        return kind, "adopted"
    return kind, None


def symbols(clause: str, body: Body) -> tuple[str | None, str | None]:
    """The resolution symbol and the draft symbol named in a vote's clause."""
    symbol = None
    if body is Body.SC:
        if m := SC_RES.search(clause):
            symbol = (f"S/RES/{m.group('number')} ({m.group('year')})" if m.group("number")
                      else normalise_symbol(m.group(0)))
        draft = m.group(0) if (m := SC_DRAFT.search(clause)) else None
    else:
        if m := GA_RES.search(clause):
            symbol = normalise_symbol(f"A/RES/{m.group('short')}" if m.group("short")
                                      else m.group(0))
        draft = m.group(0) if (m := GA_DRAFT.search(clause)) else None
    return symbol, draft


def plain_draft(draft: str | None) -> str | None:
    """A committee draft symbol without its committee part, for the session."""
    return re.sub(r"^A/C\.\d/", "A/", draft) if draft else None


def squash(text: str) -> str:
    """``text`` on one line, runs of white space as one space."""
    return SPACES.sub(" ", text).strip()


def clip(text: str, size: int = 300) -> str:
    """``text`` on one line, cut to ``size`` characters (reads at most 4 x ``size``)."""
    text = squash(text[: size * 4])
    return text if len(text) <= size else text[: size - 1] + "…"
