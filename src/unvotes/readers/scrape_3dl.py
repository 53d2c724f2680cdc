"""Reader for two wide scrapes of UN Digital Library voting records (unofficial).

Both have one row per adopted resolution and one column per member (see
``PROVENANCE.md`` 1.2 and 4 of the shared data):

- ``UN_DATA_1946-2021.csv.zip`` (member ``UN DATA.csv``, GA and SC 1946–2021): columns
  ``Council, Date, Title, Resolution, TOTAL VOTES, NO-VOTE COUNT, ABSENT COUNT, NO COUNT,
  YES COUNT, Link, token`` and one column per member *name as spelled by the scrape*
  (historical names and typos such as ``AY DENMARK``; ``DONOTKNOW`` is kept as a key so
  the build reports it), cells Y/N/A/X or blank (not a member). ``ABSENT COUNT`` is the
  number of **abstentions** and ``NO-VOTE COUNT`` the number of non-voting members: on
  every row they equal the counted ``A`` and ``X`` cells (A/RES/76/27: 125 Y, 50 N,
  14 A, 4 X of 193). Columns whose names differ only by surrounding spaces
  (``UNITED KINGDOM`` and `` UNITED KINGDOM``) are one member and are merged.
- ``un_votes_2025_processed.csv`` (GA and SC 2025): ISO3 columns with YES/NO/ABSTAIN or
  blank. In a GA row a blank is a member that did not vote (X): the published non-voting
  count equals the blanks plus the two members that have no column (AFG, VEN), which are
  not invented here but named in the vote's notes. In an SC row a blank is a state not on
  the Council. ``tags``, ``country``, ``subregion`` and ``continent`` are the
  scraper's LLM classifications and are not read.

``source_key`` is the UN Digital Library record id (``token``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally
from unvotes.readers._undl import (
    check_columns,
    clean_title,
    kind_of,
    numbered_rows,
    parse_count,
    parse_iso_date,
    session_of,
)
from unvotes.symbols import normalise_symbol

__all__ = [
    "ALL_NON_VOTING_NOTE",
    "SOURCE_1946_2021",
    "SOURCE_2025",
    "read_scrape_1946_2021",
    "read_scrape_2025",
]


SOURCE_1946_2021 = "undl_scrape_3dl_1946_2021"
SOURCE_2025 = "undl_scrape_3dl_2025"
ALL_NON_VOTING_NOTE = ("every member recorded as non-voting (X): probably adopted "
                       "without a vote")

_COUNCILS = {"General Assembly": Body.GA, "Security Council": Body.SC}
_META_1946 = ("Council", "Date", "Title", "Resolution", "TOTAL VOTES", "NO-VOTE COUNT",
              "ABSENT COUNT", "NO COUNT", "YES COUNT", "Link", "token")
_META_2025 = ("Link", "token", "Title", "Council", "Resolution", "Date", "YES COUNT",
              "NO COUNT", "ABSTAIN COUNT", "NO-VOTE COUNT", "TOTAL VOTES")
_IGNORED_2025 = ("Scrape_Year", "country", "subregion", "continent", "tags")
# The two members the 2025 scrape has no column for (PROVENANCE.md 1.1, rule 4).
_NO_COLUMN_2025 = ("AFG", "VEN")
_LETTERS = {"Y": Position.YES, "N": Position.NO, "A": Position.ABSTAIN,
            "X": Position.NON_VOTING}
_WORDS = {"YES": Position.YES, "NO": Position.NO, "ABSTAIN": Position.ABSTAIN}
_DRAFT = re.compile(r"^A/(?:(?:ES-|S-)?\d+)/L\.\d+")
_YEAR = re.compile(r"^\d{4}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def read_scrape_1946_2021(path: Path) -> Iterator[SourceVote]:
    """Yield one SourceVote per row of the 1946–2021 scrape (the zip, or the CSV in it).

    Positions are keyed by member name as spelled (stripped of surrounding spaces).
    Raises SourceError on a missing column, an unknown Council or vote letter, a bad
    date or count, a repeated token, or two columns of one member that disagree.
    Example: ``len(list(read_scrape_1946_2021(Path("UN_DATA_1946-2021.csv.zip")))) == 7855``.
    """
    with ExitStack() as stack:
        text, file = _open_1946_2021(path, stack)
        rows = numbered_rows(text, file=file)
        header = _header(rows, file)
        index = check_columns(header, _META_1946, file=file)
        members: dict[str, list[int]] = {}
        for i, name in enumerate(header):
            if name in _META_1946:
                continue
            key = name.strip()
            if not key:
                raise SourceError(file, 1, f"column {i + 1} has no name")
            members.setdefault(key, []).append(i)
        seen: dict[str, int] = {}
        for line, row in rows:
            _check_width(row, header, file, line)
            body, token = _body_and_token(row, index, seen, file, line)
            positions = {key: p for key, cols in members.items()
                         if (p := _merged(row, header, cols, file, line)) is not None}
            notes: list[str] = []
            raw_date = row[index["Date"]].strip()
            if _YEAR.match(raw_date):
                date = None
                notes.append(f"Date column holds only the year {raw_date}")
            else:
                date = parse_iso_date(raw_date, file=file, line=line, column="Date")
            counts = {c: _count(row, index, c, file, line)
                      for c in ("YES COUNT", "NO COUNT", "ABSENT COUNT", "NO-VOTE COUNT",
                                "TOTAL VOTES")}
            published = Tally(yes=counts["YES COUNT"], no=counts["NO COUNT"],
                              abstain=counts["ABSENT COUNT"],
                              non_voting=counts["NO-VOTE COUNT"])
            listed = sum(counts[c] for c in ("YES COUNT", "NO COUNT", "ABSENT COUNT",
                                             "NO-VOTE COUNT"))
            if counts["TOTAL VOTES"] != listed:
                notes.append(f"TOTAL VOTES {counts['TOTAL VOTES']} differs from the sum of "
                             f"the four counts ({listed})")
            if body is Body.SC and positions and all(
                    p is Position.NON_VOTING for p in positions.values()):
                notes.append(ALL_NON_VOTING_NOTE)
            yield _vote(SOURCE_1946_2021, row, index, file, line, body, token, date,
                        positions, MemberKey.NAME, published, notes)


def read_scrape_2025(path: Path) -> Iterator[SourceVote]:
    """Yield one SourceVote per row of the 2025 scrape ``un_votes_2025_processed.csv``.

    Positions are keyed by ISO3; a blank GA cell is non-voting (X), a blank SC cell is
    a state not on the Council. GA votes carry the note "no column for AFG, VEN in
    this scrape". Raises SourceError as :func:`read_scrape_1946_2021` does, and on a
    column that is neither known nor an ISO3 code.
    Example: ``sum(v.body is Body.GA for v in read_scrape_2025(p)) == 192``.
    """
    file = str(path)
    with open(path, encoding="utf-8-sig", newline="") as text:
        rows = numbered_rows(text, file=file)
        header = _header(rows, file)
        index = check_columns(header, _META_2025, file=file)
        members: dict[str, int] = {}
        for i, name in enumerate(header):
            if name in _META_2025 or name in _IGNORED_2025:
                continue
            if not _ISO3.match(name):
                raise SourceError(file, 1, f"column {name!r} is neither a known column "
                                           "nor an ISO3 code")
            if name in members:
                raise SourceError(file, 1, f"column {name} appears twice")
            members[name] = i
        no_column = [code for code in _NO_COLUMN_2025 if code not in members]
        seen: dict[str, int] = {}
        for line, row in rows:
            _check_width(row, header, file, line)
            body, token = _body_and_token(row, index, seen, file, line)
            positions: dict[str, Position] = {}
            for code, i in members.items():
                cell = row[i].strip()
                if not cell:
                    if body is Body.GA:
                        positions[code] = Position.NON_VOTING
                    continue
                position = _WORDS.get(cell)
                if position is None:
                    raise SourceError(file, line, f"unknown vote {cell!r} in column {code} "
                                                  "(expected YES, NO, ABSTAIN or blank)")
                positions[code] = position
            date = parse_iso_date(row[index["Date"]], file=file, line=line, column="Date")
            counts = {c: _count(row, index, c, file, line)
                      for c in ("YES COUNT", "NO COUNT", "ABSTAIN COUNT", "NO-VOTE COUNT",
                                "TOTAL VOTES")}
            published = Tally(yes=counts["YES COUNT"], no=counts["NO COUNT"],
                              abstain=counts["ABSTAIN COUNT"],
                              non_voting=counts["NO-VOTE COUNT"])
            notes: list[str] = []
            if body is Body.GA and no_column:
                notes.append(f"no column for {', '.join(no_column)} in this scrape")
            if body is Body.SC and len(positions) < counts["TOTAL VOTES"]:
                notes.append(f"the published total counts {counts['TOTAL VOTES']} Council "
                             f"members but only {len(positions)} have a position in this "
                             "scrape (the others are blank)")
            yield _vote(SOURCE_2025, row, index, file, line, body, token, date, positions,
                        MemberKey.ISO3, published, notes)


def _open_1946_2021(path: Path, stack: ExitStack) -> tuple[IO[str], str]:
    """The scrape's text and the name errors use: ``ZIP!member`` inside a zip."""
    if not zipfile.is_zipfile(path):
        return stack.enter_context(open(path, encoding="utf-8-sig", newline="")), str(path)
    archive = stack.enter_context(zipfile.ZipFile(path))
    names = [n for n in archive.namelist()
             if n.lower().endswith(".csv") and not n.startswith("__MACOSX/")]
    if len(names) != 1:
        raise SourceError(path, None, f"expected one CSV in the zip, found {len(names)}")
    raw = stack.enter_context(archive.open(names[0]))
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    return stack.enter_context(text), f"{path}!{names[0]}"


def _header(rows: Iterator[tuple[int, list[str]]], file: str) -> list[str]:
    first = next(rows, None)
    if first is None:
        raise SourceError(file, None, "empty file (no header)")
    return first[1]


def _check_width(row: list[str], header: list[str], file: str, line: int) -> None:
    if len(row) != len(header):
        raise SourceError(file, line, f"{len(row)} fields, the header has {len(header)}")


def _body_and_token(row: list[str], index: dict[str, int], seen: dict[str, int],
                    file: str, line: int) -> tuple[Body, str]:
    council = row[index["Council"]].strip()
    body = _COUNCILS.get(council)
    if body is None:
        raise SourceError(file, line, f"unknown Council {council!r} "
                                      "(expected General Assembly or Security Council)")
    token = row[index["token"]].strip()
    if not token:
        raise SourceError(file, line, "empty token")
    if token in seen:
        raise SourceError(file, line, f"token {token} already on line {seen[token]}")
    seen[token] = line
    return body, token


def _merged(row: list[str], header: list[str], columns: list[int], file: str,
            line: int) -> Position | None:
    """The position in one member's column(s); None if all are blank."""
    found: tuple[int, str] | None = None
    for i in columns:
        cell = row[i].strip()
        if not cell:
            continue
        if cell not in _LETTERS:
            raise SourceError(file, line, f"unknown vote {cell!r} in column {header[i]!r} "
                                          "(expected Y, N, A, X or blank)")
        if found is not None and found[1] != cell:
            raise SourceError(file, line, f"columns {header[found[0]]!r} and {header[i]!r} "
                                          f"disagree: {found[1]!r} and {cell!r}")
        found = (i, cell)
    return None if found is None else _LETTERS[found[1]]


def _count(row: list[str], index: dict[str, int], column: str, file: str, line: int) -> int:
    value = parse_count(row[index[column]], file=file, line=line, column=column)
    if value is None:  # cannot happen: a blank count is an error unless blank_ok
        raise SourceError(file, line, f"blank {column}")
    return value


def _vote(source: str, row: list[str], index: dict[str, int], file: str, line: int,
          body: Body, token: str, date: dt.date | None, positions: dict[str, Position],
          member_key: MemberKey, published: Tally, notes: list[str]) -> SourceVote:
    resolution = row[index["Resolution"]].strip()
    symbol: str | None = None
    draft: str | None = None
    if not resolution or resolution == "MISSING_DATA":
        notes.append(f"no resolution symbol in this scrape ({resolution or 'blank'})")
    elif _DRAFT.match(resolution.upper()):
        draft = resolution
        notes.append(f"Resolution column holds the draft symbol {resolution}")
    else:
        symbol = normalise_symbol(resolution)
    return SourceVote(
        source=source, source_key=token, file=file, line=line, body=body,
        date=date,
        symbol=symbol, kind=kind_of(symbol), positions=positions, member_key=member_key,
        session=session_of(symbol or draft) if body is Body.GA else None,
        draft_symbol=draft, title=clean_title(row[index["Title"]]),
        published=published, undl_link=row[index["Link"]].strip() or None,
        notes=tuple(notes),
    )
