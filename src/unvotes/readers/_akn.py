"""Reading the vote out of an AKN4UN (Akoma Ntoso for the UN) Security Council file.

DGACM's XML resolutions and drafts (``UNxml/SCresolutions``) carry, in ``<meta>``:
``identification/FRBRWork/FRBRdate`` (the adoption or voting date), ``classification``
keywords (title, agenda, UNBIS Thesaurus terms), ``workflow/step`` (the draft and its
sponsors, then the outcome: meeting record and result text) and
``analysis/parliamentary/voting/count[@refersTo=inFavour|against|abstaining]`` with
``@value`` and the members as ``organization`` elements.

The file is parsed with expat directly so that every element keeps its line number for
error messages (ElementTree does not record it).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from unvotes.errors import SourceError
from unvotes.model import Position

__all__ = ["AknRecord", "read_akn"]

_NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_LISTS = {"inFavour": Position.YES, "against": Position.NO, "abstaining": Position.ABSTAIN}
_PLACEHOLDER_DATE = "0001-01-01"  # DGACM's "no date" (S/RES/1287-1291, 1358 ... 2059)
_SPACES = re.compile(r"\s+")
# member names with " and " in them, so that "X, Y and Z" can be split into sponsors
_AND_NAMES = frozenset({
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
})


@dataclass(slots=True)
class AknRecord:
    """What an AKN4UN file says about one vote (``lists`` empty when it has no counts)."""

    path: Path
    symbol: str | None
    date: dt.date | None
    date_text: str
    title: str
    agenda: str
    subjects: tuple[str, ...]
    draft: str
    sponsors: tuple[str, ...]
    outcome: str  # the outcome code of the last workflow step: adopted, veto, notAdopted
    meeting: str
    outcome_text: str
    lists: dict[Position, list[str]] = field(default_factory=dict)
    counts: dict[Position, int | None] = field(default_factory=dict)
    voting_line: int | None = None


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", (text or "").replace("\u00a0", " ")).strip()


def _parse(path: Path) -> tuple[ET.Element, dict[int, int]]:
    """The element tree of ``path`` and the line of each element (by ``id``)."""
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def name(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(name(tag), {name(k): v for k, v in attrs.items()})
        lines[id(element)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(name(tag))
    parser.CharacterDataHandler = builder.data
    try:
        with path.open("rb") as fh:
            parser.ParseFile(fh)
    except expat.ExpatError as err:
        reason = expat.ErrorString(err.code) if err.code is not None else str(err)
        raise SourceError(path, err.lineno, f"invalid XML: {reason} (column {err.offset + 1})"
                          ) from None
    return builder.close(), lines


def _split_sponsors(text: str) -> tuple[str, ...]:
    """``"Algeria, Denmark and Somalia"`` -> the three names (compound names kept whole)."""
    text = _clean(text)
    if not text:
        return ()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    last = parts.pop()
    if last not in _AND_NAMES:
        for m in re.finditer(r" and ", last):
            left, right = last[:m.start()].strip(), last[m.end():].strip()
            if all(p in _AND_NAMES or " and " not in p for p in (left, right)):
                parts += [left, right]
                break
        else:
            parts.append(last)
    else:
        parts.append(last)
    return tuple(parts)


def read_akn(path: Path) -> AknRecord:
    """Read the metadata and the vote of one AKN4UN Security Council file.

    Raises SourceError (with the line of the offending element) for XML that does not
    parse, a file without ``<meta>``, an unreadable FRBRWork date, an unknown vote list
    (``count/@refersTo``), a count that is not a number or a list given twice.
    Example: ``read_akn(Path("S_RES_2772-2502641E.xml")).counts[Position.YES] == 13``.
    """
    root, lines = _parse(path)
    meta = root.find(f".//{_NS}meta")
    if meta is None:
        raise SourceError(path, None, "no <meta> element: not an AKN4UN file")
    date_el = meta.find(f"{_NS}identification/{_NS}FRBRWork/{_NS}FRBRdate")
    date_text = "" if date_el is None else _clean(date_el.get("date"))
    date = None
    if date_text and date_text != _PLACEHOLDER_DATE:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise SourceError(path, lines.get(id(date_el)),
                              f"unreadable FRBRWork date {date_text!r}") from None
    symbol_el = root.find(f".//{_NS}docNumber[@refersTo='#symbol']")
    title = agenda = ""
    subjects: dict[str, None] = {}
    for keyword in meta.iter(f"{_NS}keyword"):
        refers, value = keyword.get("refersTo"), _clean(keyword.get("value"))
        if refers == "title" and not title:
            title = value
        elif refers == "agenda" and value == "X" and not agenda:
            agenda = _clean(keyword.get("showAs"))
        elif keyword.get("dictionary") == "UNBIS Thesaurus":
            term = _clean(keyword.get("showAs")) or value
            if term:
                subjects[term] = None
    record = AknRecord(
        path=path, symbol=_clean(symbol_el.text) if symbol_el is not None else None,
        date=date, date_text=date_text, title=title, agenda=agenda,
        subjects=tuple(subjects), draft="", sponsors=(), outcome="", meeting="",
        outcome_text="")
    for step in meta.iterfind(f"{_NS}workflow/{_NS}step"):
        outcome = step.get("outcome") or ""
        if outcome == "draftResolution":
            record.draft = _clean(step.get("as"))
            record.sponsors = _split_sponsors(step.get("by") or "")
        elif outcome != "draftResolutionAdditionalSponsors":
            record.outcome = outcome
            record.meeting = _clean(step.get("as"))
            record.outcome_text = _clean(step.get("by"))
    voting = meta.find(f"{_NS}analysis/{_NS}parliamentary/{_NS}voting")
    if voting is not None:
        record.voting_line = lines.get(id(voting))
        for count in voting.iterfind(f"{_NS}count"):
            line = lines.get(id(count))
            refers = count.get("refersTo") or ""
            position = _LISTS.get(refers)
            if position is None:
                raise SourceError(path, line, f"unknown vote list {refers!r}")
            if position in record.lists:
                raise SourceError(path, line, f"vote list {refers!r} given twice")
            value = _clean(count.get("value"))
            if value and not (value.isascii() and value.isdigit()):
                raise SourceError(path, line, f"count {refers!r} is not a number: {value!r}")
            record.counts[position] = int(value) if value else None
            record.lists[position] = [n for n in (_clean(o.text) for o in
                                                  count.iter(f"{_NS}organization")) if n]
    return record
