"""Build the record: read every source present, resolve, merge, write atomically.

``build(data_dir)`` is what ``unvotes build --from DIR`` runs. It is all-or-nothing:
the new database is written beside the old one and swapped in only when complete.
Rebuilding from the same inputs gives the same database (same vote ids, same rows).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from unvotes import __version__
from unvotes.build.frames import record_frames
from unvotes.build.merge import merge, resolve
from unvotes.build.sources import SOURCES, SourceSpec, find_files, reader_for
from unvotes.errors import BuildError, SourceError, UnvotesError
from unvotes.model import SourceVote
from unvotes.store import default_db_path, write_record

__all__ = ["BuildReport", "Progress", "SourceStats", "additions_dir", "build",
           "last_data_dir"]

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as the build advances (total 0 = unknown)."""


@dataclass(slots=True)
class SourceStats:
    """What one source contributed to a build."""

    source: str
    files: list[str]
    sha256: list[str]
    votes_read: int = 0
    positions_read: int = 0
    votes_primary: int = 0
    positions_used: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class BuildReport:
    """The result of a build."""

    path: Path
    votes: int
    positions: int
    disagreements: int
    seconds: float
    sources: list[SourceStats] = field(default_factory=list)
    # against the database this build replaced (all new when there was none)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0


def _sha256(path: Path) -> str:
    if path.is_dir():
        digest = hashlib.sha256()
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(child.relative_to(path).as_posix().encode())
            digest.update(_sha256(child).encode())
        return digest.hexdigest()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_sources(data_dir: Path, progress: Progress, additions: Path | None = None
                  ) -> tuple[list[tuple[SourceSpec, SourceVote]], list[SourceStats]]:
    present = [(spec, files) for spec in SOURCES
               if (files := find_files(data_dir, spec, additions))]
    if not present:
        raise BuildError(f"no known source files under {data_dir}")
    votes: list[tuple[SourceSpec, SourceVote]] = []
    stats = []
    for done, (spec, files) in enumerate(present):
        progress(f"reading {spec.source}", done, len(present))
        started = time.perf_counter()
        stat = SourceStats(spec.source, [str(f) for f in files], [_sha256(f) for f in files])
        read = reader_for(spec)
        for path in files:
            for vote in read(path):
                votes.append((spec, vote))
                stat.votes_read += 1
                stat.positions_read += len(vote.positions)
        stat.seconds = time.perf_counter() - started
        stats.append(stat)
    progress("reading sources", len(present), len(present))
    return votes, stats


def _read_vetoes(data_dir: Path) -> list:
    path = data_dir / "sc_vetoes" / "unsc_vetoes_1946_sept2022.csv"
    if not path.exists():
        return []
    from unvotes.readers.sc_vetoes import read_sc_vetoes

    return list(read_sc_vetoes(path))


def _carry_build_log(db_path: Path, frames: dict) -> None:
    """Put the previous database's build log before this build's (numbered after it)."""
    import pandas as pd

    from unvotes.errors import StoreError
    from unvotes.store import Store

    if not db_path.exists():
        return
    try:
        with Store(db_path) as old:
            builds = old.frame("SELECT * FROM builds ORDER BY build_id")
            sources = old.frame("SELECT * FROM build_sources ORDER BY build_id, source")
    except StoreError:
        return  # an old schema or a damaged file: the log starts again
    if builds.empty:
        return
    next_id = int(builds["build_id"].max()) + 1
    frames["builds"] = pd.concat([builds, frames["builds"].assign(build_id=next_id)],
                                 ignore_index=True)
    frames["build_sources"] = pd.concat(
        [sources, frames["build_sources"].assign(build_id=next_id)], ignore_index=True)


def last_data_dir(db_path: Path | None = None) -> Path | None:
    """The data folder the record at ``db_path`` was last built from (None if it records
    no build). Raises StoreError if there is no usable database."""
    from unvotes.store import Store

    with Store(Path(db_path) if db_path is not None else None) as store:
        last = store.scalar("SELECT data_dir FROM builds ORDER BY build_id DESC LIMIT 1")
    return Path(str(last)) if last else None


def additions_dir(db_path: Path) -> Path:
    """Where ``unvotes add`` keeps the votes and press releases added to the record at
    ``db_path``: ``additions/`` beside it (read by every build of that record)."""
    return Path(db_path).parent / "additions"


def _carry_ideal_points(db_path: Path, frames: dict) -> None:
    """Keep the previous database's ideal-point fits (they name their data version)."""
    from unvotes.errors import StoreError
    from unvotes.store import Store

    if not db_path.exists():
        return
    try:
        with Store(db_path) as old:
            for table in ("ideal_fits", "ideal_points", "ideal_items"):
                frames[table] = old.frame(f"SELECT * FROM {table}")
    except StoreError:
        return  # an old schema or a damaged file: nothing to carry


def build(data_dir: Path, *, db_path: Path | None = None, progress: Progress | None = None,
          before_swap: Callable[[Path], None] | None = None,
          additions: Path | None = None) -> BuildReport:
    """Build the record from the sources under ``data_dir`` into ``db_path``, with the
    votes and press releases added by hand (``additions``, default
    :func:`additions_dir`). Ideal points stored in the previous database are carried
    over with their data version (refit them with ``unvotes ideal fit``).

    Returns a BuildReport. Raises BuildError (with the file, line and problem for a
    malformed source) and leaves any previous database at ``db_path`` untouched.
    Example: ``build(Path("../shared/data")).votes > 9000``.
    """
    from unvotes.countries import load_countries

    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    report = progress or (lambda stage, done, total: None)
    db_path = Path(db_path) if db_path is not None else default_db_path()
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise BuildError(f"data folder {data_dir} does not exist")
    try:
        source_votes, stats = _read_sources(
            data_dir, report, additions if additions is not None else additions_dir(db_path))
        vetoes = _read_vetoes(data_dir)
    except SourceError as exc:
        raise BuildError(f"malformed source: {exc}") from exc
    table = load_countries()

    @functools.cache
    def resolve_key(key: str, kind: str, on: dt.date | None) -> str:
        from unvotes.model import MemberKey

        return table.resolve(key, kind=MemberKey(kind), on=on)

    report("resolving members", 0, 0)
    resolved = resolve(source_votes, lambda key, vote: resolve_key(key, vote.member_key.value,
                                                                   vote.date))
    report("merging sources", 0, 0)
    records, disagreements = merge(resolved, ga_members=functools.lru_cache(maxsize=None)(
        table.members_on))
    primary = Counter(r.primary.spec.source for r in records)
    used = Counter(source for r in records for _, source in r.positions.values())
    for stat in stats:
        stat.votes_primary = primary[stat.source]
        stat.positions_used = used[stat.source]
    report("writing database", 0, 0)
    try:
        frames = record_frames(records, disagreements, resolved, table=table, vetoes=vetoes,
                               stats=stats, data_dir=data_dir, started_at=started_at,
                               version=__version__)
        _carry_build_log(db_path, frames)
        _carry_ideal_points(db_path, frames)
        before = _fingerprints(db_path)
        write_record(db_path, frames, before_swap=before_swap)
    except UnvotesError:
        raise
    except OSError as exc:
        raise BuildError(f"cannot write {db_path}: {exc}") from exc
    after = _fingerprints(db_path)
    positions = sum(len(r.positions) for r in records)
    report("done", 1, 1)
    return BuildReport(
        db_path, len(records), positions, len(disagreements), time.perf_counter() - started,
        stats, added=len(after.keys() - before.keys()),
        changed=sum(1 for k in after.keys() & before.keys() if after[k] != before[k]),
        removed=len(before.keys() - after.keys()),
        unchanged=sum(1 for k in after.keys() & before.keys() if after[k] == before[k]))


def _fingerprints(db_path: Path) -> dict[str, str]:
    from unvotes.errors import StoreError
    from unvotes.store import Store

    if not db_path.exists():
        return {}
    try:
        with Store(db_path) as store:
            return store.vote_fingerprints()
    except StoreError:
        return {}
