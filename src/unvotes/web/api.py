"""The JSON API, version 1: every page's data, lists paginated, CSV where a table is shown.

``/api/v1/votes/{symbol}`` returns the same document as ``unvotes vote SYMBOL --json``.
Each route parses its parameters, makes one library call (memoised: the record does not
change while served; the ``data_*`` functions below are the calls) and formats the answer.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import math
import threading
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse as _JSONResponse
from fastapi.responses import Response
from pydantic import BaseModel, Field, ValidationError

from unvotes import explore
from unvotes.claims import MAX_CHARS
from unvotes.errors import StoreError
from unvotes.record import frame_records
from unvotes.web.app import ApiError, Cache

if TYPE_CHECKING:
    from unvotes.claims import Checker
    from unvotes.record import Record
    from unvotes.shifts.detect import Series
    from unvotes.shifts.surprises import Scores

__all__ = ["router"]



class ErrorDocument(BaseModel):
    """The one error shape: ``{"ok": false, "error": "...", "status": 404}``."""

    ok: Literal[False]
    error: str
    status: int


# documented so that the OpenAPI schema tells the truth about every answer (a fuzz test
# validates the responses against it): errors in the one shape, tables also as CSV
ERRORS: dict[int | str, dict[str, Any]] = {"4XX": {
    "model": ErrorDocument,
    "description": "Unknown symbol or code, no ideal points stored, or shifts of a state "
                   "that cast no General Assembly vote (404), bad parameter (400, 422), "
                   "article too long (413)."}}
CSV: dict[int | str, dict[str, Any]] = {200: {
    "description": "The table as JSON, or as CSV with `format=csv`.",
    "content": {"text/csv": {"schema": {"type": "string"}}}}}

router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)

Index = Literal["identical", "agreement", "s_abs", "s_sq", "kappa", "scott_pi", "coincidence"]
TopicName = Literal["middle_east", "nuclear", "disarmament", "human_rights", "colonialism",
                    "development", "ukraine"]
BodyName = Literal["GA", "SC"]
Format = Literal["json", "csv"]
Page = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=500, description="Rows per page (at most 500).")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}-\d{2})?$", max_length=10,
                                  description="YYYY or YYYY-MM-DD.")]
Year = Annotated[int | None, Query(ge=1945, le=2100, description="A calendar year.")]
MAX_IDEAL_STATES = 20
MAX_PARTNERS = 20
Top = Annotated[int, Query(ge=1, le=100, description="How many to list (at most 100).")]
# an article of MAX_CHARS characters is at most four bytes a character, plus JSON
MAX_CHECK_BYTES = 4 * MAX_CHARS + 4_096
CHECK_SECONDS = 10.0


def json_bytes(content: Any) -> bytes:
    """``content`` as the API sends it: dates as ISO strings, NaN as null.

    Example: ``json_bytes({"n": float("nan")})`` -> ``b'{"n":null}'``.
    """
    return json.dumps(_plain(content), ensure_ascii=False, allow_nan=False,
                      default=str, separators=(",", ":")).encode("utf-8")


class JSONResponse(_JSONResponse):
    """JSON with dates as ISO strings and NaN as null."""

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def cache(request: Request) -> Cache:
    cache: Cache = request.app.state.cache
    return cache


# -- the library calls (memoised by their arguments) ---------------------------------------

def data_votes(rec: Record, q: str | None, country: str | None, body: str | None,
               since: str | None, until: str | None, kind: str | None) -> list[dict[str, Any]]:
    frame = rec.votes(country=country, since=since, until=until, body=body, text=q, kind=kind)
    return list(reversed(frame_records(frame)))


def data_vote(rec: Record, symbol: str) -> dict[str, Any]:
    return rec.vote(symbol).to_dict()


def data_breakdown(rec: Record, symbol: str) -> dict[str, Any]:
    doc = explore.breakdown(rec, symbol)
    doc["broke_with_partners"] = explore.broke_with_partners(rec, symbol)
    return doc


def data_countries(rec: Record) -> list[dict[str, Any]]:
    return frame_records(rec.countries())


def data_country(rec: Record, code: str) -> dict[str, Any]:
    return rec.country(code).to_dict()


def data_country_votes(rec: Record, code: str, topic: str | None, body: str | None,
                       since: str | None, until: str | None) -> list[dict[str, Any]]:
    return explore.country_votes(rec, code, topic=topic, body=body, since=since, until=until)


def data_partners(rec: Record, code: str, index: str, topic: str | None,
                  since: str | None) -> list[dict[str, Any]]:
    return explore.partners_over_time(rec, code, index=index, topic=topic, since=since)


def data_compare(rec: Record, names: tuple[str, ...], index: str, topic: str | None, by: str,
                 body: str, since: str | None, until: str | None) -> dict[str, Any]:
    return explore.compare(rec, list(names), index=index, topic=topic, by=by, body=body,
                           since=since, until=until)


def data_divided(rec: Record, year: int, limit: int) -> list[dict[str, Any]]:
    return explore.divided_votes(rec, year=year, limit=limit)


def data_ideal_fit(rec: Record, topic: str | None) -> dict[str, Any]:
    """The stored fit of the scope (``rec.ideal_fit``), ``fitted_at`` as ISO text.
    Raises StoreError when none is stored."""
    fit = rec.ideal_fit(topic=topic)
    fitted = fit["fitted_at"]  # a datetime (NOT NULL)
    return {**fit, "fitted_at": fitted.isoformat() if isinstance(fitted, dt.datetime)
            else str(fitted)}


def data_ideal_points(rec: Record, codes: tuple[str, ...], topic: str | None, since: int | None,
                      until: int | None) -> dict[str, Any]:
    """``{"fit": ..., "points": [...]}``: the stored ideal points of the states (all when
    none) by state and year. Raises StoreError when no fit is stored, UnknownCountryError
    for an unknown state."""
    frame = rec.ideal_points(*codes, topic=topic, since=since, until=until)
    return {"fit": data_ideal_fit(rec, topic), "points": frame_records(frame)}


def data_ideal_year(rec: Record, year: int, topic: str | None) -> dict[str, Any]:
    """``{"fit": ..., "points": [...]}``: every state's stored ideal point in ``year``,
    ranked from the highest. Raises StoreError when no fit is stored."""
    frame = rec.ideal_year(year, topic=topic)
    return {"fit": data_ideal_fit(rec, topic), "points": frame_records(frame)}


def data_sources(rec: Record) -> list[dict[str, Any]]:
    return frame_records(rec.sources())


def data_coverage(rec: Record) -> list[dict[str, Any]]:
    return explore.coverage(rec)


def data_scores(rec: Record) -> Scores:
    """Every position of the record scored (:func:`unvotes.shifts.score_record`, a few
    seconds): memoised once per served record, then shared by every surprise answer."""
    from unvotes.shifts import score_record

    return score_record(rec)


def data_series(rec: Record) -> Series:
    """The GA votes as the shift detector reads them (:func:`unvotes.shifts.voting_days`,
    a second or so), memoised once like :func:`data_scores`."""
    from unvotes.shifts import voting_days

    return voting_days(rec)


def data_surprises(rec: Record, scores: Scores, symbol: str | None, since: str | None,
                   until: str | None, country: str | None, body: str | None, top: int,
                   every: bool) -> list[dict[str, Any]]:
    """The most surprising positions (:func:`unvotes.shifts.surprises` over ``scores``),
    most surprising first, the surprise rounded to 3 decimals as the CLI prints it.
    Raises UnknownVoteError, UnknownCountryError, UnvotesError (a bad date)."""
    from unvotes.shifts import surprises

    frame = surprises(rec, symbol=symbol, since=since, until=until, country=country,
                      body=body, top=top, per_day=not every, scores=scores)
    rows = frame_records(frame)
    for r in rows:
        r["surprise"] = round(r["surprise"], 3)
    return rows


def data_shifts(rec: Record, series: Series, country: str, topic: str | None,
                since: str | None, until: str | None, partners: tuple[str, ...] | None,
                follow_seats: bool) -> list[dict[str, Any]]:
    """A state's shifts (:func:`unvotes.shifts.shifts` over ``series``), largest first,
    with partners ``partners`` (every state if None). Raises UnknownCountryError, or
    UnvotesError for a bad date or a state that cast no GA vote."""
    from unvotes.shifts import shifts
    from unvotes.shifts.detect import shift_records

    return shift_records(shifts(rec, country, topic=topic, since=since, until=until,
                             partners=None if partners is None else list(partners),
                             follow_seats=follow_seats, series=series))


def data_shifts_of_year(rec: Record, series: Series, year: int, topic: str | None
                        ) -> list[dict[str, Any]]:
    """Every shift dated in ``year`` of a state's agreement with the majority or of a
    pair with a permanent member (``shifts_of_year(pairs="p5")``), largest first."""
    from unvotes.shifts import shifts_of_year
    from unvotes.shifts.detect import shift_records

    return shift_records(shifts_of_year(rec, year, topic=topic, pairs="p5", top=None,
                                     series=series))


# -- answers -----------------------------------------------------------------------------

def rows_answer(rows: list[dict[str, Any]], fmt: str, *, name: str,
                extra: dict[str, Any] | None = None) -> Response:
    """A table as JSON (``{"ok": true, "items": [...]}``) or as CSV."""
    if fmt == "csv":
        out = io.StringIO()
        columns = list(dict.fromkeys(k for r in rows for k in r))
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _cell(v) for k, v in r.items()})
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return JSONResponse({"ok": True, **(extra or {}), "items": rows})


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join("" if v is None else str(v) for v in value)
    return value


def paged(request: Request, rows: list[dict[str, Any]], page: int, per_page: int, fmt: str,
          *, name: str) -> Response:
    """One page of a list, with its total and the address of the next page."""
    start = (page - 1) * per_page
    chunk = rows[start:start + per_page]
    nxt = None
    if start + per_page < len(rows):
        nxt = str(request.url.include_query_params(page=page + 1))
    return rows_answer(chunk, fmt, name=name, extra={"page": page, "per_page": per_page,
                                                     "total": len(rows), "next": nxt})


@router.get("/votes", summary="Search votes", responses=CSV)
async def votes(request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
                country: Annotated[str | None, Query(max_length=60)] = None,
                body: BodyName | None = None, since: Day = None, until: Day = None,
                kind: Annotated[str | None, Query(max_length=30)] = None,
                page: Page = 1, per_page: PerPage = 50, format: Format = "json") -> Response:
    """Votes matching every filter, newest first: ``q`` searches titles, agenda items and
    subjects; ``country`` adds that state's position."""
    rows = cache(request).memo(data_votes, q, country, body, since, until, kind)
    return paged(request, rows, page, per_page, format, name="votes")


@router.get("/votes/{symbol:path}", summary="One vote (as `unvotes vote SYMBOL --json`)")
async def vote(request: Request, symbol: str) -> Response:
    """The vote a resolution symbol, draft symbol or vote id names, with every position,
    the computed outcome beside the published result, and its sources."""
    # sent as rendered once per symbol: encoding the document took a third of each
    # answer's time (bench/bench_web.py)
    return Response(cache(request).memo(vote_json, symbol), media_type="application/json")


def vote_json(rec: Record, symbol: str) -> bytes:
    """The vote document of ``symbol`` as the bytes ``/api/v1/votes/{symbol}`` sends."""
    return json_bytes(data_vote(rec, symbol))


@router.get("/breakdown/{symbol:path}", summary="Positions by group, and who broke ranks")
async def breakdown(request: Request, symbol: str) -> Response:
    """Positions counted by regional group and bloc, and the states that voted otherwise
    than most of their usual partners (their five closest over the two years before)."""
    return JSONResponse({"ok": True, **cache(request).memo(data_breakdown, symbol)})


@router.get("/countries", summary="Every state", responses=CSV)
async def countries(request: Request, format: Format = "json") -> Response:
    """Every state that has been a UN member, and the two observer States."""
    return rows_answer(cache(request).memo(data_countries), format, name="countries")


@router.get("/countries/{code}", summary="One state")
async def country(request: Request, code: str) -> Response:
    """Codes, names over time, membership, groups with dates and votes by year."""
    return JSONResponse(cache(request).memo(data_country, code))


@router.get("/countries/{code}/votes", summary="A state's votes", responses=CSV)
async def country_votes(request: Request, code: str, topic: TopicName | None = None,
                        body: BodyName | None = None, since: Day = None, until: Day = None,
                        page: Page = 1, per_page: PerPage = 50,
                        format: Format = "json") -> Response:
    """The votes a state took part in, newest first, with its position."""
    rows = cache(request).memo(data_country_votes, code, topic, body, since, until)
    return paged(request, rows, page, per_page, format, name=f"votes-{code}")


@router.get("/countries/{code}/partners", summary="Agreement with the P5 and blocs per year",
            responses=CSV)
async def country_partners(request: Request, code: str, index: Index = "agreement",
                           topic: TopicName | None = None, since: Day = None,
                           format: Format = "json") -> Response:
    """A state's agreement with the permanent members and its blocs, per year (GA)."""
    rows = cache(request).memo(data_partners, code, index, topic, since)
    return rows_answer(rows, format, name=f"partners-{code}")


@router.get("/compare", summary="Agreement between states or groups over time",
            responses=CSV)
async def compare(request: Request,
                  states: Annotated[str, Query(min_length=3, max_length=200,
                                               description="Two to six codes or group "
                                                           "names, comma-separated.")],
                  index: Index = "agreement", topic: TopicName | None = None,
                  by: Literal["year", "session", "decade", "all"] = "year",
                  body: BodyName = "GA", since: Day = None, until: Day = None,
                  format: Format = "json") -> Response:
    """The index for every pair of the states given, per period, and the votes where the
    first two differed."""
    names = tuple(s.strip().upper() for s in states.split(",") if s.strip())
    if not 2 <= len(names) <= 6:
        raise ApiError(422, "states: give two to six codes or group names, comma-separated")
    doc = cache(request).memo(data_compare, names, index, topic, by, body, since, until)
    if format == "csv":
        return rows_answer(doc["series"], "csv", name="compare")
    return JSONResponse({"ok": True, "states": list(names), "index": index, **doc})


class IdealFitDocument(BaseModel):
    """A stored ideal-point fit: what was fitted, how, and how it went."""

    fit_id: int
    scope: str = Field(description="'all' or the topic fitted.")
    fitted_at: str = Field(description="When, ISO date and time.")
    unvotes_version: str
    data_version: str = Field(description="The build and a digest of the votes fitted.")
    settings: dict[str, Any] = Field(description="Model options, years, bridges, bootstrap.")
    votes: int = Field(description="Final-passage GA votes fitted.")
    bridged_votes: int
    states: int
    first_year: int
    last_year: int
    iterations: int
    converged: bool
    objective: float | None
    seconds: float
    replicates: int = Field(description="Bootstrap replicates (0: variational intervals).")
    bootstrap_seconds: float | None
    interval: str = Field(description="How low and high were found.")


class IdealPoint(BaseModel):
    """A state's ideal point in a year: standardised (the fit's state-years mean 0, sd 1),
    signed so that the United States' mean is positive; ``low`` and ``high`` the 5th and
    95th percentiles; ``votes``: Yes, No or Abstain cast that year in the votes fitted."""

    country: str = Field(description="ISO3 code.")
    name: str
    year: int
    ideal_point: float
    sd: float
    low: float
    high: float
    votes: int


class RankedIdealPoint(IdealPoint):
    """An ideal point with its rank in the year, 1 the highest."""

    rank: int


class IdealPointsDocument(BaseModel):
    """The stored fit and the ideal points of the states asked for, by state and year."""

    ok: Literal[True]
    fit: IdealFitDocument
    points: list[IdealPoint]


class IdealYearDocument(BaseModel):
    """The stored fit and every state's ideal point in one year, highest first."""

    ok: Literal[True]
    year: int
    fit: IdealFitDocument
    points: list[RankedIdealPoint]


def _ideal(c: Cache, fn: Any, *args: Any) -> dict[str, Any]:
    """A memoised ideal-point answer; no fit stored is a missing resource (404), not a
    bad request."""
    try:
        doc: dict[str, Any] = c.memo(fn, *args)
    except StoreError as exc:
        raise ApiError(404, str(exc)) from exc
    return doc


@router.get("/ideal-points", summary="States' ideal points by year (stored fit)",
            responses={200: {**CSV[200], "model": IdealPointsDocument}})
async def ideal_points(request: Request,
                       states: Annotated[str | None, Query(
                           min_length=3, max_length=200,
                           description=f"One to {MAX_IDEAL_STATES} codes or names of states, "
                                       "comma-separated (all states if absent).")] = None,
                       topic: TopicName | None = None, since: Year = None, until: Year = None,
                       format: Format = "json") -> Response:
    """The ideal points ``unvotes ideal fit`` stored (the fit of all final-passage GA votes,
    or of one topic's), one per state and year, sorted by state and year, with the fit's
    settings and data version. 404 when no fit is stored for the topic."""
    codes: tuple[str, ...] = ()
    if states is not None:
        codes = tuple(dict.fromkeys(s.strip().upper() for s in states.split(",") if s.strip()))
        if not 1 <= len(codes) <= MAX_IDEAL_STATES:
            raise ApiError(422, f"states: give one to {MAX_IDEAL_STATES} codes or names of "
                                "states, comma-separated")
    doc = _ideal(cache(request), data_ideal_points, codes, topic, since, until)
    if format == "csv":
        return rows_answer(doc["points"], "csv", name="ideal-points")
    return JSONResponse({"ok": True, **doc})


@router.get("/ideal-points/{year}", summary="Every state's ideal point in a year, ranked",
            responses={200: {**CSV[200], "model": IdealYearDocument}})
async def ideal_year(request: Request,
                     year: Annotated[int, Path(ge=1945, le=2100, description="A calendar "
                                                                             "year.")],
                     topic: TopicName | None = None, format: Format = "json") -> Response:
    """Every state's stored ideal point in the year, ranked from the highest (``rank`` 1),
    with the fit's settings and data version; no points if none was estimated that year.
    404 when no fit is stored for the topic."""
    doc = _ideal(cache(request), data_ideal_year, year, topic)
    if format == "csv":
        return rows_answer(doc["points"], "csv", name=f"ideal-points-{year}")
    return JSONResponse({"ok": True, "year": year, **doc})


# -- surprises and shifts ------------------------------------------------------------------

class Surprise(BaseModel):
    """A position and how surprising it was: the mean over three views (the ideal-point
    model, the state's history on the question, its closest partners) of ``-log2`` the
    probability each gave it, a view that does not apply counting as a one-in-three
    guess."""

    vote_id: str
    symbol: str | None
    date: str = Field(description="The vote's day, YYYY-MM-DD.")
    body: BodyName
    country: str = Field(description="ISO3 code.")
    position: Literal["Y", "A", "N"]
    surprise: float = Field(description="Bits, rounded to 3 decimals.")
    p_model: float | None = Field(description="The calibrated ideal-point model's "
                                              "probability of the position (GA votes in "
                                              "the stored fit), or null.")
    p_history: float | None = Field(description="From the state's earlier votes on the "
                                                "same question, or null.")
    p_partners: float | None = Field(description="From its closest partners' positions "
                                                 "on this vote, or null.")
    n_history: int = Field(description="Earlier votes the history view counted.")
    n_partners: int = Field(description="Partners the partners view counted.")
    reason: str = Field(description="Why, in plain words.")


class SurprisesDocument(BaseModel):
    """The most surprising positions, most surprising first."""

    ok: Literal[True]
    model_fit: str | None = Field(description="The ideal-point fit the model view used, "
                                              "or null when none is stored.")
    items: list[Surprise]


class Shift(BaseModel):
    """A change point in a state's agreement (Voeten's index, by GA voting day) with the
    Assembly's majority (``kind`` "state") or with another state (``kind`` "dyad")."""

    kind: Literal["state", "dyad"]
    country: str
    partner: str | None = Field(description="The other state of a dyad; null for 'state'.")
    topic: str = Field(description="'all' or the topic of the votes.")
    date: str = Field(description="The first voting day of the new level, YYYY-MM-DD.")
    before: float
    after: float
    change: float = Field(description="after - before.")
    confidence: float = Field(description="The change's posterior probability (BIC).")
    days_before: int
    days_after: int
    votes: list[str | None] = Field(description="The first votes on the new side (null: a "
                                                "vote without a symbol).")


class ShiftsDocument(BaseModel):
    """A state's shifts, largest first."""

    ok: Literal[True]
    country: str
    items: list[Shift]


class YearShiftsDocument(BaseModel):
    """The largest shifts dated in a year, across states and pairs with a permanent
    member."""

    ok: Literal[True]
    year: int
    pairs: Literal["p5"]
    items: list[Shift]


@router.get("/surprises", summary="The most surprising positions",
            responses={200: {**CSV[200], "model": SurprisesDocument}})
async def surprises(request: Request,
                    symbol: Annotated[str | None, Query(
                        max_length=200, description="One vote: every state on it, ranked.")
                    ] = None,
                    since: Day = None, until: Day = None,
                    country: Annotated[str | None, Query(
                        max_length=60, description="Only this state's positions.")] = None,
                    body: BodyName | None = None, top: Top = 20,
                    every: Annotated[bool, Query(
                        description="Across votes, every position, not only a state's most "
                                    "surprising of each day.")] = False,
                    format: Format = "json") -> Response:
    """The positions nobody expected (as ``unvotes surprises``): on one vote, or across a
    period, a state, a body; most surprising first, each with its reason."""
    c = cache(request)
    scores = c.memo(data_scores)
    rows = c.memo(data_surprises, scores, symbol, since, until, country, body, top, every)
    if format == "csv":
        return rows_answer(rows, "csv", name="surprises")
    return JSONResponse({"ok": True, "model_fit": scores.model_fit, "items": rows})


@router.get("/shifts", summary="The largest shifts of a year",
            responses={200: {**CSV[200], "model": YearShiftsDocument}})
async def shifts_of_year(request: Request,
                         year: Annotated[int, Query(ge=1946, le=2100,
                                                    description="A calendar year.")],
                         topic: TopicName | None = None,
                         pairs: Annotated[Literal["p5"], Query(
                             description="The pairs with a permanent member (all pairs "
                                         "take some 15 s: `unvotes shifts --year`).")] = "p5",
                         top: Top = 20, format: Format = "json") -> Response:
    """The largest shifts dated in the year (as ``unvotes shifts --year YEAR --pairs p5``):
    in every state's agreement with the majority and in every pair with a permanent
    member, each series taken over the eight years before and the year after."""
    c = cache(request)
    rows = c.memo(data_shifts_of_year, c.memo(data_series), year, topic)[:top]
    if format == "csv":
        return rows_answer(rows, "csv", name=f"shifts-{year}")
    return JSONResponse({"ok": True, "year": year, "pairs": pairs, "items": rows})


@router.get("/shifts/{code}", summary="A state's realignments",
            responses={200: {**CSV[200], "model": ShiftsDocument}})
async def shifts(request: Request, code: str, topic: TopicName | None = None,
                 since: Day = None, until: Day = None,
                 partners: Annotated[str | None, Query(
                     min_length=3, max_length=200,
                     description=f"One to {MAX_PARTNERS} codes or names of states, "
                                 "comma-separated (every state if absent).")] = None,
                 kind: Literal["state", "dyad"] | None = None,
                 min_confidence: Annotated[float, Query(
                     ge=0, le=1, description="Only changes at least this likely.")] = 0.0,
                 follow_seats: Annotated[bool, Query(
                     description="Continue a state's series with its predecessor seat's "
                                 "votes (RUS with SUN, CHN with TWN).")] = False,
                 top: Top = 20, format: Format = "json") -> Response:
    """Change points in the state's agreement with the majority (over all votes and on
    each topic, or on ``topic``) and with each partner, largest first, with their dates,
    confidence and driving votes (as ``unvotes shifts CODE``). 404 for a state that cast
    no General Assembly vote."""
    c = cache(request)
    chosen: tuple[str, ...] | None = None
    if partners is not None:
        chosen = tuple(dict.fromkeys(p.strip().upper() for p in partners.split(",")
                                     if p.strip()))
        if not 1 <= len(chosen) <= MAX_PARTNERS:
            raise ApiError(422, f"partners: give one to {MAX_PARTNERS} codes or names of "
                                "states, comma-separated")
    series = c.memo(data_series)
    iso3 = c.record.country_code(code)
    if iso3 not in series.states:
        raise ApiError(404, f"{iso3} cast no recorded General Assembly vote")
    rows = [r for r in c.memo(data_shifts, series, iso3, topic, since, until, chosen,
                              follow_seats)
            if (kind is None or r["kind"] == kind) and r["confidence"] >= min_confidence]
    if format == "csv":
        return rows_answer(rows[:top], "csv", name=f"shifts-{iso3}")
    return JSONResponse({"ok": True, "country": iso3, "items": rows[:top]})


class CheckRequest(BaseModel):
    """An article to check."""

    text: str = Field(max_length=MAX_CHARS, description="The article, plain text.")
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                             description="The article's date, YYYY-MM-DD.")


@router.post("/check", summary="Check an article's claims",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": CheckRequest.model_json_schema()},
                 "text/plain": {"schema": {"type": "string", "maxLength": MAX_CHARS}}}}})
async def check(request: Request) -> Response:
    """The claim report on an article: JSON ``{"text", "date"}``, or the text itself as
    ``text/plain`` (``?date=YYYY-MM-DD``). At most 250,000 characters; 10 s of work."""
    size = request.headers.get("content-length") or "0"
    if not size.isdigit():
        raise ApiError(400, f"bad Content-Length header {size!r}")
    if int(size) > MAX_CHECK_BYTES:
        raise ApiError(413, f"the article is {int(size):,} bytes; the checker reads at most "
                            f"{MAX_CHARS:,} characters")
    raw = await request.body()
    if len(raw) > MAX_CHECK_BYTES:
        raise ApiError(413, f"the article is {len(raw):,} bytes; the checker reads at most "
                            f"{MAX_CHARS:,} characters")
    if "json" in request.headers.get("content-type", ""):
        try:
            parsed = CheckRequest.model_validate_json(raw)
        except ValidationError as exc:
            raise _check_body_error(exc) from exc
        text: str | bytes = parsed.text
        day = parsed.date
    else:
        text, day = raw, request.query_params.get("date")
    report = await asyncio.to_thread(_check, cache(request), text, day)
    return JSONResponse({"ok": True, **report})


def _check_body_error(exc: ValidationError) -> ApiError:
    """What was wrong with a JSON body, in words: the first problem and where it is."""
    first = exc.errors()[0]
    where = ".".join(str(x) for x in first["loc"])
    if first["type"] == "string_too_long" and where == "text":
        # as for a text/plain article: too long is 413, whichever way it is sent
        return ApiError(413, f"the article is {len(first['input']):,} characters long; the "
                             f"checker reads at most {MAX_CHARS:,} (split it, or check the part "
                             "about the vote)")
    return ApiError(422, "expected JSON {\"text\": \"...\", \"date\": \"YYYY-MM-DD\"}: "
                         + (f"{where}: " if where else "") + first["msg"])


_CHECK_LOCK = threading.Lock()


def _check(c: Cache, text: str | bytes, day: str | None) -> dict[str, Any]:
    """Check in a worker thread, on a connection of its own (one article at a time)."""
    from unvotes.claims import Checker
    from unvotes.record import Record

    with _CHECK_LOCK:
        # kept on the app's cache, not in a table keyed by id(): an id is reused once its
        # object is gone, and a new app would get a checker on another app's database
        if c.checker is None:
            c.checker = Checker(Record(c.record.store.path))
        checker: Checker = c.checker
        return checker.check(text, date=day, time_limit=CHECK_SECONDS).to_dict()


@router.get("/divided", summary="The most divided votes of a year", responses=CSV)
async def divided(request: Request, year: Annotated[int, Query(ge=1946, le=2100)],
                  limit: Annotated[int, Query(ge=1, le=100)] = 10,
                  format: Format = "json") -> Response:
    """The year's votes with the closest split between Yes and No."""
    return rows_answer(cache(request).memo(data_divided, year, limit), format,
                       name=f"divided-{year}")


@router.get("/sources", summary="The sources of the record", responses=CSV)
async def sources(request: Request, format: Format = "json") -> Response:
    """Publishers, versions, licences, citations and what each source contributed."""
    return rows_answer(cache(request).memo(data_sources), format, name="sources")


@router.get("/coverage", summary="Recorded votes per year and body", responses=CSV)
async def coverage(request: Request, format: Format = "json") -> Response:
    """How many recorded votes the record holds per year, GA and SC."""
    return rows_answer(cache(request).memo(data_coverage), format, name="coverage")
