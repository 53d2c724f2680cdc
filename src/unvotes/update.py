"""Fetch the official UN voting files and rebuild the record from them (``unvotes update``).

The files come from a table of :class:`Download` rows (:data:`OFFICIAL_DOWNLOADS`: the UN
Digital Library's member-state datasets and the DGACM extracts). Addresses are data, not
code: pass another table to fetch other versions or from another host.

**Layout.** Each file is saved at its ``dest`` path below the data folder, in the layout the
build already reads (``2026_02_06_ga_voting.csv`` at the top, ``unxml_dgacm_ga/
data_extract/80.json``, ``unxml_dgacm_sc/...``), so the folder is itself a data folder for
``unvotes build --from``. ``MANIFEST.json`` beside the files records where each came from.
To build the downloads *together with* sources that are not downloaded (the research
releases and scrapes of ``../shared/data``), :func:`update` takes ``base_dir``: it makes a
folder of links, ``<dest_dir>/.view``, holding every file of ``base_dir`` with the
downloads laid over it (file by file; a downloaded UN Digital Library dataset also hides
the base folder's own ``*ga_voting*.csv``/``*sc_voting*.csv``, so no two versions are
read), and builds from that. The build takes a single folder, and links keep it so.

**Safety.** Network access goes only through the ``httpx.Client`` the caller passes. Every
file is written to ``<file>.part`` first, checked (length, not an HTML page, sha256 when
known) and moved into place only when *every* file of the table is good, so a failed
update changes no complete file, never starts the build, and leaves the database alone.
A ``.part`` cut short is resumed with an HTTP Range request next time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from unvotes import __version__
from unvotes.errors import UpdateError

if TYPE_CHECKING:
    import httpx

    from unvotes.build import BuildReport

__all__ = ["OFFICIAL_DOWNLOADS", "Download", "FileResult", "FileStatus", "UpdateReport",
           "assemble_view", "copy_from_mirror", "default_data_dir", "fetch", "sniff", "update", "version_of"]

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): bytes of the current file (total 0 = unknown)."""

MANIFEST = "MANIFEST.json"
VIEW = ".view"  # hidden: the build's recursive globs do not look inside it
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Download:
    """One file to fetch: where from, where it goes below the data folder, what reads it.

    ``dest`` is a relative POSIX path in the build's layout. ``sha256``, when given, must
    match. ``immutable`` says the address names one fixed version (the UN Digital Library
    file names carry their date), so once downloaded its bytes must never change: the
    manifest's checksum is then enforced and an intact local copy is not fetched again.
    """

    name: str
    url: str
    dest: str
    source: str  # the build's source id (unvotes.build.sources.SOURCES)
    sha256: str | None = None
    immutable: bool = False


class FileStatus(StrEnum):
    """What an update did to one file, against the previous manifest."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    MISSING = "missing"  # not in the mirror (copy_from_mirror with missing_ok)


@dataclass(slots=True)
class FileResult:
    """One file after an update."""

    name: str
    source: str
    path: Path
    status: FileStatus
    size: int
    sha256: str
    version: str | None = None
    resumed: bool = False  # the download went on from an earlier .part


@dataclass(slots=True)
class UpdateReport:
    """The result of :func:`fetch`, :func:`copy_from_mirror` or :func:`update`."""

    dest_dir: Path
    files: list[FileResult] = field(default_factory=list)
    build: BuildReport | None = None  # set by update()
    seconds: float = 0.0

    def count(self, status: FileStatus) -> int:
        """How many files ended with ``status``."""
        return sum(1 for f in self.files if f.status == status)


# --- the official addresses --------------------------------------------------------------
# UN Digital Library: the record pages 4060887 (GA) and 4055387 (SC) are the ones the
# Library's own citation gives; the file address form record/<id>/files/<name>.csv is the
# one public code uses for every published version. The name carries the version date, so
# a new version means a new row here. GA v5 is ~364 MB.
_UNDL = "https://digitallibrary.un.org/record/{record}/files/{file}"
# DGACM publishes on GitHub (UNxml/GAresolutions, UNxml/SCresolutions); HEAD follows the
# default branch, so these rows fetch the newest extract of each session or year.
_DGACM = "https://raw.githubusercontent.com/UNxml/{repo}/HEAD/{path}"
_GA_SESSIONS = ("74", "75", "76", "77", "78", "79", "80", "ES-10", "ES-11", "S-32")
_SC_YEARS = tuple(str(year) for year in range(2000, 2027))
# the AKN files the SC reader uses to fill or correct the JSON (docs: PROVENANCE 6.4)
_SC_AKN = ("2024/English/S_RES_2723-2401650E.xml", "2025/English/S_RES_2770-2501115E.xml",
           "2025/English/S_RES_2772-2502641E.xml", "Pre-2020/2018/S_RES_2423_1810687E.xml")
_SC_NOT_ADOPTED = (
    "S_2023_212-2305680E", "S_2023_506-2313545E", "S_2023_507-2313551E", "S_2023_638-2316801E",
    "S_2023_639-2316802E", "S_2023_772-2320197E", "S_2023_773-2320284E", "S_2023_792-2320737E",
    "S_2023_795-2320738E", "S_2023_970-2324906E", "S_2024_173-2403217E", "S_2024_239-2405580E",
    "S_2024_255-2405905E", "S_2024_302-2407462E", "S_2024_312-2407138E", "S_2024_383-2408982E",
    "S_2024_826-2421045E", "S_2024_835-2420468E", "S_2025-353-2508520E")


def _dgacm(repo: str, path: str) -> str:
    return _DGACM.format(repo=repo, path=quote(path))


OFFICIAL_DOWNLOADS: tuple[Download, ...] = (
    Download("undl_ga", _UNDL.format(record=4060887, file="2026_02_06_ga_voting.csv"),
             "2026_02_06_ga_voting.csv", "undl_ga", immutable=True),
    Download("undl_sc", _UNDL.format(record=4055387, file="2026_02_06_sc_voting.csv"),
             "2026_02_06_sc_voting.csv", "undl_sc", immutable=True),
    *(Download(f"dgacm_ga_{s}", _dgacm("GAresolutions", f"data_extract/{s}.json"),
               f"unxml_dgacm_ga/data_extract/{s}.json", "unxml_dgacm_ga") for s in _GA_SESSIONS),
    *(Download(f"dgacm_sc_{y}", _dgacm("SCresolutions", f"data_extract/{y}.json"),
               f"unxml_dgacm_sc/data_extract/{y}.json", "unxml_dgacm_sc") for y in _SC_YEARS),
    *(Download(f"dgacm_sc_{PurePosixPath(p).stem}", _dgacm("SCresolutions", p),
               f"unxml_dgacm_sc/xml/{p}", "unxml_dgacm_sc") for p in _SC_AKN),
    *(Download(f"dgacm_sc_{n}", _dgacm("SCresolutions", f"Not adopted/English/{n}.xml"),
               f"unxml_dgacm_sc/xml/Not adopted/English/{n}.xml", "unxml_dgacm_sc")
      for n in _SC_NOT_ADOPTED),
)
"""The files ``unvotes update`` fetches (docs/update.md lists them with their status)."""


def default_data_dir() -> Path:
    """Where downloads go by default: ``<user data dir>/unvotes/data``."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("unvotes", appauthor=False)) / "data"


# --- checks -------------------------------------------------------------------------------
_KINDS = {".csv": "a CSV file", ".json": "a JSON file", ".zip": "a ZIP file",
          ".gz": "a gzip file", ".xml": "an XML file"}
_MAGIC = {".json": (b"{", b"["), ".xml": (b"<",), ".zip": (b"PK\x03\x04", b"PK\x05\x06"),
          ".gz": (b"\x1f\x8b",)}
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")


def sniff(dest: str, content_type: str | None, head: bytes, *,
          origin: str = "the server sent") -> str | None:
    """Why ``head`` (a file's first bytes) is not the data file ``dest`` names, or None.

    An HTML page (by Content-Type or by its first bytes) is refused whatever the file, as is
    an empty file; JSON, XML, ZIP and gzip files must start the way their format does.
    ``origin`` starts the HTML reason ("the file is" for a local copy).
    Example: ``sniff("x.csv", "text/html", b"<!DOCTYPE html>")`` names the HTML page.
    """
    suffix = PurePosixPath(dest).suffix.lower()
    kind = _KINDS.get(suffix, f"a {suffix or 'data'} file")
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if "html" in (content_type or "").lower() or text[:16].lower().startswith(_HTML_STARTS):
        return (f"{origin} an HTML page (Content-Type {content_type or 'not given'}) "
                f"instead of {kind}")
    if not head:
        return f"the file is empty, not {kind}"
    magic = _MAGIC.get(suffix)
    if magic and not (text if suffix in (".json", ".xml") else head).startswith(magic):
        return f"the file is not {kind} (it starts with {head[:16]!r})"
    return None


_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})_(\d{1,2})_(\d{1,2})(?!\d)")


def version_of(name: str, content_disposition: str | None = None) -> str | None:
    """The version date a file name (or a Content-Disposition header) carries, or None.

    Example: ``version_of("2025_7_23_ga_voting.csv") == "2025-07-23"``.
    """
    for text in (content_disposition or "", name):
        for match in _DATE_IN_NAME.finditer(text):
            try:
                return dt.date(*(int(part) for part in match.groups())).isoformat()
            except ValueError:
                continue
    return None


def _check_table(downloads: Sequence[Download]) -> None:
    seen: set[str] = set()
    for d in downloads:
        path = PurePosixPath(d.dest)
        if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in d.dest:
            raise UpdateError(f"{d.name}: {d.dest!r} is not a relative path inside the "
                              "data folder")
        if d.dest in seen:
            raise UpdateError(f"{d.name}: {d.dest!r} is the destination of two downloads")
        seen.add(d.dest)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(512)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- the manifest ---------------------------------------------------------------------------
def _load_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.exists():
        return {"format": 1, "files": {}}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UpdateError(f"{path}: not a readable manifest ({exc}); remove it to "
                          "download everything again") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise UpdateError(f"{path}: not a readable manifest (no 'files' object); remove it "
                          "to download everything again")
    return manifest


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    manifest["updated_at"] = _now()
    manifest["files"] = dict(sorted(manifest["files"].items()))
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


# --- one file -----------------------------------------------------------------------------
@dataclass(slots=True)
class _Staged:
    """A verified file waiting in its .part to be moved into place (or one left as is)."""

    download: Download
    final: Path
    part: Path
    sha256: str
    size: int
    status: FileStatus
    etag: str | None = None
    last_modified: str | None = None
    version: str | None = None
    resumed: bool = False
    mirror: str | None = None
    install: bool = True  # False: the file in place is already these bytes


def _paths(dest_dir: Path, d: Download) -> tuple[Path, Path, Path]:
    final = dest_dir / d.dest
    return final, final.with_name(final.name + ".part"), final.with_name(final.name + ".part.meta")


def _drop(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _check(d: Download, where: str, path: Path, content_type: str | None,
           previous: dict[str, Any] | None, etag: str | None,
           mirror_entry: dict[str, Any] | None = None, *,
           origin: str = "the server sent") -> str:
    """Sniff and hash a complete file; returns its sha256 or raises UpdateError."""
    reason = sniff(d.dest, content_type, _head(path), origin=origin)
    if reason is not None:
        raise UpdateError(f"{where}: {reason}")
    sha = _sha256(path)
    expected: list[tuple[str, str]] = []
    if d.sha256:
        expected.append((d.sha256.lower(), "the downloads table"))
    # the manifest binds a fixed version, or a file the server says is the same (ETag)
    if previous is not None and (d.immutable or (etag and etag == previous.get("etag"))):
        expected.append((previous["sha256"], MANIFEST))
    if mirror_entry is not None and mirror_entry.get("sha256"):
        expected.append((mirror_entry["sha256"], f"the mirror's {MANIFEST}"))
    for want, source in expected:
        if sha != want:
            raise UpdateError(f"{where}: sha256 {sha[:16]} differs from {want[:16]} recorded "
                              f"in {source}; the file has changed")
    return sha


def _status(previous: dict[str, Any] | None, sha: str) -> FileStatus:
    if previous is None:
        return FileStatus.ADDED
    return FileStatus.UNCHANGED if previous.get("sha256") == sha else FileStatus.UPDATED


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    """(first byte, total) of a Content-Range header (None where absent or '*')."""
    match = re.fullmatch(r"\s*bytes\s+(\*|(\d+)-\d+)/(\*|\d+)\s*", value or "")
    if not match:
        return None, None
    start = int(match.group(2)) if match.group(2) is not None else None
    total = int(match.group(3)) if match.group(3) != "*" else None
    return start, total


class _Restart(Exception):
    """The server would not resume as asked: download the whole file again."""


def _read_state(part: Path, meta: Path, url: str) -> dict[str, Any] | None:
    """What an earlier run wrote about a .part (None when there is no usable one)."""
    if not (part.exists() and meta.exists()):
        return None
    try:
        state = json.loads(meta.read_text(encoding="utf-8"))
    except ValueError:
        return None
    return state if isinstance(state, dict) and state.get("url") == url else None


def _fetch_one(d: Download, dest_dir: Path, manifest: dict[str, Any], *, client: httpx.Client,
               report: Progress, timeout: float) -> _Staged:
    import httpx

    final, part, meta = _paths(dest_dir, d)
    entry = manifest["files"].get(d.dest)
    previous = entry if entry is not None and entry.get("url") == d.url else None
    intact = previous is not None and final.is_file() and _sha256(final) == previous["sha256"]
    state = _read_state(part, meta, d.url)
    if state is None:
        _drop(part, meta)  # a .part we know nothing about cannot be resumed safely
        if intact and previous is not None and (
                d.immutable or (d.sha256 is not None and d.sha256.lower() == previous["sha256"])):
            report(f"up to date {d.name}", previous["size"], previous["size"])
            return _kept(d, final, previous)
    known = state or {}
    strong_etag = known.get("etag") if not str(known.get("etag") or "").startswith("W/") else None
    validator = strong_etag or known.get("last_modified")
    # without a validator a resumed file could splice two versions, unless it is fixed
    resuming = state is not None and part.stat().st_size > 0 and bool(
        validator or d.immutable or d.sha256)
    etag, modified, content_type, disposition = (known.get("etag"), known.get("last_modified"),
                                                 known.get("content_type"),
                                                 known.get("content_disposition"))

    for _attempt in range(2):
        headers = {"Accept-Encoding": "identity", "User-Agent": f"unvotes/{__version__}"}
        offset = part.stat().st_size if resuming else 0
        if resuming:
            headers["Range"] = f"bytes={offset}-"
            if validator:
                headers["If-Range"] = str(validator)
        elif intact and previous is not None:
            if previous.get("etag"):
                headers["If-None-Match"] = previous["etag"]
            if previous.get("last_modified"):
                headers["If-Modified-Since"] = previous["last_modified"]
        got, total, in_body = offset, None, False
        try:
            with client.stream("GET", d.url, headers=headers, timeout=timeout,
                               follow_redirects=True) as response:
                code = response.status_code
                if code == 304 and intact and previous is not None and not resuming:
                    _drop(part, meta)
                    report(f"up to date {d.name}", previous["size"], previous["size"])
                    return _kept(d, final, previous)
                if code == 416 and resuming:
                    # an earlier run stopped after this .part was complete: keep it
                    if _content_range(response.headers.get("content-range"))[1] != offset:
                        raise _Restart
                elif code in (200, 206):
                    if code == 206:
                        start, total = _content_range(response.headers.get("content-range"))
                        if not resuming or start != offset:
                            raise _Restart
                    else:  # the whole file, even when a range was asked for
                        offset = got = 0
                        length = response.headers.get("content-length", "")
                        total = int(length) if length.isdigit() else None
                    etag = response.headers.get("etag")
                    modified = response.headers.get("last-modified")
                    content_type = response.headers.get("content-type")
                    disposition = response.headers.get("content-disposition")
                    if content_type and "html" in content_type.lower():
                        _drop(part, meta)
                        raise UpdateError(f"{d.url}: {sniff(d.dest, content_type, b'')}")
                    part.parent.mkdir(parents=True, exist_ok=True)
                    meta.write_text(json.dumps({
                        "url": d.url, "etag": etag, "last_modified": modified,
                        "content_type": content_type, "content_disposition": disposition}),
                        encoding="utf-8")
                    in_body = True
                    with open(part, "ab" if code == 206 else "wb") as out:
                        for chunk in response.iter_bytes():  # as received: a cut keeps all
                            out.write(chunk)
                            got += len(chunk)
                            report(f"downloading {d.name}", got, total or 0)
                    in_body = False
                    if total is not None and got != total:
                        raise UpdateError(_cut_short(d.url, got, total))
                else:
                    raise UpdateError(f"{d.url}: the server answered HTTP {code} "
                                      f"{response.reason_phrase}".rstrip())
        except _Restart:
            _drop(part, meta)
            resuming = False
            continue
        except httpx.TimeoutException as exc:
            raise UpdateError(f"{d.url}: the server sent nothing for {timeout:g} s "
                              "(timed out)") from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            if in_body:
                raise UpdateError(_cut_short(d.url, got, total)) from exc
            raise UpdateError(f"{d.url}: the connection failed ({exc})") from exc
        except httpx.ConnectError as exc:
            raise UpdateError(f"{d.url}: cannot connect ({exc})") from exc
        except httpx.HTTPError as exc:
            raise UpdateError(f"{d.url}: the download failed ({exc})") from exc
        try:
            sha = _check(d, d.url, part, content_type, previous, etag)
        except UpdateError:
            _drop(part, meta)  # not worth resuming: the bytes are wrong
            raise
        return _Staged(d, final, part, sha, part.stat().st_size, _status(previous, sha),
                       etag=etag, last_modified=modified,
                       version=version_of(PurePosixPath(d.dest).name, disposition),
                       resumed=resuming and offset > 0)
    raise UpdateError(f"{d.url}: the server would not send the whole file")


def _cut_short(url: str, got: int, total: int | None) -> str:
    of = f" of {total:,}" if total is not None else ""
    return (f"{url}: the download was cut short after {got:,}{of} bytes; run the update "
            "again to resume")


def _kept(d: Download, final: Path, previous: dict[str, Any]) -> _Staged:
    return _Staged(d, final, final, previous["sha256"], previous["size"], FileStatus.UNCHANGED,
                   etag=previous.get("etag"), last_modified=previous.get("last_modified"),
                   version=previous.get("version"), mirror=previous.get("mirror"),
                   install=False)


# --- all files ----------------------------------------------------------------------------
def _install(dest_dir: Path, manifest: dict[str, Any], staged: list[_Staged],
             downloads: Sequence[Download]) -> UpdateReport:
    """Move every verified .part into place, drop superseded files, write the manifest."""
    now = _now()
    files = manifest["files"]
    for s in staged:
        d = s.download
        if s.install:
            s.final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(s.part, s.final)
            _drop(s.part.with_name(s.part.name + ".meta"))
            entry: dict[str, Any] = {
                "name": d.name, "source": d.source, "url": d.url, "sha256": s.sha256,
                "size": s.size, "downloaded_at": now, "last_modified": s.last_modified,
                "etag": s.etag, "version": s.version}
            if s.mirror is not None:
                entry["mirror"] = s.mirror
        else:
            entry = dict(files[d.dest])
        entry["checked_at"] = now
        files[d.dest] = entry
    # a row whose file name changed (a new UN Digital Library version): the old file goes,
    # or the build would read both versions
    wanted = {d.dest for d in downloads}
    names = {d.name for d in downloads}
    for dest, entry in list(files.items()):
        if dest not in wanted and entry.get("name") in names:
            _drop(dest_dir / dest)
            del files[dest]
    _write_manifest(dest_dir, manifest)
    return UpdateReport(dest_dir, [
        FileResult(s.download.name, s.download.source, s.final, s.status, s.size, s.sha256,
                   s.version, s.resumed) for s in staged])


def fetch(downloads: Sequence[Download], dest_dir: Path, *, client: httpx.Client,
          progress: Progress | None = None, timeout: float = 60.0) -> UpdateReport:
    """Download every file of ``downloads`` into ``dest_dir`` through ``client``.

    Files are moved into place and ``MANIFEST.json`` written only when all are verified.
    Returns an UpdateReport (one FileResult per row, in table order). Raises UpdateError
    (one line naming the address) on an HTTP error, a timeout (``timeout`` seconds without
    data), a download cut short (the .part is kept and resumed next time), an HTML page or
    a file of the wrong format, or a checksum that differs from the table's or the
    manifest's; complete files already in ``dest_dir`` are then left as they were.
    Example: ``fetch(OFFICIAL_DOWNLOADS, Path("data"), client=httpx.Client())``.
    """
    started = time.perf_counter()
    dest_dir = Path(dest_dir)
    _check_table(downloads)
    dest_dir.mkdir(parents=True, exist_ok=True)
    manifest = _load_manifest(dest_dir)
    report = progress or _silent
    staged = [_fetch_one(d, dest_dir, manifest, client=client, report=report, timeout=timeout)
              for d in downloads]
    result = _install(dest_dir, manifest, staged, downloads)
    result.seconds = time.perf_counter() - started
    return result


def _in_mirror(from_dir: Path, d: Download) -> Path:
    for candidate in (from_dir / d.dest, from_dir / PurePosixPath(d.dest).name):
        if candidate.is_file():
            return candidate
    raise UpdateError(f"{d.name}: {from_dir / d.dest} is not in the mirror")


def copy_from_mirror(downloads: Sequence[Download], dest_dir: Path, from_dir: Path, *,
                     progress: Progress | None = None, missing_ok: bool = False
                     ) -> UpdateReport:
    """Take every file of ``downloads`` from a local folder instead of the network.

    The mirror holds each file at its ``dest`` path (as a previous update left it) or by its
    bare name (as a browser saves it). Each is checked as a download is (not HTML, the
    right format, sha256 against the table, this folder's manifest for fixed versions, and
    the mirror's own ``MANIFEST.json`` if it has one), copied through a .part and moved
    into place when all are good. With ``missing_ok``, a file the mirror lacks is reported
    ``missing`` (the build then reads whatever the base folder has) instead of an error.
    Returns an UpdateReport; raises UpdateError naming the first file missing or failing
    a check. Example:
    ``copy_from_mirror(OFFICIAL_DOWNLOADS, Path("data"), Path("/media/usb/unvotes"))``.
    """
    started = time.perf_counter()
    dest_dir, from_dir = Path(dest_dir), Path(from_dir)
    _check_table(downloads)
    if not from_dir.is_dir():
        raise UpdateError(f"mirror folder {from_dir} does not exist")
    dest_dir.mkdir(parents=True, exist_ok=True)
    manifest = _load_manifest(dest_dir)
    theirs = _load_manifest(from_dir)["files"] if (from_dir / MANIFEST).exists() else {}
    report = progress or _silent
    staged = []
    missing = []
    for d in downloads:
        try:
            source = _in_mirror(from_dir, d)
        except UpdateError:
            if not missing_ok:
                raise
            missing.append(FileResult(d.name, d.source, dest_dir / d.dest, FileStatus.MISSING,
                                      0, ""))
            continue
        final, part, meta = _paths(dest_dir, d)
        entry = manifest["files"].get(d.dest)
        previous = entry if entry is not None and entry.get("url") == d.url else None
        mirror_entry = theirs.get(d.dest)
        sha = _check(d, str(source), source, None, previous, None, mirror_entry,
                     origin="the file is")
        if previous is not None and previous["sha256"] == sha and final.is_file() and (
                _sha256(final) == sha):
            _drop(part, meta)
            report(f"up to date {d.name}", previous["size"], previous["size"])
            staged.append(_kept(d, final, previous))
            continue
        _drop(part, meta)
        part.parent.mkdir(parents=True, exist_ok=True)
        size, done, digest = source.stat().st_size, 0, hashlib.sha256()
        with open(source, "rb") as src, open(part, "wb") as out:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                report(f"copying {d.name}", done, size)
        if digest.hexdigest() != sha:
            _drop(part)
            raise UpdateError(f"{source}: the file changed while it was copied")
        staged.append(_Staged(
            d, final, part, sha, done, _status(previous, sha),
            etag=(mirror_entry or {}).get("etag"),
            last_modified=(mirror_entry or {}).get("last_modified"),
            version=version_of(source.name) or version_of(PurePosixPath(d.dest).name),
            mirror=str(source.resolve())))
    result = _install(dest_dir, manifest, staged, downloads)
    result.files += missing
    result.seconds = time.perf_counter() - started
    return result


def _silent(stage: str, done: int, total: int) -> None:
    return None


# --- the build ----------------------------------------------------------------------------
def _walk(base_dir: Path, skip: Path | None) -> Iterator[Path]:
    for path in sorted(base_dir.rglob("*")):
        rel = path.relative_to(base_dir)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        if path.is_file():
            yield path


def _link(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        link.symlink_to(target.resolve())
    except OSError:  # no symbolic links here (some Windows set-ups): copy instead
        shutil.copy2(target, link)


def assemble_view(dest_dir: Path, base_dir: Path, downloads: Sequence[Download]) -> Path:
    """Make ``<dest_dir>/.view``: the files of ``base_dir`` with the downloads laid over them.

    A download replaces the base file at the same path; a downloaded source whose files the
    build finds by a name pattern (the UN Digital Library datasets) also hides the base
    folder's files of that pattern. Returns the folder (rebuilt on each call, links only).
    """
    from unvotes.build.sources import SOURCES, find_files

    dest_dir, base_dir = Path(dest_dir).resolve(), Path(base_dir).resolve()
    if not base_dir.is_dir():
        raise UpdateError(f"base folder {base_dir} does not exist")
    view = dest_dir / VIEW
    if view.exists():
        shutil.rmtree(view)
    # a download the folder does not hold (missing from a mirror) leaves the base as it is
    downloads = [d for d in downloads if (dest_dir / d.dest).is_file()]
    ours = {d.dest for d in downloads}
    provided = {d.source for d in downloads}
    hidden = {path.resolve() for spec in SOURCES if spec.source in provided
              for path in find_files(base_dir, spec) if path.is_file()}
    for path in _walk(base_dir, dest_dir if dest_dir.is_relative_to(base_dir) else None):
        rel = path.relative_to(base_dir).as_posix()
        if rel not in ours and path.resolve() not in hidden:
            _link(view / rel, path)
    for d in downloads:
        _link(view / d.dest, dest_dir / d.dest)
    return view


def update(dest_dir: Path, *, db_path: Path | None = None, client: httpx.Client | None = None,
           downloads: Sequence[Download] = OFFICIAL_DOWNLOADS, from_dir: Path | None = None,
           base_dir: Path | None = None, progress: Progress | None = None,
           timeout: float = 60.0, missing_ok: bool = False) -> UpdateReport:
    """Fetch the files (or copy them from ``from_dir``), then rebuild the record.

    The build reads ``dest_dir``, or with ``base_dir`` (e.g. ``../shared/data``) the
    ``.view`` folder of :func:`assemble_view`. Nothing is built unless every file was
    fetched and verified; the build itself swaps the database in only when complete.
    ``client`` is used for every request (one is made, and closed, when it is None);
    with ``from_dir`` no request is made, and ``missing_ok`` lets the mirror lack files.
    Returns an UpdateReport with ``build`` set.
    Raises UpdateError (fetch) or BuildError (build); the previous database is kept.
    Example: ``update(default_data_dir(), from_dir=Path("/media/usb/unvotes")).build``.
    """
    from unvotes.build import build

    started = time.perf_counter()
    dest_dir = Path(dest_dir)
    if from_dir is not None:
        result = copy_from_mirror(downloads, dest_dir, Path(from_dir), progress=progress,
                                  missing_ok=missing_ok)
    elif client is not None:
        result = fetch(downloads, dest_dir, client=client, progress=progress, timeout=timeout)
    else:
        import httpx

        with httpx.Client() as own:
            result = fetch(downloads, dest_dir, client=own, progress=progress, timeout=timeout)
    data = dest_dir if base_dir is None else assemble_view(dest_dir, Path(base_dir), downloads)
    result.build = build(data, db_path=db_path, progress=progress)
    result.seconds = time.perf_counter() - started
    return result
