"""``unvotes update``: from a local mirror end to end, and a clear error that leaves the
record alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from unvotes.cli import app

runner = CliRunner()


def test_update_from_the_shared_mirror(full_db: Path, data_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "unvotes.duckdb"
    shutil.copyfile(full_db, db)
    result = runner.invoke(app, ["update", "--from", str(data_dir), "--base", str(data_dir),
                                 "--dest", str(tmp_path / "data"), "--db", str(db),
                                 "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert "60 added, 2 missing" in result.stdout
    assert "not in the mirror (the build used the base folder's): undl_ga, undl_sc" in \
        result.stderr
    assert "votes (0 new, 0 changed, 0 removed)" in result.stdout
    assert (tmp_path / "data" / "MANIFEST.json").is_file()
    assert (tmp_path / "data" / ".base").read_text() == str(data_dir.resolve())


def test_a_missing_mirror_is_one_line_and_changes_nothing(full_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "unvotes.duckdb"
    shutil.copyfile(full_db, db)
    before = db.read_bytes()
    result = runner.invoke(app, ["update", "--from", str(tmp_path / "nowhere"), "--dest",
                                 str(tmp_path / "data"), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: mirror folder {tmp_path / 'nowhere'} does not exist"
    assert db.read_bytes() == before
