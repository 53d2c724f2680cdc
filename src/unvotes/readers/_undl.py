"""Helpers shared by the UN Digital Library readers (the Library's CSVs and the 3DL scrapes).

CSV rows are read with :mod:`csv` and numbered by the *physical* line on which they start
(header = line 1), so that a quoted field spanning lines does not shift later numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from unvotes.errors import SourceError
from unvotes.model import VoteKind

__all__ = [
    "ROMAN_VALUES",
    "CountingReader",
    "check_columns",
    "clean_title",
    "kind_of",
    "numbered_rows",
    "open_text",
    "parse_count",
    "parse_iso_date",
    "roman_to_int",
    "session_of",
    "split_subjects",
]

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(text: str) -> int:
    """The value of a Roman numeral: ``roman_to_int("XXVI") == 26``.

    Raises ValueError on anything but I, V, X, L, C.
    """
    if not text or any(ch not in ROMAN_VALUES for ch in text):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = ROMAN_VALUES[ch]
        total += -value if nxt and ROMAN_VALUES[nxt] > value else value
    return total


# A/RES/76/27, A/RES/ES-11/7, A/DEC/80/506, A/76/L.14, A/ES-10/L.25
_SESSION_NEW = re.compile(r"^A/(?:RES/|DEC/)?((?:ES-|S-)?)(\d+)/")
# A/RES/2698 (XXV), A/RES/1004 (ES-II), A/RES/106(S-1), A/RES/63(I)[PARA.1]
_SESSION_OLD = re.compile(r"^A/RES/\d+\s*\(((?:ES-|S-)?)([IVXLC]+|\d+)\)")


def session_of(symbol: str | None) -> str | None:
    """The GA session a symbol belongs to, as the record writes it, or None.

    Regular sessions are plain numbers, special and emergency special sessions keep
    their prefix: ``session_of("A/RES/1004 (ES-II)") == "ES-2"``.
    """
    if not symbol:
        return None
    text = symbol.strip().upper()
    if m := _SESSION_NEW.match(text):
        return f"{m.group(1)}{int(m.group(2))}"
    if m := _SESSION_OLD.match(text):
        prefix, number = m.groups()
        value = int(number) if number.isdigit() else roman_to_int(number)
        return f"{prefix}{value}"
    return None


def kind_of(symbol: str | None) -> VoteKind:
    """DECISION for a GA decision symbol (``A/DEC/...``), else RESOLUTION.

    Example: ``kind_of("A/DEC/80/506") is VoteKind.DECISION``.
    """
    if symbol and symbol.upper().startswith("A/DEC/"):
        return VoteKind.DECISION
    return VoteKind.RESOLUTION


# The Library separates subject headings with "|" (subdivisions inside one heading use
# "--", e.g. "TERRITORIES OCCUPIED BY ISRAEL--SETTLEMENT POLICY"); ";" is accepted too
# because re-exports of the file have been seen with it. Neither occurs inside a heading.
_SUBJECT_SEPARATOR = re.compile(r"\s*[|;]\s*")


def split_subjects(text: str) -> tuple[str, ...]:
    """The subject headings of a ``subjects`` cell, in order, without repeats.

    Example: ``split_subjects("PEACE | UKRAINE") == ("PEACE", "UKRAINE")``.
    """
    seen: dict[str, None] = {}
    for part in _SUBJECT_SEPARATOR.split(text.strip()):
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00:00(?:\.0+)?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_iso_date(text: str, *, file: str, line: int, column: str,
                   compact: bool = False) -> dt.date:
    """A date written ``YYYY-MM-DD`` (a zero time ``T00:00:00`` is allowed).

    With ``compact=True`` the MARC form ``YYYYMMDD`` is accepted as well. Raises
    SourceError naming the value and column. Example:
    ``parse_iso_date("2025-02-24", file="f", line=2, column="date")``.
    """
    value = text.strip()
    m = _ISO_DATE.match(value) or (_COMPACT_DATE.match(value) if compact else None)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise SourceError(file, line, f"bad date {text!r} in column {column} (expected YYYY-MM-DD)")


_INTEGRAL_FLOAT = re.compile(r"^(\d+)\.0*$")


def parse_count(text: str, *, file: str, line: int, column: str,
                blank_ok: bool = False) -> int | None:
    """A vote count: digits, possibly zero-padded (``"012"``) or written as a float
    with a zero fraction (``"120.0"``, as pandas re-exports write it).

    A blank cell gives None when ``blank_ok``. Raises SourceError otherwise.
    Example: ``parse_count("93.0", file="f", line=2, column="total_yes") == 93``.
    """
    value = text.strip()
    if not value and blank_ok:
        return None
    if value.isascii() and value.isdigit():
        return int(value)
    if m := _INTEGRAL_FLOAT.match(value):
        return int(m.group(1))
    raise SourceError(file, line,
                      f"bad count {text!r} in column {column} (expected a whole number)")


def check_columns(header: Sequence[str], required: Iterable[str], *, file: str) -> dict[str, int]:
    """The index of every column of ``header``; raises SourceError (line 1) naming
    the required columns that are missing.

    Example: ``check_columns(["a", "b"], ["a"], file="f") == {"a": 0, "b": 1}``.
    """
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name, i)
    missing = [name for name in required if name not in index]
    if missing:
        raise SourceError(file, 1, f"missing columns: {', '.join(missing)}")
    return index


def numbered_rows(text: IO[str], *, file: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, row)`` for every CSV record of ``text``, header included (line 1).

    ``line`` is the physical line the record starts on. Raises SourceError on a CSV
    syntax error or bytes that are not UTF-8.
    Example: ``next(numbered_rows(io.StringIO("a,b\\n"), file="f")) == (1, ["a", "b"])``.
    """
    reader = csv.reader(text, strict=True)
    ended = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceError(file, ended + 1, f"malformed CSV ({exc})") from exc
        except UnicodeDecodeError as exc:
            raise SourceError(file, ended + 1, "not UTF-8 text") from exc
        start = ended + 1
        ended = reader.line_num
        if not row:  # a blank line: csv yields [] for it
            continue
        yield start, row


_PROGRESS_STEP = 1 << 20


class CountingReader(io.RawIOBase):
    """A binary reader that reports how many bytes it has read so far (to ``progress``,
    about once per MiB and at the end of the file).

    Example: ``io.TextIOWrapper(io.BufferedReader(CountingReader(f, progress=print)))``.
    """

    def __init__(self, raw: IO[bytes], *, progress: Callable[[int], None] | None) -> None:
        super().__init__()
        self._raw = raw
        self._progress = progress
        self._reported = 0
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.bytes_read += n
        # report about once per MiB, and once more at the end of the file
        due = self.bytes_read - self._reported >= _PROGRESS_STEP or (
            n == 0 and self.bytes_read != self._reported)
        if self._progress is not None and due:
            self._reported = self.bytes_read
            self._progress(self.bytes_read)
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_text(path: Path, *, progress: Callable[[int], None] | None = None) -> IO[str]:
    """``path`` opened as UTF-8 text (a byte-order mark is dropped) for :mod:`csv`,
    reporting bytes read to ``progress`` about once per MiB and at the end.

    Example: ``with open_text(Path("votes.csv")) as f: f.readline()``.
    """
    counting = CountingReader(open(path, "rb"), progress=progress)  # noqa: SIM115
    buffered = io.BufferedReader(counting, buffer_size=_PROGRESS_STEP)
    return io.TextIOWrapper(buffered, encoding="utf-8-sig", newline="")


# The UN Digital Library appends the document type to a title ("... : resolution / adopted
# by the General Assembly"), sometimes cut off with "[...]"; the title proper is before it.
_DL_SUFFIX = re.compile(r"\s*:\s*(?:resolutions?|decision)\s*/.*$|\s*:\s*\[\.\.\.\]$",
                        re.IGNORECASE)


def clean_title(text: str) -> str | None:
    """A UN Digital Library title without its document-type suffix (None if empty).

    >>> clean_title("Question of Palestine : resolution / adopted by the General Assembly")
    'Question of Palestine'
    """
    title = _DL_SUFFIX.sub("", text.strip())
    return title or None
