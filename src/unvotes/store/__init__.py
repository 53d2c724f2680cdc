"""The one door to the database: only this package imports ``duckdb``.

- :func:`default_db_path` — where the record lives (``UNVOTES_DB`` or the user data dir).
- :class:`Store` — a read-only connection that answers queries with plain rows or
  pandas frames, never a connection.
- :func:`write_record` — writes a complete new database next to the old one and swaps
  it in atomically; a failed or killed build leaves the previous file untouched.
- :func:`update_record` — changes a copy of the database (ideal points) and swaps it in
  the same way.
"""

from unvotes.store.db import (
    SCHEMA_VERSION,
    Store,
    default_db_path,
    update_record,
    write_record,
)

__all__ = ["SCHEMA_VERSION", "Store", "default_db_path", "update_record", "write_record"]
