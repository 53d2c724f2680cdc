"""Alignment on the record: pairs over time, rankings, matrices, groups, blocs, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import unvotes
from unvotes.alignment import Slice, align_matrix, cohesion, with_vote
from unvotes.blocs import blocs
from unvotes.cli import app
from unvotes.errors import UnvotesError

pytestmark = pytest.mark.slow
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_us_russia_on_ukraine(record: unvotes.Record) -> None:
    frame = record.align("USA", "RUS", by="year", since="2014", topic="ukraine")
    by_year = {r.period: r for r in frame.itertuples()}
    # opposite sides on every Ukraine vote 2022-2024; 2025 brought the break
    assert all(by_year[y].value == 0.0 for y in ("2022", "2023", "2024"))
    assert by_year["2025"].value > 0.25 and by_year["2022"].n_votes >= 5


def test_pair_over_all_votes_is_bounded(record: unvotes.Record) -> None:
    frame = record.align("USA", "RUS", index="s_abs", by="decade", since="1992")
    assert list(frame.columns) == ["period", "index", "value", "n_votes"]
    assert frame["value"].between(-1, 1).all() and (frame["n_votes"] > 0).all()


def test_closest_to_the_us_in_2025(record: unvotes.Record) -> None:
    frame = record.align("USA", since="2025", until="2025", top=10)
    assert len(frame) == 20 and "USA" not in set(frame["country"])
    assert frame["value"].is_monotonic_decreasing
    assert "ISR" in set(frame.head(5)["country"])  # Israel votes with the US most often


def test_matrix_is_symmetric(record: unvotes.Record) -> None:
    matrix = align_matrix(record, where=Slice(since="2024", until="2024"))
    assert matrix.shape[0] == matrix.shape[1] >= 190
    values = matrix.to_numpy()
    assert ((values == values.T) | (pd.isna(values) & pd.isna(values.T))).all()
    assert matrix.loc["USA", "USA"] == 1.0


def test_groups_stand_in_for_states(record: unvotes.Record) -> None:
    frame = record.align("EU", "USA", by="all", since="2020", until="2024")
    assert len(frame) == 1 and 0 < frame["value"].iloc[0] < 1
    rice = cohesion(record, "EU", measure="rice", by="all",
                    where=Slice(since="2020", until="2024"))
    assert 0.8 < rice["value"].iloc[0] <= 1.0
    with pytest.raises(UnvotesError, match="unknown group 'Martians'"):
        cohesion(record, "Martians")


def test_with_vote(record: unvotes.Record) -> None:
    result = with_vote(record, "A/RES/ES-11/7", "USA")
    assert result["position"] == "N" and {"RUS", "BLR", "PRK", "SDN"} <= set(result["same"])
    assert "IND" in result["others"]["abstain"]


def test_blocs_per_decade(record: unvotes.Record) -> None:
    result = blocs(record, by="decade", where=Slice(since="1990", until="2019"))
    assert list(result.summary["period"]) == ["1990s", "2000s", "2010s"]
    assert (result.summary["blocs"] >= 2).all()
    per = result.assignments.groupby("period")["country"].count()
    assert (per >= 150).all()


def test_cli_align_json_png_and_matrix(full_db: Path, tmp_path: Path) -> None:
    code, out, _ = run("align", "USA", "RUS", "--by", "year", "--since", "2014", "--topic",
                       "ukraine", "--json", "--png", str(tmp_path / "a.png"), "--db",
                       str(full_db))
    assert code == 0
    rows = json.loads(out)
    assert rows and set(rows[0]) == {"period", "index", "value", "n_votes"}
    assert (tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"
    code, _, _ = run("align", "USA", "RUS", "--since", "2020", "--svg",
                     str(tmp_path / "a.svg"), "--db", str(full_db))
    assert code == 0 and "<svg" in (tmp_path / "a.svg").read_text()
    code, _, _ = run("align", "--matrix", "USA", "--year", "2025", "--out",
                     str(tmp_path / "m.parquet"), "--db", str(full_db))
    matrix = pd.read_parquet(tmp_path / "m.parquet")
    assert code == 0 and "USA" in set(matrix["country"]) and "RUS" in matrix.columns
    code, out, _ = run("align", "USA", "--year", "2025", "--top", "5", "--db", str(full_db))
    assert code == 0 and "agreement with USA" in out


def test_cli_align_errors(full_db: Path) -> None:
    code, _, err = run("align", "USA", "RUS", "--topic", "sport", "--db", str(full_db))
    assert code == 2 and err.startswith("error: unknown topic 'sport'")
    code, _, err = run("align", "USA", "Rusia", "--db", str(full_db))
    assert code == 2 and err.startswith("error: unknown country 'Rusia'")
    code, _, err = run("align", "USA", "RUS", "--by", "week", "--db", str(full_db))
    assert code == 2 and err.startswith("error: unknown period 'week'; use one of: year, ")
    code, _, err = run("align", "USA", "RUS", "--png", "chart.gif", "--db", str(full_db))
    assert code == 2 and err == "error: cannot draw chart.gif: use a .png or .svg file name\n"


def test_cli_with_and_blocs(full_db: Path, tmp_path: Path) -> None:
    code, out, _ = run("with", "A/RES/ES-11/7", "USA", "--db", str(full_db))
    assert code == 0 and out.startswith("A/RES/ES-11/7: USA voted N, with 17:")
    code, out, _ = run("blocs", "--by", "decade", "--since", "2000", "--until", "2019",
                       "--out", str(tmp_path / "b.csv"), "--json", "--db", str(full_db))
    assert code == 0 and len(json.loads(out)["summary"]) == 2
    assert pd.read_csv(tmp_path / "b.csv").columns.tolist() == ["period", "country", "bloc"]


def test_rolling_window(record: unvotes.Record) -> None:
    frame = record.align("USA", "RUS", by="rolling:3", since="2020", until="2024")
    assert list(frame["period"])[-1] == "2022-2024"
    yearly = record.align("USA", "RUS", by="year", since="2022", until="2024")
    assert frame["n_votes"].iloc[-1] == yearly["n_votes"].sum()
    with pytest.raises(UnvotesError, match="bad rolling window 'rolling:x'"):
        record.align("USA", "RUS", by="rolling:x")


def test_cli_cohesion_and_kind(full_db: Path) -> None:
    code, out, _ = run("cohesion", "EU", "--by", "all", "--since", "2020", "--until", "2024",
                       "--json", "--db", str(full_db))
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1 and 0.8 < rows[0]["value"] <= 1
    code, _, err = run("cohesion", "EU", "--measure", "gini", "--db", str(full_db))
    assert code == 2 and err == "error: unknown cohesion measure 'gini'; use rice or hix\n"
    code, out, _ = run("align", "USA", "RUS", "--by", "all", "--since", "1990", "--until",
                       "2010", "--kind", "amendment", "--json", "--db", str(full_db))
    amendments = json.loads(out)[0]["n_votes"]
    code, out, _ = run("align", "USA", "RUS", "--by", "all", "--since", "1990", "--until",
                       "2010", "--json", "--db", str(full_db))
    assert code == 0 and 0 < amendments < json.loads(out)[0]["n_votes"]
