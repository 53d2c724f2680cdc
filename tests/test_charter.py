"""Outcomes under the Charter's rules on real votes of the record, and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import unvotes
from unvotes.cli import app
from unvotes.errors import UnknownCountryError, UnvotesError

pytestmark = pytest.mark.slow
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_vote_has_an_outcome(record: unvotes.Record) -> None:
    assert record.store.rows(
        "SELECT count(*) FROM votes v LEFT JOIN outcomes o USING (vote_id) "
        "WHERE o.vote_id IS NULL") == [(0,)]


def test_es_11_7(record: unvotes.Record) -> None:
    o = record.vote("A/RES/ES-11/7").outcome
    assert o is not None
    assert (o.outcome, o.rule, o.threshold, o.margin) == (
        "adopted", "majority of present and voting", 56, 37)
    # whether it was an important question the record does not say: both answers agree
    assert o.certain and (o.alternative_outcome, o.alternative_threshold) == ("adopted", 74)
    assert o.published_outcome == "adopted" and o.agrees is True


def test_important_question_by_two_thirds(record: unvotes.Record) -> None:
    # A/RES/273 (III), 11 May 1949: admission of Israel, 37-12-9
    vote = record.vote("A/RES/273 (III)")
    assert (vote.tally.yes, vote.tally.no, vote.tally.abstain) == (37, 12, 9)
    o = vote.outcome
    assert o is not None and o.rule == "2/3 of present and voting"
    assert (o.outcome, o.threshold, o.margin) == ("adopted", 33, 4)
    assert "admission" in o.basis


def test_amendment_rejected_on_two_thirds(record: unvotes.Record) -> None:
    # rc1397, 1 Dec 1972: an amendment to a Fifth Committee (budget) recommendation,
    # 55-53-21: a majority, but short of two thirds
    vote = record.vote("rc1397")
    assert vote.kind == "amendment" and (vote.tally.yes, vote.tally.no) == (55, 53)
    o = vote.outcome
    assert o is not None and o.rule == "2/3 of present and voting"
    assert (o.outcome, o.threshold, o.margin) == ("not adopted", 72, -17)


def test_draft_whose_rule_the_record_leaves_open(record: unvotes.Record) -> None:
    # A/73/L.42 (6 Dec 2018) had 87-57-33: adopted by a simple majority, not by two
    # thirds, which the Assembly had decided to require; the record does not hold that
    o = record.vote("A/73/L.42").outcome
    assert o is not None and not o.certain
    assert (o.outcome, o.alternative_outcome) == ("adopted", "not adopted")
    assert o.published_outcome == "unknown"


def test_s_res_2774(record: unvotes.Record) -> None:
    vote = record.vote("S/RES/2774 (2025)")
    o = vote.outcome
    assert o is not None and (o.outcome, o.threshold, o.margin, o.vetoed_by) == (
        "adopted", 9, 1, [])
    assert {vote.positions[c] for c in ("FRA", "GBR")} == {"A"}  # abstaining: no veto
    assert vote.permanent_members == ["CHN", "FRA", "GBR", "RUS", "USA"]


def test_vetoed_draft_from_the_veto_list(record: unvotes.Record) -> None:
    vote = record.vote("S/2022/538")  # 8 Jul 2022, Syria cross-border, Russia
    assert vote.kind == "draft resolution" and not vote.positions_complete
    assert vote.positions == {"RUS": "N"}
    o = vote.outcome
    assert o is not None and o.outcome == "vetoed" and o.vetoed_by == ["RUS"]
    assert o.published_outcome == "vetoed" and not o.certain


def test_veto_of_30_september_2022(record: unvotes.Record) -> None:
    vote = record.vote("S/2022/720")
    assert (vote.tally.yes, vote.tally.no, vote.tally.abstain) == (10, 1, 4)
    o = vote.outcome
    assert o is not None and (o.outcome, o.vetoed_by, o.agrees) == ("vetoed", ["RUS"], True)
    assert vote.sources[0].source == "manual"


def test_eleven_member_council(record: unvotes.Record) -> None:
    vote = record.vote("S/RES/82 (1950)")  # 25 June 1950, Korea, the USSR absent
    assert vote.members == 11
    o = vote.outcome
    assert o is not None and o.threshold == 7 and o.outcome == "adopted"
    assert vote.positions.get("SUN") in (None, "X")
    assert "TWN" in vote.permanent_members


def test_what_if(record: unvotes.Record) -> None:
    result = record.what_if("S/RES/2774 (2025)", {"France": "N"})
    assert result.before.outcome.value == "adopted"
    assert result.after.outcome.value == "vetoed" and result.after.vetoed_by == ("FRA",)
    undone = record.what_if("S/2022/720", {"RUS": "A"})
    assert undone.after.outcome.value == "adopted"
    with pytest.raises(UnvotesError, match="^DEU had no place in S/RES/2774 \\(2025\\): not a "
                                           "member of the Security Council on 2025-02-24$"):
        record.what_if("S/RES/2774 (2025)", {"DEU": "Y"})
    with pytest.raises(UnvotesError, match="^bad position 'maybe' for USA; use Y, N, A or X$"):
        record.what_if("S/RES/2774 (2025)", {"USA": "maybe"})
    with pytest.raises(UnknownCountryError):
        record.what_if("S/RES/2774 (2025)", {"Atlantis": "Y"})


def test_pivots(record: unvotes.Record) -> None:
    sc = record.pivots("S/RES/2774 (2025)")
    assert sc.single_blockers == ["CHN", "FRA", "GBR", "RUS", "USA"]
    smallest = sc.pivots[0]
    assert smallest.size == 1 and set(smallest.candidates) <= set(sc.single_blockers)
    ga = record.pivots("A/RES/ES-11/7")
    by_rule = {(p.rule, p.move): p.size for p in ga.pivots}
    assert by_rule[("majority of present and voting", "Y→N")] == 38
    assert by_rule[("2/3 of present and voting", "Y→N")] == 20
    vetoed = record.pivots("S/2022/720")
    assert vetoed.single_enablers == ["RUS"]


def test_vetoes_by_member(record: unvotes.Record) -> None:
    frame = record.vetoes(since="2022", until="2024")
    counts = {(r.year, r.member): r.vetoes for r in frame.itertuples()}
    assert counts[(2024, "USA")] == 3 and counts[(2024, "RUS")] == 4
    assert counts[(2022, "RUS")] >= 4  # incl. 30 Sep 2022
    wide = record.vetoes(since="2023", until="2024", by="year")
    assert list(wide["year"]) == [2023, 2024] and {"RUS", "USA", "CHN"} <= set(wide.columns)


def test_cli_what_if_json(full_db: Path) -> None:
    code, out, _ = run("what-if", "S/RES/2774", "--set", "USA=N", "--set", "RUS=A", "--json",
                       "--db", str(full_db))
    assert code == 0
    doc = json.loads(out)
    assert {"outcome", "rule", "threshold", "tally"} <= doc.keys()
    # eight votes: short of nine, so the United States' No is no veto
    assert doc["outcome"] == "not adopted" and doc["vetoed_by"] == []
    assert doc["tally"] == {"yes": 8, "no": 1, "abstain": 6} and doc["flipped"] is True
    assert doc["changes"] == {"USA": {"from": "Y", "to": "N"}, "RUS": {"from": "Y", "to": "A"}}


def test_cli_what_if_errors(full_db: Path) -> None:
    code, _, err = run("what-if", "S/RES/2774", "--set", "USA", "--db", str(full_db))
    assert code == 2 and err == "error: bad --set 'USA'; write COUNTRY=POSITION, e.g. USA=Y\n"
    code, _, err = run("what-if", "S/RES/2774", "--set", "USA=Q", "--db", str(full_db))
    assert code == 2 and err == "error: bad position 'Q' for USA; use Y, N, A or X\n"
    code, _, err = run("what-if", "S/RES/99999", "--set", "USA=Y", "--db", str(full_db))
    assert code == 2 and err.startswith("error: no vote 'S/RES/99999' in the record")


def test_cli_pivots_and_vetoes(full_db: Path) -> None:
    code, out, _ = run("pivots", "S/RES/2774 (2025)", "--db", str(full_db))
    assert code == 0 and "Could have vetoed it alone: CHN, FRA, GBR, RUS, USA" in out
    code, out, _ = run("vetoes", "--since", "1990", "--by", "member", "--json", "--db",
                       str(full_db))
    rows = json.loads(out)
    assert code == 0 and all(r["year"] >= 1990 for r in rows)
    assert {"year", "member", "vetoes", "drafts"} <= rows[0].keys()
    code, _, err = run("vetoes", "--by", "decade", "--db", str(full_db))
    assert code == 2 and err == "error: unknown grouping 'decade'; use member or year\n"


def test_check_data_lists_outcome_disagreements(full_db: Path) -> None:
    code, out, _ = run("check-data", "--json", "--db", str(full_db))
    checks = {f["check"]: f for f in json.loads(out)["findings"]}
    found = checks["outcome_disagreements"]
    assert code == 0 and found["count"] == len(found["rows"]) >= 1
    assert all(r["reason"] for r in found["rows"])


def test_vote_view_shows_outcome_and_permanent_members(full_db: Path) -> None:
    code, out, _ = run("vote", "S/RES/2774 (2025)", "--db", str(full_db))
    text = " ".join(out.split())
    assert code == 0
    assert "Computed: adopted (9 of 15 and no permanent member against; 9 affirmative " \
           "votes needed, margin +1)" in text
    assert text.index("Permanent members:") < text.index("Yes (10):")
