"""DuckDB access: migrations, the atomic writer and the read-only Store."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import duckdb

from unvotes.errors import StoreError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SCHEMA_VERSION", "Store", "default_db_path", "migrations", "update_record",
           "write_record"]

_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations shipped with the package: ``(version, name, sql)``, in order."""
    found = []
    for entry in resources.files("unvotes.store.migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(v for v, _, _ in migrations())


def default_db_path() -> Path:
    """The database path: ``$UNVOTES_DB``, else ``<user data dir>/unvotes/unvotes.duckdb``."""
    env = os.environ.get("UNVOTES_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("unvotes", appauthor=False)) / "unvotes.duckdb"


def _migrate(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                 "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    for version, name, sql in migrations():
        if version in done:
            continue
        conn.execute("BEGIN")
        conn.execute(sql)
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                     [version, name])
        conn.execute("COMMIT")


def _append(conn: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame]) -> None:
    for table, frame in tables.items():
        conn.register("_frame", frame)
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        conn.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM _frame')
        conn.unregister("_frame")


def _swap_in(path: Path, fill: Callable[[Path], None],
             before_swap: Callable[[Path], None] | None) -> None:
    """Build a database beside ``path`` with ``fill(tmp)`` and rename it over ``path``
    once complete and synced; on any failure (or kill) ``path`` is untouched and the
    partial file removed (now, or by the next writer)."""
    for stale in path.parent.glob(path.name + ".building-*"):
        with contextlib.suppress(OSError):
            stale.unlink()
    tmp = path.parent / f"{path.name}.building-{os.getpid()}"
    try:
        fill(tmp)
        if before_swap is not None:
            before_swap(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        with contextlib.suppress(OSError):
            Path(str(tmp) + ".wal").unlink()
        raise


def _transaction(tmp: Path, statements: Sequence[tuple[str, Sequence[Any]]],
                 tables: Mapping[str, pd.DataFrame]) -> None:
    """Migrate the database at ``tmp``, run ``statements`` and append ``tables`` in one
    transaction, and checkpoint."""
    conn = duckdb.connect(str(tmp))
    try:
        _migrate(conn)
        conn.execute("BEGIN")
        for sql, params in statements:
            conn.execute(sql, params)
        _append(conn, tables)
        conn.execute("COMMIT")
        conn.execute("CHECKPOINT")
    finally:
        conn.close()


def write_record(path: Path, tables: Mapping[str, pd.DataFrame], *,
                 before_swap: Callable[[Path], None] | None = None) -> None:
    """Write ``tables`` into a new database and swap it in for ``path`` atomically.

    Each frame's columns must match its table. The new file is written beside
    ``path`` and renamed over it only once complete and closed; if anything fails
    (or the process is killed) the previous database is untouched and the partial
    file is removed (or, if killed, removed by the next build). ``before_swap`` is
    called with the finished temporary path (tests use it to fail at the last step).
    Raises StoreError if the directory cannot be written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from exc
    _swap_in(path, lambda tmp: _transaction(tmp, (), tables), before_swap)


def update_record(path: Path, *, statements: Sequence[tuple[str, Sequence[Any]]] = (),
                  tables: Mapping[str, pd.DataFrame] | None = None,
                  before_swap: Callable[[Path], None] | None = None) -> None:
    """Run ``statements`` (SQL and parameters), then append the ``tables`` (frames whose
    columns match), on a copy of the database at ``path``, in one transaction, and swap
    the copy in atomically as :func:`write_record` does: a failed or killed update
    leaves the database as it was. The copy is first migrated to this schema. Raises
    StoreError if there is no database at ``path`` or the copy cannot be written.

    Example: ``update_record(p, statements=[("DELETE FROM ideal_fits", [])])``.
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(f"no database at {path}; run 'unvotes build' first")

    def fill(tmp: Path) -> None:
        try:
            shutil.copyfile(path, tmp)
        except OSError as exc:
            raise StoreError(f"cannot write beside {path}: {exc.strerror}") from exc
        _transaction(tmp, statements, tables or {})

    _swap_in(path, fill, before_swap)


class Store:
    """A read-only view of a built record.

    Raises StoreError if ``path`` is missing, not a DuckDB file, or of another schema.
    Example: ``Store(default_db_path()).scalar("SELECT count(*) FROM votes")``.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}; run 'unvotes build' first")
        try:
            self._conn = duckdb.connect(str(self.path), read_only=True)
            version = self._conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not an unvotes database ({exc})") from exc
        if not version or version[0] != SCHEMA_VERSION:
            found = version[0] if version else None
            raise StoreError(f"{self.path} has schema {found}, this unvotes needs "
                             f"{SCHEMA_VERSION}; rebuild with 'unvotes build'")

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple]:
        """The rows of a query as tuples."""
        return self._conn.execute(sql, params).fetchall()

    def dicts(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict]:
        """The rows of a query as dicts keyed by column name."""
        cursor = self._conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def iter_rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple]:
        """The rows of a query, fetched in batches."""
        cursor = self._conn.execute(sql, params)
        while batch := cursor.fetchmany(10_000):
            yield from batch

    def scalar(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        """The first column of the first row (None if no row)."""
        row = self._conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def vote_fingerprints(self) -> dict[str, str]:
        """Each vote's id and a digest of its facts and positions (to tell what changed)."""
        rows = self.rows(
            "SELECT v.vote_id, md5(concat_ws('|', v.body, v.date, v.symbol, v.kind, v.title, "
            "v.published_yes, v.published_no, v.published_abstain, v.published_non_voting, "
            "(SELECT string_agg(p.iso3 || p.position, ',' ORDER BY p.iso3) FROM positions p "
            " WHERE p.vote_id = v.vote_id))) FROM votes v")
        return {vote_id: digest for vote_id, digest in rows}

    def frame(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> pd.DataFrame:
        """The result of a query as a pandas DataFrame."""
        return self._conn.execute(sql, params).df()
