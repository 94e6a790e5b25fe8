"""The dashboard: FastAPI app factory and error handling (the routes' shared dependencies are
amity.web.deps; the routes, amity.web.api and amity.web.pages).

Read-only: every request gets a cursor on a read-only snapshot of the database
(amity/web/snapshot.py). Pages are Jinja templates with autoescaping; charts are SVG drawn on
the server; the only script is /static/app.js (no inline script, see security.CSP).
"""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from amity.errors import AmityError, InputError, NotFound, StoreError
from amity.query import make_filter
from amity.web.cache import CacheOptions, ResponseCache
from amity.web.deps import known_query_parameters
from amity.web.security import SecurityHeaders, TokenGate
from amity.web.snapshot import Snapshots

HERE = Path(__file__).parent
STATUS = {"not_found": 404, "input": 400, "store": 503, "unauthorized": 401}


def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True)
    env.filters["signed"] = lambda v: "" if v is None else f"{v:+.1f}"
    return env


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
