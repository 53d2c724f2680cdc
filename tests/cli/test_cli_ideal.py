"""``unvotes ideal``: fit, show, year — exit codes, output, charts, database state and
exact error text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import unvotes
from unvotes.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fit_stores_estimates_with_settings_and_version(full_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "unvotes.duckdb"
    shutil.copyfile(full_db, db)
    code, out, err = run("ideal", "fit", "--since", "2019", "--db", str(db))
    assert code == 0, err
    assert f"Ideal points (all) stored in {db} as fit 1" in out
    assert "converged" in out and "data: build " in out
    assert "EM iterations" in err  # the progress bar
    code, out, err = run("ideal", "fit", "--since", "2019", "--topic", "human_rights",
                         "--bootstrap", "2", "--workers", "1", "--json", "--db", str(db))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["fit_id"] == 2 and doc["scope"] == "human_rights" and doc["replicates"] == 2
    assert doc["years"][0] == 2019 and doc["converged"] is True
    assert doc["settings"]["topic"] == "human_rights" and doc["settings"]["since"] == 2019
    assert "parametric bootstrap" in doc["interval"]
    with unvotes.open(db) as rec:
        fits = rec.store.dicts("SELECT scope, replicates, data_version FROM ideal_fits "
                               "ORDER BY fit_id")
        assert [f["scope"] for f in fits] == ["all", "human_rights"]
        assert fits[1]["replicates"] == 2 and fits[0]["data_version"].startswith("build ")
        counted = rec.store.scalar("SELECT count(*) FROM ideal_points WHERE fit_id = 1")
        assert counted == len(rec.ideal_points())


def test_show_table(fitted_db: Path) -> None:
    code, out, err = run("ideal", "show", "USA", "Russia", "CHN", "IND", "--since", "2020",
                         "--db", str(fitted_db))
    assert code == 0, err
    assert "Ideal points, 2020-202" in out
    for name in ("USA", "RUS", "CHN", "IND", "2020", "2025"):
        assert name in out
    assert "2019" not in out
    assert "data: build" in out  # the data it rests on


def test_show_json_and_charts(fitted_db: Path, tmp_path: Path) -> None:
    png, svg = tmp_path / "ideal.png", tmp_path / "ideal.svg"
    code, out, err = run("ideal", "show", "USA", "RUS", "--since", "1990", "--json",
                         "--png", str(png), "--svg", str(svg), "--db", str(fitted_db))
    assert code == 0, err
    rows = json.loads(out)
    assert {tuple(sorted(r)) for r in rows} == {
        ("country", "high", "ideal_point", "low", "year")}
    assert {r["country"] for r in rows} == {"USA", "RUS"}
    assert min(r["year"] for r in rows) == 1990
    assert all(r["low"] <= r["ideal_point"] <= r["high"] for r in rows)
    usa = [r["ideal_point"] for r in rows if r["country"] == "USA"]
    assert min(usa) > 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "data: build" in text


def test_year_json_is_a_ranked_list(fitted_db: Path) -> None:
    code, out, err = run("ideal", "year", "2025", "--json", "--db", str(fitted_db))
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) >= 190
    assert set(rows[0]) == {"country", "year", "ideal_point", "low", "high"}
    assert all(len(r["country"]) == 3 and r["year"] == 2025 for r in rows)
    values = [r["ideal_point"] for r in rows]
    assert values == sorted(values, reverse=True)
    assert rows[0]["country"] == "USA"


def test_year_table(fitted_db: Path) -> None:
    code, out, err = run("ideal", "year", "1985", "--db", str(fitted_db))
    assert code == 0, err
    assert "Ideal points in 1985" in out and "United States" in out
    assert "USSR" in out or "Soviet" in out


@pytest.mark.parametrize(("args", "message", "exit_code"), [
    (("ideal", "show", "Atlantis"), "error: unknown country 'Atlantis'", 2),
    (("ideal", "show", "USA", "--topic", "nuclear"),
     ("error: no ideal points for 'nuclear' in the database; run 'unvotes ideal fit --topic "
     "nuclear' first"), 1),
    (("ideal", "year", "1800"), "error: no ideal points in 1800", 2),
    (("ideal", "show", "USA", "--png", "chart.gif"),
     "error: cannot draw chart.gif: use a .png or .svg file name", 2),
])
def test_errors_are_one_line(fitted_db: Path, args: tuple[str, ...], message: str,
                             exit_code: int) -> None:
    code, _out, err = run(*args, "--db", str(fitted_db))
    assert code == exit_code
    assert err.strip().startswith(message), err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "message"), [
    (("--since", "2030"), ("error: no final-passage General Assembly vote in 2030-the last "
                          "year")),
    (("--topic", "fisheries"), "error: unknown topic 'fisheries'"),
    (("--bootstrap", "-1"), "error: replicates must be an integer >= 0, got -1"),
    (("--since", "2020", "--omega", "-1"), "error: omega must be a positive number, got -1.0"),
])
def test_fit_errors(full_db: Path, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    db = tmp_path / "unvotes.duckdb"
    shutil.copyfile(full_db, db)
    before = db.read_bytes()
    code, _out, err = run("ideal", "fit", *args, "--quiet", "--db", str(db))
    assert code == 2
    assert err.strip().startswith(message), err
    assert db.read_bytes() == before  # nothing written
