"""The HTML pages over the full record, read with BeautifulSoup: the facts are in the HTML
(no JavaScript needed), forms work as a browser sends them, errors are pages."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup, Tag

from unvotes.web.app import create_app

pytestmark = pytest.mark.slow

ARTICLE = ("UNITED NATIONS, Feb 24, 2025 - The 193-member General Assembly adopted the "
           "resolution by 93 votes to 18, with 65 abstentions. India abstained. Some 12,500 "
           "civilians have been killed.")


class Client:
    """A synchronous face on ``httpx.AsyncClient`` over the app, for plain test functions."""

    def __init__(self, db: Path) -> None:
        self.app = create_app(db)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport,
                                         base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str) -> httpx.Response:
        return self.request("GET", url)

    def post(self, url: str, data: dict[str, str]) -> httpx.Response:
        return self.request("POST", url, data=data)


@pytest.fixture(scope="module")
def web(full_db: Path) -> Client:
    return Client(full_db)


@pytest.fixture(scope="module")
def fitted(fitted_db: Path) -> Client:
    """The pages over the full record with the default ideal-point fit stored."""
    return Client(fitted_db)


def html(response: httpx.Response, status: int = 200) -> BeautifulSoup:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    soup = BeautifulSoup(response.text, "html.parser")
    viewport = soup.select_one('meta[name="viewport"]')
    assert viewport is not None and "width=device-width" in str(viewport["content"])
    return soup


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def section(soup: BeautifulSoup, heading: str) -> Tag:
    """The ``<section>`` whose ``<h2>`` starts with ``heading``."""
    for h2 in soup.select("main section h2"):
        if text(h2).startswith(heading) and isinstance(h2.parent, Tag):
            return h2.parent
    raise AssertionError(f"no section {heading!r}")


def test_home(web: Client) -> None:
    soup = html(web.get("/"))
    form = one(soup, "main form.search")
    assert form["action"] == "/votes" and form["method"] == "get"
    assert {str(i["name"]) for i in form.select("input")} == {"q", "country", "since", "until"}
    recent = section(soup, "Most recent votes").select("tbody tr")
    assert len(recent) == 15
    assert text(one(recent[0], "a")) == "S/RES/2825 (2026)"
    divided = section(soup, "Most divided votes of 2026").select("tbody tr")
    assert len(divided) == 10
    assert one(soup, 'link[rel="alternate"]')["href"] == "/api/v1/votes"


def test_home_links_resolve(web: Client) -> None:
    soup = html(web.get("/"))
    links = [str(a["href"]) for a in soup.select("main table a")]
    assert len(links) == 25
    assert [link for link in links if web.get(link).status_code != 200] == []


def test_vote_page_reads_without_javascript(web: Client) -> None:
    soup = html(web.get("/votes/A/RES/ES-11/7"))
    assert text(one(soup, "h1")) == "A/RES/ES-11/7"
    assert [text(one(soup, f"#tally-{p}")) for p in ("yes", "no", "abstain")] == [
        "93", "18", "65"]
    no = [text(a) for a in soup.select("#list-N a")]
    abstain = [text(a) for a in soup.select("#list-A a")]
    assert len(no) == 18 and "United States of America" in no
    assert len(abstain) == 65 and "India" in abstain
    assert len(soup.select("#list-Y a")) == 93 and len(soup.select("#list-X a")) == 17
    usa = one(soup, '#list-N a[data-iso3="USA"]')
    assert usa["href"] == "/countries/USA"
    groups = {text(tr.select("td")[0]): [int(text(td)) for td in tr.select("td")[1:]]
              for tr in soup.select("table.groups")[0].select("tbody tr")}
    assert groups["Western European and others"] == [27, 2, 0, 0]
    assert sum(sum(counts) for counts in groups.values()) == 193
    assert "Computed outcome: adopted" in text(one(soup, "section.outcome"))


def test_vote_page_links_its_json_twin(web: Client) -> None:
    soup = html(web.get("/votes/A/RES/ES-11/7"))
    link = one(soup, 'link[rel="alternate"]')
    assert link["type"] == "application/json" and link["href"] == "/api/v1/votes/A/RES/ES-11/7"
    twin = web.get(str(link["href"]))
    assert twin.status_code == 200 and twin.json()["tally"]["yes"] == 93


def test_vote_page_map_data(web: Client) -> None:
    soup = html(web.get("/votes/A/RES/ES-11/7"))
    states = json.loads(str(one(soup, "#map")["data-positions"]))
    assert len(states) >= 190
    by_iso3 = {s["iso3"]: s for s in states}
    assert by_iso3["USA"] == {"id": "840", "iso3": "USA", "name": "United States of America",
                              "position": "No"}
    assert by_iso3["IND"]["position"] == "Abstain" and by_iso3["UKR"]["position"] == "Yes"
    assert {s["position"] for s in states} == {"Yes", "No", "Abstain", "Non-voting"}


def test_vote_page_surprising_positions(fitted: Client) -> None:
    soup = html(fitted.get("/votes/A/RES/ES-11/7"))
    found = section(soup, "Surprising positions")
    rows = found.select("table.surprises tbody tr")
    assert len(rows) == 10
    first = [text(td) for td in rows[0].select("td")]
    assert first[:2] == ["United States of America", "No"]
    assert one(rows[0], "a")["href"] == "/countries/USA"
    assert first[3].startswith("voted No with ")
    caption = text(one(found, "p.caption"))
    assert "1 bit is a coin toss; 5 bits, a 1-in-32 chance" in caption
    link = str(one(found, "a.surprises-json")["href"])
    assert link == "/api/v1/surprises?symbol=A/RES/ES-11/7"
    twin = fitted.get(link).json()["items"][:10]
    assert [str(one(tr, "a")["data-iso3"]) for tr in rows] == [r["country"] for r in twin]
    assert [text(tr.select("td")[2]) for tr in rows] == [f"{r['surprise']:.2f}" for r in twin]
    assert [text(tr.select("td")[3]) for tr in rows] == [r["reason"] for r in twin]
    # no position scored: none stands out
    quiet = section(html(fitted.get("/votes/S/2023/212")), "Surprising positions")
    assert not quiet.select("table") and text(one(quiet, "p.notice")) == (
        "No position on this vote stands out.")


def test_search_redirects_a_symbol(web: Client) -> None:
    response = web.get("/votes?q=A/RES/ES-11/7")
    assert response.status_code == 303 and response.headers["location"] == "/votes/A/RES/ES-11/7"
    other = web.get("/votes?q=S%2FRES%2F2774")
    assert other.status_code == 303
    assert other.headers["location"] == "/votes/S/RES/2774%20(2025)"
    soup = html(web.get(other.headers["location"]))
    assert text(one(soup, "h1")) == "S/RES/2774 (2025)"


def test_search_lists_votes_for_words(web: Client) -> None:
    soup = html(web.get("/votes?q=crimea"))
    assert "14 votes." in text(one(soup, "main"))
    rows = soup.select("table.votes tbody tr")
    assert len(rows) == 14 and text(one(rows[0], "a")) == "A/RES/80/223"
    assert one(soup, 'link[rel="alternate"]')["href"] == "http://testserver/api/v1/votes?q=crimea"


def test_search_form_with_empty_fields(web: Client) -> None:
    # a browser sends every field of the form, the empty ones too
    soup = html(web.get("/votes?q=crimea&country=&body=&since=&until="))
    assert len(soup.select("table.votes tbody tr")) == 14
    dated = html(web.get("/votes?q=crimea&country=RUS&body=GA&since=2020&until="))
    rows = dated.select("table.votes tbody tr")
    assert len(rows) == 8 and {text(tr.select("td")[-1]) for tr in rows} == {"No"}


def test_search_pages_and_country_match(web: Client) -> None:
    soup = html(web.get("/votes?q=India"))
    assert one(soup, ".country-match a")["href"] == "/countries/IND"
    assert len(soup.select("table.votes tbody tr")) == 50
    following = one(soup, 'a[rel="next"]')["href"]
    second = html(web.get(f"/votes{following}"))
    assert "page 2" in text(one(second, "main")) and second.select("table.votes tbody tr")


def test_country_page(web: Client) -> None:
    soup = html(web.get("/countries/IND"))
    assert text(one(soup, "h1")) == "India"
    assert "UN member since 1945-10-30" in text(one(soup, "p.meta"))
    partners = one(soup, "#partners-chart").find_next("table")
    assert isinstance(partners, Tag)
    seen = {text(tr.select("td")[0]) for tr in partners.select("tbody tr")}
    assert seen == {"USA", "RUS", "CHN", "GBR", "FRA", "ASIA_PACIFIC", "BRICS", "G77", "NAM", "SCO"}
    assert json.loads(str(one(soup, "#partners-chart")["data-rows"]))
    assert one(soup, 'link[rel="alternate"]')["href"] == "/api/v1/countries/IND"
    ukraine = html(web.get("/countries/IND?topic=ukraine"))
    rows = ukraine.select("table.votes tbody tr")
    assert "25 votes." in text(one(ukraine, "main")) and len(rows) == 25
    es_11_7 = next(tr for tr in rows if text(one(tr, "a")) == "A/RES/ES-11/7")
    assert text(es_11_7.select("td")[-1]) == "Abstain"
    assert len(html(web.get("/countries/IND?topic=")).select("table.votes tbody tr")) == 100


def test_country_page_ideal_points(fitted: Client) -> None:
    soup = html(fitted.get("/countries/USA"))
    ideal = section(soup, "Ideal point")
    assert text(one(ideal, "h2")) == "Ideal point (General Assembly, by year)"
    rows = json.loads(str(one(ideal, "#ideal-chart")["data-rows"]))
    twin = fitted.get("/api/v1/ideal-points?states=USA").json()
    assert rows == twin["points"] and len(rows) >= 80
    assert {r["country"] for r in rows} == {"USA"}
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)
    assert sum(r["ideal_point"] for r in rows) > 0
    caption = text(one(ideal, "p.caption"))
    assert "standardised (state-years average 0, standard deviation 1)" in caption
    assert "signed so that the United States' average is positive" in caption
    assert f"The band runs from the 5th to the 95th percentile: {twin['fit']['interval']}." in (
        caption)
    assert text(one(ideal, ".data-version")) == twin["fit"]["data_version"]
    assert one(ideal, "a.ideal-json")["href"] == "/api/v1/ideal-points?states=USA"
    # without JavaScript: the last ten years as a table
    table = [[text(td) for td in tr.select("td")] for tr in ideal.select("table.ideal tbody tr")]
    assert len(table) == 10 and {r[0] for r in table} == {"USA"}
    last = rows[-1]
    assert table[-1] == ["USA", str(last["year"]), f"{last['ideal_point']:+.2f}",
                         f"{last['low']:+.2f}", f"{last['high']:+.2f}", str(last["votes"])]


def test_country_page_marks_shifts_with_the_permanent_members(fitted: Client) -> None:
    soup = html(fitted.get("/countries/USA"))
    rules = json.loads(str(one(soup, "#partners-chart")["data-shifts"]))
    assert rules and {r["partner"] for r in rules} <= {"RUS", "CHN", "GBR", "FRA"}
    gbr = next(r for r in rules if r["partner"] == "GBR" and r["date"] == "2025-02-24")
    assert gbr == {"year": 2025.1479, "date": "2025-02-24", "with": "GBR",
                   "agreement": gbr["agreement"], "confidence": gbr["confidence"],
                   "vote": "A/RES/ES-11/7", "partner": "GBR"}
    before, after = (float(x) for x in gbr["agreement"].split(" → "))
    assert after < 0.4 and before > 0.6 and gbr["confidence"] >= 0.9
    heading = one(soup, "h3#shifts")
    assert text(heading) == "Detected shifts"
    table = heading.find_next("table")
    assert isinstance(table, Tag) and "shifts" in table["class"]
    listed = [[text(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert len(listed) == len(rules)
    dates = [r[0] for r in listed]
    assert dates == sorted(dates, reverse=True)  # newest first
    row = next(r for r in listed if r[:2] == ["2025-02-24", "GBR"])
    assert row[2] == gbr["agreement"] and row[4].startswith("A/RES/ES-11/7")
    first = next(tr for tr in table.select("tbody tr") if text(tr.select("td")[1]) == "GBR")
    assert [a["href"] for a in first.select("a")][:2] == ["/countries/GBR",
                                                          "/votes/A/RES/ES-11/7"]
    # the JSON twin lists the same shifts
    link = str(one(soup, "a.shifts-json")["href"])
    assert link == ("/api/v1/shifts/USA?partners=RUS,CHN,GBR,FRA&kind=dyad"
                    "&min_confidence=0.9&follow_seats=false&top=100")
    twin = fitted.get(link).json()["items"]
    assert {(r["date"], r["partner"]) for r in twin} == {(r[0], r[1]) for r in listed}
    # and the ideal-point chart marks the shifts in agreement with the majority
    majority = json.loads(str(one(soup, "#ideal-chart")["data-shifts"]))
    table = one(soup, "h3#majority-shifts").find_next("table")
    assert isinstance(table, Tag)
    assert [text(tr.select("td")[0]) for tr in table.select("tbody tr")] == [
        r["date"] for r in majority]
    assert majority and {r["with"] for r in majority} == {"the Assembly's majority"}
    twin = fitted.get(str(one(soup, "a.majority-json")["href"])).json()["items"]
    assert {r["kind"] for r in twin} == {"state"} and len(twin) > len(majority)
    assert {r["date"] for r in twin if r["topic"] == "all"} == {r["date"] for r in majority}


def test_country_page_without_shifts(fitted: Client) -> None:
    # the Holy See casts no vote: no agreement to break
    soup = html(fitted.get("/countries/VAT"))
    assert soup.select_one("h3#shifts") is None and soup.select_one("h3#majority-shifts") is None
    assert json.loads(str(one(soup, "#partners-chart")["data-shifts"])) == []


def test_country_page_without_ideal_points(web: Client, fitted: Client) -> None:
    soup = html(web.get("/countries/USA"))
    ideal = section(soup, "Ideal point")
    assert one(ideal, "p.notice").get_text("") == (
        "No ideal points in this database yet: run unvotes ideal fit.")
    assert text(one(ideal, "p.notice code")) == "unvotes ideal fit"
    assert ideal.select_one("#ideal-chart") is None and soup.select_one("#partners-chart")
    # an observer state casts no vote: fitted, but no point of its own
    holy_see = section(html(fitted.get("/countries/VAT")), "Ideal point")
    assert text(one(holy_see, "p.notice")).startswith(
        "No ideal point for Holy See: it cast no vote among those fitted (1946–")
    assert holy_see.select_one("#ideal-chart") is None


def test_compare_page_ideal_points(web: Client, fitted: Client) -> None:
    soup = html(fitted.get("/compare?states=USA,RUS,CHN&since=2000"))
    ideal = section(soup, "Ideal points by year")
    rows = json.loads(str(one(ideal, "#ideal-chart")["data-rows"]))
    assert {r["country"] for r in rows} == {"USA", "RUS", "CHN"}
    assert min(r["year"] for r in rows) == 2000
    link = str(one(ideal, "a.ideal-json")["href"])
    assert link == "/api/v1/ideal-points?states=USA,RUS,CHN&since=2000"
    assert fitted.get(link).json()["points"] == rows
    # a group has no ideal point; without a fit there is nothing to draw
    for page_ in (fitted.get("/compare?states=USA,G77"), web.get("/compare?states=USA,RUS")):
        assert html(page_).select_one("#ideal-chart") is None


def test_compare_page(web: Client) -> None:
    soup = html(web.get("/compare?states=USA,RUS&topic=ukraine"))
    assert text(one(soup, "h1")) == "Compare USA / RUS"
    differed = section(soup, "Votes where USA and RUS differed")
    assert text(one(differed, "h2")) == "Votes where USA and RUS differed (24)"
    first = differed.select("tbody tr")[0].select("td")
    assert [text(td) for td in (first[1], first[3], first[4])] == ["A/RES/80/223", "Yes", "No"]
    series = json.loads(str(one(soup, "#compare-chart")["data-rows"]))
    assert {"period": "2025", "value": 0.375} == {k: v for k, v in series[-1].items()
                                                  if k in ("period", "value")}
    blank = html(web.get("/compare?states=USA%2CRUS&index=agreement&topic=&since=&until="))
    assert text(one(blank, "h1")) == "Compare USA / RUS"


def test_compare_page_marks_shifts_of_the_pairs(fitted: Client) -> None:
    soup = html(fitted.get("/compare?states=USA,GBR,G77"))
    rules = json.loads(str(one(soup, "#compare-chart")["data-shifts"]))
    # the first state's pairs with the other states; a group has no shifts
    assert rules and {r["pair"] for r in rules} == {"USA–GBR"}
    assert any(r["date"] == "2025-02-24" and r["vote"] == "A/RES/ES-11/7" for r in rules)
    table = one(soup, "h3#shifts").find_next("table")
    assert isinstance(table, Tag)
    listed = [[text(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [r[:2] for r in listed] == [[r["date"], "USA–GBR"] for r in rules]
    link = str(one(soup, "a.shifts-json")["href"])
    assert link == ("/api/v1/shifts/USA?partners=GBR&kind=dyad&min_confidence=0.9"
                    "&follow_seats=false&top=100")
    assert {r["date"] for r in fitted.get(link).json()["items"]} == {r["date"] for r in rules}
    dated = html(fitted.get("/compare?states=USA,GBR&since=2020&until=2025"))
    assert [r["date"] for r in json.loads(str(one(dated, "#compare-chart")["data-shifts"]))] == [
        "2025-02-24"]
    for url in ("/compare?states=G77,USA", "/compare?states=USA,G77"):
        grouped = html(fitted.get(url))
        assert grouped.select_one("h3#shifts") is None
        assert json.loads(str(one(grouped, "#compare-chart")["data-shifts"])) == []


def test_check_page(web: Client) -> None:
    soup = html(web.get("/check"))
    form = one(soup, "main form.check")
    assert form["method"] == "post" and form["action"] == "/check"
    assert one(form, "textarea")["name"] == "text"
    assert not soup.select("li[data-verdict]")
    result = html(web.post("/check", {"text": ARTICLE, "date": "2025-02-24"}))
    verdicts = [li["data-verdict"] for li in result.select("li[data-verdict]")]
    assert verdicts == ["supported"] * 6 + ["not-checkable"]
    assert text(one(result, ".summary")) == ("6 claims checked: 6 supported, 0 contradicted; "
                                             "1 not checkable")
    assert one(result, 'input[name="date"]')["value"] == "2025-02-24"
    assert one(result, "table.votes a")["href"] == "/votes/A/RES/ES-11/7"


def test_check_page_errors(web: Client) -> None:
    bad = html(web.post("/check", {"text": "India abstained.", "date": "2025-02-30"}), 400)
    assert text(one(bad, "p.error")) == "article date '2025-02-30' is not a date; use YYYY-MM-DD"
    empty = html(web.post("/check", {"date": ""}), 422)
    assert text(one(empty, "p.error")) == "text: Field required"
    long = html(web.post("/check", {"text": "a" * 250_001}), 413)
    assert text(one(long, "p.error")).startswith("the article is 250,001 characters long")


def test_about_page(web: Client) -> None:
    soup = html(web.get("/about"))
    rows = soup.select("main table")[0].select("tbody tr")
    titles = [text(tr.select("td")[0]) for tr in rows]
    assert "General Assembly Voting Data" in titles and "Security Council Voting Data" in titles
    publishers = {text(tr.select("td")[1]) for tr in rows}
    assert "United Nations Dag Hammarskjöld Library" in publishers
    coverage = json.loads(str(one(soup, "#coverage-chart")["data-rows"]))
    assert coverage[0] == {"year": 1946, "GA": 46, "SC": 24}


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/nope", 404, "no page at /nope"),
    ("/votes/A/RES/ES-11/77", 404, ("no vote 'A/RES/ES-11/77' in the record; did you mean "
                                    "A/RES/ES-11/7, A/RES/ES-11/9, A/RES/ES-11/8?")),
    ("/countries/XXX", 404, "unknown country 'XXX'"),
    ("/compare?states=USA", 422, ("states: give two to six codes or group names, "
                                  "comma-separated")),
    ("/votes?since=20x", 422, "since: String should match pattern '^\\d{4}(-\\d{2}-\\d{2})?$'"),
])
def test_errors_are_pages(web: Client, url: str, status: int, message: str) -> None:
    soup = html(web.get(url), status)
    assert text(one(soup, "h1")) == f"Error {status}"
    error = one(soup, "p.error")
    assert error["data-status"] == str(status) and text(error) == message
