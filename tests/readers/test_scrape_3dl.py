"""The readers of the two wide UN Digital Library scrapes (1946–2021 and 2025).

Unit tests use small hand-written fixtures in the scrapes' layouts (tests/fixtures/undl);
the slow tests read the real files in ../shared/data/undl_scrape_3dl.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, Tally, VoteKind
from unvotes.readers.scrape_3dl import (
    ALL_NON_VOTING_NOTE,
    read_scrape_1946_2021,
    read_scrape_2025,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "undl"
OLD = FIXTURES / "scrape_1946_2021.csv"
NEW = FIXTURES / "scrape_2025.csv"
DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "undl_scrape_3dl"
Y, N, A, X = Position.YES, Position.NO, Position.ABSTAIN, Position.NON_VOTING


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _error(reader, path: Path) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(SourceError) as info:
        list(reader(path))
    return str(info.value)


# --- 1946–2021 ----------------------------------------------------------------------

def test_old_scrape_votes() -> None:
    votes = list(read_scrape_1946_2021(OLD))
    assert [(v.line, v.source_key, v.body) for v in votes] == [
        (2, "3950570", Body.GA), (3, "695418", Body.SC), (4, "642010", Body.GA),
        (5, "425620", Body.SC), (6, "3836031", Body.GA), (7, "3836030", Body.GA),
        (8, "208427", Body.GA)]
    assert {v.source for v in votes} == {"undl_scrape_3dl_1946_2021"}
    assert all(v.member_key is MemberKey.NAME and v.kind is VoteKind.RESOLUTION
               for v in votes)
    assert all(v.counted() == v.published for v in votes)


def test_old_scrape_absent_count_is_abstentions_and_no_vote_count_non_voting() -> None:
    vote = next(read_scrape_1946_2021(OLD))
    assert vote.positions == {"UNITED KINGDOM": N, "UNITED STATES": N, "FRANCE": N,
                              "CHINA": A, "DENMARK": Y, "MEXICO": X}
    assert vote.published == Tally(yes=1, no=3, abstain=1, non_voting=1)
    assert vote.symbol == "A/RES/76/27"
    assert vote.session == "76"
    assert vote.date == dt.date(2021, 12, 6)
    assert vote.undl_link == "https://digitallibrary.un.org/record/3950570?ln=en"
    assert vote.notes == ()


def test_old_scrape_merges_space_variants_and_keeps_odd_names() -> None:
    votes = list(read_scrape_1946_2021(OLD))
    sc = votes[1]
    assert sc.positions == {"UNITED KINGDOM": Y, "UNITED STATES": Y, "FRANCE": Y,
                            "CHINA": Y, "DONOTKNOW": Y}
    assert sc.symbol == "S/RES/1966 (2010)" and sc.session is None
    assert votes[2].positions["AY DENMARK"] is Y


def test_old_scrape_year_only_date_is_none_with_a_note() -> None:
    vote = list(read_scrape_1946_2021(OLD))[2]
    assert vote.date is None
    assert vote.notes == ("Date column holds only the year 1977",)
    assert vote.symbol == "A/RES/32/105 M"
    assert vote.session == "32"


def test_old_scrape_all_non_voting_council_row_is_noted() -> None:
    vote = list(read_scrape_1946_2021(OLD))[3]
    assert set(vote.positions.values()) == {X}
    assert vote.notes == (ALL_NON_VOTING_NOTE,)


def test_old_scrape_missing_and_draft_symbols() -> None:
    votes = list(read_scrape_1946_2021(OLD))
    missing, draft, hungary = votes[4], votes[5], votes[6]
    assert missing.symbol is None and missing.session is None
    assert missing.notes == ("no resolution symbol in this scrape (MISSING_DATA)",)
    assert draft.symbol is None and draft.draft_symbol == "A/73/L.42"
    assert draft.session == "73"
    assert draft.notes == ("Resolution column holds the draft symbol A/73/L.42",)
    assert hungary.symbol == "A/RES/1004 (ES-II)" and hungary.session == "ES-2"


def test_old_scrape_read_from_the_zip(tmp_path: Path) -> None:
    archive = tmp_path / "UN_DATA.csv.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(OLD, "UN DATA.csv")
    votes = list(read_scrape_1946_2021(archive))
    assert len(votes) == 7
    assert votes[0].file == f"{archive}!UN DATA.csv"


def test_zip_error_names_the_member(tmp_path: Path) -> None:
    rows = _rows(OLD)
    rows[2][4] = "five"
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(_write(tmp_path / "x.csv", rows), "UN DATA.csv")
    assert _error(read_scrape_1946_2021, archive) == (
        f"{archive}!UN DATA.csv:3: bad count 'five' in column TOTAL VOTES "
        "(expected a whole number)")


def test_zip_with_two_csv_files(tmp_path: Path) -> None:
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(OLD, "a.csv")
        z.write(OLD, "b.csv")
    assert _error(read_scrape_1946_2021, archive) == (
        f"{archive}: expected one CSV in the zip, found 2")


def test_space_variant_columns_that_disagree(tmp_path: Path) -> None:
    rows = _rows(OLD)
    rows[2][rows[0].index("UNITED KINGDOM")] = "N"  # " UNITED KINGDOM" is Y on this row
    path = _write(tmp_path / "uk.csv", rows)
    assert _error(read_scrape_1946_2021, path) == (
        f"{path}:3: columns 'UNITED KINGDOM' and ' UNITED KINGDOM' disagree: 'N' and 'Y'")


def test_space_variant_columns_that_agree_are_one_position(tmp_path: Path) -> None:
    rows = _rows(OLD)
    rows[2][rows[0].index("UNITED KINGDOM")] = "Y"
    vote = list(read_scrape_1946_2021(_write(tmp_path / "uk.csv", rows)))[1]
    assert vote.positions["UNITED KINGDOM"] is Y and len(vote.positions) == 5


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("FRANCE", "Z", "unknown vote 'Z' in column 'FRANCE' (expected Y, N, A, X or blank)"),
    ("Council", "Trusteeship Council",
     "unknown Council 'Trusteeship Council' (expected General Assembly or Security Council)"),
    ("Date", "06/12/2021", "bad date '06/12/2021' in column Date (expected YYYY-MM-DD)"),
    ("YES COUNT", "1O", "bad count '1O' in column YES COUNT (expected a whole number)"),
    ("token", "", "empty token"),
])
def test_old_scrape_bad_cells(tmp_path: Path, column: str, value: str, reason: str) -> None:
    rows = _rows(OLD)
    rows[1][rows[0].index(column)] = value
    path = _write(tmp_path / "bad.csv", rows)
    assert _error(read_scrape_1946_2021, path) == f"{path}:2: {reason}"


def test_old_scrape_repeated_token(tmp_path: Path) -> None:
    rows = _rows(OLD)
    rows[2][rows[0].index("token")] = "3950570"
    path = _write(tmp_path / "tok.csv", rows)
    assert _error(read_scrape_1946_2021, path) == f"{path}:3: token 3950570 already on line 2"


def test_old_scrape_missing_column(tmp_path: Path) -> None:
    rows = _rows(OLD)
    drop = rows[0].index("ABSENT COUNT")
    path = _write(tmp_path / "m.csv", [[c for i, c in enumerate(r) if i != drop] for r in rows])
    assert _error(read_scrape_1946_2021, path) == f"{path}:1: missing columns: ABSENT COUNT"


# --- 2025 ---------------------------------------------------------------------------

def test_2025_es11_7() -> None:
    vote = next(read_scrape_2025(NEW))
    assert vote.source == "undl_scrape_3dl_2025" and vote.source_key == "4076672"
    assert vote.member_key is MemberKey.ISO3 and vote.body is Body.GA
    assert vote.symbol == "A/RES/ES-11/7" and vote.session == "ES-11"
    assert {k: vote.positions[k] for k in ("USA", "RUS", "BLR", "PRK", "SDN", "IND")} == {
        "USA": N, "RUS": N, "BLR": N, "PRK": N, "SDN": N, "IND": A}
    assert vote.positions["DZA"] is X  # blank in a GA row
    assert vote.published == Tally(yes=3, no=5, abstain=1, non_voting=3)
    assert vote.counted() == Tally(yes=3, no=5, abstain=1, non_voting=1)  # AFG, VEN
    assert vote.notes == ("no column for AFG, VEN in this scrape",)
    assert vote.subjects == ()  # the LLM tags are not subjects


def test_2025_council_rows() -> None:
    votes = list(read_scrape_2025(NEW))
    s2774, s2797 = votes[1], votes[2]
    assert s2774.symbol == "S/RES/2774 (2025)" and s2774.session is None
    assert s2774.positions == {"DZA": Y, "FRA": A, "GBR": A, "RUS": Y, "USA": Y}
    assert s2774.published == Tally(yes=3, no=0, abstain=2, non_voting=0)  # "003" ...
    assert s2774.notes == ()
    assert s2797.positions == {"GBR": Y, "RUS": A, "USA": Y}
    assert s2797.notes == (("the published total counts 4 Council members but only 3 have "
                            "a position in this scrape (the others are blank)"),)


def test_2025_decision() -> None:
    vote = list(read_scrape_2025(NEW))[3]
    assert vote.kind is VoteKind.DECISION
    assert vote.symbol == "A/DEC/80/506" and vote.session == "80"


def test_2025_no_note_when_afg_and_ven_have_columns(tmp_path: Path) -> None:
    rows = _rows(NEW)
    rows = [r + (["AFG", "VEN"] if i == 0 else ["", ""]) for i, r in enumerate(rows)]
    vote = next(read_scrape_2025(_write(tmp_path / "full.csv", rows)))
    assert vote.notes == ()
    assert vote.positions["AFG"] is X and vote.positions["VEN"] is X


def test_2025_bad_vote(tmp_path: Path) -> None:
    rows = _rows(NEW)
    rows[1][rows[0].index("USA")] = "MAYBE"
    path = _write(tmp_path / "v.csv", rows)
    assert _error(read_scrape_2025, path) == (
        f"{path}:2: unknown vote 'MAYBE' in column USA (expected YES, NO, ABSTAIN or blank)")


def test_2025_unknown_column(tmp_path: Path) -> None:
    rows = _rows(NEW)
    rows[0][rows[0].index("USA")] = "Usa"
    path = _write(tmp_path / "c.csv", rows)
    assert _error(read_scrape_2025, path) == (
        f"{path}:1: column 'Usa' is neither a known column nor an ISO3 code")


def test_2025_missing_columns(tmp_path: Path) -> None:
    rows = _rows(NEW)
    drop = {rows[0].index("token"), rows[0].index("NO-VOTE COUNT")}
    path = _write(tmp_path / "m.csv", [[c for i, c in enumerate(r) if i not in drop]
                                       for r in rows])
    assert _error(read_scrape_2025, path) == f"{path}:1: missing columns: token, NO-VOTE COUNT"


# --- the real files -----------------------------------------------------------------

def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def _disagreements(votes: list) -> Counter[tuple[str, str, int]]:  # type: ignore[type-arg]
    out: Counter[tuple[str, str, int]] = Counter()
    for vote in votes:
        counted, published = vote.counted(), vote.published
        for name in ("yes", "no", "abstain", "non_voting"):
            diff = getattr(published, name) - getattr(counted, name)
            if diff:
                out[(vote.body.value, name, diff)] += 1
    return out


@pytest.mark.slow
def test_real_1946_2021() -> None:
    votes = list(read_scrape_1946_2021(_need(DATA / "UN_DATA_1946-2021.csv.zip")))
    assert Counter(v.body for v in votes) == {Body.GA: 5238, Body.SC: 2617}
    # counted Y/N/A/X equal the published counts on every row
    assert _disagreements(votes) == Counter()
    a76_27 = next(v for v in votes if v.symbol == "A/RES/76/27")
    assert a76_27.published == Tally(yes=125, no=50, abstain=14, non_voting=4)
    keys = {k for v in votes for k in v.positions}
    assert " UNITED KINGDOM" not in keys and "UNITED KINGDOM" in keys
    assert [v.symbol for v in votes if "DONOTKNOW" in v.positions] == ["S/RES/1966 (2010)"]
    assert sorted(v.symbol for v in votes if v.date is None) == [
        "A/RES/32/105 M", "A/RES/66/230"]
    assert sum(ALL_NON_VOTING_NOTE in v.notes for v in votes) == 42
    assert sum(v.symbol is None for v in votes) == 4  # MISSING_DATA, A/73/L.42, A/76/L.14 x2
    assert Counter(len(v.positions) for v in votes if v.body is Body.SC) == {15: 2398, 11: 219}


@pytest.mark.slow
def test_real_2025() -> None:
    votes = list(read_scrape_2025(_need(DATA / "un_votes_2025_processed.csv")))
    assert Counter(v.body for v in votes) == {Body.GA: 192, Body.SC: 44}
    # GA: the published non-voting count includes AFG and VEN, which have no column;
    # SC: S/RES/2797 (2025) counts a non-participating member the scrape leaves blank
    assert _disagreements(votes) == Counter({("GA", "non_voting", 2): 192,
                                             ("SC", "non_voting", 1): 1})
    es11_7 = next(v for v in votes if v.symbol == "A/RES/ES-11/7")
    assert es11_7.published == Tally(yes=93, no=18, abstain=65, non_voting=17)
    assert {k: es11_7.positions[k] for k in ("USA", "RUS", "BLR", "PRK", "SDN", "IND")} == {
        "USA": N, "RUS": N, "BLR": N, "PRK": N, "SDN": N, "IND": A}
    assert sorted(k for k, p in es11_7.positions.items() if p is N) == [
        "BDI", "BFA", "BLR", "CAF", "ERI", "GNQ", "HTI", "HUN", "ISR", "MHL", "MLI", "NER",
        "NIC", "PLW", "PRK", "RUS", "SDN", "USA"]
    s2774 = next(v for v in votes if v.symbol == "S/RES/2774 (2025)")
    assert sorted(k for k, p in s2774.positions.items() if p is A) == [
        "DNK", "FRA", "GBR", "GRC", "SVN"]
    assert s2774.published == Tally(yes=10, no=0, abstain=5, non_voting=0)
    assert [v.symbol for v in votes if v.kind is VoteKind.DECISION] == ["A/DEC/80/506"]
