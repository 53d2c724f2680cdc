"""Reader for the DGACM Security Council files (``UNxml/SCresolutions``).

Three inputs, all source ``unxml_dgacm_sc``:

- ``data_extract/<year>.json`` (2000-2026): JSON lines, one adopted resolution a line,
  read by :func:`read_dgacm_sc` / :func:`read_dgacm_sc_dir`;
- ``xml/<year>/English/S_RES_*.xml`` and ``xml/Pre-2020/<year>/S_RES_*.xml`` (AKN4UN),
  used only where the JSON lacks a resolution or has it wrong (:func:`read_akn_resolution`);
- ``xml/Not adopted/English/*.xml``: drafts not adopted 2023-2025, read by
  :func:`read_dgacm_sc_not_adopted` (kind ``DRAFT``; ``symbol`` None, ``draft_symbol``
  the draft).

Members are keyed by name as DGACM spells them (``CHILEs``, ``CÔTE D’IVOIRE`` and
``TÜRKİYE`` included); the build resolves them. Unlike the GA reader this one adds ``X``:
the Council of a year is the 15 members named in that year's lists, and a member in
none of the three lists of a vote whose published tally adds up to less than 15 did not
take part. Resolutions adopted without a vote (no lists, zero counts) are yielded with
no positions and the note "adopted without a vote ..."; where DGACM lists all 15 in
favour of such a resolution the ``Y`` are kept.

Generic rules (each leaves a note): identical repeated entries are kept once
(S/RES/2821, 2822 (2026)); JSON lists empty but a published tally -> positions from the
XML file (S/RES/2723 (2024)); a resolution with an XML file and no JSON entry is read
from the XML (S/RES/2770, 2772 (2025)); a JSON date outside the symbol's year -> the XML
date, or no date without XML (S/RES/2423 (2018)). Everything else that does not add up
is an error unless :data:`QUIRKS` names the vote.
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
from unvotes.readers._akn import AknRecord, read_akn
from unvotes.readers._dgacm import (
    COUNT_KEYS,
    LIST_KEYS,
    figures,
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

__all__ = [
    "QUIRKS",
    "SOURCE",
    "ScQuirk",
    "read_akn_resolution",
    "read_dgacm_sc",
    "read_dgacm_sc_dir",
    "read_dgacm_sc_not_adopted",
]

SOURCE = "unxml_dgacm_sc"
COUNCIL_SIZE = 15
STATS_KEYS = ("entries", "resolutions", "duplicates", "without_vote", "no_lists",
              "xml_patched", "xml_only")


@dataclass(frozen=True, slots=True)
class ScQuirk:
    """A known defect of one vote in the DGACM Council files, and what is done about it."""

    note: str
    tally_from_text: bool = False  # published tally = the figures written in adoption_type
    positions_unknown: bool = False  # the lists contradict the published vote: no positions
    recode_x: tuple[str, ...] = ()  # listed, but absent: recoded X
    non_voting: tuple[str, ...] = ()  # expected in no list (did not take part); checked
    join_names: tuple[tuple[str, str, str], ...] = ()  # (item, next item, joined name)
    prefer_with_lists: bool = False  # repeated entry, one without lists: keep the other
    resolve: tuple[tuple[str, Position], ...] = ()  # name in two lists -> position kept


# Known defects (PROVENANCE.md 6.4), keyed by the symbol as normalise_symbol writes it
# (drafts by their draft symbol). Each is applied where named; the usual checks then
# run on the result, so a quirk that no longer fits the data fails loudly.
QUIRKS: dict[str, ScQuirk] = {
    # "Adopted (14-0-0, 1 absent)", counts 14-0-1: the absent Jamaica is in the
    # abstaining list.
    "S/RES/1287 (2000)": ScQuirk(
        note="adoption_type 'Adopted (14-0-0, 1 absent)': JAMAICA, listed abstaining, was "
             "absent; recoded X and the adoption_type figures used",
        tally_from_text=True, recode_x=("JAMAICA",)),
    # Syria took no part in the vote (published 14-0-0, 14 names listed).
    "S/RES/1402 (2002)": ScQuirk(note="SYRIAN ARAB REPUBLIC did not participate",
                                 non_voting=("SYRIAN ARAB REPUBLIC",)),
    "S/RES/1483 (2003)": ScQuirk(note="SYRIAN ARAB REPUBLIC did not participate",
                                 non_voting=("SYRIAN ARAB REPUBLIC",)),
    # Count fields 15-0-0, but lists and adoption_type 9-0-6.
    "S/RES/1559 (2004)": ScQuirk(
        note="count fields 15-0-0 contradict the lists; adoption_type figures 9-0-6 used",
        tally_from_text=True),
    # One member split over two list items.
    "S/RES/2403 (2018)": ScQuirk(
        note="name split over two list items ('CÔTE.' + \"D'IVOIRE\") joined",
        join_names=(("CÔTE.", "D'IVOIRE", "CÔTE D'IVOIRE"),)),
    # Count fields 15-0-3, but lists and adoption_type 12-0-3 (voting by mail).
    "S/RES/2521 (2020)": ScQuirk(
        note="count fields 15-0-3 contradict the lists; adoption_type figures 12-0-3 used",
        tally_from_text=True),
    # Published 12-0-2 in counts and lists; adoption_type wrongly says 13-0-2.
    "S/RES/2756 (2024)": ScQuirk(
        note="ALGERIA did not participate (adoption_type wrongly says 13-0-2)",
        non_voting=("ALGERIA",)),
    "S/RES/2797 (2025)": ScQuirk(note="ALGERIA did not participate", non_voting=("ALGERIA",)),
    # Every language version lists all 15 in favour; the vote was 13-0-2, so the two
    # abstainers cannot be told apart.
    "S/RES/2812 (2026)": ScQuirk(
        note="DGACM lists all 15 in favour but the published vote is 13-0-2: "
             "member positions unknown",
        tally_from_text=True, positions_unknown=True),
    # Two JSON entries, one with lists and counts, one with neither.
    "S/RES/2820 (2026)": ScQuirk(note="two JSON entries, one without lists or counts",
                                 prefer_with_lists=True),
    # Draft: CHINA is in the in-favour list (14 names, count 13) and the abstaining list.
    "S/2023/638": ScQuirk(note="the in-favour list has 14 names for a count of 13",
                          resolve=(("CHINA", Position.ABSTAIN),)),
}

_REQUIRED = ("symbol", "adoption_date", "adoption_type", *LIST_KEYS.values(),
             *COUNT_KEYS.values())
_SC_SYMBOL = re.compile(r"^S/RES/(\d+) \((\d{4})\)$")
_DRAFT_SYMBOL = re.compile(r"^S/(\d{4})/(\d+)$")
_DRAFT_FILE = re.compile(r"^S_(\d{4})[_-](\d+)[_-]")
_XML_FILE = re.compile(r"^S_RES[_-](\d+)[_-]")
_MEETING = re.compile(r"^(\d+)\s*(?:st|nd|rd|th)\b", re.IGNORECASE)
_TEXT_MEETING = re.compile(r"(\d+)\s*(?:st|nd|rd|th)\s*(?:\([^)]*\)\s*)?meeting", re.IGNORECASE)
_WITHOUT_VOTE = re.compile(r"without (?:a )?vote|acclamation", re.IGNORECASE)
_ABSENT = re.compile(r"(\d+) absent")


@dataclass(slots=True)
class _Pending:
    """A vote before the non-voting members of its year are known."""

    number: int
    year: str
    vote: SourceVote
    names: list[str]  # every member named in its lists: the year's Council


def read_dgacm_sc(path: Path, *, xml_dir: Path | None = None,
                  stats: dict[str, int] | None = None) -> Iterator[SourceVote]:
    """Yield one SourceVote per adopted resolution in one ``data_extract/<year>.json``.

    With ``xml_dir`` (the repo's ``xml`` folder) the AKN files fill what the JSON lacks
    (see the module docstring). ``stats``, if given, has its counts increased:
    ``entries`` (lines read), ``resolutions`` (votes yielded), ``duplicates``,
    ``without_vote``, ``no_lists`` (a tally but no lists and no XML), ``xml_patched``,
    ``xml_only``. Votes come in resolution-number order. Raises SourceError on
    malformed input. Example: ``next(read_dgacm_sc(Path("2024.json"))).symbol ==
    "S/RES/2722 (2024)"``.
    """
    index = _xml_index(xml_dir) if xml_dir is not None else {}
    yield from _read_year(path, index, stats)


def read_dgacm_sc_dir(directory: Path, *, xml_dir: Path | None = None,
                      stats: dict[str, int] | None = None) -> Iterator[SourceVote]:
    """Yield the adopted resolutions of every ``<year>.json`` in a ``data_extract`` folder.

    As :func:`read_dgacm_sc`, year by year; XML files of a year without a JSON file are
    not read. Example: ``sum(1 for _ in read_dgacm_sc_dir(Path("data_extract"),
    xml_dir=Path("xml"))) == 1540``.
    """
    files = sorted(p for p in directory.glob("*.json"))
    for path in files:
        if not re.fullmatch(r"\d{4}", path.stem):
            raise SourceError(path, None, "not an SC extract file (expected <year>.json)")
    if not files:
        raise SourceError(directory, None, "no SC extract files (<year>.json)")
    index = _xml_index(xml_dir) if xml_dir is not None else {}
    for path in files:
        yield from _read_year(path, index, stats)


def read_akn_resolution(path: Path) -> SourceVote:
    """The vote of one AKN4UN resolution file (``S_RES_2772-2502641E.xml``).

    Positions are as listed (no ``X``: one file does not tell the Council of the year).
    Raises SourceError on malformed XML or a file that is not an SC resolution.
    Example: ``read_akn_resolution(Path("S_RES_2772-2502641E.xml")).published ==
    Tally(13, 0, 2)``.
    """
    record = read_akn(path)
    symbol = normalise_symbol(record.symbol or "")
    if not _SC_SYMBOL.match(symbol):
        raise SourceError(path, None, f"not an SC resolution symbol: {record.symbol!r}")
    return _akn_vote(record, symbol=symbol, kind=VoteKind.RESOLUTION)


def read_dgacm_sc_not_adopted(directory: Path, *, stats: dict[str, int] | None = None
                              ) -> Iterator[SourceVote]:
    """Yield one SourceVote (kind DRAFT) per AKN4UN file of a draft not adopted.

    ``directory`` holds the files (``xml/Not adopted/English``). ``published_result`` is
    the outcome text verbatim ("... not adopted due to the negative vote of a permanent
    member ..."). A file with an empty ``<voting>`` block (S/2025/353) gives no positions
    and no tally, with a note. ``stats["drafts"]`` counts the files read.
    Example: ``next(read_dgacm_sc_not_adopted(Path("Not adopted/English"))).draft_symbol
    == "S/2023/212"``.
    """
    files = sorted(directory.glob("*.xml"))
    if not files:
        raise SourceError(directory, None, "no XML files of drafts")
    for path in files:
        record = read_akn(path)
        symbol = record.symbol or ""
        if not _DRAFT_SYMBOL.match(symbol):
            m = _DRAFT_FILE.match(path.name)
            if not m:
                raise SourceError(path, None, f"no draft symbol in the file or its name "
                                              f"({record.symbol!r})")
            symbol = f"S/{m.group(1)}/{int(m.group(2))}"
        if stats is not None:
            stats["drafts"] = stats.get("drafts", 0) + 1
        yield _akn_vote(record, symbol=symbol, kind=VoteKind.DRAFT)


# --------------------------------------------------------------------------- XML
def _akn_vote(record: AknRecord, *, symbol: str, kind: VoteKind) -> SourceVote:
    path, line = record.path, record.voting_line or 1
    quirk = QUIRKS.get(symbol)
    notes = [quirk.note] if quirk else []
    positions: dict[str, Position] = {}
    published: Tally | None = None
    if record.lists:
        lists = {pos: record.lists.get(pos, []) for pos in LIST_KEYS}
        positions, list_notes = positions_from_lists(
            lists, symbol=symbol, path=path, line=line,
            resolve=dict(quirk.resolve) if quirk else None)
        notes += list_notes
        counts = [record.counts.get(pos) for pos in LIST_KEYS]
        published = Tally(*[(0 if c is None and not lists[pos] else c)
                            for c, pos in zip(counts, LIST_KEYS)])
        _check_tally(positions, published, symbol, path, line)
    else:
        notes.append("the file's <voting> block is empty: member positions and tally unknown")
    if record.date is None:
        notes.append(f"no adoption date in the file (FRBRWork date {record.date_text!r})")
    meeting, meeting_note = _akn_meeting(record)
    if meeting_note:
        notes.append(meeting_note)
    is_draft = kind is VoteKind.DRAFT
    return SourceVote(
        source=SOURCE, source_key=symbol, file=str(path), line=line, body=Body.SC,
        date=record.date, symbol=None if is_draft else symbol, kind=kind,
        positions=positions, member_key=MemberKey.NAME, meeting=meeting,
        draft_symbol=symbol if is_draft else (record.draft or None),
        title=record.title or None, agenda_item=record.agenda or None,
        subjects=record.subjects, sponsors=record.sponsors, published=published,
        published_result=record.outcome_text or record.outcome or None, notes=tuple(notes))


def _akn_meeting(record: AknRecord) -> tuple[str | None, str | None]:
    """The meeting record; the number written in the outcome text wins over ``@as``."""
    meeting = record.meeting or None
    m = _TEXT_MEETING.search(record.outcome_text)
    if m and (meeting is None or not meeting.startswith(f"S/PV.{m.group(1)}")):
        fixed = f"S/PV.{m.group(1)}"
        return fixed, f"outcome step names {meeting}, its text meeting {m.group(1)}"
    return meeting, None


def _xml_index(xml_dir: Path) -> dict[int, tuple[str, Path]]:
    """Resolution number -> (year, English AKN file) for the files under ``xml_dir``."""
    index: dict[int, tuple[str, Path]] = {}
    for path in sorted(xml_dir.rglob("S_RES*.xml")):
        parts = path.relative_to(xml_dir).parts
        if len(parts) != 3:
            continue
        if parts[0].isdigit() and parts[1] == "English":
            year = parts[0]
        elif parts[0] == "Pre-2020" and parts[1].isdigit():
            year = parts[1]
        else:
            continue  # another language
        m = _XML_FILE.match(path.name)
        if not m:
            continue
        number = int(m.group(1))
        if number in index:
            raise SourceError(path, None, f"a second XML file for S/RES/{number} "
                                          f"(first: {index[number][1].name})")
        index[number] = (year, path)
    return index


# --------------------------------------------------------------------------- JSON
def _read_year(path: Path, index: dict[int, tuple[str, Path]],
               stats: dict[str, int] | None) -> Iterator[SourceVote]:
    counts = dict.fromkeys(STATS_KEYS, 0)
    file_year = path.stem if re.fullmatch(r"\d{4}", path.stem) else None
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for line, raw in read_json_lines(path):
        counts["entries"] += 1
        require_keys(raw, _REQUIRED, path, line)
        symbol = normalise_symbol(text_field(raw, "symbol", path, line))
        m = _SC_SYMBOL.match(symbol)
        if not m:
            raise SourceError(path, line, f"not an SC resolution symbol: {symbol!r}")
        if file_year is not None and m.group(2) != file_year:
            raise SourceError(path, line, f"{symbol} is not of {file_year}")
        groups.setdefault(symbol, []).append((line, raw))
    pending: list[_Pending] = []
    for symbol, items in groups.items():
        line, raw, notes = _pick(path, symbol, items, counts)
        pending.append(_from_json(path, line, raw, symbol, notes, index, counts))
    if file_year is not None:
        in_json = {p.number for p in pending}
        for number, (year, xml_path) in sorted(index.items()):
            if year == file_year and number not in in_json:
                counts["xml_only"] += 1
                pending.append(_from_xml(xml_path))
    council: dict[str, dict[str, None]] = {}
    for p in pending:
        council.setdefault(p.year, {}).update(dict.fromkeys(p.names))
    votes = [_add_non_voting(p, list(council[p.year])) for p in
             sorted(pending, key=lambda p: p.number)]
    counts["resolutions"] = len(votes)
    if stats is not None:
        for key, value in counts.items():
            stats[key] = stats.get(key, 0) + value
    yield from votes


def _signature(raw: dict[str, Any], path: Path, line: int) -> str:
    lists = member_lists(raw, path, line)
    tally = published_tally(raw, lists, path, line)
    return json.dumps([sorted(names) for names in lists.values()] + [tally.as_dict()])


def _pick(path: Path, symbol: str, items: list[tuple[int, dict[str, Any]]],
          counts: dict[str, int]) -> tuple[int, dict[str, Any], list[str]]:
    """The entry to use for a symbol, and notes; SourceError for unexplained repeats."""
    line, raw = items[0]
    if len(items) == 1:
        return line, raw, []
    others = ", ".join(str(i[0]) for i in items[1:])
    signatures = [_signature(r, path, n) for n, r in items]
    if len(set(signatures)) == 1:
        counts["duplicates"] += len(items) - 1
        return line, raw, [f"repeated at line {others} with the same votes; kept once"]
    quirk = QUIRKS.get(symbol)
    if quirk and quirk.prefer_with_lists:
        with_lists = [(n, r) for n, r in items if any(member_lists(r, path, n).values())]
        if len(with_lists) == 1:
            counts["duplicates"] += len(items) - 1
            dropped = ", ".join(str(n) for n, _ in items if n != with_lists[0][0])
            note = f"repeated at line {dropped} without member lists; that copy dropped"
            return (*with_lists[0], [note])
    raise SourceError(path, items[1][0], f"{symbol} repeats line {line} with different votes")


def _from_json(path: Path, line: int, raw: dict[str, Any], symbol: str, notes: list[str],
               index: dict[int, tuple[str, Path]], counts: dict[str, int]) -> _Pending:
    m = _SC_SYMBOL.match(symbol)
    assert m is not None
    number, year = int(m.group(1)), m.group(2)
    quirk = QUIRKS.get(symbol)
    notes = [quirk.note, *notes] if quirk else list(notes)
    xml = index.get(number)
    positions, published, names = _json_positions(path, line, raw, symbol, quirk, xml, notes,
                                                  counts)
    date_text = text_field(raw, "adoption_date", path, line) or text_field(
        raw, "document_title", path, line)
    date = parse_date(date_text)
    if date is None:
        raise SourceError(path, line, f"unreadable adoption_date {date_text!r}")
    meeting, meeting_notes = _json_meeting(raw, text_field(raw, "adoption_type", path, line),
                                           path, line)
    notes += meeting_notes
    if str(date.year) != year:
        record = read_akn(xml[1]) if xml is not None else None
        if xml and record and record.date and str(record.date.year) == year:
            xml_meeting, _ = _akn_meeting(record)
            notes.append(f"JSON date {date_text} ({meeting}) not in the symbol's year; "
                         f"date {record.date.isoformat()} ({xml_meeting}) from {xml[1].name}")
            date, meeting = record.date, xml_meeting
        else:
            notes.append(f"JSON date {date_text} not in the symbol's year: date unknown")
            date = None
    vote = SourceVote(
        source=SOURCE, source_key=symbol, file=str(path), line=line, body=Body.SC,
        date=date, symbol=symbol, kind=VoteKind.RESOLUTION, positions=positions,
        member_key=MemberKey.NAME, meeting=meeting,
        draft_symbol=text_field(raw, "draft_resolution", path, line) or None,
        title=(text_field(raw, "resolution_title", path, line)
               or text_field(raw, "title", path, line) or None),
        agenda_item=text_field(raw, "agenda_item_name", path, line) or None,
        subjects=subjects(raw, path, line), sponsors=sponsors(raw, path, line),
        published=published,
        published_result=text_field(raw, "adoption_type", path, line) or None,
        notes=tuple(notes))
    return _Pending(number, year, vote, names)


def _json_positions(path: Path, line: int, raw: dict[str, Any], symbol: str,
                    quirk: ScQuirk | None, xml: tuple[str, Path] | None, notes: list[str],
                    counts: dict[str, int]
                    ) -> tuple[dict[str, Position], Tally | None, list[str]]:
    """Positions (no X yet), published tally and every name listed; appends to ``notes``."""
    lists = member_lists(raw, path, line)
    if quirk:
        lists = {pos: _join(names, quirk.join_names) for pos, names in lists.items()}
    adoption_type = text_field(raw, "adoption_type", path, line)
    published: Tally | None = published_tally(raw, lists, path, line)
    assert published is not None
    if quirk and quirk.tally_from_text:
        published = _text_tally(adoption_type, path, line, symbol)
    else:
        written = figures(adoption_type)
        shown = (published.yes, published.no, published.abstain)
        if written and written != shown and None not in shown:
            notes.append(f"adoption_type says {_dash(written)}; counts and lists agree on "
                         f"{_dash(shown)}")
    names = [n for names in lists.values() for n in names]
    if quirk and quirk.positions_unknown:
        lists = {pos: [] for pos in lists}
    elif not names:
        if not any((published.yes, published.no, published.abstain)):
            notes.append("adopted without a vote (no member lists, zero counts)")
            counts["without_vote"] += 1
            published = None
        elif xml is not None:
            record = read_akn(xml[1])
            lists = {pos: record.lists.get(pos, []) for pos in LIST_KEYS}
            names = [n for names in lists.values() for n in names]
            notes.append(f"JSON member lists empty; positions from {xml[1].name}")
            counts["xml_patched"] += 1
        else:
            notes.append("member lists empty: positions unknown")
            counts["no_lists"] += 1
    positions, list_notes = positions_from_lists(
        lists, symbol=symbol, path=path, line=line,
        resolve=dict(quirk.resolve) if quirk else None)
    notes += list_notes
    for name in quirk.recode_x if quirk else ():
        if positions.get(name) is None:
            raise SourceError(path, line, f"{symbol}: quirk expects {name!r} in a list")
        positions[name] = Position.NON_VOTING
    if positions and _WITHOUT_VOTE.search(adoption_type):
        notes.append(f"adopted without a vote / by acclamation; DGACM lists "
                     f"{len(positions)} members in favour")
    if positions and published is not None:
        _check_tally(positions, published, symbol, path, line)
    return positions, published, names


def _from_xml(path: Path) -> _Pending:
    vote = read_akn_resolution(path)
    assert vote.symbol is not None
    m = _SC_SYMBOL.match(vote.symbol)
    assert m is not None
    vote = replace(vote, notes=(f"absent from the JSON extract; read from {path.name}",
                                *vote.notes))
    return _Pending(int(m.group(1)), m.group(2), vote, list(vote.positions))


def _join(names: list[str], joins: tuple[tuple[str, str, str], ...]) -> list[str]:
    out = list(names)
    for first, second, joined in joins:
        for i in range(len(out) - 1):
            if out[i] == first and out[i + 1] == second:
                out[i:i + 2] = [joined]
                break
    return out


def _text_tally(adoption_type: str, path: Path, line: int, symbol: str) -> Tally:
    written = figures(adoption_type)
    if written is None:
        raise SourceError(path, line, f"{symbol}: quirk expects figures in adoption_type "
                                      f"{adoption_type!r}")
    absent = _ABSENT.search(adoption_type)
    return Tally(*written, non_voting=int(absent.group(1)) if absent else None)


def _dash(values: tuple[int | None, ...] | list[int | None] | list[int]) -> str:
    return "-".join("?" if v is None else str(v) for v in values)


def _check_tally(positions: dict[str, Position], published: Tally, symbol: str, path: Path,
                 line: int) -> None:
    counted = [sum(1 for p in positions.values() if p is pos) for pos in LIST_KEYS]
    shown = [published.yes, published.no, published.abstain]
    if any(s is not None and s != c for s, c in zip(shown, counted)):
        raise SourceError(path, line, f"{symbol}: lists give {_dash(counted)} but the "
                                      f"published tally is {_dash(shown)}")


def _json_meeting(raw: dict[str, Any], adoption_type: str, path: Path, line: int
                  ) -> tuple[str | None, list[str]]:
    """``"9527th meeting"`` -> ``"S/PV.9527"`` (``outcome_letter`` if it is that meeting,
    which adds "(Resumption 1)"); voting by mail -> None and a note naming the letter."""
    text = text_field(raw, "adoption_meeting", path, line)
    letter = text_field(raw, "outcome_letter", path, line)
    if not text:
        return None, []
    if "voting by mail" in text.lower():
        return None, [f"voting by mail (letter {letter})" if letter else "voting by mail"]
    m = _MEETING.match(text)
    if not m:
        raise SourceError(path, line, f"unrecognised adoption_meeting {text!r}")
    number = m.group(1)
    meeting = (letter if re.match(rf"S/PV\.{number}(?!\d)", letter) else f"S/PV.{number}")
    notes = []
    t = _TEXT_MEETING.search(adoption_type)
    if t and t.group(1) != number:
        notes.append(f"adoption_type names meeting {t.group(1)}, adoption_meeting "
                     f"meeting {number}")
    return meeting, notes


def _add_non_voting(p: _Pending, council: list[str]) -> SourceVote:
    """Give X to the Council members in no list when the published tally is short of 15."""
    vote = p.vote
    quirk = QUIRKS.get(vote.source_key)
    if not vote.positions or vote.published is None or (quirk and quirk.positions_unknown):
        return vote
    counted = vote.counted()
    shown = [vote.published.yes, vote.published.no, vote.published.abstain]
    listed = [counted.yes or 0, counted.no or 0, counted.abstain or 0]
    total = sum(c if s is None else s for s, c in zip(shown, listed))
    missing = COUNCIL_SIZE - total - (counted.non_voting or 0)
    if missing < 0:
        raise SourceError(vote.file, vote.line, f"{vote.symbol}: published tally and "
                                                f"non-voting members add up to more than 15")
    positions = dict(vote.positions)
    unlisted: list[str] = []
    if missing:
        if len(council) != COUNCIL_SIZE:
            raise SourceError(vote.file, None, f"cannot tell the non-voting members of "
                                               f"{vote.symbol}: the {p.year} lists name "
                                               f"{len(council)} members, not 15")
        unlisted = [name for name in council if name not in positions]
        if len(unlisted) != missing:
            raise SourceError(vote.file, vote.line, f"{vote.symbol}: the published tally "
                                                    f"leaves {missing} of 15 members, but "
                                                    f"{len(unlisted)} are in no list")
        positions.update(dict.fromkeys(unlisted, Position.NON_VOTING))
    expected = set(quirk.non_voting) if quirk else set()
    if expected and expected != set(unlisted):
        raise SourceError(vote.file, vote.line, f"{vote.symbol}: quirk expects "
                                                f"{sorted(expected)} in no list, found "
                                                f"{unlisted}")
    if not unlisted:
        return vote
    return replace(vote, positions=positions, notes=(
        *vote.notes, f"non-voting (in no list): {', '.join(unlisted)}"))
