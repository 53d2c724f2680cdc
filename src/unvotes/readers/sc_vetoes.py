"""Reader for the list of Security Council vetoes 1946 – 8 July 2022.

``unsc_vetoes_1946_sept2022.csv`` (World Politics Data Lab, compiled by Carlos L. Yordan
from the Dag Hammarskjöld Library's veto list): one row per vetoed draft, 214 rows.
Columns read: ``year, date (M/D/YYYY), month, draft, meeting_record, agenda_item,
crisis_topic, region, member_veto1..3`` (the vetoing members by name) and the 0/1
columns ``China, France, Russia, USSR, USA, UK``. The derived columns
(``single_veto``, ``multiple_vetoes``, ``russia_china`` ...) are not read: they
contradict the names on some rows (``usa_uk`` is 2 on one row).

Quirks kept visible rather than repaired:

- ``draft`` holds the meeting record (``S/PV.23``) instead of a draft symbol for the
  early vetoes, sometimes several symbols (``S/471 and S/471/Add.1``) or a comment
  (``S/3713/Rev.1 (as amended)``). :attr:`VetoRecord.draft_symbol` is the first draft
  symbol in it (None if there is none); :attr:`VetoRecord.draft_raw` keeps the cell.
- For the vetoes of July and August 2020 (written procedure) ``meeting_record`` holds
  the letters recording the vote, one per line; they are joined with ``"; "``.
- The 0/1 columns are incomplete: on 26 rows a member named in ``member_veto1..3`` has
  0 in its column (France on the 1976–1981 triple vetoes, for example). The names are
  taken as the record and the gap is put in :attr:`VetoRecord.notes`; a 1 for a member
  that is *not* named is an error.
- Two rows can be identical (two drafts vetoed at the same meeting, e.g. 26 June 1946):
  they are separate vetoes and both are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, VoteKind
from unvotes.readers._undl import check_columns, numbered_rows

__all__ = ["MEMBERS", "SOURCE", "VetoRecord", "read_sc_veto_votes", "read_sc_vetoes"]

SOURCE = "sc_vetoes_wpdl"
# the source's member names -> ISO3 (ISO 3166-3 SUN for the USSR); also the 0/1 columns
MEMBERS = {"China": "CHN", "France": "FRA", "Russia": "RUS", "USSR": "SUN", "USA": "USA",
           "UK": "GBR"}
_NAMED = ("member_veto1", "member_veto2", "member_veto3")
_REQUIRED = ("year", "date", "month", "draft", "meeting_record", "agenda_item",
             "crisis_topic", "region", *_NAMED, *MEMBERS)
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# a Council document symbol that is not a meeting record: S/471, S/1994/1358, S/3713/Rev.1
_DRAFT = re.compile(r"\bS/(?!PV\.)\d+(?:/\d+)?(?:/(?:Rev|Corr|Add)\.\d+)*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VetoRecord:
    """One vetoed draft of the Security Council, as the veto list has it.

    ``vetoed_by`` are ISO3 codes in the order the list names them (``SUN`` for the
    USSR). ``draft_symbol`` is None where the list gives only a meeting record.
    """

    date: dt.date
    draft_symbol: str | None
    draft_raw: str
    meeting_record: str | None
    agenda_item: str
    crisis_topic: str | None
    region: str | None
    vetoed_by: tuple[str, ...]
    file: str
    line: int
    notes: tuple[str, ...] = ()


def read_sc_vetoes(path: Path) -> Iterator[VetoRecord]:
    """Yield one VetoRecord per row of the veto list at ``path``.

    Raises SourceError on a missing column, a bad date (or a ``year``/``month`` that
    does not match it), an unknown or repeated vetoing member, a 0/1 column holding
    anything else, or a 1 for a member that ``member_veto1..3`` do not name.
    Example: ``next(read_sc_vetoes(Path("unsc_vetoes_1946_sept2022.csv"))).vetoed_by
    == ("SUN",)``.
    """
    file = str(path)
    with open(path, encoding="utf-8-sig", newline="") as text:
        rows = numbered_rows(text, file=file)
        first = next(rows, None)
        if first is None:
            raise SourceError(file, None, "empty file (no header)")
        header = [name.strip() for name in first[1]]
        index = check_columns(header, _REQUIRED, file=file)
        for line, row in rows:
            if len(row) != len(header):
                raise SourceError(file, line, f"{len(row)} fields, the header has {len(header)}")
            cell = {name: row[i].strip() for name, i in index.items()}
            yield _record(cell, file, line)


def _record(cell: dict[str, str], file: str, line: int) -> VetoRecord:
    date = _date(cell, file, line)
    names: list[str] = []
    for column in _NAMED:
        name = cell[column]
        if not name:
            continue
        if name not in MEMBERS:
            raise SourceError(file, line, f"unknown member {name!r} in column {column} "
                                          "(expected China, France, Russia, UK, USA or USSR)")
        if name in names:
            raise SourceError(file, line, f"{name} named twice in member_veto1..3")
        names.append(name)
    if not names:
        raise SourceError(file, line, "no vetoing member in member_veto1..3")
    notes: list[str] = []
    for column in MEMBERS:
        flag = cell[column]
        if flag not in ("0", "1"):
            raise SourceError(file, line, f"bad value {flag!r} in column {column} "
                                          "(expected 0 or 1)")
        if flag == "1" and column not in names:
            raise SourceError(file, line, f"column {column} is 1 but member_veto1..3 name "
                                          f"only {', '.join(names)}")
        if flag == "0" and column in names:
            notes.append(f"column {column} is 0 though member_veto1..3 name {column}")
    draft_raw = cell["draft"]
    if not draft_raw:
        raise SourceError(file, line, "empty draft")
    match = _DRAFT.search(draft_raw)
    draft_symbol = None
    if match is None:
        notes.append(f"draft column holds no draft symbol ({draft_raw})")
    else:
        draft_symbol = "S/" + match.group(0)[2:]
    meeting = "; ".join(part.strip() for part in cell["meeting_record"].splitlines()
                        if part.strip())
    return VetoRecord(
        date=date, draft_symbol=draft_symbol, draft_raw=draft_raw,
        meeting_record=meeting or None, agenda_item=cell["agenda_item"],
        crisis_topic=cell["crisis_topic"] or None, region=cell["region"] or None,
        vetoed_by=tuple(MEMBERS[name] for name in names), file=file, line=line,
        notes=tuple(notes),
    )


def _date(cell: dict[str, str], file: str, line: int) -> dt.date:
    raw = cell["date"]
    m = _DATE.match(raw)
    try:
        if m is None:
            raise ValueError(raw)
        date = dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise SourceError(file, line, f"bad date {raw!r} in column date "
                                      "(expected M/D/YYYY)") from None
    if cell["year"] != str(date.year) or cell["month"] != str(date.month):
        raise SourceError(file, line, f"year {cell['year']!r} and month {cell['month']!r} "
                                      f"do not match date {raw!r}")
    return date


# the list's ISO3 codes back to names, so that the build resolves them by date (the
# China of the 1955 veto is the Republic of China's seat, TWN)
_NAMES = {"CHN": "China", "FRA": "France", "RUS": "Russian Federation", "SUN": "USSR",
          "USA": "United States", "GBR": "United Kingdom"}


def read_sc_veto_votes(path: Path) -> Iterator[SourceVote]:
    """The veto list as votes of the record: one draft resolution per vetoed draft, with
    only the vetoing members' positions known (``positions_complete`` False).

    Example: ``next(read_sc_veto_votes(path)).published_result`` names the vetoers.
    """
    for record in read_sc_vetoes(path):
        names = [_NAMES[code] for code in record.vetoed_by]
        key = record.draft_symbol or f"{record.date.isoformat()} {record.meeting_record}"
        yield SourceVote(
            source=SOURCE, source_key=key, file=record.file,
            line=record.line, body=Body.SC, date=record.date, symbol=None,
            kind=VoteKind.DRAFT, positions={name: Position.NO for name in names},
            member_key=MemberKey.NAME, meeting=record.meeting_record,
            draft_symbol=record.draft_symbol, title=record.agenda_item,
            agenda_item=record.agenda_item,
            published_result="vetoed by " + ", ".join(names),
            notes=(*record.notes, "veto list: only the vetoing members' positions are known"),
            positions_complete=False,
        )
