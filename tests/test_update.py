"""`unvotes update`'s library: downloads through an injected httpx client from a real local
HTTP server that misbehaves on purpose, a local mirror, the manifest, and the rebuild."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest

import unvotes
from unvotes.build.sources import SOURCES, find_files
from unvotes.errors import UnvotesError, UpdateError
from unvotes.update import (
    MANIFEST,
    OFFICIAL_DOWNLOADS,
    Download,
    FileStatus,
    UpdateReport,
    fetch,
    sniff,
    update,
    version_of,
)

FIXTURES = Path(__file__).parent / "fixtures"
GA_CSV = "2026_02_06_ga_voting.csv"
SC_CSV = "2026_02_06_sc_voting.csv"
ES11 = "unxml_dgacm_ga/data_extract/ES-11.json"


def _fixture_files() -> dict[str, Path]:
    """dest path in the build's layout -> a small fixture in the real format."""
    files = {GA_CSV: FIXTURES / "undl" / "ga_v5.csv", SC_CSV: FIXTURES / "undl" / "sc_v6.csv"}
    for session in ("74", "75", "77", "ES-11"):
        files[f"unxml_dgacm_ga/data_extract/{session}.json"] = (
            FIXTURES / "dgacm" / "ga" / f"{session}.json")
    for year in ("2018", "2024"):
        files[f"unxml_dgacm_sc/data_extract/{year}.json"] = (
            FIXTURES / "dgacm" / "sc" / "data_extract" / f"{year}.json")
    xml = FIXTURES / "dgacm" / "sc" / "xml"
    for path in sorted(xml.rglob("*E.xml")):
        files[f"unxml_dgacm_sc/xml/{path.relative_to(xml).as_posix()}"] = path
    for path in sorted((FIXTURES / "dgacm" / "sc" / "not_adopted").glob("*.xml")):
        files[f"unxml_dgacm_sc/xml/Not adopted/English/{path.name}"] = path
    return files


FILES = _fixture_files()
HTML = b"<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head><body></body></html>"


# --- a local server that misbehaves on request ---------------------------------------------
@dataclass
class Route:
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = "Fri, 06 Feb 2026 12:00:00 GMT"
    status: int = 200
    ranges: bool = True  # answer Range requests with 206/416 (else the whole file, 200)
    conditional: bool = True  # answer If-None-Match with 304
    cut_at: int | None = None  # send this many body bytes, then close the connection
    cut_times: int = 1_000_000  # ... on this many requests only
    hang: float = 0.0  # seconds to wait before answering
    served: int = 0


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.stop = threading.Event()
        self.httpd = _Quiet(("127.0.0.1", 0), _Handler)
        self.httpd.owner = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                       daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{quote(path)}"

    def serve(self, path: str, body: bytes, **options: Any) -> Route:
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        route = Route(body, **{"etag": etag, **options})
        self.routes[path] = route
        return route

    def requests(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.log if p == path]

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True
    owner: Server

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hung up on a hanging or cut answer: expected here


class _Handler(BaseHTTPRequestHandler):
    server: _Quiet

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner = self.server.owner
        path = unquote(self.path.lstrip("/"))
        owner.log.append((path, {k.lower(): v for k, v in self.headers.items()}))
        route = owner.routes.get(path)
        if route is None:
            return self._send(404, b"<html>not found</html>", {"Content-Type": "text/html"})
        route.served += 1
        if route.hang and owner.stop.wait(route.hang):
            return
        if route.status != 200:
            return self._send(route.status, b"<html>error</html>", {"Content-Type": "text/html"})
        headers = {"Content-Type": route.content_type}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.conditional and route.etag and self.headers.get("If-None-Match") == route.etag:
            return self._send(304, b"", headers)
        body, status = route.body, 200
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if wanted and route.ranges and if_range in (None, route.etag, route.last_modified):
            start = int(wanted.removeprefix("bytes=").removesuffix("-"))
            if start >= len(body):
                return self._send(416, b"", {"Content-Range": f"bytes */{len(body)}"})
            headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
            body, status = body[start:], 206
        cut = route.cut_at if route.served <= route.cut_times else None
        self._send(status, body, headers, cut)

    def _send(self, status: int, body: bytes, headers: dict[str, str],
              cut: int | None = None) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body if cut is None else body[:cut])
        self.wfile.flush()
        self.close_connection = True


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    for dest, path in FILES.items():
        srv.serve(dest, path.read_bytes(), content_type=(
            "text/csv" if dest.endswith(".csv") else "text/plain; charset=utf-8"))
    yield srv
    srv.close()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as c:
        yield c


def _source(dest: str) -> str:
    if dest.endswith("ga_voting.csv"):
        return "undl_ga"
    if dest.endswith("sc_voting.csv"):
        return "undl_sc"
    return dest.split("/")[0]


def table(srv: Server) -> list[Download]:
    return [Download(dest.replace("/", ":"), srv.url(dest), dest, _source(dest),
                     immutable=dest.endswith(".csv")) for dest in FILES]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revised(body: bytes, mark: bytes = b"Revised") -> bytes:
    """A DGACM extract as a later upstream commit might publish it (a title changed)."""
    changed = body.replace(b'"title": "', b'"title": "' + mark + b" ", 1)
    assert changed != body
    return changed


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.part*"))


# --- a record built by an update, copied for every failure test -----------------------------
@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(data folder, database) after a good update from the local server; the server's
    port is written into the manifest, so tests copy the folder and reuse the URLs."""
    root = tmp_path_factory.mktemp("baseline")
    srv = Server()
    for dest, path in FILES.items():
        srv.serve(dest, path.read_bytes())
    try:
        with httpx.Client() as c:
            update(root / "data", db_path=root / "r.duckdb", client=c, downloads=table(srv))
        return root / "data", root / "r.duckdb", srv.url("")
    finally:
        srv.close()


@dataclass
class Live:
    data: Path
    db: Path
    db_sha: str
    downloads: list[Download]

    def untouched(self) -> None:
        """The database bytes, every complete file and the manifest are as before."""
        assert _sha(self.db) == self.db_sha
        manifest = json.loads((self.data / MANIFEST).read_text())
        for dest, entry in manifest["files"].items():
            assert _sha(self.data / dest) == entry["sha256"], dest
        assert [p.name for p in self.db.parent.iterdir() if "building" in p.name] == []


@pytest.fixture
def live(baseline: tuple[Path, Path, str], server: Server, tmp_path: Path) -> Live:
    """A copy of the baseline folder and record whose manifest points at ``server``."""
    data, db, old_url = baseline
    shutil.copytree(data, tmp_path / "data")
    shutil.copy(db, tmp_path / "r.duckdb")
    manifest_path = tmp_path / "data" / MANIFEST
    manifest_path.write_text(manifest_path.read_text().replace(old_url, server.url("")))
    # the same files with the same ETags: the server checks If-None-Match against them
    return Live(tmp_path / "data", tmp_path / "r.duckdb", _sha(tmp_path / "r.duckdb"),
                table(server))


def _update(live: Live, client: httpx.Client, **options: Any) -> UpdateReport:
    return update(live.data, db_path=live.db, client=client, downloads=live.downloads,
                  **options)


# --- success --------------------------------------------------------------------------------
def test_fetch_installs_verified_files_and_writes_the_manifest(
        server: Server, client: httpx.Client, tmp_path: Path) -> None:
    stages: list[tuple[str, int, int]] = []
    report = fetch(table(server), tmp_path, client=client,
                   progress=lambda *s: stages.append(s))
    assert [f.status for f in report.files] == [FileStatus.ADDED] * len(FILES)
    for dest, fixture in FILES.items():
        assert (tmp_path / dest).read_bytes() == fixture.read_bytes()
    assert _leftovers(tmp_path) == []
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    ga = manifest["files"][GA_CSV]
    assert ga["url"] == server.url(GA_CSV)
    assert ga["sha256"] == _sha(FILES[GA_CSV]) and ga["size"] == FILES[GA_CSV].stat().st_size
    assert ga["etag"] == server.routes[GA_CSV].etag
    assert ga["last_modified"] == "Fri, 06 Feb 2026 12:00:00 GMT"
    assert ga["version"] == "2026-02-06" and ga["source"] == "undl_ga"
    assert ga["downloaded_at"].endswith("Z")
    assert manifest["files"][ES11]["version"] is None
    # progress counts the bytes of each file up to its size
    assert (f"downloading {GA_CSV}", ga["size"], ga["size"]) in stages
    # every request went through the injected client to the local server, once per file
    assert sorted(p for p, _ in server.log) == sorted(FILES)


def test_a_second_update_fetches_nothing_new(live: Live, server: Server,
                                             client: httpx.Client) -> None:
    report = _update(live, client)
    assert {f.status for f in report.files} == {FileStatus.UNCHANGED}
    # fixed versions already in place are not asked for; the others are asked conditionally
    assert server.requests(GA_CSV) == [] and server.requests(SC_CSV) == []
    assert server.requests(ES11)[0]["if-none-match"] == server.routes[ES11].etag
    assert report.build is not None and report.build.unchanged == report.build.votes


def test_a_changed_extract_is_downloaded_and_recorded(live: Live, server: Server,
                                                      client: httpx.Client) -> None:
    text = _revised(FILES[ES11].read_bytes()).decode()
    server.serve(ES11, text.encode())
    report = _update(live, client)
    status = {f.name: f.status for f in report.files}
    assert status[ES11.replace("/", ":")] == FileStatus.UPDATED
    assert sum(s == FileStatus.UPDATED for s in status.values()) == 1
    manifest = json.loads((live.data / MANIFEST).read_text())
    assert manifest["files"][ES11]["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert manifest["files"][ES11]["etag"] == server.routes[ES11].etag
    assert (live.data / ES11).read_text(encoding="utf-8") == text


def test_update_end_to_end_builds_a_record(baseline: tuple[Path, Path, str]) -> None:
    data, db, _ = baseline
    rec = unvotes.open(db)
    try:
        vote = rec.vote("A/RES/ES-11/7")
        assert vote.positions["USA"] == "N"
        assert [s.source for s in vote.sources if s.primary] == ["undl_ga"]
        assert rec.vote("S/RES/2774(2025)").positions["USA"] == "Y"
    finally:
        rec.close()
    assert not (data / ".view").exists()  # no base folder: built from the downloads alone


def test_update_from_a_local_mirror_builds_a_record(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    for dest, path in FILES.items():
        # the UN Digital Library files as a browser saves them, flat; the rest in layout
        target = mirror / (Path(dest).name if dest.endswith(".csv") else dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    downloads = [Download(dest, f"https://example.invalid/{quote(dest)}", dest, _source(dest))
                 for dest in FILES]
    report = update(tmp_path / "data", db_path=tmp_path / "r.duckdb", downloads=downloads,
                    from_dir=mirror, client=None)
    assert {f.status for f in report.files} == {FileStatus.ADDED}
    assert report.build is not None and report.build.votes == 40
    manifest = json.loads((tmp_path / "data" / MANIFEST).read_text())
    assert manifest["files"][GA_CSV]["mirror"] == str((mirror / GA_CSV).resolve())
    assert manifest["files"][GA_CSV]["url"] == f"https://example.invalid/{GA_CSV}"
    assert manifest["files"][GA_CSV]["version"] == "2026-02-06"
    rec = unvotes.open(tmp_path / "r.duckdb")
    try:
        assert rec.vote("A/RES/ES-11/7").positions["RUS"] == "N"
    finally:
        rec.close()
    # the same mirror again: nothing to copy
    again = update(tmp_path / "data", db_path=tmp_path / "r.duckdb", downloads=downloads,
                   from_dir=mirror)
    assert {f.status for f in again.files} == {FileStatus.UNCHANGED}


# --- failures: one clear line, nothing installed, no build, the database untouched ----------
def test_a_truncated_download_is_refused_and_kept_for_resuming(
        live: Live, server: Server, client: httpx.Client) -> None:
    body = FILES[GA_CSV].read_bytes() + b"\n"  # a new version of the file
    (live.data / GA_CSV).unlink()  # (lost locally, so it must be fetched)
    server.serve(GA_CSV, body, cut_at=4000)
    stages: list[str] = []
    with pytest.raises(UpdateError) as caught:
        _update(live, client, progress=lambda stage, done, total: stages.append(stage))
    assert str(caught.value) == (
        f"{server.url(GA_CSV)}: the download was cut short after 4,000 of {len(body):,} bytes; "
        "run the update again to resume")
    assert not (live.data / GA_CSV).exists()  # nothing put in place
    assert (live.data / (GA_CSV + ".part")).stat().st_size == 4000
    assert not any(stage.startswith("reading") for stage in stages)  # no build
    assert _sha(live.db) == live.db_sha


def test_a_cut_download_resumes_with_a_range_request(
        live: Live, server: Server, client: httpx.Client) -> None:
    body = _revised(FILES[ES11].read_bytes())
    server.serve(ES11, body, cut_at=300, cut_times=1)
    with pytest.raises(UpdateError, match="cut short after 300 of"):
        _update(live, client)
    live.untouched()
    report = _update(live, client)
    second = server.requests(ES11)[-1]
    assert second["range"] == "bytes=300-"
    assert second["if-range"] == server.routes[ES11].etag
    result = next(f for f in report.files if f.name == ES11.replace("/", ":"))
    assert result.resumed and result.status == FileStatus.UPDATED
    assert (live.data / ES11).read_bytes() == body
    assert _leftovers(live.data) == []


def test_a_server_that_ignores_ranges_sends_the_whole_file_again(
        live: Live, server: Server, client: httpx.Client) -> None:
    body = _revised(FILES[ES11].read_bytes())
    server.serve(ES11, body, cut_at=300, cut_times=1, ranges=False)
    with pytest.raises(UpdateError, match="cut short"):
        _update(live, client)
    report = _update(live, client)
    result = next(f for f in report.files if f.name == ES11.replace("/", ":"))
    assert not result.resumed and (live.data / ES11).read_bytes() == body


def test_a_part_changed_upstream_is_not_spliced(live: Live, server: Server,
                                                client: httpx.Client) -> None:
    first = _revised(FILES[ES11].read_bytes())
    server.serve(ES11, first, cut_at=300, cut_times=1)
    with pytest.raises(UpdateError, match="cut short"):
        _update(live, client)
    newer = _revised(first, b"Newer")
    server.serve(ES11, newer)  # a new ETag: If-Range fails, the server sends all of it
    _update(live, client)
    assert (live.data / ES11).read_bytes() == newer


def test_files_verified_before_a_failure_are_not_downloaded_again(
        live: Live, server: Server, client: httpx.Client) -> None:
    (live.data / GA_CSV).unlink()
    server.serve(SC_CSV, b"", status=500)
    (live.data / SC_CSV).unlink()
    with pytest.raises(UpdateError, match="HTTP 500"):
        _update(live, client)
    assert (live.data / (GA_CSV + ".part")).exists() and not (live.data / GA_CSV).exists()
    server.serve(SC_CSV, FILES[SC_CSV].read_bytes())
    _update(live, client)
    assert server.requests(GA_CSV)[-1]["range"] == f"bytes={FILES[GA_CSV].stat().st_size}-"
    assert (live.data / GA_CSV).read_bytes() == FILES[GA_CSV].read_bytes()
    assert _leftovers(live.data) == []


def test_a_changed_checksum_against_the_manifest_is_refused(
        live: Live, server: Server, client: httpx.Client) -> None:
    """A fixed UN Digital Library version whose bytes differ from the first download."""
    good = (live.data / SC_CSV).read_bytes()
    (live.data / SC_CSV).unlink()
    changed = good.replace(b"UNITED STATES,True,Y", b"UNITED STATES,True,N")
    assert changed != good
    server.serve(SC_CSV, changed)
    with pytest.raises(UpdateError) as caught:
        _update(live, client)
    got = hashlib.sha256(changed).hexdigest()
    assert str(caught.value) == (
        f"{server.url(SC_CSV)}: sha256 {got[:16]} differs from "
        f"{hashlib.sha256(good).hexdigest()[:16]} recorded in MANIFEST.json; "
        "the file has changed")
    assert not (live.data / SC_CSV).exists() and _leftovers(live.data) == []
    assert _sha(live.db) == live.db_sha


def test_same_etag_different_bytes_is_refused(live: Live, server: Server,
                                              client: httpx.Client) -> None:
    etag = server.routes[ES11].etag
    server.serve(ES11, FILES[ES11].read_bytes() + b"\n", etag=etag, conditional=False)
    with pytest.raises(UpdateError, match=r"recorded in MANIFEST\.json; the file has changed"):
        _update(live, client)
    live.untouched()


def test_a_checksum_in_the_table_is_enforced(server: Server, client: httpx.Client,
                                             tmp_path: Path) -> None:
    downloads = [replace(d, sha256="0" * 64) if d.dest == SC_CSV else d for d in table(server)]
    with pytest.raises(UpdateError) as caught:
        fetch(downloads, tmp_path, client=client)
    assert str(caught.value) == (
        f"{server.url(SC_CSV)}: sha256 {_sha(FILES[SC_CSV])[:16]} differs from "
        "0000000000000000 recorded in the downloads table; the file has changed")
    assert not (tmp_path / MANIFEST).exists()
    # the GA file, verified before the SC one failed, waits in its .part for the next run
    assert sorted(p.name for p in tmp_path.iterdir()) == [GA_CSV + ".part", GA_CSV + ".part.meta"]


def test_an_html_page_served_as_200_is_refused(live: Live, server: Server,
                                               client: httpx.Client) -> None:
    (live.data / GA_CSV).unlink()
    server.serve(GA_CSV, HTML, content_type="text/html; charset=utf-8")
    with pytest.raises(UpdateError) as caught:
        _update(live, client)
    assert str(caught.value) == (
        f"{server.url(GA_CSV)}: the server sent an HTML page (Content-Type text/html; "
        "charset=utf-8) instead of a CSV file")
    assert not (live.data / GA_CSV).exists() and _leftovers(live.data) == []
    assert _sha(live.db) == live.db_sha


def test_an_html_page_with_a_csv_content_type_is_refused(live: Live, server: Server,
                                                         client: httpx.Client) -> None:
    server.serve(ES11, HTML, content_type="application/octet-stream")
    with pytest.raises(UpdateError) as caught:
        _update(live, client)
    assert str(caught.value) == (
        f"{server.url(ES11)}: the server sent an HTML page (Content-Type "
        "application/octet-stream) instead of a JSON file")
    live.untouched()
    assert _leftovers(live.data) == []


def test_a_hanging_server_times_out(live: Live, server: Server, client: httpx.Client) -> None:
    server.routes[ES11].hang = 10.0
    started = time.monotonic()
    with pytest.raises(UpdateError) as caught:
        _update(live, client, timeout=0.5)
    assert time.monotonic() - started < 5
    assert str(caught.value) == (
        f"{server.url(ES11)}: the server sent nothing for 0.5 s (timed out)")
    live.untouched()


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"),
                                                (500, "Internal Server Error")])
def test_http_errors(live: Live, server: Server, client: httpx.Client, status: int,
                     reason: str) -> None:
    server.serve(ES11, b"", status=status)
    with pytest.raises(UpdateError) as caught:
        _update(live, client)
    assert str(caught.value) == f"{server.url(ES11)}: the server answered HTTP {status} {reason}"
    assert isinstance(caught.value, UnvotesError)
    live.untouched()
    assert _leftovers(live.data) == []


def test_an_unreachable_server(client: httpx.Client, tmp_path: Path) -> None:
    srv = Server()
    url = srv.url(GA_CSV)
    srv.close()  # nothing listens on the port any more
    with pytest.raises(UpdateError, match=rf"^{url}: cannot connect \("):
        fetch([Download("ga", url, GA_CSV, "undl_ga")], tmp_path, client=client, timeout=2)


def test_a_file_missing_from_the_mirror(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    shutil.copy(FILES[GA_CSV], mirror / GA_CSV)
    downloads = [Download("undl_ga", "https://example.invalid/ga", GA_CSV, "undl_ga"),
                 Download("undl_sc", "https://example.invalid/sc", SC_CSV, "undl_sc")]
    with pytest.raises(UpdateError) as caught:
        update(tmp_path / "data", db_path=tmp_path / "r.duckdb", downloads=downloads,
               from_dir=mirror)
    assert str(caught.value) == f"undl_sc: {mirror / SC_CSV} is not in the mirror"
    assert not (tmp_path / "data" / GA_CSV).exists() and not (tmp_path / "r.duckdb").exists()


def test_a_saved_html_page_in_the_mirror_is_refused(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / GA_CSV).write_bytes(HTML)
    with pytest.raises(UpdateError) as caught:
        update(tmp_path / "data", db_path=tmp_path / "r.duckdb", from_dir=mirror,
               downloads=[Download("undl_ga", "https://example.invalid/ga", GA_CSV, "undl_ga")])
    assert str(caught.value) == (f"{mirror / GA_CSV}: the file is an HTML page "
                                 "(Content-Type not given) instead of a CSV file")


def test_a_destination_outside_the_folder_is_refused(client: httpx.Client,
                                                     tmp_path: Path) -> None:
    with pytest.raises(UpdateError) as caught:
        fetch([Download("x", "https://example.invalid/x", "../x.csv", "undl_ga")],
              tmp_path, client=client)
    assert str(caught.value) == "x: '../x.csv' is not a relative path inside the data folder"


def test_a_damaged_manifest_is_an_error(client: httpx.Client, tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text("{not json")
    with pytest.raises(UpdateError, match=r"MANIFEST\.json: not a readable manifest \("):
        fetch([], tmp_path, client=client)


# --- the folder the build reads -------------------------------------------------------------
def test_a_new_version_replaces_the_old_file(live: Live, server: Server,
                                             client: httpx.Client) -> None:
    newer = "2026_05_01_ga_voting.csv"
    server.serve(newer, FILES[GA_CSV].read_bytes(), content_type="text/csv")
    live.downloads = [Download(d.name, server.url(newer), newer, d.source, immutable=True)
                      if d.dest == GA_CSV else d for d in live.downloads]
    report = _update(live, client)
    assert not (live.data / GA_CSV).exists() and (live.data / newer).exists()
    manifest = json.loads((live.data / MANIFEST).read_text())
    assert GA_CSV not in manifest["files"] and manifest["files"][newer]["version"] == "2026-05-01"
    assert report.build is not None
    assert [len(s.files) for s in report.build.sources if s.source == "undl_ga"] == [1]


def test_base_folder_sources_are_built_beside_the_downloads(
        live: Live, server: Server, client: httpx.Client, tmp_path: Path) -> None:
    base = tmp_path / "shared"
    (base / "undl_scrape_3dl").mkdir(parents=True)
    shutil.copy(FIXTURES / "undl" / "scrape_2025.csv",
                base / "undl_scrape_3dl" / "un_votes_2025_processed.csv")
    shutil.copy(FIXTURES / "undl" / "ga_v5.csv", base / "2025_07_23_ga_voting.csv")  # older
    (base / "unxml_dgacm_ga" / "data_extract").mkdir(parents=True)
    (base / "unxml_dgacm_ga" / "data_extract" / "ES-11.json").write_text("stale\n")
    report = _update(live, client, base_dir=base)
    assert report.build is not None
    sources = {s.source: s for s in report.build.sources}
    assert "undl_scrape_3dl_2025" in sources
    assert [Path(f).name for f in sources["undl_ga"].files] == [GA_CSV]  # the old one hidden
    view = live.data / ".view"
    assert (view / ES11).resolve() == (live.data / ES11).resolve()  # the download wins
    assert (view / "undl_scrape_3dl" / "un_votes_2025_processed.csv").is_symlink()


# --- checks on their own ----------------------------------------------------------------------
@pytest.mark.parametrize(("dest", "content_type", "head", "reason"), [
    ("a.csv", "text/csv", b"undl_id,ms_code\n", None),
    ("a.csv", None, b"\xef\xbb\xbf  <!DOCTYPE HTML>", ("the server sent an HTML page "
     "(Content-Type not given) instead of a CSV file")),
    ("a.json", "text/plain", b'{"symbol": 1}', None),
    ("a.json", "text/plain", b"symbol,title", ("the file is not a JSON file (it starts with "
     "b'symbol,title')")),
    ("a.xml", "application/xml", b'<?xml version="1.0"?>', None),
    ("a.zip", "application/zip", b"PK\x03\x04rest", None),
    ("a.zip", "application/zip", b"nope", "the file is not a ZIP file (it starts with b'nope')"),
    ("a.csv.gz", "application/gzip", b"\x1f\x8b\x08", None),
    ("a.csv", "text/csv", b"", "the file is empty, not a CSV file"),
    ("a.csv", "application/xhtml+xml", b"x", ("the server sent an HTML page (Content-Type "
     "application/xhtml+xml) instead of a CSV file")),
])
def test_sniff(dest: str, content_type: str | None, head: bytes, reason: str | None) -> None:
    assert sniff(dest, content_type, head) == reason


@pytest.mark.parametrize(("name", "disposition", "version"), [
    ("2026_02_06_ga_voting.csv", None, "2026-02-06"),
    ("2025_7_23_ga_voting.csv", None, "2025-07-23"),
    ("ga_voting.csv", 'attachment; filename="2025_11_25_sc_voting.csv"', "2025-11-25"),
    ("80.json", None, None),
    ("2026_13_45_ga_voting.csv", None, None),
])
def test_version_of(name: str, disposition: str | None, version: str | None) -> None:
    assert version_of(name, disposition) == version


def test_official_table_fits_the_build_layout() -> None:
    dests = [d.dest for d in OFFICIAL_DOWNLOADS]
    assert len(set(dests)) == len(dests) == 62
    assert len({d.name for d in OFFICIAL_DOWNLOADS}) == 62
    known = {spec.source for spec in SOURCES}
    assert {d.source for d in OFFICIAL_DOWNLOADS} <= known
    for d in OFFICIAL_DOWNLOADS:
        assert d.url.startswith("https://") and " " not in d.url
    undl = {d.name: d for d in OFFICIAL_DOWNLOADS if d.source.startswith("undl")}
    assert undl["undl_ga"].url == (
        "https://digitallibrary.un.org/record/4060887/files/2026_02_06_ga_voting.csv")
    assert undl["undl_sc"].url == (
        "https://digitallibrary.un.org/record/4055387/files/2026_02_06_sc_voting.csv")
    assert all(d.immutable for d in undl.values())


def test_official_dgacm_rows_match_the_shared_data_layout(data_dir: Path, tmp_path: Path) -> None:
    """The DGACM rows name exactly the files the shared data holds (and the build reads)."""
    dgacm = [d for d in OFFICIAL_DOWNLOADS if d.source.startswith("unxml")]
    for d in dgacm:
        assert (data_dir / d.dest).is_file(), d.dest
    for spec in SOURCES:
        if spec.source.startswith("unxml"):
            (folder,) = find_files(data_dir, spec)
            read = {p.relative_to(data_dir).as_posix() for p in folder.rglob("*.json")
                    if "data_extract" in p.parts and "historical" not in p.name}
            assert read <= {d.dest for d in dgacm}


@pytest.mark.slow
def test_the_official_layout_rebuilds_the_shared_record(full_db: Path, data_dir: Path,
                                                        tmp_path: Path) -> None:
    """The DGACM rows taken from the shared data as a mirror, with the shared data as the
    base folder, rebuild the same record as ``unvotes build`` of the shared data."""
    db = tmp_path / "r.duckdb"
    shutil.copy(full_db, db)
    rows = [d for d in OFFICIAL_DOWNLOADS if d.source.startswith("unxml")]
    report = update(tmp_path / "data", db_path=db, downloads=rows, from_dir=data_dir,
                    base_dir=data_dir)
    assert report.count(FileStatus.ADDED) == len(rows) == 60
    assert report.build is not None
    assert (report.build.added, report.build.changed, report.build.removed) == (0, 0, 0)
    assert report.build.unchanged == report.build.votes
