"""The reader of the DGACM General Assembly extracts (UNxml/GAresolutions).

Unit tests use hand-made extracts in tests/fixtures/dgacm/ga (and ga_bad for malformed
input); the slow test reads the real folder in ../shared/data/unxml_dgacm_ga and checks it
against the long file derived from it by tools/unxml_to_long.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from unvotes.errors import SourceError
from unvotes.model import Body, MemberKey, Position, Tally, VoteKind
from unvotes.readers.dgacm_ga import QUIRKS, SOURCE, read_dgacm_ga, read_dgacm_ga_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dgacm"
GA = FIXTURES / "ga"
BAD = FIXTURES / "ga_bad"
DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "unxml_dgacm_ga"
Y, N, A = Position.YES, Position.NO, Position.ABSTAIN


def _entry(**changes: Any) -> dict[str, Any]:
    """The recorded vote on line 2 of the 74.json fixture, with changes."""
    lines = (GA / "74.json").read_text(encoding="utf-8").splitlines()
    entry: dict[str, Any] = json.loads(lines[1])
    entry.update(changes)
    return entry


def _write(path: Path, entries: list[dict[str, Any] | str]) -> Path:
    lines = [e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(SourceError) as info:
        list(read_dgacm_ga(path))
    return str(info.value)


# --- what is read ----------------------------------------------------------------------

def test_folder_reads_sessions_in_order_and_skips_the_sc_file() -> None:
    stats: dict[str, int] = {}
    votes = list(read_dgacm_ga_dir(GA, stats=stats))
    assert [v.symbol for v in votes] == ["A/RES/74/7", "A/RES/74/10", "A/DEC/74/550",
                                         "A/RES/75/290 A", "A/RES/77/293", "A/RES/ES-11/1"]
    assert [v.session for v in votes] == ["74", "74", "74", "75", "77", "ES-11"]
    # 11 lines: 6 recorded, 2 without a vote, 1 repeat, 1 recorded without lists,
    # 1 with no adoption type; the SC file is not read
    assert stats == {"entries": 11, "recorded": 6, "without_vote": 2, "duplicates": 1,
                     "skipped_no_lists": 1, "no_adoption_type": 1}


def test_recorded_vote_keeps_everything_later_steps_need() -> None:
    vote = next(read_dgacm_ga(GA / "74.json"))
    assert (vote.source, vote.source_key, vote.file, vote.line) == (
        SOURCE, "A/RES/74/7", str(GA / "74.json"), 2)
    assert (vote.body, vote.kind, vote.member_key) == (Body.GA, VoteKind.RESOLUTION,
                                                        MemberKey.NAME)
    assert vote.date == dt.date(2019, 11, 7)  # "7\u00a0November 2019"
    assert (vote.meeting, vote.draft_symbol) == ("A/74/PV.28", "A/74/L.6")
    assert vote.title == "Necessity of ending the economic, commercial and financial embargo"
    assert vote.agenda_item == "Agenda item 39: Necessity of ending the embargo against Cuba"
    assert vote.committee == "Without reference to a Main Committee"
    assert vote.subjects == ("Sanctions", "Cuba")  # thesaurus terms only, each once
    assert vote.sponsors == ("CUBA", "BOLIVIA (PLURINATIONAL STATE OF)")
    assert vote.published == Tally(yes=4, no=2, abstain=1)  # "004", "2", "01"
    assert vote.published_result == "By a recorded vote"
    # names as spelled by the first copy; members in no list get no position here
    assert vote.positions == {"ALGERIA": Y, "CUBA": Y, "TÜRKÝYE": Y,
                              "NETHERLANDS (KINGDOM OF THE)": Y, "UNITED STATES": N,
                              "ISRAEL": N, "UKRAINE": A}
    # the repeat on line 4 spells TÜRKİYE and has other sponsors: the same vote
    assert vote.notes == ("repeated at line 4 with the same votes; kept once",)


def test_voting_type_blank_counts_committee_id_and_decision() -> None:
    votes = {v.symbol: v for v in read_dgacm_ga(GA / "74.json")}
    vote = votes["A/RES/74/10"]
    assert vote.published_result == "adoptedRecordedVote"  # adoption_type is blank
    assert vote.published == Tally(yes=3, no=0, abstain=0)  # "", "N.A." with empty lists
    assert vote.committee == "Fifth Committee"  # "#fifthCommittee"
    assert vote.meeting == "A/74/PV.50 (Resumption 1)"
    assert vote.draft_symbol == "A/74/600, para. 12"
    assert vote.agenda_item == ("Agenda items 20 and 21 (a): Necessity of ending the "
                                "embargo against Cuba")
    assert (vote.subjects, vote.sponsors) == ((), ())
    assert vote.date == dt.date(2019, 12, 12)
    assert votes["A/DEC/74/550"].kind is VoteKind.DECISION


def test_blank_count_beside_a_list_is_not_published(tmp_path: Path) -> None:
    path = _write(tmp_path / "74.json", [_entry(MS_against_count="")])
    assert next(read_dgacm_ga(path)).published == Tally(yes=4, no=None, abstain=1)


def test_known_quirks_leave_notes() -> None:
    votes = {v.symbol: v for v in read_dgacm_ga_dir(GA)}
    doubled = votes["A/RES/75/290 A"]
    assert doubled.positions == {"ALGERIA": Y, "CUBA": Y, "UKRAINE": A}
    assert doubled.counted() == Tally(2, 0, 1, 0)
    assert doubled.notes == (QUIRKS["A/RES/75/290 A"].note,
                             "2 repeated name(s) in the in favour list dropped",
                             "1 repeated name(s) in the abstaining list dropped")
    short = votes["A/RES/77/293"]
    assert short.published == Tally(2, 1, 2)  # published as given
    assert short.counted() == Tally(2, 1, 1, 0)  # lists as given
    assert short.notes == (QUIRKS["A/RES/77/293"].note,)


# --- malformed input -------------------------------------------------------------------

def test_bad_json_on_line_3() -> None:
    assert _error(BAD / "bad_json.json") == (
        f"{BAD / 'bad_json.json'}:3: invalid JSON: Expecting ',' delimiter (column 25)")


def test_missing_key() -> None:
    assert _error(BAD / "missing_key.json") == (
        f"{BAD / 'missing_key.json'}:2: missing key 'adoption_date'")


def test_unknown_vote_list() -> None:
    assert _error(BAD / "unknown_list.json") == (
        f"{BAD / 'unknown_list.json'}:1: unknown vote list 'MS_absent'")


def test_bad_date() -> None:
    assert _error(BAD / "bad_date.json") == (
        f"{BAD / 'bad_date.json'}:2: unreadable adoption_date '31 February 2020'")


@pytest.mark.parametrize(("changes", "reason"), [
    ({"MS_abstaining": ["UKRAINE", "CUBA"], "MS_abstaining_count": "2"},
     "A/RES/74/7: 'CUBA' is listed both in favour and abstaining"),
    ({"MS_against": ["ISRAEL", "ISRAEL"]}, "A/RES/74/7: 'ISRAEL' is listed twice against"),
    ({"MS_abstaining_count": "3"},
     "A/RES/74/7: lists give 4-2-1 but the published tally is 4-2-3"),
    ({"MS_in_favour_count": "four"}, "MS_in_favour_count is not a count: 'four'"),
    ({"MS_in_favour": "ALGERIA"}, "MS_in_favour is not a list of names"),
    ({"adoption_type": "By consensus"}, "unknown adoption_type 'By consensus'"),
    ({"voting_type": "adoptedWithoutVote"},
     "adoption_type 'By a recorded vote' contradicts voting_type 'adoptedWithoutVote'"),
    ({"adoption_type": "Without a vote"},
     "A/RES/74/7: adopted without a vote but has member lists"),
    ({"adoption_type": ""}, "A/RES/74/7: member lists but no adoption_type"),
    ({"symbol": "A/RES/75/7"}, "A/RES/75/7 is not of session 74"),
    ({"symbol": "S/RES/2729 (2024)"}, ("not a GA resolution or decision symbol: "
                                      "'S/RES/2729 (2024)'")),
    ({"subjects": [["Cuba"]]}, "subjects item ['Cuba'] is not a [term, vocabulary] pair"),
    ({"title": 7}, "title is not a string"),
])
def test_malformed_entry(tmp_path: Path, changes: dict[str, Any], reason: str) -> None:
    path = _write(tmp_path / "74.json", [_entry(symbol="A/RES/74/6", MS_in_favour=["CUBA"],
                                                MS_against=[], MS_abstaining=[],
                                                MS_in_favour_count="1", MS_against_count="0",
                                                MS_abstaining_count="0"),
                                         _entry(**changes)])
    assert _error(path) == f"{path}:2: {reason}"


def test_repeat_with_other_votes(tmp_path: Path) -> None:
    path = _write(tmp_path / "74.json", [
        _entry(), _entry(MS_against=["UNITED STATES"], MS_against_count="1",
                         MS_abstaining=["UKRAINE", "ISRAEL"], MS_abstaining_count="2")])
    assert _error(path) == f"{path}:2: A/RES/74/7 repeats line 1 with different votes"


def test_not_a_json_object_and_not_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path / "74.json", [_entry(), "[1, 2]"])
    assert _error(path) == f"{path}:2: expected a JSON object, got array"
    path.write_bytes(b'{"symbol": "A/RES/74/7"}\n{"title": "caf\xe9"}\n')
    assert _error(path) == f"{path}:2: not UTF-8 (byte 0xe9)"


def test_folder_with_a_stray_file(tmp_path: Path) -> None:
    _write(tmp_path / "74.json", [_entry()])
    stray = _write(tmp_path / "notes.json", [_entry()])
    with pytest.raises(SourceError) as info:
        list(read_dgacm_ga_dir(tmp_path))
    assert str(info.value) == (f"{stray}: not a GA session file (expected <session>.json, "
                               f"e.g. 80.json or ES-11.json)")


# --- the real extracts -------------------------------------------------------------------

@pytest.mark.slow
def test_real_folder_matches_the_derived_long_file() -> None:
    pd = pytest.importorskip("pandas")
    folder = DATA / "data_extract"
    if not folder.is_dir():
        pytest.skip("shared data not available")
    stats: dict[str, int] = {}
    votes = {v.symbol: v for v in read_dgacm_ga_dir(folder, stats=stats)}
    assert stats == {"entries": 2232, "recorded": 730, "without_vote": 1476,
                     "duplicates": 21, "skipped_no_lists": 1, "no_adoption_type": 4}
    with gzip.open(DATA / "unxml_ga_recorded_votes_long.csv.gz", "rt", encoding="utf-8") as f:
        long = pd.read_csv(f, dtype=str, keep_default_na=False)
    assert len(long) == 140_890
    # the same 730 recorded votes
    assert set(votes) == set(long["resolution"]) and len(votes) == 730
    # every Y/N/A row, name by name (X rows come from the build, not from this reader)
    expected = {(r.resolution, r.ms_name, r.ms_vote)
                for r in long[long["ms_vote"] != "X"].itertuples()}
    mine = {(s, name, p.value) for s, v in votes.items() for name, p in v.positions.items()}
    assert mine == expected
    assert sum(len(v.positions) for v in votes.values()) == len(expected) == 128_399
    assert (long["ms_vote"] == "X").sum() == 140_890 - 128_399
    # the X rows are the members in none of this reader's lists: 193 members a vote
    per_vote = long.groupby("resolution").size()
    assert set(per_vote) == {193}
    # vote-level fields
    first = long.drop_duplicates("resolution").set_index("resolution")
    for symbol, vote in votes.items():
        row = first.loc[symbol]
        assert vote.date is not None and vote.date.isoformat() == row["date"], symbol
        assert (vote.session, vote.meeting, vote.draft_symbol) == (
            row["session"], row["meeting"], row["draft"]), symbol
        assert vote.published is not None
        assert (str(vote.published.yes), str(vote.published.no),
                str(vote.published.abstain)) == (
            row["total_yes"], row["total_no"], row["total_abstentions"]), symbol
    assert votes["A/RES/75/290 A"].published == Tally(90, 0, 47)
    assert votes["A/RES/75/290 A"].counted() == Tally(90, 0, 47, 0)
    assert votes["A/RES/77/293"].counted().abstain == 58
    assert "A/RES/75/254 A-C" not in votes
