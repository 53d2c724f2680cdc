"""The web app: JSON API under ``/api/v1`` and HTML pages, over a read-only record.

``create_app(db)`` builds a FastAPI app; ``unvotes serve`` runs it with uvicorn. The
record is immutable while served, so answers are cached in memory (LRU). Every error is
one JSON shape, ``{"ok": false, "error": "...", "status": 404}`` (HTML pages show the same
message); unknown symbols and codes are 404, bad parameters 422 or 400, an oversize
article 413 — never 500 for bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from unvotes.errors import ArticleError, UnknownCountryError, UnknownVoteError, UnvotesError
from unvotes.record import Record

__all__ = ["ApiError", "Cache", "create_app"]


class ApiError(Exception):
    """An error answered with the one error shape."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def status_of(exc: Exception) -> int:
    """The HTTP status a library error means."""
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, UnknownVoteError | UnknownCountryError):
        return 404
    if isinstance(exc, ArticleError):
        return 413 if "characters long" in str(exc) else 400
    if isinstance(exc, UnvotesError | ValueError):
        return 400
    return 500


def error_document(status: int, message: str) -> dict[str, Any]:
    """The one error shape."""
    return {"ok": False, "error": message, "status": status}


class Cache:
    """The record and memoised answers (the database does not change while served)."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self._memo: dict[Callable[..., Any], Callable[..., Any]] = {}
        # the article checker on a connection of its own, made on first use (api._check)
        self.checker: Any = None

    def memo(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(record, *args)`` remembered (up to 2,048 answers per function). ``fn`` must
        be a module-level function of its arguments alone: they are the cache key."""
        if fn not in self._memo:
            record = self.record
            self._memo[fn] = lru_cache(maxsize=2048)(lambda *a: fn(record, *a))
        return self._memo[fn](*args)


class BlankFields:
    """ASGI middleware: a page's query string without its empty fields.

    An HTML form sends every field, filled or not (``?q=crimea&since=&topic=``); on a page
    an empty field means "not given", where its pattern or vocabulary would refuse "".
    The JSON API keeps its query strings as sent.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query: bytes = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if query and not scope["path"].startswith("/api/"):
            # split the raw bytes: decoding and encoding again could change the rest
            fields = query.split(b"&")
            kept = [f for f in fields if f.partition(b"=")[2]]
            if len(kept) < len(fields):
                scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)


def create_app(db: Path | str | None = None, *, record: Record | None = None) -> FastAPI:
    """The app over the record at ``db`` (default path if None), opened read-only.

    Raises StoreError if there is no database. Example: ``uvicorn.run(create_app())``.
    """
    from unvotes import __version__
    from unvotes.web.api import router as api_router
    from unvotes.web.pages import router as page_router

    rec = record or Record(db)
    app = FastAPI(title="unvotes", version=__version__,
                  description="The open record of United Nations votes: every recorded vote "
                              "of the General Assembly and the Security Council since 1946.",
                  openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs", redoc_url=None)
    app.state.cache = Cache(rec)
    app.add_middleware(BlankFields)
    static = Path(str(files("unvotes") / "web" / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.include_router(api_router)
    app.include_router(page_router)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/")

    def answer(request: Request, status: int, message: str) -> Response:
        if wants_html(request):
            from unvotes.web.pages import error_page

            return error_page(request, status, message)
        return JSONResponse(error_document(status, message), status_code=status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return answer(request, exc.status, exc.message)

    @app.exception_handler(UnvotesError)
    async def _unvotes_error(request: Request, exc: UnvotesError) -> Response:
        return answer(request, status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            # the first item is where the parameter was (query, path...), not its name,
            # which may itself be "body"
            loc = tuple(e.get("loc", ()))
            if loc and loc[0] in ("query", "path", "body", "header", "cookie"):
                loc = loc[1:]
            where = ".".join(str(x) for x in loc)
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg")))
        return answer(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return answer(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:  # pragma: no cover
        status = status_of(exc)
        return answer(request, status, str(exc) if status != 500 else "internal error")

    return app
