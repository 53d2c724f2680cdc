"""The HTML pages: each the twin of a JSON answer of the API, rendered with Jinja2.

Every page states its core facts in HTML (tallies, positions, tables) so that it reads
without JavaScript; maps and charts are drawn on top with Vega-Lite from files served by
the app itself (no CDN).
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from unvotes.errors import StoreError, UnvotesError
from unvotes.explore import PERMANENT
from unvotes.web import api
from unvotes.web.app import ApiError, Cache, error_document

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(str(files("unvotes") / "web" / "templates")))
POSITION_NAMES = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Non-voting"}
GROUP_NAMES = {"AFRICAN": "African", "ASIA_PACIFIC": "Asia-Pacific", "EEG": "Eastern European",
               "GRULAC": "Latin American and Caribbean", "WEOG": "Western European and others",
               "none": "no group"}
SURPRISING_ON_A_VOTE = 10  # the states listed under "Surprising positions"
# the shifts a chart marks: the detector's changes it is nine in ten sure of
SHIFT_CONFIDENCE = 0.9


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page; ``json_url`` is the address of its JSON twin."""
    from unvotes import __version__

    return templates.TemplateResponse(request, template, {
        "version": __version__, "positions": POSITION_NAMES, "groups": GROUP_NAMES,
        **context}, status_code=status)


def html(template: str, **context: Any) -> str:
    """A page rendered to text, for pages that are the same for every request."""
    from unvotes import __version__

    return templates.get_template(template).render({
        "version": __version__, "positions": POSITION_NAMES, "groups": GROUP_NAMES, **context})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The error shape as a page."""
    return page(request, "error.html", status, error=error_document(status, message),
                title=f"Error {status}")


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    c = api.cache(request)
    recent = c.memo(api.data_votes, None, None, None, None, None, None)[:15]
    year = max((r["date"].year for r in recent if r.get("date")), default=dt.date.today().year)
    divided = c.memo(api.data_divided, year, 10)
    return page(request, "home.html", title="unvotes", recent=recent, divided=divided,
                year=year, json_url="/api/v1/votes")


@router.get("/votes", response_class=HTMLResponse)
async def search(request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
                 country: Annotated[str | None, Query(max_length=60)] = None,
                 body: api.BodyName | None = None, since: api.Day = None, until: api.Day = None,
                 page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1
                 ) -> Response:
    c = api.cache(request)
    if q and not country and not since and not until:
        # a symbol goes straight to its vote, a state to its page
        try:
            vote_id = c.record.vote_id(q)
            return RedirectResponse(f"/votes/{c.memo(api.data_vote, vote_id)['symbol'] or vote_id}",
                                    status_code=303)
        except LookupError:
            pass
    country_match = None
    if q:
        try:
            country_match = c.memo(api.data_country, c.record.country_code(q))
        except LookupError:
            pass
    rows = c.memo(api.data_votes, q, country, body, since, until, None)
    per = 50
    return page(request, "votes.html", title="Search", country_match=country_match,
                rows=rows[(page_no - 1) * per:page_no * per],
                total=len(rows), page_no=page_no, per=per,
                query={"q": q or "", "country": country or "", "body": body or "",
                       "since": since or "", "until": until or ""},
                json_url=str(request.url).replace("/votes", "/api/v1/votes", 1))


@router.get("/votes/{symbol:path}", response_class=HTMLResponse)
async def vote(request: Request, symbol: str) -> HTMLResponse:
    # the same page for every reader while the record is served, so it is rendered once
    # per symbol: rendering took two thirds of each answer's time (bench/bench_web.py)
    c = api.cache(request)
    return HTMLResponse(c.memo(_vote_html, c, symbol))


def _vote_html(_rec: Any, c: Cache, symbol: str) -> str:
    """The vote page of ``symbol``, rendered (``c`` shares its memoised data)."""
    doc = c.memo(api.data_vote, symbol)
    extra = c.memo(api.data_breakdown, symbol)
    by_position: dict[str, list[tuple[str, str]]] = {p: [] for p in POSITION_NAMES}
    names = c.memo(_names)
    ids = c.memo(_m49)
    for iso3, pos in sorted(doc["positions"].items(), key=lambda kv: names.get(kv[0], kv[0])):
        by_position[pos].append((iso3, names.get(iso3, iso3)))
    return html("vote.html", title=doc["symbol"] or doc["vote_id"], vote=doc,
                by_position=by_position, extra=extra, names=names,
                map_data=[{"id": ids[k], "iso3": k, "position": POSITION_NAMES[v],
                           "name": names.get(k, k)}
                          for k, v in doc["positions"].items() if k in ids],
                surprising=_surprising(c, doc["vote_id"]),
                surprises_url="/api/v1/surprises?symbol=" + quote(doc["symbol"] or doc["vote_id"],
                                                                  safe="/"),
                json_url=f"/api/v1/votes/{symbol}")


def _surprising(c: Cache, vote_id: str) -> list[dict[str, Any]]:
    """The most surprising positions on the vote; none when the record cannot be scored
    (it holds no GA vote)."""
    try:
        scores = c.memo(api.data_scores)
    except UnvotesError:
        return []
    rows: list[dict[str, Any]] = c.memo(api.data_surprises, scores, vote_id, None, None, None,
                                        None, SURPRISING_ON_A_VOTE, False)
    return rows


def _shifts(c: Cache, country: str, topic: str | None, since: str | None, until: str | None,
            partners: tuple[str, ...]) -> list[dict[str, Any]] | None:
    """The detected shifts of ``country`` a chart marks, newest first: in its agreement
    with ``partners`` (dyads) or, with no partners, with the Assembly's majority on all
    votes (kind "state"), each at least SHIFT_CONFIDENCE likely. Seats are kept apart, as
    the charts keep them. None for a state that cast no GA vote: it has no series."""
    try:
        series = c.memo(api.data_series)
    except UnvotesError:  # no GA vote in the record
        return None
    if c.record.country_code(country) not in series.states:
        return None
    rows = c.memo(api.data_shifts, series, country, topic, since, until, partners, False)
    kind = "dyad" if partners else "state"
    chosen = [r for r in rows if r["kind"] == kind and r["confidence"] >= SHIFT_CONFIDENCE
              and (partners or r["topic"] == "all")]
    return sorted(chosen, key=lambda r: r["date"], reverse=True)


def _rules(rows: list[dict[str, Any]] | None, colour: str | None = None,
           label: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Shifts as a chart's vertical rules: ``year`` the date as a fractional year (the
    charts' x), the tooltip's fields, and under ``colour`` (the chart's colour field) the
    partner as the chart names it (``label``, or its code)."""
    out = []
    for r in rows or []:
        day = dt.date.fromisoformat(r["date"])
        start, end = dt.date(day.year, 1, 1), dt.date(day.year + 1, 1, 1)
        partner = label.get(r["partner"], r["partner"]) if label and r["partner"] else (
            r["partner"])
        rule = {"year": round(day.year + (day - start).days / (end - start).days, 4),
                "date": r["date"], "with": partner or "the Assembly's majority",
                "agreement": f"{r['before']:.2f} → {r['after']:.2f}",
                "confidence": r["confidence"], "vote": next((v for v in r["votes"] if v), "")}
        if colour:
            rule[colour] = partner
        out.append(rule)
    return out


def _shifts_url(country: str, partners: tuple[str, ...], topic: str | None,
                since: str | None, until: str | None) -> str:
    """The JSON twin of a list of shifts (before its filters: the state's shifts with the
    partners, or with the majority on every topic too)."""
    query = {"partners": ",".join(partners), "kind": "dyad" if partners else "state",
             "topic": topic, "since": since, "until": until,
             "min_confidence": SHIFT_CONFIDENCE, "follow_seats": "false", "top": 100}
    return (f"/api/v1/shifts/{quote(country)}?"
            + urlencode({k: v for k, v in query.items() if v}, safe=","))


def _names(rec: Any) -> dict[str, str]:
    return {r["iso3"]: r["name"] for r in api.data_countries(rec)}


def _m49(rec: Any) -> dict[str, str]:
    from unvotes.countries import load_countries

    return {c.iso3: f"{c.m49:03d}" for c in load_countries().countries() if c.m49 is not None}


def _group_names(rec: Any) -> frozenset[str]:
    return frozenset(rec.group_names())


def _ideal(rec: Any, codes: tuple[str, ...], since: int | None, until: int | None
           ) -> dict[str, Any] | None:
    """The stored ideal points of the states (all votes' fit) with the fit, or None when
    no fit is stored: a page then says so, and still shows the rest."""
    try:
        doc: dict[str, Any] = api.data_ideal_points(rec, codes, None, since, until)
    except StoreError:
        return None
    return doc


def _ideal_url(names: tuple[str, ...], since: str | None, until: str | None) -> str:
    query = {"states": ",".join(names), "since": since and since[:4], "until": until and until[:4]}
    return "/api/v1/ideal-points?" + urlencode({k: v for k, v in query.items() if v}, safe=",")


@router.get("/countries/{code}", response_class=HTMLResponse)
async def country(request: Request, code: str,
                  topic: api.TopicName | None = None) -> HTMLResponse:
    c = api.cache(request)
    doc = c.memo(api.data_country, code)
    iso3 = doc["iso3"]
    votes = c.memo(api.data_country_votes, iso3, topic, None, None, None)
    partners = c.memo(api.data_partners, iso3, "agreement", topic, None)
    # the permanent members the chart shows: their detected shifts are marked on it
    p5 = tuple(p for p in PERMANENT if any(r["partner"] == p for r in partners))
    shifts = _shifts(c, iso3, topic, None, None, p5) if p5 else None
    majority = _shifts(c, iso3, None, None, None, ())
    return page(request, "country.html", title=doc["name"], country=doc, votes=votes[:100],
                total=len(votes), partners=partners, topic=topic or "",
                shifts=shifts, shift_rules=_rules(shifts, "partner"),
                shifts_url=_shifts_url(iso3, p5, topic, None, None),
                majority_shifts=majority, majority_rules=_rules(majority),
                majority_url=_shifts_url(iso3, (), None, None, None),
                ideal=c.memo(_ideal, (iso3,), None, None),
                ideal_url=f"/api/v1/ideal-points?states={iso3}",
                topics=list(api.TopicName.__args__),  # type: ignore[attr-defined]
                json_url=f"/api/v1/countries/{iso3}")


@router.get("/compare", response_class=HTMLResponse)
async def compare(request: Request,
                  states: Annotated[str, Query(max_length=200)] = "USA,RUS",
                  index: api.Index = "agreement", topic: api.TopicName | None = None,
                  since: api.Day = None, until: api.Day = None) -> HTMLResponse:
    c = api.cache(request)
    names = tuple(s.strip().upper() for s in states.split(",") if s.strip())
    if not 2 <= len(names) <= 6:
        raise ApiError(422, "states: give two to six codes or group names, comma-separated")
    doc = c.memo(api.data_compare, names, index, topic, "year", "GA", since, until)
    # trajectories of states only: a group has no ideal point
    groups = c.memo(_group_names)
    ideal = None
    if not any(n in groups for n in names):
        ideal = c.memo(_ideal, names, int(since[:4]) if since else None,
                       int(until[:4]) if until else None)
    # the shifts of the first state's pairs with the other states (a group has none)
    others: dict[str, str] = {}
    if names[0] not in groups:
        others = {c.record.country_code(n): n for n in names[1:] if n not in groups}
    shifts = _shifts(c, names[0], topic, since, until, tuple(others)) if others else None
    pairs = {k: f"{names[0]}–{n}" for k, n in others.items()}
    return page(request, "compare.html", title="Compare " + " / ".join(names), names=names,
                doc=doc, index=index, topic=topic or "", since=since or "", until=until or "",
                shifts=shifts, shift_rules=_rules(shifts, "pair", pairs), pair_names=pairs,
                shift_with=list(others.values()),
                shifts_url=_shifts_url(names[0], tuple(others), topic, since, until),
                ideal=ideal, ideal_url=_ideal_url(names, since, until),
                indices=list(api.Index.__args__),  # type: ignore[attr-defined]
                topics=list(api.TopicName.__args__),  # type: ignore[attr-defined]
                json_url=str(request.url).replace("/compare", "/api/v1/compare", 1))


@router.get("/check", response_class=HTMLResponse)
async def check_form(request: Request) -> HTMLResponse:
    return page(request, "check.html", title="Check an article", report=None, text="", date="")


@router.post("/check", response_class=HTMLResponse)
async def check(request: Request,
                text: Annotated[str, Form()],
                date: Annotated[str, Form(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = ""
                ) -> HTMLResponse:
    import asyncio

    from unvotes.claims import CheckReport, to_html  # noqa: F401

    report = await asyncio.to_thread(api._check, api.cache(request), text, date or None)
    return page(request, "check.html", title="Check an article", report=report, text=text,
                date=date)


@router.get("/about", response_class=HTMLResponse)
async def about(request: Request) -> HTMLResponse:
    c = api.cache(request)
    return page(request, "about.html", title="About the data", sources=c.memo(api.data_sources),
                coverage=c.memo(api.data_coverage), json_url="/api/v1/sources")


