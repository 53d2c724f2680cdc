"""Reading an article: sentences, numbers, dates and the bodies it names.

Every function keeps character offsets into the original text, so that a claim can quote
the words it came from. :func:`prepare` folds typographic variants (curly quotes, dashes,
non-breaking spaces) one character for one, so offsets survive the folding.

>>> [s.text for s in sentences("The vote was 93-18. India abstained.")]
['The vote was 93-18.', 'India abstained.']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from unvotes.errors import ArticleError

__all__ = [
    "MAX_CHARS",
    "BodyCue",
    "DateMention",
    "NumberMention",
    "Sentence",
    "body_cues",
    "dates",
    "numbers",
    "parse_number",
    "prepare",
    "sentences",
]

# A long feature runs to 10,000 words (about 60,000 characters); four times that is
# still an article, beyond it is a book or a mistake, and the answer would not come fast.
MAX_CHARS = 250_000

# one character for one, so that offsets into the folded text are offsets into the original
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ",
    "\u202f": " ", "\u2007": " ", "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n",
})


def prepare(text: str | bytes) -> str:
    """The article as text with typographic variants folded (same length as the input).

    Raises ArticleError if it is not UTF-8 text, holds NUL bytes or is longer than
    :data:`MAX_CHARS`. Example: ``prepare("Russia\u2019s veto") == "Russia's veto"``.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"the article is not UTF-8 text (byte {exc.start} cannot be "
                               f"read); save it as UTF-8 and try again") from exc
    if len(text) > MAX_CHARS:
        raise ArticleError(f"the article is {len(text):,} characters long; the checker reads "
                           f"at most {MAX_CHARS:,} (split it, or check the part about the vote)")
    if "\x00" in text:
        raise ArticleError("the article holds NUL bytes: it looks like a binary file, not text")
    return text.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a heading, or a bullet line) with its offsets in the article."""

    index: int
    start: int
    end: int
    text: str


# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    ["u.s", "u.k", "u.n", "u.s.a", "u.s.s.r", "mr", "mrs", "ms", "dr", "st", "no", "nos", "gen", "sen", "rep", "amb", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "jr", "sr", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "approx", "est", "fig", "art", "para", "op", "res", "rev", "gov", "pres", "min", "dept", "ft", "lt", "col", "capt", "cmdr", "adm", "sgt"])
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n")


def sentences(text: str) -> list[Sentence]:
    """The sentences of an article: split at full stops, question marks and line ends.

    A line is never joined to the next (headings and bullet lists stay apart); a full
    stop after a known abbreviation ("U.S.", "Mr.", "Feb.") or an initial does not end
    a sentence. Example: ``len(sentences("Mr. Guterres spoke. It passed.")) == 2``.
    """
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        if m.group() != "\n":
            word = re.search(r"([A-Za-z.]+)[.!?]*[\"')\]]*$", text[start:m.end()])
            token = word.group(1).lower().rstrip(".") if word else ""
            following = text[m.end():m.end() + 3].lstrip()
            # "the U.S. voted" goes on; "... than the U.S. The vote" ends only if a
            # capital follows an abbreviation that can close a sentence itself
            if (token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token)) and not (
                    token in {"u.s", "u.k", "u.n", "u.s.a", "u.s.s.r", "etc"}
                    and following[:1].isupper()):
                continue
            if following[:1].islower():
                continue
        _add(out, text, start, m.end())
        start = m.end()
    _add(out, text, start, len(text))
    return out


# No real sentence is this long; a run-on text is read in pieces cut at spaces, so that
# the work per sentence stays bounded.
MAX_SENTENCE = 1_500


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(out, text, start, cut)
        start = cut
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    body = chunk.strip()
    if body:
        out.append(Sentence(len(out), start + lead, start + lead + len(body), body))


# -- numbers -------------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "nil": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNIT_WORDS = "|".join(sorted((u for u in _UNITS if u not in {"none", "nil"}),
                              key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)
_WORD_NUMBER = (
    rf"(?:(?:(?:{_UNIT_WORDS}|a)\s+)?dozen"
    rf"|(?:{_UNIT_WORDS}|a)\s+hundred(?:\s+(?:and\s+)?"
    rf"(?:(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}))?"
    rf"|(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})")
# digits with thousands separators, or number words; a digit group is not a decimal
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_WORD_NUMBER})"
_NUMBER_RE = re.compile(rf"(?<![\w/.-]){NUMBER}(?![\w/])", re.IGNORECASE)


def parse_number(token: str) -> float | None:
    """The value of a number written in digits or words, or None.

    Example: ``parse_number("ninety-three") == 93``; ``parse_number("1,000") == 1000``.
    """
    t = token.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    words = re.split(r"[\s-]+", t.replace(" and ", " "))
    total = 0
    current = 0
    seen = False
    for w in words:
        if w == "a" and not seen:
            current = 1
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "dozen":
            current = (current or 1) * 12
        else:
            return None
        seen = True
    total += current
    return float(total) if seen else None


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in the text, with its value and offsets."""

    start: int
    end: int
    text: str
    value: float


def numbers(text: str, *, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """The numbers (digits or words) in ``text[start:end]``, in order.

    Example: ``[n.value for n in numbers("93 to eighteen")] == [93.0, 18.0]``.
    """
    out = []
    for m in _NUMBER_RE.finditer(text, start, len(text) if end is None else end):
        value = parse_number(m.group())
        if value is not None:
            out.append(NumberMention(m.start(), m.end(), m.group(), value))
    return out


# -- dates ---------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>1[89]\d\d|20\d\d))?\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>1[89]\d\d|20\d\d))?\b",
               re.IGNORECASE),
    re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<year>1[89]\d\d|20\d\d)\b", re.IGNORECASE),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in the text: full (year, month, day) or partial (no year / no day)."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None

    def on(self, year: int | None = None) -> dt.date | None:
        """The calendar day, taking ``year`` when the text gave none; None if no day."""
        y = self.year or year
        if y is None or self.day is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


def dates(text: str) -> list[DateMention]:
    """The dates in an article ("24 February 2025", "Feb. 24", "2025-02-24", "March 1950").

    Example: ``dates("On February 24, 2025 ...")[0].on() == dt.date(2025, 2, 24)``.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            month_text = m.group("month")
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
            if month_text.lower() == "may" and m.group("year") is None:
                continue  # "may 5" is a verb more often than a date
            if month_text[0].islower() and not month_text.isdigit():
                continue  # "mar 3" in lower case is not a month
            day = int(m.group("day")) if "day" in m.groupdict() and m.group("day") else None
            if day is not None and not 1 <= day <= 31 or not 1 <= month <= 12:
                continue
            year = int(m.group("year")) if m.group("year") else None
            found.append(DateMention(m.start(), m.end(), m.group(), year, month, day))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


# -- bodies --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class BodyCue:
    """A mention of the General Assembly or the Security Council."""

    start: int
    end: int
    body: str  # "GA" | "SC"


_BODY_PATTERNS = [
    ("SC", re.compile(r"\b(?:Security\s+Council|UNSC|U\.N\.S\.C\.|Council\b)")),
    ("GA", re.compile(r"\b(?:General\s+Assembly|UNGA|U\.N\.G\.A\.|(?<=the )Assembly\b|"
                      r"(?<=The )Assembly\b|(?<=member )Assembly\b)")),
]
# "the Human Rights Council", "the Council of Europe", "the European Council" are not the
# Security Council; "the Council" on its own is.
_OTHER_COUNCILS = re.compile(
    r"(?:Human\s+Rights|Economic\s+and\s+Social|Trusteeship|European|Atlantic|Arctic|"
    r"Gulf\s+Cooperation|Governing|Executive|National\s+Security|City|Privy|Legislative|"
    r"Supreme|Revolutionary|Transitional|Sovereignty|Presidential|Military|Federal|State|"
    r"Regional|Islamic|Arab|Nordic|Baltic)\s+Council\b|\bCouncil\s+of\s+(?:Europe|Ministers|"
    r"the\s+European|the\s+Baltic)|\bCouncil\s+on\s+Foreign", re.IGNORECASE)


def body_cues(text: str) -> list[BodyCue]:
    """Where the article names the General Assembly or the Security Council, in order.

    "The Council" counts as the Security Council unless another council is named
    ("the Human Rights Council"). Example: ``body_cues("the UNGA vote")[0].body == "GA"``.
    """
    other = [(m.start(), m.end()) for m in _OTHER_COUNCILS.finditer(text)]
    cues = []
    for body, pattern in _BODY_PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in other):
                continue
            cues.append(BodyCue(m.start(), m.end(), body))
    return sorted(cues, key=lambda c: c.start)
