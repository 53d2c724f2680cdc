"""The store: migrations, the atomic writer, the read-only Store and its errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from unvotes.errors import StoreError
from unvotes.store import SCHEMA_VERSION, Store, default_db_path, write_record
from unvotes.store.db import migrations


def _sources(name: str) -> dict[str, pd.DataFrame]:
    return {"sources": pd.DataFrame([{
        "source": name, "rank": 1, "publisher": "p", "title": "t", "version": "v",
        "licence": "l", "citation": "c", "url": "u", "official": True,
        "lists_complete": True, "records_absence": True}])}


def test_migrations_are_numbered_in_order() -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    assert SCHEMA_VERSION == versions[-1]


def test_write_then_read(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    write_record(db, _sources("one"))
    with Store(db) as store:
        assert store.rows("SELECT source FROM sources") == [("one",)]
        assert store.scalar("SELECT max(version) FROM schema_migrations") == SCHEMA_VERSION
        assert store.dicts("SELECT source, rank FROM sources") == [{"source": "one", "rank": 1}]


def test_failed_write_leaves_previous_database(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    write_record(db, _sources("old"))

    def fail(_: Path) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_record(db, _sources("new"), before_swap=fail)
    with Store(db) as store:
        assert store.rows("SELECT source FROM sources") == [("old",)]
    assert list(tmp_path.iterdir()) == [db]


def test_bad_frame_leaves_previous_database(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    write_record(db, _sources("old"))
    with pytest.raises(Exception, match="no_such_column|not found|does not have"):
        write_record(db, {"sources": pd.DataFrame([{"no_such_column": 1}])})
    with Store(db) as store:
        assert store.rows("SELECT source FROM sources") == [("old",)]


def test_stale_partial_file_is_removed(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    stale = tmp_path / "r.duckdb.building-99999"
    stale.write_bytes(b"half a database")
    write_record(db, _sources("x"))
    assert not stale.exists()


def test_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no database at .*nothing\.duckdb; run 'unvotes build'"):
        Store(tmp_path / "nothing.duckdb")


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("hello")
    with pytest.raises(StoreError, match="is not an unvotes database"):
        Store(bad)


def test_default_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNVOTES_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("UNVOTES_DB")
    assert default_db_path().name == "unvotes.duckdb"
