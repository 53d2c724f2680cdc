"""The pages in a real browser: Debian's Chromium, driven by Playwright, over a live server.

A uvicorn server runs the app over the full record in a background thread; the tests
open pages as a reader would, and check what only a browser shows: the map drawn with
one shape per state in its position's colour, links that lead somewhere, the article
checker's form, and a vote page that fits a phone's width. CI installs Chromium
(``.ci/run``); without it these tests are skipped.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from unvotes.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling out to Google's hosts,
# which this closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VOTE = "/votes/A/RES/ES-11/7"
NO, ABSTAIN = "#d73027", "#fdae61"
ARTICLE = ("UNITED NATIONS, Feb 24, 2025 - The General Assembly adopted the resolution by "
           "93 votes to 18, with 65 abstentions. India abstained.")
DRAWN_MS = 30_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"no Chromium at {CHROMIUM} (apt-get install chromium; "
                              ".ci/run does)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(full_db: Path) -> Iterator[str]:
    """The address of a live server over the full record."""
    yield from _serve(full_db)


@pytest.fixture(scope="module")
def fitted_url(fitted_db: Path) -> Iterator[str]:
    """The address of a live server over the full record with ideal points stored."""
    yield from _serve(fitted_db)


def _serve(db: Path) -> Iterator[str]:
    app = create_app(db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(url + "/api/v1/coverage", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            pytest.fail(f"the server at {url} did not answer within 30 s")
        time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    app.state.cache.record.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def _map_states(page: Page) -> dict[str, tuple[str, str | None]]:
    """Each state's shape on the drawn map: ISO3 -> (aria-label, fill)."""
    pairs = page.locator("#map svg path[aria-label]").evaluate_all(
        "els => els.map(e => [e.getAttribute('aria-label'), e.getAttribute('fill')])")
    return {label.split(" ", 1)[0]: (label, fill) for label, fill in pairs}


def test_vote_map_colours_each_state_by_position(page: Page, base_url: str) -> None:
    page.goto(base_url + VOTE)
    page.wait_for_selector("#map[data-drawn=yes]", timeout=DRAWN_MS)
    assert page.locator("#map svg path[aria-label]").count() >= 180
    states = _map_states(page)
    assert states["USA"] == ("USA United States of America: No", NO)
    assert states["IND"] == ("IND India: Abstain", ABSTAIN)
    assert page.locator("#tally-yes").inner_text() == "93"


def test_state_link_leads_to_its_page_with_partners_chart(page: Page, base_url: str) -> None:
    page.goto(base_url + VOTE)
    page.locator("#list-A a[data-iso3=IND]").click()
    page.wait_for_url(base_url + "/countries/IND")
    assert page.locator("h1").inner_text() == "India"
    page.wait_for_selector("#partners-chart[data-drawn=yes]", timeout=DRAWN_MS)
    assert page.locator("#partners-chart svg").count() == 1


def test_check_form_reports_supported_claims(page: Page, base_url: str) -> None:
    page.goto(base_url + "/check")
    page.fill("#article", ARTICLE)
    with page.expect_navigation():
        page.locator("form.check button[type=submit]").click()
    assert page.url == base_url + "/check"
    assert page.locator("li[data-verdict=supported]").count() >= 2
    assert page.locator("li[data-verdict=contradicted]").count() == 0
    summary = page.locator("p.summary").inner_text()
    assert "supported" in summary
    # the article stays in the form, to edit and check again
    assert page.locator("#article").input_value() == ARTICLE


def test_ideal_point_chart_draws_a_line_over_its_band(page: Page, fitted_url: str) -> None:
    page.goto(fitted_url + "/countries/USA")
    page.wait_for_selector("#ideal-chart[data-drawn=yes]", timeout=DRAWN_MS)
    chart = page.locator("#ideal-chart svg")
    assert chart.count() == 1
    assert chart.locator(".mark-area path").count() == 1
    assert chart.locator(".mark-line path").count() == 1


def test_partners_chart_marks_detected_shifts(page: Page, fitted_url: str) -> None:
    page.goto(fitted_url + "/countries/USA")
    page.wait_for_selector("#partners-chart[data-drawn=yes]", timeout=DRAWN_MS)
    shifts = page.locator("#partners-chart").get_attribute("data-shifts")
    assert shifts is not None and shifts.count('"date"') >= 2
    # one dashed rule per shift, each labelled with its date for the tooltip
    rules = page.locator("#partners-chart svg .role-mark line[stroke-dasharray]")
    labels = rules.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert len(labels) == shifts.count('"date"')
    assert any("shift: 2025-02-24; with: GBR" in label for label in labels)


@pytest.mark.parametrize(("path", "drawn"), [
    (VOTE, "#map"),
    ("/countries/IND", "#partners-chart"),
    ("/compare?states=USA,RUS,IND", "#compare-chart"),
    ("/about", "#coverage-chart"),
    ("/check", None),
])
def test_page_fits_a_phone(browser: Browser, base_url: str, path: str, drawn: str | None
                           ) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        if drawn:
            page.wait_for_selector(f"{drawn}[data-drawn=yes]", timeout=DRAWN_MS)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 4, f"{path} is {width} px wide on a 390 px screen"
    finally:
        context.close()
