"""The dashboard: FastAPI app factory, error handling and shared dependencies.

Read-only: every request gets a cursor on a read-only snapshot of the database
(amity/web/snapshot.py). Pages are Jinja templates with autoescaping; charts are SVG drawn on
the server; the only script is /static/app.js (no inline script, see security.CSP).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import anyio
import jinja2
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BeforeValidator, WithJsonSchema
from starlette.exceptions import HTTPException as StarletteHTTPException

from amity.errors import AmityError, InputError, NotFound, StoreError
from amity.query import EventFilter, make_filter
from amity.web.cache import CacheOptions, ResponseCache
from amity.web.security import SecurityHeaders, TokenGate
from amity.web.snapshot import Snapshots

HERE = Path(__file__).parent
STATUS = {"not_found": 404, "input": 400, "store": 503, "unauthorized": 401}


def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True)
    env.filters["signed"] = lambda v: "" if v is None else f"{v:+.1f}"
    return env


async def lease(request: Request) -> AsyncIterator[tuple[Any, Any]]:
    """Dependency: (cursor, snapshot) for one request. Only the occasional check for a newer
    snapshot (a stat, perhaps a copy) goes to a worker thread; the lease itself is a counter."""
    snapshots = request.app.state.snapshots
    if snapshots.due():
        await anyio.to_thread.run_sync(snapshots.refresh)
    with snapshots.lease(refresh=False) as pair:
        request.state.snapshot = pair[1]  # the response cache files the answer under it
        yield pair


_CODE = r"[A-Za-z][A-Za-z0-9_]{1,15}"
_DAY = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"


def _text(n: int, pattern: str | None = None):
    """An optional query parameter; the pattern (empty allowed) goes into the OpenAPI schema."""
    return Annotated[str | None, Query(max_length=n, pattern=f"^(|{pattern})$" if pattern else None)]


# Checked by make_filter (InputError with a hint -> 400); the bounds are stated for the schema. An
# empty value (a form sent without script) is no threshold, as for the other filters.
MinConfidence = Annotated[
    float | None, BeforeValidator(lambda v: v if v != "" else None),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "string", "maxLength": 0}]}),
    Query(description="Only events whose confidence, the coder's probability from 0 to 1 that the event is "
                      "right, is at least this (a merged event counts its most confident report).",
          examples=[0.8])]


def event_filter(actor: _text(16, _CODE) = None, pair: _text(40, f"{_CODE} *[,/ -] *{_CODE}") = None,
                 type: _text(12, "[A-Za-z]{3,12}") = None, subtype: _text(40, "[A-Za-z][A-Za-z_]{1,39}") = None,
                 since: _text(10, _DAY) = None, until: _text(10, _DAY) = None,
                 text: Annotated[str | None, Query(max_length=200, description="Words in any source sentence.")] = None,
                 min_confidence: MinConfidence = None) -> EventFilter:
    """Dependency: the validated filter from the query string (InputError -> 400). The names are
    the command line's (--actor, --pair, --type, --subtype, --since, --until, --text,
    --min-confidence as min_confidence)."""
    return make_filter(actor=actor, pair=pair, type=type, subtype=subtype, since=since, until=until, text=text,
                       min_confidence=min_confidence)


def _query_names(dependant) -> set[str]:
    names = {p.alias or p.name for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def known_query_parameters(request: Request) -> None:
    """Dependency of every route: a query parameter the route does not take is an error (a
    misspelt filter would otherwise be ignored and the answer look complete)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    unknown = sorted(set(request.query_params) - allowed - {"token"})
    if unknown:
        takes = ", ".join(sorted(allowed)) or "no parameters"
        raise InputError(f"unknown query parameter{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}",
                         hint=f"{request.url.path} takes: {takes}.")


Lease = Annotated[tuple, Depends(lease)]
Filter = Annotated[EventFilter, Depends(event_filter)]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def render_error(request: Request, exc: AmityError, status: int, headers: dict | None = None):
    if _wants_json(request):
        return JSONResponse(exc.to_dict(), status_code=status, headers=headers)
    html = request.app.state.templates.get_template("error.html").render(
        status=status, error=exc.to_dict(), nav="")
    return HTMLResponse(html, status_code=status, headers=headers)


def _pattern_error(name: str, value: Any) -> InputError:
    """The filters' own message for a value of the wrong form (make_filter), else a plain one."""
    if name in ("actor", "pair", "type", "subtype", "since", "until"):
        try:
            make_filter(**{name: value})
        except InputError as exc:
            return exc
    return InputError(f"{name} {value!r} is not in the form this parameter takes",
                      hint="See /api/openapi.json for each parameter's form.")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AmityError)
    async def amity_error(request: Request, exc: AmityError):
        return render_error(request, exc, STATUS.get(exc.code, 500))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            err: AmityError = NotFound(f"no page {request.url.path}", hint="Start from / or /api/overview.")
        else:
            err = AmityError(str(exc.detail))
            err.code = "http"
        return render_error(request, err, exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query")
        if first.get("type") == "string_pattern_mismatch":  # say what is wrong, not the pattern
            return render_error(request, _pattern_error(where, first.get("input")), 400)
        return render_error(request, InputError(f"{where or 'request'}: {first.get('msg', 'invalid')}"), 400)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        return render_error(request, AmityError("internal error", hint="See the server log."), 500)


def create_app(db_path: str | os.PathLike, token: str | None = None, min_interval: float = 1.0,
               cache: CacheOptions | None = None) -> FastAPI:
    """The dashboard for one database file. ``token``: required on every request when set;
    ``cache``: the per-snapshot response cache (amity/web/cache.py)."""
    snapshots = Snapshots(db_path, min_interval=min_interval)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        try:  # the first snapshot before the first request; a missing file is reported per request
            await anyio.to_thread.run_sync(snapshots.start)
        except StoreError:
            pass
        yield
        snapshots.close()

    app = FastAPI(title="amity", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", dependencies=[Depends(known_query_parameters)],
                  description="Read-only JSON API over amity's merged events. Errors: {error, message, hint}.")
    app.state.snapshots = snapshots
    from amity.web import data

    snapshots.warmers.append(data.overview)
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_error_handlers(app)
    from amity.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(ResponseCache, snapshots=snapshots, options=cache)
    if token:
        app.add_middleware(TokenGate, token=token)
    app.add_middleware(SecurityHeaders)
    return app


SETTINGS_ENV = "AMITY_SERVE"


def worker_settings(db_path: str | os.PathLike, cache: CacheOptions) -> str:
    """What `amity serve --workers N` hands each worker process, in $AMITY_SERVE (the token goes
    in $AMITY_TOKEN, never on a command line)."""
    return json.dumps({"db": str(db_path), "cache_bytes": cache.max_bytes, "cache_entry": cache.max_entry})


def app_from_env() -> FastAPI:
    """The app factory each uvicorn worker process calls (`amity serve --workers N`). Each worker
    keeps its own snapshot of the database and its own response cache."""
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise InputError(f"${SETTINGS_ENV} is not set", hint="Start the dashboard with `amity serve`.")
    settings = json.loads(raw)
    cache = CacheOptions(max_bytes=settings["cache_bytes"], max_entry=settings["cache_entry"])
    return create_app(settings["db"], token=os.environ.get("AMITY_TOKEN") or None, cache=cache)
