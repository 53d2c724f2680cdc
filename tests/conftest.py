"""Shared fixtures: the shared data folder and one full build per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = (ROOT / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA_DIR.is_dir():
        pytest.skip(f"shared data not found at {DATA_DIR}")
    return DATA_DIR


@pytest.fixture(scope="session")
def full_db(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The record built from the full shared data (once per session)."""
    from unvotes.build import build

    path = tmp_path_factory.mktemp("full") / "unvotes.duckdb"
    build(data_dir, db_path=path)
    return path


@pytest.fixture(scope="session")
def record(full_db: Path):  # type: ignore[no-untyped-def]
    import unvotes

    rec = unvotes.open(full_db)
    yield rec
    rec.close()


@pytest.fixture(scope="session")
def full_fit(record):  # type: ignore[no-untyped-def]
    """The default ideal-point fit of every final-passage GA vote (once per session)."""
    from unvotes.ideal.estimates import estimate

    return estimate(record)


@pytest.fixture(scope="session")
def fitted_db(full_db: Path, full_fit, tmp_path_factory: pytest.TempPathFactory  # type: ignore[no-untyped-def]
              ) -> Path:
    """A copy of the full record with the default ideal-point fit stored."""
    import shutil

    from unvotes.ideal.estimates import save_estimates

    path = tmp_path_factory.mktemp("ideal") / "unvotes.duckdb"
    shutil.copyfile(full_db, path)
    save_estimates(path, full_fit)
    return path
