"""The UN Digital Library voting CSV reader (GA v5 and SC v6 layouts).

No copy of the Library's files is in the shared data, so the fixtures are hand-written
in the layout of the data dictionaries (undl_dhl_metadata/*.md): the column names and
codes are the Library's, the rows are a handful of illustrative votes (some ids and
meeting numbers are made up), small enough to count by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, Tally, VoteKind
from unvotes.readers.undl_csv import (
    GA_COLUMNS,
    SC_COLUMNS,
    WITHOUT_VOTE_NOTE,
    read_undl_ga,
    read_undl_sc,
    sniff_undl,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "undl"
GA = FIXTURES / "ga_v5.csv"
SC = FIXTURES / "sc_v6.csv"
Y, N, A, X = Position.YES, Position.NO, Position.ABSTAIN, Position.NON_VOTING


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _error(reader, path: Path) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(SourceError) as info:
        list(reader(path))
    return str(info.value)


# --- General Assembly ---------------------------------------------------------------

def test_ga_votes_in_order_of_first_row_with_first_lines() -> None:
    votes = list(read_undl_ga(GA))
    assert [(v.source_key, v.line) for v in votes] == [
        ("4076672", 2), ("4070001", 6), ("192511", 12), ("4083000", 20)]
    assert {v.source for v in votes} == {"undl_ga"}
    assert {v.file for v in votes} == {str(GA)}
    assert all(v.body is Body.GA and v.member_key is MemberKey.ISO3 for v in votes)
    assert all(v.kind is VoteKind.RESOLUTION and v.published_result is None for v in votes)


def test_ga_rows_of_one_vote_are_grouped_even_when_apart() -> None:
    es11 = next(read_undl_ga(GA))
    assert es11.positions == {"USA": N, "RUS": N, "UKR": Y, "IND": A, "DEU": Y, "BEN": X}
    assert es11.published == Tally(yes=2, no=2, abstain=1, non_voting=1)  # written "2.0"
    assert es11.counted() == es11.published
    assert es11.symbol == "A/RES/ES-11/7"
    assert es11.session == "ES-11"
    assert es11.date == dt.date(2025, 2, 24)
    assert es11.meeting == "A/ES-11/PV.21"
    assert es11.draft_symbol == "A/ES-11/L.10"
    # the Library's document-type suffix (" : resolution / adopted by ...") is dropped
    assert es11.title == "Advancing a comprehensive, just and lasting peace in Ukraine"
    assert es11.agenda_item is not None and es11.agenda_item.startswith("Letter dated")
    assert es11.subjects == ("UKRAINE--POLITICAL CONDITIONS", "PEACE")
    assert es11.undl_link == "https://digitallibrary.un.org/record/4076672"
    assert es11.notes == ()


def test_ga_subjects_split_on_semicolon_and_committee_report_noted() -> None:
    vote = list(read_undl_ga(GA))[1]
    assert vote.subjects == ("DISARMAMENT", "NUCLEAR WEAPONS")
    assert vote.notes == ("committee report: A/79/404",)
    assert vote.session == "79"


def test_ga_old_symbol_and_a_title_spanning_two_lines() -> None:
    vote = list(read_undl_ga(GA))[2]
    assert vote.symbol == "A/RES/2758 (XXVI)"
    assert vote.session == "26"
    assert vote.positions == {"USA": N, "SUN": Y, "FRA": Y}
    assert "\n" in (vote.title or "")
    assert vote.subjects == ()


def test_ga_session_taken_from_the_symbol_when_the_column_disagrees() -> None:
    vote = list(read_undl_ga(GA))[3]
    assert vote.session == "ES-10"
    assert vote.notes == (
        "session column says '79'; 'ES-10' taken from the symbol",
        "vote note: Venezuela (Bolivarian Republic of) did not participate in the vote.",
    )
    assert vote.positions["VEN"] is X


def test_ga_progress_reports_bytes_read_up_to_the_file_size() -> None:
    seen: list[int] = []
    list(read_undl_ga(GA, progress=seen.append))
    assert seen and seen == sorted(seen)
    assert seen[-1] == GA.stat().st_size


def test_ga_v1_spelling_nv_is_non_voting(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows[15][3] = "NV"  # BEN on ES-11/7 (line 19)
    vote = next(read_undl_ga(_write(tmp_path / "v1.csv", rows)))
    assert vote.positions["BEN"] is X


def test_ga_vote_note_column_is_optional(tmp_path: Path) -> None:
    rows = [[c for i, c in enumerate(r) if i != GA_COLUMNS.index("vote_note")]
            for r in _rows(GA)]
    votes = list(read_undl_ga(_write(tmp_path / "v4.csv", rows)))
    assert len(votes) == 4
    assert votes[3].notes == ("session column says '79'; 'ES-10' taken from the symbol",)


def test_ga_blank_tally_is_none_and_other_date_forms(tmp_path: Path) -> None:
    rows = _rows(GA)
    for row in rows[5:11]:  # 4070001
        row[GA_COLUMNS.index("date")] = "20241202"
        for c in ("total_yes", "total_no", "total_abstentions", "total_non_voting"):
            row[GA_COLUMNS.index(c)] = ""
    vote = list(read_undl_ga(_write(tmp_path / "t.csv", rows)))[1]
    assert vote.published is None
    assert vote.date == dt.date(2024, 12, 2)


# --- GA malformed input: exact messages ---------------------------------------------

def test_missing_columns_are_named(tmp_path: Path) -> None:
    drop = {GA_COLUMNS.index("total_ms"), GA_COLUMNS.index("undl_link")}
    rows = [[c for i, c in enumerate(r) if i not in drop] for r in _rows(GA)]
    path = _write(tmp_path / "m.csv", rows)
    assert _error(read_undl_ga, path) == f"{path}:1: missing columns: total_ms, undl_link"


def test_unknown_vote_letter(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows[1][3] = "Q"
    path = _write(tmp_path / "v.csv", rows)
    assert _error(read_undl_ga, path) == (
        f"{path}:2: unknown vote 'Q' in column ms_vote (expected Y, N, A or X)")


def test_blank_vote_is_an_error(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows[12][3] = ""  # SUN on 2758 (XXVI), the record starting on line 14
    path = _write(tmp_path / "v.csv", rows)
    assert _error(read_undl_ga, path) == (
        f"{path}:14: unknown vote '' in column ms_vote (expected Y, N, A or X)")


def test_bad_date(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows[1][4] = "2025-02-30"
    path = _write(tmp_path / "d.csv", rows)
    assert _error(read_undl_ga, path) == (
        f"{path}:2: bad date '2025-02-30' in column date (expected YYYY-MM-DD)")


def test_bad_count(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows[5][GA_COLUMNS.index("total_yes")] = "4.5"
    path = _write(tmp_path / "c.csv", rows)
    assert _error(read_undl_ga, path) == (
        f"{path}:6: bad count '4.5' in column total_yes (expected a whole number)")


def test_duplicate_member_in_one_vote(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows.append(rows[2])  # RUS on ES-11/7 again, on line 23
    path = _write(tmp_path / "dup.csv", rows)
    assert _error(read_undl_ga, path) == f"{path}:23: member RUS appears twice in undl_id 4076672"


def test_rows_of_one_vote_must_agree(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows[15][4] = "2025-02-25"  # BEN on ES-11/7, line 19
    path = _write(tmp_path / "agree.csv", rows)
    assert _error(read_undl_ga, path) == (
        f"{path}:19: undl_id 4076672: date is '2025-02-25' here but '2025-02-24' on line 2")


def test_short_row(tmp_path: Path) -> None:
    rows = _rows(GA)
    rows[3] = rows[3][:-1]
    path = _write(tmp_path / "short.csv", rows)
    assert _error(read_undl_ga, path) == f"{path}:4: 19 fields, the header has 20"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    assert _error(read_undl_ga, path) == f"{path}: empty file (no header)"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(GA.read_bytes().replace(b"BENIN", b"B\xc9NIN"))
    with pytest.raises(SourceError) as info:
        list(read_undl_ga(path))
    assert info.value.reason == "not UTF-8 text"


_CELL = st.one_of(st.sampled_from(["", "Y", "N", "A", "X", "1", "1", "3.0", "2025-02-24",
                                    "A/RES/ES-11/7", "USA", "RUS"]), st.text(max_size=6))
_ROW = st.one_of(st.lists(_CELL, min_size=20, max_size=20),
                 st.lists(_CELL, min_size=0, max_size=22))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ROW, max_size=6))
def test_any_rows_give_votes_or_a_source_error(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([list(GA_COLUMNS), *rows])
        try:
            votes = list(read_undl_ga(path))
        except SourceError as exc:
            assert exc.file == str(path)
        else:
            assert all(v.positions for v in votes)


# --- Security Council ---------------------------------------------------------------

def test_sc_votes() -> None:
    votes = list(read_undl_sc(SC))
    assert [(v.source_key, v.line, v.symbol) for v in votes] == [
        ("4077111", 2, "S/RES/2774 (2025)"), ("425620", 8, "S/RES/1326 (2000)"),
        ("4093666", 11, "S/RES/2797 (2025)")]
    assert {v.source for v in votes} == {"undl_sc"}
    first = votes[0]
    assert first.body is Body.SC and first.session is None
    assert first.positions == {"USA": Y, "RUS": Y, "CHN": Y, "DZA": Y, "FRA": A, "GBR": A}
    assert first.published == Tally(yes=4, no=0, abstain=2, non_voting=0)
    assert first.title is not None and first.title.startswith("Security Council resolution 2774")
    assert first.agenda_item == "Maintenance of international peace and security"
    assert first.draft_symbol == "S/2025/112"
    assert first.meeting == "S/PV.9866"
    assert first.notes == ()


def test_sc_adopted_without_a_vote_keeps_the_y_positions_with_a_note() -> None:
    vote = list(read_undl_sc(SC))[1]
    assert vote.positions == {"USA": Y, "FRA": Y, "JAM": Y}
    assert vote.notes == (WITHOUT_VOTE_NOTE, "vote note: Adopted without vote.")
    assert vote.draft_symbol is None


def test_sc_non_participation_note() -> None:
    vote = list(read_undl_sc(SC))[2]
    assert vote.positions["DZA"] is X
    assert vote.counted() == vote.published
    assert vote.notes == ("vote note: Algeria did not participate in the vote.",)


def test_sc_total_ms_differing_from_rows_is_noted(tmp_path: Path) -> None:
    rows = _rows(SC)
    for row in rows[1:7]:
        row[SC_COLUMNS.index("total_ms")] = "15"
    vote = next(read_undl_sc(_write(tmp_path / "ms.csv", rows)))
    assert vote.notes == ("published total_ms 15 but 6 member rows",)


def test_sc_reader_refuses_a_ga_file() -> None:
    assert _error(read_undl_sc, GA) == (
        f"{GA}:1: missing columns: permanent_member, description, agenda, modality")


# --- sniffing -----------------------------------------------------------------------

def test_sniff(tmp_path: Path) -> None:
    assert sniff_undl(GA) is Body.GA
    assert sniff_undl(SC) is Body.SC
    assert sniff_undl(FIXTURES / "scrape_2025.csv") is None
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert sniff_undl(empty) is None
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + SC.read_bytes())
    assert sniff_undl(bom) is Body.SC
