"""Take the screenshots in docs/ of the web dashboard, in Debian's Chromium.

Serves the record (default path, or ``--db``) on a free localhost port in a background
thread, opens each page headless with Playwright at 1280 px wide, waits until its map or
chart is drawn and writes a PNG of the top of the page.

    .venv/bin/python docs/screenshots.py            # writes docs/vote-page.png, docs/compare-page.png
    .venv/bin/python docs/screenshots.py --db /tmp/unvotes.duckdb --out /tmp/shots
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import sync_playwright

from unvotes.web import create_app

DOCS = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
# no calls home (this network refuses them); --no-sandbox to run as root
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
WIDTH, HEIGHT = 1280, 1400
# (file name, page, element drawn last)
SHOTS = [
    ("vote-page.png", "/votes/A/RES/ES-11/7", "#map"),
    ("compare-page.png", "/compare?states=USA,RUS,IND&since=1992", "#compare-chart"),
]


def free_port() -> int:
    """A TCP port free on localhost now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(db: Path | None) -> Iterator[str]:
    """The app over the record at ``db``, served in a thread; yields its address."""
    app = create_app(db)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                if httpx.get(url + "/api/v1/coverage", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"the server at {url} did not answer within 30 s")
            time.sleep(0.1)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.cache.record.close()


def take(base_url: str, out: Path) -> list[Path]:
    """Write each screenshot of SHOTS into ``out``; returns the files written."""
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": WIDTH, "height": 900})
            page = context.new_page()
            for name, path, drawn in SHOTS:
                page.goto(base_url + path)
                page.wait_for_selector(f"{drawn}[data-drawn=yes]", timeout=60_000)
                height = min(HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
                target = out / name
                page.screenshot(path=str(target), full_page=True,
                                clip={"x": 0, "y": 0, "width": WIDTH, "height": height})
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None,
                        help="the record (default: unvotes' default path)")
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for the PNGs")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with serving(args.db) as url:
        for path in take(url, args.out):
            print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
