"""The readers of the DGACM Security Council files (UNxml/SCresolutions).

Unit tests use hand-made extracts and AKN4UN files in tests/fixtures/dgacm/sc (and
sc_bad for malformed input); the slow tests read the real files in
../shared/data/unxml_dgacm_sc and check them against the long files derived from them by
tools/unxml_sc_to_long.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, SourceVote, Tally, VoteKind
from unvotes.readers.dgacm_sc import (
    QUIRKS,
    SOURCE,
    read_akn_resolution,
    read_dgacm_sc,
    read_dgacm_sc_dir,
    read_dgacm_sc_not_adopted,
)
from unvotes.symbols import normalise_symbol

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dgacm"
SC = FIXTURES / "sc"
EXTRACT, XML, NOT_ADOPTED = SC / "data_extract", SC / "xml", SC / "not_adopted"
BAD = FIXTURES / "sc_bad"
DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "unxml_dgacm_sc"
Y, N, A, X = Position.YES, Position.NO, Position.ABSTAIN, Position.NON_VOTING
COUNCIL_2024 = ["ALGERIA", "CHINA", "ECUADOR", "FRANCE", "GUYANA", "JAPAN", "MALTA",
                "MOZAMBIQUE", "REPUBLIC OF KOREA", "RUSSIAN FEDERATION", "SIERRA LEONE",
                "SLOVENIA", "SWITZERLAND", "UNITED KINGDOM", "UNITED STATES"]


def _votes(**options: Any) -> dict[str, SourceVote]:
    return {str(v.symbol): v for v in read_dgacm_sc_dir(EXTRACT, **options)}


def _entry(**changes: Any) -> dict[str, Any]:
    """S/RES/2722 (2024) of the fixture (11-0-4), with changes."""
    lines = (EXTRACT / "2024.json").read_text(encoding="utf-8").splitlines()
    entry: dict[str, Any] = json.loads(lines[0])
    entry.update(changes)
    return entry


def _write(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in entries) + "\n",
                    encoding="utf-8")
    return path


def _error(reader, path: Path) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(SourceError) as info:
        result = reader(path)
        if not hasattr(result, "symbol"):
            list(result)
    return str(info.value)


# --- adopted resolutions -------------------------------------------------------------

def test_folder_with_xml_patches() -> None:
    stats: dict[str, int] = {}
    votes = list(read_dgacm_sc_dir(EXTRACT, xml_dir=XML, stats=stats))
    assert [v.symbol for v in votes] == [
        "S/RES/2403 (2018)", "S/RES/2423 (2018)", "S/RES/2722 (2024)", "S/RES/2723 (2024)",
        "S/RES/2730 (2024)", "S/RES/2731 (2024)", "S/RES/2732 (2024)", "S/RES/2733 (2024)",
        "S/RES/2734 (2024)", "S/RES/2740 (2024)", "S/RES/2756 (2024)"]
    # the broken French file beside S/RES/2740 is not read
    assert stats == {"entries": 11, "resolutions": 11, "duplicates": 1, "without_vote": 1,
                     "no_lists": 0, "xml_patched": 1, "xml_only": 1}
    assert all(v.source == SOURCE and v.body is Body.SC and v.member_key is MemberKey.NAME
               and v.session is None for v in votes)


def test_resolution_fields() -> None:
    vote = _votes()["S/RES/2722 (2024)"]
    assert (vote.source_key, vote.file, vote.line) == (
        "S/RES/2722 (2024)", str(EXTRACT / "2024.json"), 1)
    assert vote.kind is VoteKind.RESOLUTION
    assert (vote.date, vote.meeting, vote.draft_symbol) == (
        dt.date(2024, 1, 10), "S/PV.9527", "S/2024/722")
    assert vote.title == "Security Council resolution 2722 (2024) [on something]"
    assert vote.agenda_item == "The situation in the Middle East"
    assert (vote.subjects, vote.sponsors) == (("MARITIME SECURITY",), ("JAPAN", "UNITED STATES"))
    assert vote.published == Tally(11, 0, 4)
    assert vote.published_result == "Adopted 11-0-4, 9527th meeting"
    assert vote.counted() == Tally(11, 0, 4, 0)
    assert set(vote.positions) == set(COUNCIL_2024)
    assert vote.notes == ("repeated at line 9 with the same votes; kept once",)


def test_non_voting_members_get_x() -> None:
    votes = _votes()
    # generic rule: 13-0-1 published, JAPAN (a 2024 member) in no list
    assert votes["S/RES/2730 (2024)"].positions["JAPAN"] is X
    assert votes["S/RES/2730 (2024)"].counted() == Tally(13, 0, 1, 1)
    assert votes["S/RES/2730 (2024)"].notes == ("non-voting (in no list): JAPAN",)
    # known case, checked against the quirk table; adoption_type's 13-0-2 is wrong
    algeria = votes["S/RES/2756 (2024)"]
    assert algeria.positions["ALGERIA"] is X and algeria.published == Tally(12, 0, 2)
    assert algeria.notes == (QUIRKS["S/RES/2756 (2024)"].note,
                             "adoption_type says 13-0-2; counts and lists agree on 12-0-2",
                             "non-voting (in no list): ALGERIA")


def test_without_vote_date_glitch_mail_and_resumed_meeting() -> None:
    votes = _votes()
    without = votes["S/RES/2731 (2024)"]
    assert (without.positions, without.published) == ({}, None)
    assert without.published_result == "Adopted without vote, 9639th meeting"
    assert without.notes == ("adopted without a vote (no member lists, zero counts)",)
    # blank adoption_date: the date is read from "... 9642nd meeting, on31\u00a0May\u00a02024"
    assert votes["S/RES/2732 (2024)"].date == dt.date(2024, 5, 31)
    mail = votes["S/RES/2733 (2024)"]
    assert (mail.meeting, mail.notes) == (None, ("voting by mail (letter S/2024/430)",))
    assert votes["S/RES/2734 (2024)"].meeting == "S/PV.9649 (Resumption 1)"


def test_xml_fills_what_the_json_lacks() -> None:
    votes = _votes(xml_dir=XML)
    patched = votes["S/RES/2723 (2024)"]
    assert patched.positions == dict.fromkeys(COUNCIL_2024, Y)
    assert (patched.file, patched.line, patched.meeting) == (
        str(EXTRACT / "2024.json"), 2, "S/PV.9539")  # the JSON meeting, not the XML's 9527
    assert patched.notes == (("JSON member lists empty; positions from "
                             "S_RES_2723-2401650E.xml"),)
    only = votes["S/RES/2740 (2024)"]
    assert only.file == str(XML / "2024" / "English" / "S_RES_2740-2499999E.xml")
    assert (only.date, only.meeting, only.draft_symbol) == (
        dt.date(2024, 6, 27), "S/PV.9674", "S/2024/505")
    assert only.published == Tally(14, 0, 1) and only.positions["CHINA"] is A
    assert only.sponsors == ("Algeria", "Bosnia and Herzegovina", "Trinidad and Tobago",
                             "Slovenia")
    assert only.notes == ("absent from the JSON extract; read from S_RES_2740-2499999E.xml",)
    redated = votes["S/RES/2423 (2018)"]
    assert (redated.date, redated.meeting) == (dt.date(2018, 6, 28), "S/PV.8298")
    assert redated.notes[-1] == ("JSON date 29 June 2016 (S/PV.8277) not in the symbol's "
                                 "year; date 2018-06-28 (S/PV.8298) from "
                                 "S_RES_2423_1810687E.xml")


def test_without_xml_the_gaps_stay_visible() -> None:
    stats: dict[str, int] = {}
    votes = {str(v.symbol): v for v in read_dgacm_sc_dir(EXTRACT, stats=stats)}
    assert "S/RES/2740 (2024)" not in votes
    assert votes["S/RES/2723 (2024)"].positions == {}
    assert votes["S/RES/2723 (2024)"].notes == ("member lists empty: positions unknown",)
    assert votes["S/RES/2423 (2018)"].date is None
    assert votes["S/RES/2423 (2018)"].notes[-1] == (
        "JSON date 29 June 2016 not in the symbol's year: date unknown")
    assert (stats["no_lists"], stats["xml_patched"], stats["xml_only"]) == (1, 0, 0)


def test_split_name_joined_and_acclamation_kept_as_yes() -> None:
    vote = next(read_dgacm_sc(EXTRACT / "2018.json"))
    assert vote.symbol == "S/RES/2403 (2018)"
    assert vote.positions["CÔTE D'IVOIRE"] is Y and "CÔTE." not in vote.positions
    assert vote.counted() == Tally(15, 0, 0, 0)
    assert vote.notes == (QUIRKS["S/RES/2403 (2018)"].note,
                          ("adopted without a vote / by acclamation; DGACM lists 15 members "
                          "in favour"))


def test_read_akn_resolution() -> None:
    vote = read_akn_resolution(XML / "2024" / "English" / "S_RES_2723-2401650E.xml")
    assert vote.symbol == "S/RES/2723 (2024)" and vote.kind is VoteKind.RESOLUTION
    assert vote.published == Tally(15, 0, 0) and vote.counted() == Tally(15, 0, 0, 0)
    assert vote.published_result == "Adopted unanimously, 9539th meeting"
    # the outcome step says S/PV.9527, its text the 9539th meeting: the text wins
    assert vote.meeting == "S/PV.9539"
    assert vote.notes == ("outcome step names S/PV.9527, its text meeting 9539",)
    assert (vote.title, vote.agenda_item, vote.subjects) == (
        "Security Council resolution [on something]",
        "Reports of the Secretary-General on the Sudan.", ("ARMS EMBARGO",))
    assert vote.sponsors == ("United Kingdom of Great Britain and Northern Ireland",)


# --- drafts not adopted ----------------------------------------------------------------

def test_drafts_not_adopted() -> None:
    stats: dict[str, int] = {}
    drafts = {str(v.draft_symbol): v for v in read_dgacm_sc_not_adopted(NOT_ADOPTED, stats=stats)}
    assert list(drafts) == ["S/2023/212", "S/2023/638", "S/2025/353"] and stats == {"drafts": 3}
    assert all(v.kind is VoteKind.DRAFT and v.symbol is None and v.source == SOURCE
               for v in drafts.values())
    failed = drafts["S/2023/212"]
    assert (failed.date, failed.meeting, failed.published) == (
        dt.date(2023, 3, 27), "S/PV.9295", Tally(3, 0, 12))
    assert failed.published_result == ("The draft resolution was not adopted having failed "
                                       "to obtain the required number of votes")
    assert failed.sponsors == ("Belarus", "China", "Russian Federation")
    vetoed = drafts["S/2023/638"]
    assert vetoed.positions["CHINA"] is A and vetoed.positions["RUSSIAN FEDERATION"] is N
    assert vetoed.counted() == Tally(13, 1, 1, 0)
    assert vetoed.published == Tally(13, 1, 1)
    assert vetoed.notes == (QUIRKS["S/2023/638"].note,
                            "CHINA listed both in favour and abstaining; kept as abstaining")
    empty = drafts["S/2025/353"]
    assert (empty.positions, empty.published, empty.date) == ({}, None, dt.date(2025, 6, 4))
    assert empty.published_result == ("The draft resolution was not adopted due to the "
                                      "negative vote of a permanent member of the Security "
                                      "Council (United States)")
    assert empty.notes == (("the file's <voting> block is empty: member positions and tally "
                           "unknown"),)


# --- malformed input -------------------------------------------------------------------

def test_bad_json_on_line_3() -> None:
    assert _error(read_dgacm_sc, BAD / "bad_json.json") == (
        f"{BAD / 'bad_json.json'}:3: invalid JSON: Expecting property name enclosed in "
        f"double quotes (column 33)")


def test_missing_key() -> None:
    assert _error(read_dgacm_sc, BAD / "missing_key.json") == (
        f"{BAD / 'missing_key.json'}:2: missing key 'MS_against'")


def test_unknown_vote_list() -> None:
    assert _error(read_dgacm_sc, BAD / "unknown_list.json") == (
        f"{BAD / 'unknown_list.json'}:3: unknown vote list 'MS_not_voting'")
    assert _error(read_akn_resolution, BAD / "unknown_list.xml") == (
        f"{BAD / 'unknown_list.xml'}:44: unknown vote list 'absent'")


def test_bad_date() -> None:
    assert _error(read_dgacm_sc, BAD / "bad_date.json") == (
        f"{BAD / 'bad_date.json'}:1: unreadable adoption_date '10 Janvier 2024'")


def test_xml_that_does_not_parse() -> None:
    assert _error(read_akn_resolution, BAD / "broken.xml") == (
        f"{BAD / 'broken.xml'}:13: invalid XML: duplicate attribute (column 34)")


def test_draft_folder_without_files(tmp_path: Path) -> None:
    assert _error(read_dgacm_sc_not_adopted, tmp_path) == f"{tmp_path}: no XML files of drafts"


@pytest.mark.parametrize(("changes", "reason"), [
    ({"MS_in_favour_count": "15"},
     "S/RES/2722 (2024): lists give 11-0-4 but the published tally is 15-0-4"),
    ({"MS_against": ["CHINA"], "MS_against_count": "1"},
     "S/RES/2722 (2024): 'CHINA' is listed both against and abstaining"),
    ({"symbol": "S/RES/2722 (2023)"}, "S/RES/2722 (2023) is not of 2024"),
    ({"symbol": "A/RES/79/1"}, "not an SC resolution symbol: 'A/RES/79/1'"),
    ({"adoption_meeting": "closed consultations"},
     "unrecognised adoption_meeting 'closed consultations'"),
    ({"MS_in_favour": [*_entry()["MS_in_favour"], "TÜRKİYE"], "MS_in_favour_count": "12"},
     "S/RES/2722 (2024): published tally and non-voting members add up to more than 15"),
])
def test_malformed_entry(tmp_path: Path, changes: dict[str, Any], reason: str) -> None:
    path = _write(tmp_path / "2024.json", [_entry(symbol="S/RES/2721 (2024)"),
                                           _entry(**changes)])
    assert _error(read_dgacm_sc, path) == f"{path}:2: {reason}"


def test_council_must_be_known_to_give_x(tmp_path: Path) -> None:
    # 11-0-3 published, the file names only 14 members: the 15th cannot be told
    path = _write(tmp_path / "2024.json", [_entry(MS_abstaining=["ALGERIA", "CHINA",
                                                                 "MOZAMBIQUE"],
                                                  MS_abstaining_count="3")])
    assert _error(read_dgacm_sc, path) == (
        f"{path}: cannot tell the non-voting members of S/RES/2722 (2024): the 2024 lists "
        f"name 14 members, not 15")


def test_repeat_with_other_votes_and_quirk_that_no_longer_fits(tmp_path: Path) -> None:
    path = _write(tmp_path / "2024.json", [_entry(), _entry(MS_in_favour_count="11",
                                                            MS_abstaining_count="")])
    assert _error(read_dgacm_sc, path) == (
        f"{path}:2: S/RES/2722 (2024) repeats line 1 with different votes")
    # S/RES/2756 expects ALGERIA in no list; here CHINA is the one missing
    lines = (EXTRACT / "2024.json").read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[2])
    entry["MS_in_favour"] = [n if n != "CHINA" else "ALGERIA" for n in entry["MS_in_favour"]]
    path = _write(tmp_path / "2024.json", [_entry(), entry])
    assert _error(read_dgacm_sc, path) == (
        f"{path}:2: S/RES/2756 (2024): quirk expects ['ALGERIA'] in no list, found ['CHINA']")


# --- the real files --------------------------------------------------------------------

def _csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _real() -> Path:
    if not (DATA / "data_extract").is_dir():
        pytest.skip("shared data not available")
    return DATA


@pytest.mark.slow
def test_real_resolutions_match_the_derived_long_file() -> None:
    data = _real()
    stats: dict[str, int] = {}
    votes = {str(v.symbol): v for v in read_dgacm_sc_dir(data / "data_extract",
                                                    xml_dir=data / "xml", stats=stats)}
    assert stats == {"entries": 1541, "resolutions": 1540, "duplicates": 3,
                     "without_vote": 11, "no_lists": 0, "xml_patched": 1, "xml_only": 2}
    long = _csv(data / "unxml_sc_votes_long.csv.gz")
    assert len(long) == 22_920
    # DGACM spelling -> ISO3 from the file's own Y/N/A rows (X rows have no ms_name)
    code = {r["ms_name"]: r["ms_code"] for r in long if r["ms_name"]}
    expected = {(r["resolution"], r["ms_code"], r["ms_vote"]) for r in long}
    mine = {(s.replace(" ", ""), code[name], p.value)
            for s, v in votes.items() for name, p in v.positions.items()}
    assert mine == expected and len(mine) == 22_920
    with_rows = [v for v in votes.values() if v.positions]
    assert len(with_rows) == 1528 and all(len(v.positions) == 15 for v in with_rows)
    assert sum(p is X for v in with_rows for p in v.positions.values()) == 5
    # resolution-level fields against the derived table of all 1,540 resolutions
    table = {normalise_symbol(r["resolution"]): r for r in _csv(data / "unxml_sc_resolutions.csv")}
    assert set(table) == set(votes)
    for symbol, vote in votes.items():
        row = table[symbol]
        assert vote.date is not None and vote.date.isoformat() == row["date"], symbol
        assert vote.draft_symbol == (row["draft"] or None), symbol
        assert vote.published_result == (row["adoption_type"] or None), symbol
        # S/RES/2723: the derived table took the XML's S/PV.9527; the JSON meeting field,
        # adoption_type and the XML outcome text all say 9539
        meeting = "9539th meeting" if symbol == "S/RES/2723 (2024)" else row["meeting"]
        number = re.match(r"(?:S/PV\.)?(\d+)", meeting)
        assert (vote.meeting is None) == (number is None), symbol
        assert number is None or str(vote.meeting).startswith(f"S/PV.{number.group(1)}"), symbol
        published = (row["published_yes"], row["published_no"], row["published_abstentions"])
        if vote.published is None:  # adopted without a vote
            assert published == ("0", "0", "0") and not vote.positions, symbol
        elif symbol != "S/RES/2812 (2026)":
            assert (str(vote.published.yes), str(vote.published.no),
                    str(vote.published.abstain)) == published, symbol
    unknown = votes["S/RES/2812 (2026)"]
    assert (unknown.positions, unknown.published) == ({}, Tally(13, 0, 2))
    assert sum("adopted without a vote (no member lists" in " ".join(v.notes)
               for v in votes.values()) == 11


@pytest.mark.slow
def test_real_drafts_match_the_derived_files() -> None:
    data = _real()
    drafts = {str(v.draft_symbol): v for v in
              read_dgacm_sc_not_adopted(data / "xml" / "Not adopted" / "English")}
    table = {r["draft"]: r for r in _csv(data / "unxml_sc_not_adopted_drafts.csv")}
    assert set(drafts) == set(table) and len(drafts) == 19
    long = _csv(data / "unxml_sc_not_adopted_votes_long.csv")
    assert len(long) == 270
    expected = {(r["resolution"], r["ms_name"], r["ms_vote"]) for r in long}
    mine = {(s, name, p.value) for s, v in drafts.items() for name, p in v.positions.items()}
    assert mine == expected
    for symbol, vote in drafts.items():
        row = table[symbol]
        assert vote.date is not None and vote.date.isoformat() == row["date"], symbol
        assert (vote.meeting, vote.published_result) == (row["meeting"], row["outcome_text"])
        tally = ("", "", "") if vote.published is None else (
            str(vote.published.yes), str(vote.published.no), str(vote.published.abstain))
        assert tally == (row["published_yes"], row["published_no"],
                         row["published_abstentions"]), symbol
    assert drafts["S/2025/353"].positions == {}

