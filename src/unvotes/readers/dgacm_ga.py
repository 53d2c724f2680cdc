"""Reader for the DGACM General Assembly data extracts (``UNxml/GAresolutions``).

``unxml_dgacm_ga/data_extract/<session>.json`` (74 ... 80, ES-10, ES-11, S-32): JSON
lines, one adopted resolution or decision a line, recorded or not. Only recorded votes
(``adoption_type`` "By a recorded vote" or ``voting_type`` "adoptedRecordedVote") become
:class:`~unvotes.model.SourceVote` rows, with the members keyed by name as DGACM spells
them (``TÜRKİYE``, ``TURKEY``, ``NETHERLANDS (KINGDOM OF THE)`` ...). Members in none of
the three lists get no position here: the build adds ``X`` for the members of the day.

Rules, each leaving a note on the vote it touches:

- A blank published count is 0 when its list is empty, else None (not published).
- An entry repeated in a file with the same votes is kept once (79.json and 80.json
  repeat 21 recorded votes); the same symbol with different votes is an error.
- A recorded vote without member lists (A/RES/75/254 A-C) is skipped and counted in
  ``stats["skipped_no_lists"]``.
- A name twice in one list, a name in two lists, or lists that do not add up to the
  published tally are errors unless :data:`QUIRKS` names the vote.

``S_RES_2729_2024_historical.json`` in the same folder is a Security Council entry (an
old copy of S/RES/2729 (2024), which the SC extract has): the folder reader skips it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally, VoteKind
from unvotes.readers._dgacm import (
    COUNT_KEYS,
    LIST_KEYS,
    member_lists,
    parse_date,
    positions_from_lists,
    published_tally,
    read_json_lines,
    require_keys,
    sponsors,
    subjects,
    text_field,
)
from unvotes.symbols import normalise_symbol

__all__ = ["QUIRKS", "SOURCE", "GaQuirk", "read_dgacm_ga", "read_dgacm_ga_dir"]

SOURCE = "unxml_dgacm_ga"
STATS_KEYS = ("entries", "recorded", "without_vote", "duplicates", "skipped_no_lists",
              "no_adoption_type")


@dataclass(frozen=True, slots=True)
class GaQuirk:
    """A known defect of one vote in the extract, and what the reader does about it."""

    note: str
    allow_repeats: bool = False  # a name listed twice in its own list: drop the repeat
    allow_tally_mismatch: bool = False  # keep lists and published tally although they differ
    resolve: tuple[tuple[str, Position], ...] = ()  # name in two lists -> position kept


# Known defects, keyed by the symbol as normalise_symbol writes it. Anything else that
# looks like them (a repeated or doubly listed name, lists that do not add up) stops the
# read with a SourceError, so a new defect is looked at before it enters the record.
QUIRKS: dict[str, GaQuirk] = {
    # 75.json line 298: every name is in its list twice (lists 180-0-94 for a published
    # 90-0-47); without the repeats the lists give the published 90-0-47.
    "A/RES/75/290 A": GaQuirk(
        note="DGACM lists every member twice (180-0-94 for a published 90-0-47); "
             "repeats dropped",
        allow_repeats=True),
    # 77.json line 298: published 100-9-59, but the abstaining list has 58 names. The
    # lists are kept as they are and the published tally as given.
    "A/RES/77/293": GaQuirk(
        note="published 59 abstentions, the abstaining list has 58 names; both kept as given",
        allow_tally_mismatch=True),
}

# Spellings that name the same member, used only to decide whether two copies of an
# entry have the same votes. The first copies of the 19 repeated 79.json votes spell
# Türkiye "TÜRKÝYE" (İ read through the wrong code page), the repeats "TÜRKİYE".
_SAME_MEMBER = {"TÜRKÝYE": "TÜRKİYE"}

_REQUIRED = ("symbol", "adoption_date", "adoption_type", *LIST_KEYS.values(),
             *COUNT_KEYS.values())
_SYMBOL = re.compile(r"^A/(RES|DEC)/((?:ES-|S-)?\d+)/\d+")
_SESSION_FILE = re.compile(r"^(?:ES-|S-)?\d+$")
# files of the extract folder that are not GA session files, with why they are skipped
_SKIPPED_FILES = {
    "S_RES_2729_2024_historical.json": "a Security Council entry (S/RES/2729 (2024)), "
                                       "read from the SC extract instead",
}
_RECORDED = "by a recorded vote"
_WITHOUT = "without a vote"
_VOTING_TYPES = {"adoptedRecordedVote": _RECORDED, "adoptedWithoutVote": _WITHOUT, "": ""}


@dataclass(slots=True)
class _Entry:
    line: int
    symbol: str
    kind: str  # _RECORDED, _WITHOUT or "" (no adoption type)
    signature: str
    vote: SourceVote | None


def read_dgacm_ga(path: Path, *, stats: dict[str, int] | None = None) -> Iterator[SourceVote]:
    """Yield one SourceVote per recorded vote in one GA extract file (``<session>.json``).

    ``stats``, if given, has its counts increased: ``entries`` (lines read), ``recorded``
    (votes yielded), ``without_vote``, ``duplicates`` (repeated recorded entries dropped),
    ``skipped_no_lists`` (recorded without member lists), ``no_adoption_type`` (entries
    with neither adoption type nor lists). Raises SourceError on malformed input.
    Example: ``next(read_dgacm_ga(Path("data_extract/74.json"))).symbol == "A/RES/74/7"``.
    """
    counts = dict.fromkeys(STATS_KEYS, 0)
    session = path.stem if _SESSION_FILE.match(path.stem) else None
    first: dict[str, _Entry] = {}
    kept: list[_Entry] = []
    for line, raw in read_json_lines(path):
        counts["entries"] += 1
        entry = _read_entry(path, line, raw, session)
        earlier = first.get(entry.symbol)
        if earlier is not None:
            if earlier.signature != entry.signature:
                raise SourceError(path, line, f"{entry.symbol} repeats line {earlier.line} "
                                              f"with different votes")
            if entry.kind == _RECORDED and entry.vote is not None:
                counts["duplicates"] += 1
                assert earlier.vote is not None
                note = f"repeated at line {line} with the same votes; kept once"
                earlier.vote = replace(earlier.vote, notes=(*earlier.vote.notes, note))
                continue
        else:
            first[entry.symbol] = entry
        if entry.kind == _WITHOUT:
            counts["without_vote"] += 1
        elif entry.kind == "":
            counts["no_adoption_type"] += 1
        elif entry.vote is None:
            counts["skipped_no_lists"] += 1
        else:
            counts["recorded"] += 1
            kept.append(entry)
    if stats is not None:
        for key, value in counts.items():
            stats[key] = stats.get(key, 0) + value
    for entry in kept:
        assert entry.vote is not None
        yield entry.vote


def read_dgacm_ga_dir(directory: Path, *, stats: dict[str, int] | None = None
                      ) -> Iterator[SourceVote]:
    """Yield the recorded votes of every session file in a ``data_extract`` folder.

    Files are read in session order (74, 75, ..., ES-10, ES-11, S-32);
    ``S_RES_2729_2024_historical.json`` (a Security Council entry) is skipped; any other
    file that is not ``<session>.json`` is an error, as is a symbol in two files.
    ``stats`` as for :func:`read_dgacm_ga`, summed over the files.
    Example: ``sum(1 for _ in read_dgacm_ga_dir(Path("unxml_dgacm_ga/data_extract"))) == 730``.
    """
    files = []
    for path in sorted(directory.glob("*.json")):
        if path.name in _SKIPPED_FILES:
            continue
        if not _SESSION_FILE.match(path.stem):
            raise SourceError(path, None, "not a GA session file (expected <session>.json, "
                                          "e.g. 80.json or ES-11.json)")
        files.append(path)
    if not files:
        raise SourceError(directory, None, "no GA session files (<session>.json)")
    files.sort(key=_session_order)
    seen: dict[str, str] = {}
    for path in files:
        for vote in read_dgacm_ga(path, stats=stats):
            assert vote.symbol is not None
            if vote.symbol in seen:
                raise SourceError(path, vote.line, f"{vote.symbol} is also in {seen[vote.symbol]}")
            seen[vote.symbol] = path.name
            yield vote


def _session_order(path: Path) -> tuple[int, int]:
    stem = path.stem
    if stem.isdigit():
        return (0, int(stem))
    prefix, number = stem.split("-")
    return (1 if prefix == "ES" else 2, int(number))


def _read_entry(path: Path, line: int, raw: dict[str, Any], session: str | None) -> _Entry:
    require_keys(raw, _REQUIRED, path, line)
    symbol = normalise_symbol(text_field(raw, "symbol", path, line))
    m = _SYMBOL.match(symbol)
    if not m:
        raise SourceError(path, line, f"not a GA resolution or decision symbol: {symbol!r}")
    if session is not None and m.group(2) != session:
        raise SourceError(path, line, f"{symbol} is not of session {session}")
    lists = member_lists(raw, path, line)
    published = published_tally(raw, lists, path, line)
    kind = _adoption_kind(raw, path, line)
    has_lists = any(lists.values())
    if kind == _WITHOUT and has_lists:
        raise SourceError(path, line, f"{symbol}: adopted without a vote but has member lists")
    if kind == "" and has_lists:
        raise SourceError(path, line, f"{symbol}: member lists but no adoption_type")
    signature = json.dumps([kind, [sorted(_SAME_MEMBER.get(n, n) for n in names)
                                   for names in lists.values()], published.as_dict()])
    vote = None
    if kind == _RECORDED and has_lists:
        vote = _vote(path, line, raw, symbol, m.group(1), m.group(2), lists, published)
    return _Entry(line, symbol, kind, signature, vote)


def _adoption_kind(raw: dict[str, Any], path: Path, line: int) -> str:
    adoption_type = text_field(raw, "adoption_type", path, line)
    kind = adoption_type.lower()
    if kind not in (_RECORDED, _WITHOUT, ""):
        raise SourceError(path, line, f"unknown adoption_type {adoption_type!r}")
    voting_type = text_field(raw, "voting_type", path, line)
    if voting_type not in _VOTING_TYPES:
        raise SourceError(path, line, f"unknown voting_type {voting_type!r}")
    implied = _VOTING_TYPES[voting_type]
    if kind and implied and kind != implied:
        raise SourceError(path, line, f"adoption_type {adoption_type!r} contradicts "
                                      f"voting_type {voting_type!r}")
    return kind or implied


def _vote(path: Path, line: int, raw: dict[str, Any], symbol: str, doc: str, session: str,
          lists: dict[Position, list[str]], published: Tally) -> SourceVote:
    quirk = QUIRKS.get(symbol)
    notes = [quirk.note] if quirk else []
    positions, list_notes = positions_from_lists(
        lists, symbol=symbol, path=path, line=line,
        allow_repeats=bool(quirk and quirk.allow_repeats),
        resolve=dict(quirk.resolve) if quirk else None)
    notes += list_notes
    counted = [sum(1 for p in positions.values() if p is pos) for pos in LIST_KEYS]
    shown = [published.yes, published.no, published.abstain]
    if any(s is not None and s != c for s, c in zip(shown, counted)):
        text = (f"lists give {_tally_text(counted)} but the published tally is "
                f"{_tally_text(shown)}")
        if not (quirk and quirk.allow_tally_mismatch):
            raise SourceError(path, line, f"{symbol}: {text}")
    date_text = text_field(raw, "adoption_date", path, line)
    date = parse_date(date_text)
    if date is None:
        raise SourceError(path, line, f"unreadable adoption_date {date_text!r}")
    agenda_name = text_field(raw, "agenda_item_name", path, line)
    agenda_number = text_field(raw, "agenda_item", path, line)
    agenda = (f"{agenda_number}: {agenda_name}" if agenda_number and agenda_name
              else agenda_name or agenda_number or None)
    adoption_type = text_field(raw, "adoption_type", path, line)
    return SourceVote(
        source=SOURCE,
        source_key=symbol,
        file=str(path),
        line=line,
        body=Body.GA,
        date=date,
        symbol=symbol,
        kind=VoteKind.RESOLUTION if doc == "RES" else VoteKind.DECISION,
        positions=positions,
        member_key=MemberKey.NAME,
        session=session,
        meeting=text_field(raw, "pv", path, line) or None,
        draft_symbol=text_field(raw, "originating_document", path, line) or None,
        title=text_field(raw, "title", path, line) or None,
        agenda_item=agenda,
        subjects=subjects(raw, path, line),
        committee=_committee(text_field(raw, "committee", path, line)),
        sponsors=sponsors(raw, path, line),
        published=published,
        published_result=adoption_type or text_field(raw, "voting_type", path, line) or None,
        notes=tuple(notes),
    )


def _tally_text(values: list[int] | list[int | None]) -> str:
    return "-".join("?" if v is None else str(v) for v in values)


_COMMITTEE_ID = re.compile(r"^#(\w+)Committee$")


def _committee(text: str) -> str | None:
    """``"#fifthCommittee"`` (an AKN id left in 5 entries) -> ``"Fifth Committee"``."""
    if m := _COMMITTEE_ID.match(text):
        return f"{m.group(1).capitalize()} Committee"
    return text or None

