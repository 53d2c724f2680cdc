"""Adding votes by hand: checks before writing, all-or-nothing rebuild, superseding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import unvotes
from unvotes.additions import commit, prepare
from unvotes.build import additions_dir
from unvotes.cli import app
from unvotes.errors import BuildError, SourceError

runner = CliRunner()

COUNCIL_2025 = ["Algeria", "China", "Denmark", "France", "Greece", "Guyana", "Pakistan",
                "Panama", "Republic of Korea", "Russian Federation", "Sierra Leone",
                "Slovenia", "Somalia", "United Kingdom"]


def _yaml(tmp_path: Path, *, yes: list[str], no: list[str], tally: str = "{yes: 14, no: 1, "
          "abstain: 0}", date: str = "2025-06-04", body: str = "SC",
          draft: str = "S/2099/1") -> Path:
    path = tmp_path / "votes.yaml"
    path.write_text(f"""format: unvotes-votes/1
votes:
  - body: {body}
    kind: draft resolution
    draft_symbol: {draft}
    date: {date}
    title: A draft entered by hand for a test
    result: Not adopted owing to the negative vote of a permanent member of the Council
    tally: {tally}
    positions:
      yes: [{", ".join(yes)}]
      no: [{", ".join(no)}]
      abstain: []
    positions_complete: true
    source: a test
    url: https://press.un.org/en/2025/test.doc.htm
""", encoding="utf-8")
    return path


@pytest.fixture
def db(full_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "db" / "unvotes.duckdb"
    path.parent.mkdir()
    shutil.copyfile(full_db, path)
    return path


def test_a_clean_vote_passes_the_checks(record, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    addition = prepare(record, _yaml(tmp_path, yes=COUNCIL_2025, no=["United States"]))
    assert addition.ok and addition.kind == "votes"
    (vote,) = addition.votes
    assert vote.counted == {"yes": 14, "no": 1, "abstain": 0, "non_voting": 0}
    assert vote.positions["USA"] == "N" and len(vote.positions) == 15
    assert vote.in_record is None


def test_problems_are_listed_not_written(record, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    addition = prepare(record, _yaml(tmp_path, yes=[*COUNCIL_2025[:-1], "Untied Kingdom"],
                                     no=["Germany"]))
    assert not addition.ok
    problems = addition.votes[0].problems
    assert any(p.startswith("unknown country 'Untied Kingdom'; did you mean GBR") for p in
               problems)
    assert any(p.startswith("not on the Council around 2025-06-04") and "DEU" in p
               for p in problems)
    assert len(problems) == 2


def test_lists_that_do_not_add_up_are_refused_by_the_reader(record, tmp_path: Path  # type: ignore[no-untyped-def]
                                                            ) -> None:
    path = _yaml(tmp_path, yes=COUNCIL_2025, no=["United States", "Germany"])
    with pytest.raises(SourceError, match=r"votes\.yaml:3: .*the tally says 1"):
        prepare(record, path)


def test_a_state_that_was_not_a_member_that_day(record, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    addition = prepare(record, _yaml(tmp_path, body="GA", date="1950-10-01",
                                     yes=["France", "Ukraine", "Japan"], no=["Cuba"],
                                     tally="{yes: 3, no: 1, abstain: 0}", draft="A/9999/L.1"))
    assert "not a UN member on 1950-10-01: JPN" in addition.votes[0].problems


def test_a_vote_already_in_the_record_is_recognised(record, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _yaml(tmp_path, yes=COUNCIL_2025, no=["United States"], draft="S/2022/720",
                 date="2022-09-30")
    assert prepare(record, path).votes[0].in_record is not None


def test_a_malformed_file_names_file_and_line(record, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: unvotes-votes/1\nvotes:\n  - body: XX\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad\.yaml:3"):
        prepare(record, bad)


def test_commit_rebuilds_and_a_failed_build_leaves_everything(db: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              data_dir: Path) -> None:
    with unvotes.open(db) as rec:
        addition = prepare(rec, _yaml(tmp_path, yes=COUNCIL_2025, no=["United States"]))
    before = db.read_bytes()
    with pytest.raises(BuildError, match="does not exist"):
        commit(addition, db_path=db, data_dir=tmp_path / "nowhere")
    assert db.read_bytes() == before
    assert not list((additions_dir(db) / "votes").glob("*.yaml"))
    report = commit(addition, db_path=db, data_dir=data_dir)
    assert report.added == 1
    with unvotes.open(db) as rec:
        vote = rec.vote("S/2099/1")
        assert vote.positions["USA"] == "N" and vote.sources[0].source == "manual"
        assert vote.record_updated is not None
    assert (additions_dir(db) / "votes" / "votes.yaml").exists()


def test_cli_shows_then_refuses_problems_and_asks(db: Path, tmp_path: Path) -> None:
    bad = _yaml(tmp_path, yes=[*COUNCIL_2025[:-1], "Untied Kingdom"], no=["Germany"])
    result = runner.invoke(app, ["add", "votes", str(bad), "--db", str(db)])
    assert result.exit_code == 2
    assert "not added, 2 problems (listed above)" in result.stderr
    good = _yaml(tmp_path, yes=COUNCIL_2025, no=["United States"])
    before = db.read_bytes()
    result = runner.invoke(app, ["add", "votes", str(good), "--db", str(db)], input="n\n")
    assert result.exit_code == 1 and "nothing added" in result.stderr
    assert "1 recorded vote" in result.stderr and db.read_bytes() == before


RELEASES = Path(__file__).parent / "fixtures" / "press_releases"


def test_a_council_release_names_the_minority_the_record_fills_the_rest(record) -> None:  # type: ignore[no-untyped-def]
    addition = prepare(record, RELEASES / "sc_veto_2023-10-25.txt")
    assert addition.ok and addition.kind == "press-release"
    first, second = addition.votes
    assert first.draft_symbol == "S/2023/792" and first.counted["yes"] == 10
    assert first.positions["USA"] == "Y" and first.positions["RUS"] == "N"
    assert any("are not named in the release: they are the rest of the Council" in n
               for n in first.notes)
    assert second.counted["abstain"] == 9 and first.complete and second.complete
    assert first.in_record is not None  # the official record already has it


def test_release_problems(record) -> None:  # type: ignore[no-untyped-def]
    typo = prepare(record, RELEASES / "sc_veto_2024-11-18_typo.txt")
    assert not typo.ok
    assert any(p.startswith("unknown country 'Russian Federaton'; did you mean RUS")
               for p in typo.votes[0].problems)
    committee = prepare(record, RELEASES / "committee_fourth_2004-11-24.txt")
    assert all(any("Fourth Committee vote (a recommendation to the plenary)" in p
                   for p in v.problems) for v in committee.votes)
    with pytest.raises(SourceError, match=r"ga_es11_bad_count\.txt:13: the Against list "
                                          r"names 17 members but the tally at line 9 says 18"):
        prepare(record, RELEASES / "ga_es11_bad_count.txt")


def test_votes_known_only_by_their_counts_are_matched(record) -> None:  # type: ignore[no-untyped-def]
    addition = prepare(record, RELEASES / "ga_plenary_2017-12-19_third_committee.txt")
    assert all(v.in_record for v in addition.votes)
    from unvotes.additions import to_yaml

    text = to_yaml(addition)
    assert "paragraph" not in text  # not added twice
    assert "A/RES/72/191" in text


def test_a_release_is_added_as_checked_yaml_and_official_data_keep_the_lead(  # type: ignore[no-untyped-def]
        db: Path, data_dir: Path) -> None:
    with unvotes.open(db) as rec:
        addition = prepare(rec, RELEASES / "sc_adoption_2025-02-24.txt")
    report = commit(addition, db_path=db, data_dir=data_dir)
    assert report.added == 0  # S/RES/2774 (2025) is already in the record
    folder = additions_dir(db) / "press_releases"
    assert (folder / "SC-16012.yaml").is_file()  # named by the release: a revision replaces it
    assert (folder / "text" / "sc_adoption_2025-02-24.txt").is_file()
    from unvotes.readers.manual import read_manual_votes

    (entry,) = list(read_manual_votes(folder / "SC-16012.yaml"))
    assert entry.positions_complete and len(entry.positions) == 15
    with unvotes.open(db) as rec:
        vote = rec.vote("S/RES/2774 (2025)")
        sources = [s.source for s in vote.sources]
        assert "press_release" in sources and sources[0] != "press_release"
        assert vote.tally.yes == 10 and vote.tally.abstain == 5


def test_differences_from_the_official_record_are_reported(db: Path, data_dir: Path,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    from unvotes.additions import differences

    with unvotes.open(db) as rec:
        official = rec.vote("S/RES/2774 (2025)").positions
    yes = sorted(k for k, p in official.items() if p == "Y" and k != "DZA") + ["FRA"]
    abstain = sorted(k for k, p in official.items() if p == "A" and k != "FRA") + ["DZA"]
    path = tmp_path / "s-res-2774.yaml"
    path.write_text(f"""format: unvotes-votes/1
votes:
  - body: SC
    kind: resolution
    symbol: S/RES/2774 (2025)
    draft_symbol: S/2025/112
    date: 2025-02-24
    result: Adopted
    tally: {{yes: 10, no: 0, abstain: 5}}
    positions:
      yes: [{", ".join(yes)}]
      abstain: [{", ".join(abstain)}]
    positions_complete: true
    source: a test with two positions swapped
    url: https://press.un.org/en/2025/test.doc.htm
""", encoding="utf-8")
    with unvotes.open(db) as rec:
        addition = prepare(rec, path)
    assert addition.ok and addition.votes[0].in_record
    commit(addition, db_path=db, data_dir=data_dir)
    found = {(d["iso3"], d["value"], d["other_value"]) for d in differences(db, addition)
             if d["field"] == "position"}
    assert {("DZA", "Y", "A"), ("FRA", "A", "Y")} <= found
    with unvotes.open(db) as rec:  # the official data keep the lead
        assert rec.vote("S/RES/2774 (2025)").positions["FRA"] == "A"
