"""The claim checker: an article in, a report of its claims and their verdicts out.

>>> report = Checker(unvotes.open()).check(text)          # doctest: +SKIP
>>> report.summary_line                                    # doctest: +SKIP
'9 claims checked: 9 supported, 0 contradicted; 5 not checkable'
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from unvotes.claims.extract import Found, extract
from unvotes.claims.judge import Judge
from unvotes.claims.matching import VoteIndex, match_votes
from unvotes.claims.model import CheckReport, Claim, ClaimKind
from unvotes.claims.names import StateNames, state_names
from unvotes.claims.text import Sentence, body_cues, dates, prepare, sentences
from unvotes.errors import ArticleError

if TYPE_CHECKING:
    from unvotes.record import Record

__all__ = ["TIME_LIMIT", "Checker", "article_date_from_name"]

# Seconds of work per article before the checker stops reading and says so: the report
# covers the sentences read so far.
TIME_LIMIT = 10.0

_SYMBOLS = re.compile(
    r"\b(?P<full>A/RES/(?:ES-\d+/\d+|\d+/\d+[A-Z]?|\d+\s*\([IVXLC]+\)(?:\s*[A-Z])?)|"
    r"S/RES/\d+\s*\(\d{4}\)|S/RES/\d+|S/\d{4}/\d+)|"
    r"\bresolution\s+(?P<short>ES-\d+/\d+|\d+/\d+|\d+)(?:\s*\((?P<year>\d{4})\))?"
    r"(?!\s*(?:-|to\s+\d)|\d)",
    re.IGNORECASE)


def article_date_from_name(name: str) -> dt.date | None:
    """The date a file name starts with (``2025-02-24_report.txt``), or None."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", name.rsplit("/", 1)[-1])
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _symbols(text: str) -> list[str]:
    out: list[str] = []
    for m in _SYMBOLS.finditer(text):
        if m.group("full"):
            out.append(m.group("full"))
            continue
        short = m.group("short")
        if short.upper().startswith("ES-") or "/" in short:
            out.append(f"A/RES/{short}")
        else:
            year = m.group("year")
            out.append(f"S/RES/{short} ({year})" if year else f"S/RES/{short}")
            out.append(f"A/RES/{short}")
    return list(dict.fromkeys(out))


class Checker:
    """Checks articles against one record; keeps the record's votes in memory."""

    def __init__(self, record: Record, *, names: StateNames | None = None) -> None:
        self.record = record
        self._names = names

    @cached_property
    def index(self) -> VoteIndex:
        return VoteIndex.load(self.record)

    @property
    def names(self) -> StateNames:
        return self._names or state_names()

    def check(self, text: str | bytes, *, date: dt.date | str | None = None,
              time_limit: float = TIME_LIMIT,
              progress: Callable[[str], None] | None = None) -> CheckReport:
        """The claims of an article, judged against the record.

        ``date`` is the article's date (a report follows its vote); without it the
        first dated line of the text is used if it opens the article. Raises ArticleError
        for text that is too long or not text. Example:
        ``Checker(rec).check("India abstained.").summary_line``.
        """
        started = time.monotonic()
        body = prepare(text)
        day = _as_date(date) if date is not None else _dateline(body)
        sents = sentences(body)
        notes: list[str] = []
        deadline = started + time_limit
        found = self._extract(body, sents, day, deadline, notes)
        if progress:
            progress("matching votes")
        cues = body_cues(body)
        matched, spare = match_votes(self.record, self.index, body, found, dates(body), cues,
                                     _symbols(body), day)
        if matched and matched[0].date is not None and matched[0].date != day:
            # names change meaning with time (Russia in 1960 is the USSR's seat)
            found = self._extract(body, sents, matched[0].date, deadline, notes)
        judge = Judge(self.record, self.index, matched)
        judge.select(found, spare)
        matched = judge.votes
        claims: list[Claim] = []
        for f, vote_id in zip(found, judge.assign(found), strict=True):
            if f.past:
                # "Russia vetoed a similar draft last week": the article's own other vote?
                now = replace(f, past=False)
                fits = [v.vote_id for v in judge.votes if v.vote_id != vote_id
                        and judge.fit(now, v.vote_id) > 0]
                if fits:
                    f, vote_id = now, fits[0]
            claims.append(judge.judge(f, vote_id))
        claims = _dedupe(claims)
        sources = sorted({ref.title for v in matched
                          for ref in judge.vote(v.vote_id).sources if ref.primary})
        if not matched:
            notes.append("no vote in the record matched the article: vote claims are not "
                         "checkable (give --date, or name the resolution)")
        return CheckReport(tuple(matched), tuple(claims), day, tuple(sources), tuple(notes))

    def _extract(self, body: str, sents: list[Sentence], day: dt.date | None, deadline: float,
                 notes: list[str]) -> list[Found]:
        mentions = self.names.find(body, on=day)
        read = 0

        def stop() -> bool:
            nonlocal read
            if time.monotonic() > deadline:
                return True
            read += 1
            return False

        found = extract(body, sents, mentions, stop=stop)
        if read < len(sents):
            notes.append(f"time limit reached: claims from the first {read} of {len(sents)} "
                         f"sentences only")
        return found


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ArticleError(f"article date {value!r} is not a date; use YYYY-MM-DD") from exc


def _dateline(text: str) -> dt.date | None:
    """The date an article opens with ("UNITED NATIONS, Feb 24, 2025 -"), if any."""
    for d in dates(text[:300]):
        if d.year is not None and d.on() is not None:
            return d.on()
    return None


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per words and meaning (a phrase matched by two patterns counts once)."""
    seen: set[tuple[int, int, ClaimKind, str | None, str | None]] = set()
    out = []
    for c in sorted(claims, key=lambda c: (c.start, c.end)):
        key = (c.start, c.end, c.kind, c.country, c.part)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
