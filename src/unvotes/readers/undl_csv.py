"""Reader for the UN Digital Library's member-state voting CSVs (Dag Hammarskjöld Library).

Two files, one row per (vote, member state), as described in the Library's data
dictionaries (GA version 5 and SC version 6, both of 6 February 2026):

- General Assembly (record 4060887): ``undl_id, ms_code, ms_name, ms_vote, date,
  session, resolution, draft, committee_report, meeting, title, agenda_title, subjects,
  vote_note, total_yes, total_no, total_abstentions, total_non_voting, total_ms,
  undl_link``.
- Security Council (record 4055387): ``undl_id, ms_code, ms_name, permanent_member,
  ms_vote, date, resolution, draft, meeting, description, agenda, subjects, vote_note,
  total_yes, total_no, total_abstentions, total_non_voting, total_ms, modality,
  undl_link``.

``ms_vote`` is Y, N, A or X (non-voting); version 1 of the GA file spelled non-voting
``NV``, which is read as X. ``vote_note`` is optional (older versions lack it). The rows
of one vote share ``undl_id`` and need not be contiguous; votes are yielded in the order
of their first row, after the whole file has been read (memory grows with the number of
votes and their positions, not with the file's text). The Library only lists adopted
resolutions, so every vote is a resolution (or a decision, ``A/DEC/...``).

For a Council resolution adopted without a vote or by acclamation the Library records
every member as ``Y``; those positions are kept, with the note
:data:`WITHOUT_VOTE_NOTE`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally
from unvotes.readers._undl import (
    check_columns,
    clean_title,
    kind_of,
    numbered_rows,
    open_text,
    parse_count,
    parse_iso_date,
    session_of,
    split_subjects,
)
from unvotes.symbols import normalise_symbol

__all__ = [
    "GA_COLUMNS",
    "SC_COLUMNS",
    "SOURCE_GA",
    "SOURCE_SC",
    "WITHOUT_VOTE_NOTE",
    "read_undl_ga",
    "read_undl_sc",
    "sniff_undl",
]

SOURCE_GA = "undl_ga"
SOURCE_SC = "undl_sc"
GA_COLUMNS = (
    "undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
    "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note",
    "total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms",
    "undl_link",
)
SC_COLUMNS = (
    "undl_id", "ms_code", "ms_name", "permanent_member", "ms_vote", "date", "resolution",
    "draft", "meeting", "description", "agenda", "subjects", "vote_note", "total_yes",
    "total_no", "total_abstentions", "total_non_voting", "total_ms", "modality",
    "undl_link",
)
_OPTIONAL = frozenset({"vote_note"})
WITHOUT_VOTE_NOTE = "adopted without a vote (positions recorded as Y by the Library)"

_VOTES = {"Y": Position.YES, "N": Position.NO, "A": Position.ABSTAIN,
          "X": Position.NON_VOTING, "NV": Position.NON_VOTING}
_TALLY = ("total_yes", "total_no", "total_abstentions", "total_non_voting")
_WITHOUT_VOTE = re.compile(r"without\s+(?:a\s+)?vot|acclamation", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Layout:
    body: Body
    source: str
    columns: tuple[str, ...]
    title: str
    agenda: str
    # vote-level columns that must read the same on every row of one vote; the
    # descriptive ones (title, subjects ...) are taken from the vote's first row
    checked: tuple[str, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in _OPTIONAL)


_GA = _Layout(Body.GA, SOURCE_GA, GA_COLUMNS, "title", "agenda_title",
              ("date", "session", "resolution", "meeting", *_TALLY, "total_ms"))
_SC = _Layout(Body.SC, SOURCE_SC, SC_COLUMNS, "description", "agenda",
              ("date", "resolution", "meeting", *_TALLY, "total_ms", "modality"))


@dataclass(slots=True)
class _Pending:
    line: int
    values: dict[str, str]
    checked: tuple[str, ...]
    published: Tally | None
    total_ms: int | None
    positions: dict[str, Position] = field(default_factory=dict)


def read_undl_ga(path: Path, *, progress: Callable[[int], None] | None = None
                 ) -> Iterator[SourceVote]:
    """Yield one SourceVote per recorded vote of the Library's GA voting CSV at ``path``.

    Positions are keyed by ISO3 (``ms_code``). ``progress`` receives the number of
    bytes read so far. Raises SourceError on a missing column, an unknown vote letter,
    a bad date or count, a member listed twice for one vote, or rows of one vote that
    disagree on its date, symbol, session, meeting or tally.
    Example: ``{v.symbol for v in read_undl_ga(Path("2026_02_06_ga_voting.csv"))}``.
    """
    return _read(path, _GA, progress)


def read_undl_sc(path: Path, *, progress: Callable[[int], None] | None = None
                 ) -> Iterator[SourceVote]:
    """Yield one SourceVote per resolution of the Library's SC voting CSV at ``path``.

    As :func:`read_undl_ga`; resolutions adopted without a vote carry
    :data:`WITHOUT_VOTE_NOTE`. Example:
    ``next(read_undl_sc(Path("2026_02_06_sc_voting.csv"))).body is Body.SC``.
    """
    return _read(path, _SC, progress)


def sniff_undl(path: Path) -> Body | None:
    """Which body a Library voting CSV holds, judged from its header; None if the
    header is neither layout (or the file is empty or not UTF-8 text).

    Example: ``sniff_undl(Path("2026_02_06_sc_voting.csv")) is Body.SC``.
    """
    try:
        with open_text(path) as text:
            first = next(numbered_rows(text, file=str(path)), None)
    except SourceError:
        return None
    if first is None:
        return None
    names = {name.strip() for name in first[1]}
    for layout in (_GA, _SC):
        if set(layout.required) <= names:
            return layout.body
    return None


def _read(path: Path, layout: _Layout, progress: Callable[[int], None] | None
          ) -> Iterator[SourceVote]:
    file = str(path)
    pending: dict[str, _Pending] = {}
    with open_text(path, progress=progress) as text:
        rows = numbered_rows(text, file=file)
        first = next(rows, None)
        if first is None:
            raise SourceError(file, None, "empty file (no header)")
        header = [name.strip() for name in first[1]]
        index = check_columns(header, layout.required, file=file)
        width = len(header)
        i_id, i_code, i_vote = index["undl_id"], index["ms_code"], index["ms_vote"]
        i_checked = [index[c] for c in layout.checked]
        for line, row in rows:
            if len(row) != width:
                raise SourceError(file, line, f"{len(row)} fields, the header has {width}")
            undl_id = row[i_id].strip()
            if not undl_id:
                raise SourceError(file, line, "empty undl_id")
            code = row[i_code].strip()
            if not code:
                raise SourceError(file, line, "empty ms_code")
            letter = row[i_vote].strip()
            position = _VOTES.get(letter)
            if position is None:
                raise SourceError(file, line, f"unknown vote {letter!r} in column ms_vote "
                                              "(expected Y, N, A or X)")
            checked = tuple(row[i].strip() for i in i_checked)
            vote = pending.get(undl_id)
            if vote is None:
                vote = _start(row, index, checked, layout, file, line)
                pending[undl_id] = vote
            elif checked != vote.checked:
                column, here, there = next(
                    (c, a, b) for c, a, b in zip(layout.checked, checked, vote.checked,
                                                 strict=True) if a != b)
                raise SourceError(file, line, f"undl_id {undl_id}: {column} is {here!r} here "
                                              f"but {there!r} on line {vote.line}")
            if code in vote.positions:
                raise SourceError(file, line, f"member {code} appears twice in undl_id {undl_id}")
            vote.positions[sys.intern(code)] = position
    for undl_id, vote in pending.items():
        yield _finish(undl_id, vote, layout, file)


def _start(row: list[str], index: dict[str, int], checked: tuple[str, ...],
           layout: _Layout, file: str, line: int) -> _Pending:
    values = {name: row[i].strip() for name, i in index.items()
              if name not in ("ms_code", "ms_name", "ms_vote", "permanent_member")}
    parse_iso_date(values["date"], file=file, line=line, column="date", compact=True)
    counts = [parse_count(values[c], file=file, line=line, column=c, blank_ok=True)
              for c in _TALLY]
    total_ms = parse_count(values["total_ms"], file=file, line=line, column="total_ms",
                           blank_ok=True)
    published = None if all(c is None for c in counts) else Tally(*counts)
    return _Pending(line=line, values=values, checked=checked, published=published,
                    total_ms=total_ms)


def _finish(undl_id: str, vote: _Pending, layout: _Layout, file: str) -> SourceVote:
    values = vote.values
    notes: list[str] = []
    resolution = values["resolution"]
    symbol = normalise_symbol(resolution) if resolution else None
    if symbol is None:
        notes.append("no resolution symbol")
    session = None
    if layout.body is Body.GA:
        session = _session(values["session"], symbol, notes)
    modality = values.get("modality", "")
    vote_note = values.get("vote_note", "")
    if layout.body is Body.SC and (_WITHOUT_VOTE.search(modality)
                                   or _WITHOUT_VOTE.search(vote_note)):
        notes.append(WITHOUT_VOTE_NOTE)
    if vote_note:
        notes.append(f"vote note: {vote_note}")
    if values.get("committee_report"):
        notes.append(f"committee report: {values['committee_report']}")
    if vote.total_ms is not None and vote.total_ms != len(vote.positions):
        notes.append(f"published total_ms {vote.total_ms} but {len(vote.positions)} "
                     "member rows")
    return SourceVote(
        source=layout.source, source_key=undl_id, file=file, line=vote.line,
        body=layout.body,
        date=parse_iso_date(values["date"], file=file, line=vote.line, column="date",
                            compact=True),
        symbol=symbol, kind=kind_of(symbol), positions=vote.positions,
        member_key=MemberKey.ISO3, session=session,
        meeting=values["meeting"] or None, draft_symbol=values["draft"] or None,
        title=clean_title(values[layout.title]), agenda_item=values[layout.agenda] or None,
        subjects=split_subjects(values["subjects"]), published=vote.published,
        published_result=None, undl_link=values["undl_link"] or None, notes=tuple(notes),
    )


def _session(column: str, symbol: str | None, notes: list[str]) -> str | None:
    """The session from the symbol where it says one (the column may give "11" for
    ES-11, or a float "79.0"), else the cleaned column."""
    cleaned = column
    if re.fullmatch(r"\d+(?:\.0*)?", column):
        cleaned = str(int(float(column)))
    derived = session_of(symbol)
    if derived is None:
        return cleaned or None
    if cleaned and cleaned.upper() != derived:
        notes.append(f"session column says {column!r}; {derived!r} taken from the symbol")
    return derived
