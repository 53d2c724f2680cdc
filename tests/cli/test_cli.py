"""The command line over the full record: exit codes, output and exact error text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unvotes.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_vote_json_es_11_7(full_db: Path) -> None:
    code, out, _ = run("vote", "A/RES/ES-11/7", "--json", "--db", str(full_db))
    assert code == 0
    doc = json.loads(out)
    assert doc["symbol"] == "A/RES/ES-11/7" and doc["body"] == "GA"
    assert doc["date"] == "2025-02-24"
    assert doc["tally"] == {"yes": 93, "no": 18, "abstain": 65, "non_voting": 17}
    assert doc["published_tally"]["yes"] == 93 and doc["published_tally"]["no"] == 18
    assert doc["published_tally"]["abstain"] == 65
    for iso3 in ("USA", "RUS", "BLR", "PRK", "SDN"):
        assert doc["positions"][iso3] == "N"
    assert doc["positions"]["IND"] == "A" and doc["positions"]["UKR"] == "Y"
    assert len(doc["positions"]) == 193
    assert doc["sources"] and all({"source", "version", "citation"} <= s.keys()
                                  for s in doc["sources"])
    assert "Ukraine" in doc["title"]


def test_vote_text_output(full_db: Path) -> None:
    code, out, _ = run("vote", "S/RES/2774 (2025)", "--db", str(full_db))
    assert code == 0
    text = " ".join(out.split())  # the console wraps long lines
    assert "S/RES/2774 (2025)" in text and "10-0-5" in text
    assert ("Abstain (5): Denmark, France, Greece, Slovenia, United Kingdom of Great Britain "
            "and Northern Ireland") in text
    # bracketed text in titles is printed, not taken for console markup
    assert "[on imploring a swift end to the conflict" in text


def test_vote_names_states_as_on_the_day(full_db: Path) -> None:
    code, out, _ = run("vote", "A/RES/181(II)", "--db", str(full_db))
    text = " ".join(out.split())
    assert code == 0 and text.startswith("A/RES/181 (II) A GA 1947-11-29")
    assert "Counted: 33-13-10, 1 non-voting" in text
    assert "Byelorussian Soviet Socialist Republic" in text and "Belarus" not in text


def test_vote_accepts_draft_symbol_and_vote_id(full_db: Path) -> None:
    code, out, _ = run("vote", "S/2025/112", "--json", "--db", str(full_db))
    assert code == 0 and json.loads(out)["symbol"] == "S/RES/2774 (2025)"
    vote_id = json.loads(out)["vote_id"]
    code, out, _ = run("vote", vote_id, "--json", "--db", str(full_db))
    assert code == 0 and json.loads(out)["vote_id"] == vote_id


def test_unknown_symbol_suggests(full_db: Path) -> None:
    code, out, err = run("vote", "A/RES/ES-11/77", "--db", str(full_db))
    assert code == 2 and out == ""
    assert err.startswith("error: no vote 'A/RES/ES-11/77' in the record; did you mean ")
    assert "A/RES/ES-11/7" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_unknown_country_suggests(full_db: Path) -> None:
    code, _, err = run("votes", "--country", "Rusia", "--db", str(full_db))
    assert code == 2
    assert err.startswith("error: unknown country 'Rusia'; did you mean RUS (")


def test_votes_search_csv_and_json(full_db: Path) -> None:
    code, out, _ = run("votes", "--country", "USA", "--since", "2025-02-24", "--until",
                       "2025-02-24", "--body", "GA", "--json", "--db", str(full_db))
    assert code == 0
    rows = json.loads(out)
    symbols = {r["symbol"]: r["position"] for r in rows}
    assert symbols["A/RES/ES-11/7"] == "N" and symbols["A/RES/ES-11/8"] == "A"
    code, out, _ = run("votes", "--text", "Ukraine", "--since", "2022", "--body", "GA", "--csv",
                       "--db", str(full_db))
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("vote_id,body,date,symbol") and len(lines) > 5


def test_votes_bad_filters(full_db: Path) -> None:
    code, _, err = run("votes", "--body", "ECOSOC", "--db", str(full_db))
    assert code == 2 and err == "error: unknown body 'ECOSOC'; use GA or SC\n"
    code, _, err = run("votes", "--since", "last year", "--db", str(full_db))
    assert code == 2 and err == "error: bad date 'last year'; use YYYY or YYYY-MM-DD\n"


def test_country(full_db: Path) -> None:
    code, out, _ = run("country", "United States", "--json", "--db", str(full_db))
    assert code == 0
    doc = json.loads(out)
    assert doc["iso3"] == "USA" and doc["memberships"][0]["start"] == "1945-10-24"
    assert any(g["group"] == "P5" for g in doc["groups"])
    assert any(y["year"] == 2025 and y["body"] == "GA" for y in doc["votes_by_year"])
    code, out, _ = run("country", "RUS", "--db", str(full_db))
    assert code == 0 and "SUN" in out  # predecessor


def test_check_data_json(full_db: Path) -> None:
    code, out, _ = run("check-data", "--json", "--db", str(full_db))
    assert code == 0
    doc = json.loads(out)
    checks = {f["check"]: f for f in doc["findings"]}
    assert {"tally_mismatch", "duplicate_votes", "outside_membership", "source_disagreements",
            "sc_numbering_gaps", "absences_unknown", "coverage"} <= checks.keys()
    assert {"missing": 2762} in checks["sc_numbering_gaps"]["rows"]
    years = {r["year"] for r in checks["absences_unknown"]["rows"]}
    assert {2016, 2017} <= years and 1990 not in years  # Voeten 2017 covers 1946-2015


def test_missing_database(tmp_path: Path) -> None:
    code, _, err = run("vote", "A/RES/ES-11/7", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1
    assert err == (f"error: no database at {tmp_path / 'none.duckdb'}; "
                   "run 'unvotes build' first\n")


def test_build_bad_folder(tmp_path: Path) -> None:
    code, _, err = run("build", "--from", str(tmp_path / "nope"), "--db",
                       str(tmp_path / "x.duckdb"), "--quiet")
    assert code == 1 and err == f"error: data folder {tmp_path / 'nope'} does not exist\n"


@pytest.mark.parametrize("command", ["build", "vote", "votes", "country", "check-data",
                                     "sources"])
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Usage" in out
