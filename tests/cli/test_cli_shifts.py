"""``unvotes surprises`` and ``unvotes shifts``: output, JSON shape and exact error text."""

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


def test_surprises_on_one_vote_json(fitted_db: Path) -> None:
    code, out, err = run("surprises", "A/RES/ES-11/7", "--top", "3", "--json",
                         "--db", str(fitted_db))
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 3
    assert set(rows[0]) == {"symbol", "country", "position", "surprise", "reason"}
    assert rows[0]["symbol"] == "A/RES/ES-11/7" and rows[0]["country"] == "USA"
    assert rows[0]["position"] == "N" and "earlier votes on ukraine" in rows[0]["reason"]
    assert [r["surprise"] for r in rows] == sorted((r["surprise"] for r in rows), reverse=True)


def test_surprises_of_a_period_table(fitted_db: Path) -> None:
    code, out, err = run("surprises", "--since", "2025-01-01", "--until", "2025-12-31",
                         "--top", "20", "--db", str(fitted_db))
    assert code == 0, err
    assert "Surprising positions" in out and "A/RES/ES-11/7" in out and "bits" in out


def test_shifts_of_a_state_json(fitted_db: Path) -> None:
    code, out, err = run("shifts", "USA", "--since", "2024", "--top", "40", "--json",
                         "--db", str(fitted_db))
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {"kind", "country", "partner", "topic", "date", "before", "after",
                     "change", "confidence", "votes"} <= set(rows[0])
    assert any(r["date"] == "2025-02-24" and r["partner"] in ("GBR", "CAN", "FRA", "AUS")
               for r in rows)


def test_shifts_of_a_year_table(fitted_db: Path) -> None:
    code, out, err = run("shifts", "--year", "2025", "--pairs", "p5", "--top", "5",
                         "--db", str(fitted_db))
    assert code == 0, err
    assert "Shifts in alignment: in 2025" in out and "USA" in out


@pytest.mark.parametrize(("args", "message", "exit_code"), [
    (("shifts",), ("error: give a state (unvotes shifts USA) or --year (unvotes shifts "
                  "--year 2025)"), 2),
    (("shifts", "USA", "--year", "2025"), ("error: give a state (unvotes shifts USA) or "
                                          "--year (unvotes shifts --year 2025)"), 2),
    (("shifts", "Atlantis"), "error: unknown country 'Atlantis'", 2),
    (("shifts", "--year", "2025", "--pairs", "some"),
     "error: pairs must be 'all' or 'p5', got 'some'", 2),
    (("surprises", "--top", "0"), "error: --top must be at least 1, got 0", 2),
    (("surprises", "A/RES/ES-11/77"), "error: no vote 'A/RES/ES-11/77' in the record", 2),
    (("surprises", "--since", "2025-13-01"), "error: bad date '2025-13-01'", 2),
])
def test_errors_are_one_line(fitted_db: Path, args: tuple[str, ...], message: str,
                             exit_code: int) -> None:
    code, _out, err = run(*args, "--db", str(fitted_db))
    assert code == exit_code
    assert err.strip().startswith(message), err
    assert len(err.strip().splitlines()) == 1
