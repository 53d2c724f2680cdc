"""The reader of the Security Council veto list (1946 – 8 July 2022).

The fixture (tests/fixtures/undl/sc_vetoes.csv) has five rows in the list's layout,
CRLF line ends and one meeting_record cell spanning two lines, as in the real file.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from unvotes.errors import SourceError
from unvotes.readers.sc_vetoes import VetoRecord, read_sc_vetoes

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "undl" / "sc_vetoes.csv"
DATA = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "sc_vetoes"
        / "unsc_vetoes_1946_sept2022.csv")


def _rows() -> list[list[str]]:
    with open(FIXTURE, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    return path


def _error(path: Path) -> str:
    with pytest.raises(SourceError) as info:
        list(read_sc_vetoes(path))
    return str(info.value)


def test_records_and_their_first_lines() -> None:
    records = list(read_sc_vetoes(FIXTURE))
    assert [(r.line, r.vetoed_by) for r in records] == [
        (2, ("SUN",)), (3, ("FRA", "GBR")), (4, ("FRA", "GBR", "USA")),
        (5, ("RUS", "CHN")), (7, ("RUS",))]
    assert {r.file for r in records} == {str(FIXTURE)}


def test_meeting_record_in_the_draft_column_gives_no_draft_symbol() -> None:
    first = next(read_sc_vetoes(FIXTURE))
    assert first.date == dt.date(1946, 2, 16)
    assert first.draft_symbol is None and first.draft_raw == "S/PV.23"
    assert first.meeting_record == "S/PV.23"
    assert first.crisis_topic == "Lebanon" and first.region == "Middle East"
    assert first.notes == ("draft column holds no draft symbol (S/PV.23)",)


def test_draft_symbol_is_cleaned_and_the_cell_kept() -> None:
    suez = list(read_sc_vetoes(FIXTURE))[1]
    assert suez.draft_symbol == "S/3710"
    assert suez.draft_raw == "S/3710 (as amended)"
    assert suez.notes == ()


def test_a_named_member_with_a_zero_column_is_kept_with_a_note() -> None:
    triple = list(read_sc_vetoes(FIXTURE))[2]
    assert triple.vetoed_by == ("FRA", "GBR", "USA")
    assert triple.notes == ("column France is 0 though member_veto1..3 name France",)


def test_letters_of_a_written_procedure_are_joined() -> None:
    syria = list(read_sc_vetoes(FIXTURE))[3]
    assert syria.meeting_record == "S/2020/661; S/2020/657"
    assert syria.draft_symbol == "S/2020/654"


def test_records_are_frozen() -> None:
    record = next(read_sc_vetoes(FIXTURE))
    assert isinstance(record, VetoRecord)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.line = 3  # type: ignore[misc]


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("USA", "1", "column USA is 1 but member_veto1..3 name only USSR"),
    ("USSR", "2", "bad value '2' in column USSR (expected 0 or 1)"),
    ("member_veto1", "Germany", ("unknown member 'Germany' in column member_veto1 "
                                 "(expected China, France, Russia, UK, USA or USSR)")),
    ("member_veto1", "", "no vetoing member in member_veto1..3"),
    ("member_veto2", "USSR", "USSR named twice in member_veto1..3"),
    ("date", "2/30/1946", "bad date '2/30/1946' in column date (expected M/D/YYYY)"),
    ("date", "1946-02-16", "bad date '1946-02-16' in column date (expected M/D/YYYY)"),
    ("year", "1947", "year '1947' and month '2' do not match date '2/16/1946'"),
    ("draft", "", "empty draft"),
])
def test_malformed_rows(tmp_path: Path, column: str, value: str, reason: str) -> None:
    rows = _rows()
    rows[1][rows[0].index(column)] = value
    path = _write(tmp_path / "v.csv", rows)
    assert _error(path) == f"{path}:2: {reason}"


def test_error_line_after_a_cell_spanning_two_lines(tmp_path: Path) -> None:
    rows = _rows()
    rows[5][rows[0].index("Russia")] = "x"
    path = _write(tmp_path / "v.csv", rows)
    assert _error(path) == f"{path}:7: bad value 'x' in column Russia (expected 0 or 1)"


def test_missing_columns(tmp_path: Path) -> None:
    rows = _rows()
    drop = {rows[0].index("USSR"), rows[0].index("member_veto3")}
    path = _write(tmp_path / "m.csv", [[c for i, c in enumerate(r) if i not in drop]
                                       for r in rows])
    assert _error(path) == f"{path}:1: missing columns: member_veto3, USSR"


@pytest.mark.slow
def test_real_veto_list() -> None:
    if not DATA.exists():
        pytest.skip(f"{DATA} not available")
    records = list(read_sc_vetoes(DATA))
    assert len(records) == 214
    assert records[0].date == dt.date(1946, 2, 16)
    assert (records[-1].date, records[-1].draft_symbol, records[-1].vetoed_by) == (
        dt.date(2022, 7, 8), "S/2022/538", ("RUS",))
    assert Counter(m for r in records for m in r.vetoed_by) == {
        "SUN": 90, "USA": 82, "RUS": 31, "GBR": 29, "CHN": 17, "FRA": 16}
    assert Counter(len(r.vetoed_by) for r in records) == {1: 176, 2: 25, 3: 13}
    # early rows give only a meeting record in the draft column (to S/PV.384, Dec 1948)
    assert sum(r.draft_symbol is None for r in records) == 23
    # the 0/1 columns miss a named member on 26 rows (France 9, USA 11, USSR 6)
    gaps = Counter(n.split()[1] for r in records for n in r.notes if " is 0 " in n)
    assert gaps == {"USA": 11, "France": 9, "USSR": 6}
    # the meeting_record cells of 2020 span two lines: records start on the right line
    assert [r.line for r in records if ";" in (r.meeting_record or "")] == [209, 211, 213]
    assert records[-1].line == 218
