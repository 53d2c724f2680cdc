"""The JSON API over the full record, in process (``httpx.ASGITransport``): answers, the
one error shape with its exact text, pagination, CSV, the article checker and the schema."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from unvotes.cli import app as cli_app
from unvotes.web.app import create_app

pytestmark = pytest.mark.slow

ARTICLE = ("UNITED NATIONS, Feb 24, 2025 - The 193-member General Assembly adopted the "
           "resolution by 93 votes to 18, with 65 abstentions. India abstained. Some 12,500 "
           "civilians have been killed.")
VERDICTS = [("193-member General Assembly", "supported"), ("adopted", "supported"),
            ("93", "supported"), ("18", "supported"), ("65 abstentions", "supported"),
            ("India", "supported"), ("12,500", "not-checkable")]
DAY_PATTERN = "String should match pattern '^\\d{4}(-\\d{2}-\\d{2})?$'"


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

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="module")
def api(full_db: Path) -> Client:
    return Client(full_db)


@pytest.fixture(scope="module")
def fitted(fitted_db: Path) -> Client:
    """The API over the full record with the default ideal-point fit stored."""
    return Client(fitted_db)


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def error(response: httpx.Response, status: int) -> str:
    """The error message, after checking the one error shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    doc = response.json()
    assert set(doc) == {"ok", "error", "status"}
    assert doc["ok"] is False and doc["status"] == status and isinstance(doc["error"], str)
    message: str = doc["error"]
    return message


def csv_rows(response: httpx.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.text)))


# -- one vote ------------------------------------------------------------------------------

def test_vote_is_the_cli_document(api: Client, full_db: Path) -> None:
    result = CliRunner().invoke(cli_app, ["vote", "A/RES/ES-11/7", "--json", "--db",
                                          str(full_db)])
    assert result.exit_code == 0, result.stderr
    doc = ok(api.get("/api/v1/votes/A/RES/ES-11/7"))
    assert doc == json.loads(result.stdout)
    assert doc["tally"] == {"yes": 93, "no": 18, "abstain": 65, "non_voting": 17}
    assert (doc["positions"]["USA"], doc["positions"]["IND"]) == ("N", "A")


@pytest.mark.parametrize("path", ["/api/v1/votes/S%2FRES%2F2774%20%282025%29",
                                  "/api/v1/votes/S/RES/2774 (2025)",
                                  "/api/v1/votes/S/RES/2774",
                                  "/api/v1/votes/S/2025/112"])
def test_vote_other_spellings(api: Client, path: str) -> None:
    doc = ok(api.get(path))
    assert doc["symbol"] == "S/RES/2774 (2025)" and doc["vote_id"] == "S/RES/2774(2025)"
    assert doc["tally"] == {"yes": 10, "no": 0, "abstain": 5, "non_voting": 0}


def test_unknown_vote_is_404_with_suggestions(api: Client) -> None:
    response = api.get("/api/v1/votes/A/RES/ES-11/77")
    assert response.status_code == 404
    assert response.json() == {
        "ok": False, "status": 404,
        "error": "no vote 'A/RES/ES-11/77' in the record; did you mean A/RES/ES-11/7, "
                 "A/RES/ES-11/9, A/RES/ES-11/8?"}
    assert error(api.get("/api/v1/breakdown/XYZ"), 404) == "no vote 'XYZ' in the record"


def test_unknown_country_and_route_are_404(api: Client) -> None:
    assert error(api.get("/api/v1/countries/XXX"), 404) == "unknown country 'XXX'"
    assert error(api.get("/api/v1/countries/XXX/votes"), 404) == "unknown country 'XXX'"
    assert error(api.get("/api/v1/nope"), 404) == "no page at /api/v1/nope"


@pytest.mark.parametrize(("url", "message"), [
    ("/api/v1/votes?per_page=0", "per_page: Input should be greater than or equal to 1"),
    ("/api/v1/votes?per_page=501", "per_page: Input should be less than or equal to 500"),
    ("/api/v1/votes?body=XX", "body: Input should be 'GA' or 'SC'"),
    ("/api/v1/votes?since=20x", f"since: {DAY_PATTERN}"),
    ("/api/v1/votes?page=x", ("page: Input should be a valid integer, unable to parse string "
                              "as an integer")),
    ("/api/v1/votes?format=xml", "format: Input should be 'json' or 'csv'"),
    ("/api/v1/countries/IND/partners?index=foo",
     ("index: Input should be 'identical', 'agreement', 's_abs', 's_sq', 'kappa', 'scott_pi' "
      "or 'coincidence'")),
    ("/api/v1/countries/IND/votes?topic=crimea",
     ("topic: Input should be 'middle_east', 'nuclear', 'disarmament', 'human_rights', "
      "'colonialism', 'development' or 'ukraine'")),
    ("/api/v1/compare?states=US", "states: String should have at least 3 characters"),
    ("/api/v1/compare?states=USA,", ("states: give two to six codes or group names, "
                                     "comma-separated")),
    ("/api/v1/divided", "year: Field required"),
    ("/api/v1/divided?year=1900", "year: Input should be greater than or equal to 1946"),
    ("/api/v1/ideal-points/abc", ("year: Input should be a valid integer, unable to parse "
                                  "string as an integer")),
    ("/api/v1/ideal-points/1944", "year: Input should be greater than or equal to 1945"),
    ("/api/v1/ideal-points/2101", "year: Input should be less than or equal to 2100"),
    ("/api/v1/ideal-points?since=20x", ("since: Input should be a valid integer, unable to "
                                        "parse string as an integer")),
    ("/api/v1/ideal-points?states=US", "states: String should have at least 3 characters"),
    ("/api/v1/ideal-points?states=,,,", ("states: give one to 20 codes or names of states, "
                                         "comma-separated")),
    (("/api/v1/ideal-points?states=USA,RUS,CHN,GBR,FRA,IND,BRA,ZAF,NGA,EGY,JPN,DEU,ITA,CAN,"
      "MEX,ARG,AUS,IDN,PAK,IRN,TUR"),
     "states: give one to 20 codes or names of states, comma-separated"),
    ("/api/v1/ideal-points/2025?format=xml", "format: Input should be 'json' or 'csv'"),
    ("/api/v1/surprises?top=0", "top: Input should be greater than or equal to 1"),
    ("/api/v1/surprises?top=101", "top: Input should be less than or equal to 100"),
    ("/api/v1/surprises?body=XX", "body: Input should be 'GA' or 'SC'"),
    ("/api/v1/surprises?since=25", f"since: {DAY_PATTERN}"),
    ("/api/v1/surprises?every=perhaps", ("every: Input should be a valid boolean, unable to "
                                         "interpret input")),
    ("/api/v1/shifts", "year: Field required"),
    ("/api/v1/shifts?year=1945", "year: Input should be greater than or equal to 1946"),
    ("/api/v1/shifts?year=2025&pairs=all", "pairs: Input should be 'p5'"),
    ("/api/v1/shifts?year=2025&topic=fisheries",
     ("topic: Input should be 'middle_east', 'nuclear', 'disarmament', 'human_rights', "
      "'colonialism', 'development' or 'ukraine'")),
    ("/api/v1/shifts/USA?partners=,,,", ("partners: give one to 20 codes or names of states, "
                                         "comma-separated")),
    ("/api/v1/shifts/USA?partners=GB", "partners: String should have at least 3 characters"),
    ("/api/v1/shifts/USA?kind=pair", "kind: Input should be 'state' or 'dyad'"),
    ("/api/v1/shifts/USA?min_confidence=1.5",
     "min_confidence: Input should be less than or equal to 1"),
    ("/api/v1/shifts/USA?top=0", "top: Input should be greater than or equal to 1"),
])
def test_bad_parameters_are_422(api: Client, url: str, message: str) -> None:
    assert error(api.get(url), 422) == message


@pytest.mark.parametrize(("url", "message"), [
    ("/api/v1/votes?since=2025-13-45", "bad date '2025-13-45'; use YYYY or YYYY-MM-DD"),
    ("/api/v1/votes?kind=law", ("unknown kind 'law'; use one of: resolution, amendment, "
                                "paragraph, motion, decision, draft resolution")),
    ("/api/v1/compare?states=USA,USA", "compare two different states, not USA with itself"),
])
def test_parameters_the_library_refuses_are_400(api: Client, url: str, message: str) -> None:
    assert error(api.get(url), 400) == message


# -- lists -------------------------------------------------------------------------------

def test_pagination_follows_next_to_the_last_page(api: Client) -> None:
    first = ok(api.get("/api/v1/votes?q=crimea&per_page=5"))
    assert (first["ok"], first["page"], first["per_page"], first["total"]) == (True, 1, 5, 14)
    assert len(first["items"]) == 5
    assert first["items"][0]["symbol"] == "A/RES/80/223"  # newest first
    assert first["next"] == "http://testserver/api/v1/votes?q=crimea&per_page=5&page=2"
    second = ok(api.get(first["next"]))
    assert second["page"] == 2 and len(second["items"]) == 5
    last = ok(api.get(second["next"]))
    assert last["page"] == 3 and len(last["items"]) == 4 and last["next"] is None
    seen = [r["vote_id"] for doc in (first, second, last) for r in doc["items"]]
    assert len(set(seen)) == 14
    beyond = ok(api.get("/api/v1/votes?q=crimea&per_page=5&page=9"))
    assert beyond["items"] == [] and beyond["next"] is None and beyond["total"] == 14


def test_votes_filters_and_country_position(api: Client) -> None:
    doc = ok(api.get("/api/v1/votes?q=crimea&country=RUS&body=GA&since=2020&until=2022"))
    assert doc["total"] == 5
    assert all(r["body"] == "GA" and "2020" <= r["date"][:4] <= "2022" for r in doc["items"])
    assert {r["position"] for r in doc["items"]} == {"N"}


def test_csv_export(api: Client) -> None:
    rows = csv_rows(api.get("/api/v1/votes?q=crimea&per_page=5&format=csv"))
    assert rows[0][:4] == ["vote_id", "body", "date", "symbol"]
    assert len(rows) == 1 + 5
    assert rows[1][rows[0].index("symbol")] == "A/RES/80/223"
    votes = csv_rows(api.get("/api/v1/countries/IND/votes?topic=ukraine&per_page=10&format=csv"))
    assert votes[0] == ["vote_id", "symbol", "body", "date", "title", "position", "yes", "no",
                        "abstain"]
    assert len(votes) == 1 + 10


def test_breakdown_of_es_11_7(api: Client) -> None:
    doc = ok(api.get("/api/v1/breakdown/A/RES/ES-11/7"))
    groups = doc["regional_groups"]
    assert sum(sum(c.values()) for c in groups.values()) == 193
    assert groups["WEOG"] == {"Y": 27, "N": 2, "A": 0, "X": 0}
    assert groups["AFRICAN"] == {"Y": 13, "N": 8, "A": 24, "X": 9}
    assert doc["blocs"]["P5"] == {"Y": 2, "N": 2, "A": 1, "X": 0}
    breaks = {b["country"]: b for b in doc["broke_with_partners"]}
    assert len(breaks) == 47
    assert breaks["KNA"]["position"] == "Y" and breaks["KNA"]["partners_position"] == "A"
    # the USA voted No, but its five closest partners of 2023-24 split (ISR and HUN No, GBR
    # and CAN Yes, FSM Abstain): no majority to break with
    assert "USA" not in breaks


def test_countries(api: Client) -> None:
    doc = ok(api.get("/api/v1/countries"))
    codes = {r["iso3"] for r in doc["items"]}
    assert {"IND", "USA", "SUN", "PSE", "VAT"} <= codes
    india = ok(api.get("/api/v1/countries/IND"))
    assert (india["iso3"], india["name"], india["regional_group"]) == (
        "IND", "India", "ASIA_PACIFIC")
    assert ok(api.get("/api/v1/countries/India"))["iso3"] == "IND"


def test_country_votes_on_ukraine(api: Client) -> None:
    doc = ok(api.get("/api/v1/countries/IND/votes?topic=ukraine"))
    assert doc["total"] == 25 and doc["next"] is None
    es_11_7 = next(r for r in doc["items"] if r["symbol"] == "A/RES/ES-11/7")
    assert (es_11_7["position"], es_11_7["yes"], es_11_7["no"], es_11_7["abstain"]) == (
        "A", 93, 18, 65)


def test_country_partners(api: Client) -> None:
    doc = ok(api.get("/api/v1/countries/IND/partners?since=2020"))
    # the permanent members and the groups India belongs to
    assert {r["partner"] for r in doc["items"]} == {"USA", "RUS", "CHN", "GBR", "FRA",
                                                    "ASIA_PACIFIC", "BRICS", "G77", "NAM", "SCO"}
    assert min(r["year"] for r in doc["items"]) == 2020
    assert all(0 <= r["value"] <= 1 for r in doc["items"])


def test_compare_usa_russia_on_ukraine(api: Client) -> None:
    doc = ok(api.get("/api/v1/compare?states=USA,RUS&topic=ukraine"))
    assert doc["states"] == ["USA", "RUS"] and doc["index"] == "agreement"
    by_year = {r["period"]: r for r in doc["series"]}
    assert by_year["2025"]["value"] == 0.375 and by_year["2025"]["n_votes"] == 4
    assert doc["differences"]
    for row in doc["differences"]:
        assert row["USA"] in "YNA" and row["RUS"] in "YNA" and row["USA"] != row["RUS"]
    assert doc["differences"][0]["symbol"] == "A/RES/80/223"
    rows = csv_rows(api.get("/api/v1/compare?states=USA,RUS&topic=ukraine&format=csv"))
    assert rows[0] == ["a", "b", "period", "index", "value", "n_votes"]
    assert len(rows) == 1 + len(doc["series"])


def test_divided_sources_coverage(api: Client) -> None:
    divided = ok(api.get("/api/v1/divided?year=2025&limit=3"))["items"]
    assert [r["symbol"] for r in divided] == ["A/RES/80/208", "A/RES/80/209", "A/RES/80/205"]
    assert divided[0]["division"] == 0.316 and (divided[0]["yes"], divided[0]["no"]) == (119, 55)
    assert ok(api.get("/api/v1/divided?year=2100"))["items"] == []
    sources = ok(api.get("/api/v1/sources"))["items"]
    assert {"undl_ga", "undl_sc"} <= {s["source"] for s in sources}
    assert all(s["publisher"] and s["citation"] for s in sources)
    coverage = {r["year"]: r for r in ok(api.get("/api/v1/coverage"))["items"]}
    assert coverage[2025] == {"year": 2025, "GA": 192, "SC": 51}
    assert min(coverage) == 1946


# -- ideal points ---------------------------------------------------------------------------

POINT_FIELDS = ["country", "name", "year", "ideal_point", "sd", "low", "high", "votes"]
NO_FIT = "no ideal points for 'all' in the database; run 'unvotes ideal fit' first"


def test_ideal_points_of_states(fitted: Client) -> None:
    doc = ok(fitted.get("/api/v1/ideal-points?states=RUS,usa&since=1991"))
    assert list(doc) == ["ok", "fit", "points"] and doc["ok"] is True
    fit = doc["fit"]
    assert (fit["scope"], fit["first_year"], fit["converged"], fit["replicates"]) == (
        "all", 1946, True, 0)
    assert fit["settings"]["reference"] == "USA" and fit["settings"]["topic"] is None
    assert fit["data_version"].startswith("build ") and " votes, sha256 " in fit["data_version"]
    assert fit["interval"].startswith("variational 90%")
    assert fit["votes"] > 5000 and fit["fitted_at"][4] == "-" and fit["fitted_at"][10] == "T"
    points = doc["points"]
    assert all(list(p) == POINT_FIELDS for p in points)
    keys = [(p["country"], p["year"]) for p in points]
    assert keys == sorted(keys)  # by state, then year
    assert {p["country"] for p in points} == {"RUS", "USA"}
    assert min(p["year"] for p in points) == 1991
    assert all(p["low"] <= p["ideal_point"] <= p["high"] and p["votes"] > 0 for p in points)
    usa = [p["ideal_point"] for p in points if p["country"] == "USA"]
    rus = [p["ideal_point"] for p in points if p["country"] == "RUS"]
    assert sum(usa) / len(usa) > 0  # the sign reference
    assert min(usa) > max(rus)
    assert points[0]["name"] == "Russian Federation"


def test_ideal_points_of_every_state_and_as_csv(fitted: Client) -> None:
    everyone = ok(fitted.get("/api/v1/ideal-points"))
    states = {p["country"] for p in everyone["points"]}
    assert len(states) == everyone["fit"]["states"] and {"USA", "SUN", "RUS"} <= states
    # the USSR and the Russian Federation are two seats, never merged
    sun = [p["year"] for p in everyone["points"] if p["country"] == "SUN"]
    rus = [p["year"] for p in everyone["points"] if p["country"] == "RUS"]
    assert min(sun) == 1946 and max(sun) == 1991 < min(rus)
    rows = csv_rows(fitted.get("/api/v1/ideal-points?states=USA&until=1950&format=csv"))
    assert rows[0] == POINT_FIELDS
    assert [r[2] for r in rows[1:]] == ["1946", "1947", "1948", "1949", "1950"]
    by_year = {p["year"]: p for p in everyone["points"] if p["country"] == "USA"}
    assert float(rows[1][3]) == by_year[1946]["ideal_point"]


def test_ideal_points_of_a_year(fitted: Client) -> None:
    doc = ok(fitted.get("/api/v1/ideal-points/2025"))
    assert list(doc) == ["ok", "year", "fit", "points"] and doc["year"] == 2025
    points = doc["points"]
    assert len(points) >= 190
    assert [p["rank"] for p in points] == list(range(1, len(points) + 1))
    values = [p["ideal_point"] for p in points]
    assert values == sorted(values, reverse=True)  # the highest first
    assert points[0]["country"] == "USA" and {p["year"] for p in points} == {2025}
    usa = ok(fitted.get("/api/v1/ideal-points?states=USA&since=2025&until=2025"))["points"]
    assert [{k: v for k, v in points[0].items() if k != "rank"}] == usa
    rows = csv_rows(fitted.get("/api/v1/ideal-points/2025?format=csv"))
    assert rows[0] == ["rank", *POINT_FIELDS] and len(rows) == 1 + len(points)
    assert rows[1][:2] == ["1", "USA"]
    # no recorded GA vote in 1964, none yet in 2100: no points, not an error
    assert ok(fitted.get("/api/v1/ideal-points/1964"))["points"] == []
    assert ok(fitted.get("/api/v1/ideal-points/2100"))["points"] == []


def test_ideal_points_errors(fitted: Client, api: Client) -> None:
    # no fit stored: the same 404 from every ideal route, whatever the states
    for url in ("/api/v1/ideal-points", "/api/v1/ideal-points?states=USA",
                "/api/v1/ideal-points/2025", "/api/v1/ideal-points/2025?format=csv"):
        assert error(api.get(url), 404) == NO_FIT
    assert error(fitted.get("/api/v1/ideal-points?states=USA,XXX"), 404) == (
        "unknown country 'XXX'")
    assert error(fitted.get("/api/v1/ideal-points?states=USA&topic=ukraine"), 404) == (
        "no ideal points for 'ukraine' in the database; run 'unvotes ideal fit --topic "
        "ukraine' first")
    assert error(fitted.get("/api/v1/ideal-points/2025?topic=nuclear"), 404) == (
        "no ideal points for 'nuclear' in the database; run 'unvotes ideal fit --topic "
        "nuclear' first")


# -- surprises and shifts ---------------------------------------------------------------------

SURPRISE_FIELDS = ["vote_id", "symbol", "date", "body", "country", "position", "surprise",
                   "p_model", "p_history", "p_partners", "n_history", "n_partners", "reason"]
SHIFT_FIELDS = ["kind", "country", "partner", "topic", "date", "before", "after", "change",
                "confidence", "days_before", "days_after", "votes"]


def test_surprises_on_one_vote(fitted: Client, fitted_db: Path) -> None:
    doc = ok(fitted.get("/api/v1/surprises?symbol=A/RES/ES-11/7&top=10"))
    assert list(doc) == ["ok", "model_fit", "items"] and doc["model_fit"].startswith("fit ")
    items = doc["items"]
    assert len(items) == 10 and all(list(r) == SURPRISE_FIELDS for r in items)
    first = items[0]
    assert (first["symbol"], first["date"], first["body"], first["country"],
            first["position"]) == ("A/RES/ES-11/7", "2025-02-24", "GA", "USA", "N")
    assert first["reason"].startswith("voted No with ")
    assert "had voted Yes on all" in first["reason"] and "earlier votes on ukraine" in (
        first["reason"])
    assert first["surprise"] > 4 and 0 < first["p_model"] < 0.05
    surprise = [r["surprise"] for r in items]
    assert surprise == sorted(surprise, reverse=True)
    assert {r["symbol"] for r in items} == {"A/RES/ES-11/7"}
    # the command line says the same
    result = CliRunner().invoke(cli_app, ["surprises", "A/RES/ES-11/7", "--top", "10",
                                          "--json", "--db", str(fitted_db)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {k: r[k] for k in ("symbol", "country", "position", "surprise", "reason")}
        for r in items]
    rows = csv_rows(fitted.get("/api/v1/surprises?symbol=A/RES/ES-11/7&top=3&format=csv"))
    assert rows[0] == SURPRISE_FIELDS and len(rows) == 1 + 3
    assert rows[1][:6] == ["A/RES/ES-11/7", "A/RES/ES-11/7", "2025-02-24", "GA", "USA", "N"]


def test_surprises_across_a_year(fitted: Client) -> None:
    items = ok(fitted.get("/api/v1/surprises?since=2025&until=2025&top=20"))["items"]
    assert len(items) == 20 and all("2025-01-01" <= r["date"] <= "2025-12-31" for r in items)
    assert any(r["symbol"] == "A/RES/ES-11/7" and r["country"] == "USA" for r in items)
    days = [(r["country"], r["date"]) for r in items]
    assert len(set(days)) == len(days)  # a state's day, once
    every = ok(fitted.get("/api/v1/surprises?since=2025&until=2025&top=20&every=true"))["items"]
    assert len(every) == 20 and every[0] == {**items[0], "reason": every[0]["reason"]}
    assert len({(r["country"], r["date"]) for r in every}) < 20  # some state's day, twice
    india = ok(fitted.get("/api/v1/surprises?country=India&body=SC&top=5"))["items"]
    assert india and {r["country"] for r in india} == {"IND"}
    assert {r["body"] for r in india} == {"SC"}
    # a vote where no view applies to any position: nothing to rank
    assert ok(fitted.get("/api/v1/surprises?symbol=S/2023/212"))["items"] == []


def test_shifts_of_a_state(fitted: Client) -> None:
    doc = ok(fitted.get("/api/v1/shifts/usa?partners=GBR&since=2020"))
    assert list(doc) == ["ok", "country", "items"] and doc["country"] == "USA"
    items = doc["items"]
    assert items and all(list(r) == SHIFT_FIELDS for r in items)
    assert {r["partner"] for r in items if r["kind"] == "dyad"} == {"GBR"}
    assert all(r["partner"] is None for r in items if r["kind"] == "state")
    gbr = next(r for r in items if r["kind"] == "dyad" and r["date"] == "2025-02-24")
    assert gbr["topic"] == "all" and gbr["after"] < 0.4 and gbr["before"] > 0.6
    assert gbr["change"] == round(gbr["after"] - gbr["before"], 4)
    assert gbr["confidence"] >= 0.9 and gbr["votes"][0] == "A/RES/ES-11/7"
    sizes = [abs(r["change"]) for r in items]
    assert sizes == sorted(sizes, reverse=True)  # largest first
    sure = ok(fitted.get("/api/v1/shifts/USA?partners=GBR,FRA&kind=dyad&min_confidence=0.9"
                         "&follow_seats=false&top=100"))["items"]
    assert sure and all(r["kind"] == "dyad" and r["confidence"] >= 0.9 for r in sure)
    assert {(r["partner"], r["date"]) for r in sure} >= {("GBR", "2025-02-24"),
                                                         ("FRA", "2025-02-24")}
    rows = csv_rows(fitted.get("/api/v1/shifts/USA?partners=GBR&since=2020&top=2&format=csv"))
    assert rows[0] == SHIFT_FIELDS and len(rows) == 1 + 2
    assert rows[1][SHIFT_FIELDS.index("votes")] == ";".join(v or "" for v in items[0]["votes"])


def test_shifts_follow_seats_only_when_asked(fitted: Client) -> None:
    followed = ok(fitted.get("/api/v1/shifts/RUS?partners=USA&kind=dyad&follow_seats=true"
                             "&top=100"))["items"]
    apart = ok(fitted.get("/api/v1/shifts/RUS?partners=USA&kind=dyad&top=100"))["items"]
    assert min(r["date"] for r in followed) < "1992-01-01" <= min(r["date"] for r in apart)


def test_shifts_of_a_year(fitted: Client) -> None:
    doc = ok(fitted.get("/api/v1/shifts?year=2025&pairs=p5&top=30"))
    assert list(doc) == ["ok", "year", "pairs", "items"]
    assert (doc["year"], doc["pairs"]) == (2025, "p5")
    items = doc["items"]
    assert len(items) == 30 and all(list(r) == SHIFT_FIELDS for r in items)
    assert all(r["date"].startswith("2025-") for r in items)
    p5 = {"USA", "RUS", "CHN", "GBR", "FRA"}
    assert all({r["country"], r["partner"]} & p5 for r in items if r["kind"] == "dyad")
    us = [r for r in items if "USA" in (r["country"], r["partner"])
          and "2025-01-20" <= r["date"] <= "2025-04-30"]
    assert us and all(r["change"] < 0 for r in us)
    assert any("A/RES/ES-11/7" in r["votes"] for r in us)
    assert ok(fitted.get("/api/v1/shifts?year=2025&top=3"))["items"] == items[:3]
    assert ok(fitted.get("/api/v1/shifts?year=1964"))["items"] == []  # no recorded vote
    rows = csv_rows(fitted.get("/api/v1/shifts?year=2025&top=5&format=csv"))
    assert rows[0] == SHIFT_FIELDS and len(rows) == 1 + 5


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/api/v1/surprises?symbol=A/RES/ES-11/77", 404,
     ("no vote 'A/RES/ES-11/77' in the record; did you mean A/RES/ES-11/7, A/RES/ES-11/9, "
      "A/RES/ES-11/8?")),
    ("/api/v1/surprises?country=XXX", 404, "unknown country 'XXX'"),
    ("/api/v1/surprises?since=2025-02-30", 400, "bad date '2025-02-30'; use YYYY or YYYY-MM-DD"),
    ("/api/v1/shifts/XXX", 404, "unknown country 'XXX'"),
    ("/api/v1/shifts/USA?partners=GBR,XXX", 404, "unknown country 'XXX'"),
    ("/api/v1/shifts/VAT", 404, "VAT cast no recorded General Assembly vote"),
    ("/api/v1/shifts/USA?until=2025-13-01", 400, "bad date '2025-13-01'; use YYYY or YYYY-MM-DD"),
])
def test_surprises_and_shifts_errors(fitted: Client, url: str, status: int, message: str
                                     ) -> None:
    assert error(fitted.get(url), status) == message


# -- the article checker -----------------------------------------------------------------

def test_check_json(api: Client) -> None:
    doc = ok(api.post("/api/v1/check", json={"text": ARTICLE, "date": "2025-02-24"}))
    assert doc["ok"] is True and doc["article_date"] == "2025-02-24"
    assert doc["votes"][0]["symbol"] == "A/RES/ES-11/7"
    assert [(c["text"], c["verdict"]) for c in doc["claims"]] == VERDICTS
    assert doc["summary"]["line"] == ("6 claims checked: 6 supported, 0 contradicted; "
                                      "1 not checkable")


def test_check_plain_text(api: Client) -> None:
    doc = ok(api.post("/api/v1/check?date=2025-02-24", content=ARTICLE.encode(),
                      headers={"content-type": "text/plain; charset=utf-8"}))
    assert [(c["text"], c["verdict"]) for c in doc["claims"]] == VERDICTS
    assert doc["article_date"] == "2025-02-24"


def test_check_oversize_is_413(api: Client) -> None:
    big = api.post("/api/v1/check", content=b"a" * 1_100_000,
                   headers={"content-type": "text/plain"})
    assert error(big, 413) == ("the article is 1,100,000 bytes; the checker reads at most "
                               "250,000 characters")
    long_text = ("the article is 250,001 characters long; the checker reads at most 250,000 "
                 "(split it, or check the part about the vote)")
    as_text = api.post("/api/v1/check", content=b"a" * 250_001,
                       headers={"content-type": "text/plain"})
    assert error(as_text, 413) == long_text
    assert error(api.post("/api/v1/check", json={"text": "a" * 250_001}), 413) == long_text


@pytest.mark.parametrize(("body", "message"), [
    (b'{"text": ', "Invalid JSON: EOF while parsing a value at line 1 column 9"),
    (b'{"txt": "India abstained."}', "text: Field required"),
    (b'["India abstained."]', "Input should be an object"),
    (b'{"text": "x", "date": "24/02/2025"}',
     "date: String should match pattern '^\\d{4}-\\d{2}-\\d{2}$'"),
])
def test_check_bad_json_is_422(api: Client, body: bytes, message: str) -> None:
    response = api.post("/api/v1/check", content=body,
                        headers={"content-type": "application/json"})
    assert error(response, 422) == ('expected JSON {"text": "...", "date": "YYYY-MM-DD"}: '
                                    + message)


def test_check_bad_text_or_date_is_400(api: Client) -> None:
    binary = api.post("/api/v1/check", content=b"\xff\xfe",
                      headers={"content-type": "text/plain"})
    assert error(binary, 400) == ("the article is not UTF-8 text (byte 0 cannot be read); "
                                  "save it as UTF-8 and try again")
    day = api.post("/api/v1/check", json={"text": "x", "date": "2025-02-30"})
    assert error(day, 400) == "article date '2025-02-30' is not a date; use YYYY-MM-DD"


# -- the schema ----------------------------------------------------------------------------

def test_openapi_lists_the_routes_and_the_error_shape(api: Client) -> None:
    schema = ok(api.get("/api/v1/openapi.json"))
    assert sorted(schema["paths"]) == [
        "/api/v1/breakdown/{symbol}", "/api/v1/check", "/api/v1/compare", "/api/v1/countries",
        "/api/v1/countries/{code}", "/api/v1/countries/{code}/partners",
        "/api/v1/countries/{code}/votes", "/api/v1/coverage", "/api/v1/divided",
        "/api/v1/ideal-points", "/api/v1/ideal-points/{year}", "/api/v1/shifts",
        "/api/v1/shifts/{code}", "/api/v1/sources", "/api/v1/surprises", "/api/v1/votes",
        "/api/v1/votes/{symbol}"]
    assert list(schema["paths"]["/api/v1/check"]) == ["post"]
    votes = schema["paths"]["/api/v1/votes"]["get"]["responses"]
    assert set(votes["200"]["content"]) == {"application/json", "text/csv"}
    assert votes["4XX"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorDocument"}
    assert schema["components"]["schemas"]["ErrorDocument"]["required"] == [
        "ok", "error", "status"]
    for path, model in (("/api/v1/ideal-points", "IdealPointsDocument"),
                        ("/api/v1/ideal-points/{year}", "IdealYearDocument"),
                        ("/api/v1/surprises", "SurprisesDocument"),
                        ("/api/v1/shifts", "YearShiftsDocument"),
                        ("/api/v1/shifts/{code}", "ShiftsDocument")):
        answers = schema["paths"][path]["get"]["responses"]
        assert answers["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{model}"}
        assert set(answers["200"]["content"]) == {"application/json", "text/csv"}
    assert schema["components"]["schemas"]["IdealPoint"]["required"] == POINT_FIELDS
    assert schema["components"]["schemas"]["Surprise"]["required"] == SURPRISE_FIELDS
    assert schema["components"]["schemas"]["Shift"]["required"] == SHIFT_FIELDS
    docs = api.get("/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/openapi.json" in docs.text


def test_search_words_are_literal(api: Client) -> None:
    everything = ok(api.get("/api/v1/votes?per_page=1"))["total"]
    percent = ok(api.get("/api/v1/votes?q=%25&per_page=500"))
    assert percent["total"] < everything
    assert ok(api.get("/api/v1/votes?q=zz%25zz"))["total"] == 0
