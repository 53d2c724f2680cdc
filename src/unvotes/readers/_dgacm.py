"""Helpers shared by the DGACM readers (``dgacm_ga``, ``dgacm_sc``).

The DGACM data extracts (GitHub ``UNxml/GAresolutions`` and ``UNxml/SCresolutions``,
``data_extract/*.json``) are JSON lines, one adopted resolution a line, with the vote in
``MS_in_favour`` / ``MS_against`` / ``MS_abstaining`` (member names, upper case) and the
published counts in ``MS_*_count`` (strings, sometimes zero-padded ``"014"``, blank or
``"N.A."``). These helpers read and check that common part; each reader keeps its own
rules and quirks.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from unvotes.errors import SourceError
from unvotes.model import Position, Tally

__all__ = [
    "COUNT_KEYS",
    "LIST_KEYS",
    "POSITION_WORDS",
    "clean",
    "figures",
    "member_lists",
    "parse_count",
    "parse_date",
    "positions_from_lists",
    "published_tally",
    "read_json_lines",
    "require_keys",
    "sponsors",
    "subjects",
    "text_field",
]

# the order of the three lists is the order of a published tally: yes-no-abstentions
LIST_KEYS: dict[Position, str] = {
    Position.YES: "MS_in_favour",
    Position.NO: "MS_against",
    Position.ABSTAIN: "MS_abstaining",
}
COUNT_KEYS: dict[Position, str] = {pos: f"{key}_count" for pos, key in LIST_KEYS.items()}
POSITION_WORDS: dict[Position, str] = {
    Position.YES: "in favour",
    Position.NO: "against",
    Position.ABSTAIN: "abstaining",
    Position.NON_VOTING: "non-voting",
}
_KNOWN_MS = frozenset(LIST_KEYS.values()) | frozenset(COUNT_KEYS.values())
_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
               type(None): "null"}
_SPACES = re.compile(r"\s+")
_NO_COUNT = {"", "N.A.", "N/A", "NA"}


def clean(text: str) -> str:
    """Text with no-break spaces and runs of white space made one space, stripped.

    >>> clean("24\\u00a0December  2024 ")
    '24 December 2024'
    """
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def read_json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for every non-blank line of a JSON-lines file.

    Raises SourceError for bytes that are not UTF-8, a line that is not JSON, or a line
    that is not a JSON object. Example: ``next(read_json_lines(Path("74.json")))[0] == 1``.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise SourceError(path, line, f"not UTF-8 (byte 0x{data[err.start]:02x})") from None
    # split on "\n" only: str.splitlines would also split inside strings on U+2028 etc.
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as err:
            raise SourceError(path, number, f"invalid JSON: {err.msg} (column {err.colno})"
                              ) from None
        if not isinstance(obj, dict):
            kind = _JSON_TYPES.get(type(obj), type(obj).__name__)
            raise SourceError(path, number, f"expected a JSON object, got {kind}")
        yield number, obj


def require_keys(entry: Mapping[str, Any], keys: Iterable[str], path: Path, line: int) -> None:
    """Raise SourceError naming the first of ``keys`` missing from ``entry``.

    Example: ``require_keys({"symbol": "x"}, ["symbol"], Path("74.json"), 1)`` passes.
    """
    for key in keys:
        if key not in entry:
            raise SourceError(path, line, f"missing key {key!r}")


def text_field(entry: Mapping[str, Any], key: str, path: Path, line: int) -> str:
    """The cleaned string at ``key`` ("" when absent or null); SourceError if not a string.

    Example: ``text_field({"pv": " A/80/PV.22 "}, "pv", Path("80.json"), 1) == "A/80/PV.22"``.
    """
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SourceError(path, line, f"{key} is not a string")
    return clean(value)


def member_lists(entry: Mapping[str, Any], path: Path, line: int) -> dict[Position, list[str]]:
    """The three member lists of an entry, names cleaned, empty names dropped.

    Raises SourceError for a key ``MS_...`` that is not one of the three lists or their
    counts (an unknown vote list), or a list that is not a list of strings.
    Example: ``member_lists(entry, path, 1)[Position.YES][0] == "AFGHANISTAN"``.
    """
    for key in entry:
        if key.startswith("MS_") and key not in _KNOWN_MS:
            raise SourceError(path, line, f"unknown vote list {key!r}")
    out: dict[Position, list[str]] = {}
    for position, key in LIST_KEYS.items():
        value = entry.get(key)
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
            raise SourceError(path, line, f"{key} is not a list of names")
        out[position] = [name for name in map(clean, value) if name]
    return out


def parse_count(value: object, key: str, path: Path, line: int) -> int | None:
    """A published count: ``"014"`` -> 14; blank or ``"N.A."`` -> None.

    Raises SourceError for anything else. Example: ``parse_count("014", "k", p, 1) == 14``.
    """
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str):
        text = clean(value)
        if text in _NO_COUNT:
            return None
        if text.isascii() and text.isdigit():
            return int(text)
    raise SourceError(path, line, f"{key} is not a count: {value!r}")


def published_tally(entry: Mapping[str, Any], lists: Mapping[Position, list[str]],
                    path: Path, line: int) -> Tally:
    """The published yes-no-abstentions from ``MS_*_count``.

    A blank count is read as 0 when its list is empty, else as None (not published);
    ``non_voting`` is None (DGACM does not publish it).
    Example: counts ``"012", "", "003"`` with an empty against list give 12-0-3.
    """
    values: list[int | None] = []
    for position, key in COUNT_KEYS.items():
        count = parse_count(entry.get(key), key, path, line)
        if count is None and not lists[position]:
            count = 0
        values.append(count)
    return Tally(yes=values[0], no=values[1], abstain=values[2])


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}:\d{2})?$")
# "29 October 2025", "19 November 2004 in Nairobi", and the glitch "... on15 January 2025"
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*(" + "|".join(_MONTH_NAMES) + r")\s+(\d{4})(?!\d)",
                       re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """The date in a DGACM date text, or None if there is none or it is impossible.

    >>> parse_date("Adopted by the Security Council at its 9527th meeting, on10 January 2024")
    datetime.date(2024, 1, 10)
    """
    text = clean(text)
    try:
        if m := _ISO_DATE.match(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DMY_DATE.search(text):
            return dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:  # 31 February
        return None
    return None


_FIGURES = re.compile(r"(?<![\d-])(\d{1,3})-(\d{1,3})-(\d{1,3})(?![\d-])")


def figures(text: str) -> tuple[int, int, int] | None:
    """The first ``yes-no-abstentions`` figures written in a text, e.g. an adoption type.

    >>> figures("Adopted (14-0-0, 1 absent), 4094th meeting")
    (14, 0, 0)
    """
    m = _FIGURES.search(text)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def positions_from_lists(lists: Mapping[Position, list[str]], *, symbol: str, path: Path,
                         line: int, allow_repeats: bool = False,
                         resolve: Mapping[str, Position] | None = None,
                         ) -> tuple[dict[str, Position], list[str]]:
    """Member positions from the three lists, and notes on what was done to them.

    A name repeated in its own list is an error unless ``allow_repeats`` (the repeat is
    then dropped, with a note). A name in two lists is an error unless ``resolve`` says
    which position it keeps (with a note). Raises SourceError naming the vote.
    Example: ``positions_from_lists({YES: ["CHINA"], NO: [], ABSTAIN: []}, ...)[0]
    == {"CHINA": Position.YES}``.
    """
    resolve = resolve or {}
    positions: dict[str, Position] = {}
    notes: list[str] = []
    repeats: dict[Position, int] = {}
    for position, names in lists.items():
        for name in names:
            before = positions.get(name)
            if before is None:
                positions[name] = position
            elif before is position:
                if not allow_repeats:
                    raise SourceError(path, line, f"{symbol}: {name!r} is listed twice "
                                                  f"{POSITION_WORDS[position]}")
                repeats[position] = repeats.get(position, 0) + 1
            elif name in resolve:
                kept = resolve[name]
                positions[name] = kept
                notes.append(f"{name} listed both {POSITION_WORDS[before]} and "
                             f"{POSITION_WORDS[position]}; kept as {POSITION_WORDS[kept]}")
            else:
                raise SourceError(path, line, f"{symbol}: {name!r} is listed both "
                                              f"{POSITION_WORDS[before]} and "
                                              f"{POSITION_WORDS[position]}")
    for position, count in repeats.items():
        notes.append(f"{count} repeated name(s) in the {POSITION_WORDS[position]} list dropped")
    return positions, notes


def sponsors(entry: Mapping[str, Any], path: Path, line: int) -> tuple[str, ...]:
    """``sponsors`` then ``additional_sponsors``, cleaned, each name once.

    Example: ``sponsors({"sponsors": ["JAPAN"], "additional_sponsors": []}, p, 1)
    == ("JAPAN",)``.
    """
    out: dict[str, None] = {}
    for key in ("sponsors", "additional_sponsors"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
            raise SourceError(path, line, f"{key} is not a list of names")
        out.update((name, None) for name in map(clean, value) if name)
    return tuple(out)


def subjects(entry: Mapping[str, Any], path: Path, line: int) -> tuple[str, ...]:
    """The UNBIS Thesaurus terms of ``subjects`` (pairs ``[term, vocabulary]``), each once.

    Other vocabularies (DHLAUTH names, agenda codes) are left out.
    Example: ``[["MASS MEDIA", "UNBIS Thesaurus"], ["53", "A/80/251"]]`` -> ``("MASS MEDIA",)``.
    """
    value = entry.get("subjects") or []
    if not isinstance(value, list):
        raise SourceError(path, line, "subjects is not a list")
    out: dict[str, None] = {}
    for item in value:
        if (not isinstance(item, list) or len(item) != 2
                or not all(isinstance(part, str) for part in item)):
            raise SourceError(path, line, f"subjects item {item!r} is not a [term, vocabulary] "
                                          f"pair")
        if item[1] == "UNBIS Thesaurus" and clean(item[0]):
            out[clean(item[0])] = None
    return tuple(out)
