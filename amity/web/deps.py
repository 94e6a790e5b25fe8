"""Dependencies the dashboard's routes share: the database lease, the validated filter, the
confidence threshold, and the refusal of query parameters a route does not take. A module of
its own, so that the app factory imports the routes and the routes import this, not the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import anyio
from fastapi import Depends, Query, Request
from pydantic import BeforeValidator, WithJsonSchema

from amity.errors import InputError
from amity.query import EventFilter, make_filter


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


