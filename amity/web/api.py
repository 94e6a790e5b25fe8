"""The JSON API under /api: the same data as the pages, one error shape (AmityError.to_dict)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from amity import query
from amity.errors import NotFound
from amity.query.network import network as build_network
from amity.web import data
from amity.web.deps import Filter, Lease, MinConfidence
from amity.web.models import (
    Dyad,
    ErrorOut,
    EventDetail,
    EventPage,
    Health,
    Network,
    Overview,
    TimelineRow,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A bad filter or parameter"},
    401: {"model": ErrorOut, "description": "A token is required"},
    404: {"model": ErrorOut, "description": "No such event or pair"},
    503: {"model": ErrorOut, "description": "The database is not available"},
}
CODE = r"^[A-Za-z][A-Za-z0-9_]{1,15}$"

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


@router.get("/health", response_model=Health)
def health(ctx: Lease) -> dict:
    return {"status": "ok", "snapshot": ctx[1].generation}


@router.get("/overview", response_model=Overview)
def overview(ctx: Lease) -> dict:
    """Counts, the top dyads, the newest events, events per month."""
    return data.overview(*ctx)


@router.get("/events", response_model=EventPage)
def events(ctx: Lease, flt: Filter, limit: Annotated[int, Query(ge=1, le=query.MAX_PAGE)] = 50,
           offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict:
    """Merged events, newest first, filtered by actor, pair, type, subtype, dates, text and confidence."""
    return data.events(*ctx, flt, limit=limit, offset=offset)


@router.get("/events/{event_id}", response_model=EventDetail)
def event(ctx: Lease, event_id: Annotated[str, Path(max_length=64)]) -> dict:
    """One merged event with every source sentence and its spans."""
    return query.event(ctx[0], event_id)


@router.get("/dyads", response_model=list[Dyad])
def dyads(ctx: Lease, flt: Filter, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list:
    """Actor pairs ranked by merged events, with cooperation/conflict balance."""
    return data.dyads(*ctx, flt, limit=limit)


@router.get("/dyads/{a}/{b}/timeline", response_model=list[TimelineRow])
def timeline(ctx: Lease, a: Annotated[str, Path(pattern=CODE)], b: Annotated[str, Path(pattern=CODE)],
             min_confidence: MinConfidence = None) -> list:
    """Events per month and type between two actors (either direction); 404 when the pair has
    no events at all, as its page."""
    con, snap = ctx
    pair = query.parse_pair(f"{a},{b}")
    if not data.dyads(con, snap, query.EventFilter(pair=pair), limit=1):
        raise NotFound(f"no events between {pair[0]} and {pair[1]}", hint="See /api/dyads for the pairs that exist.")
    return data.timeline(con, snap, a, b, query.make_filter(min_confidence=min_confidence))


@router.get("/network", response_model=Network)
def network(ctx: Lease, flt: Filter, min_events: Annotated[int, Query(ge=1, le=100000)] = 1) -> dict:
    """Actors and the pairs between them, weighted by events."""
    graph = build_network(ctx[0], flt, min_events=min_events)
    nodes = [{"id": n, "events": d["events"]} for n, d in graph.nodes(data=True)]
    links = [{"source": a, "target": b, **{k: d[k] for k in ("events", "reports", "cooperation", "conflict",
                                                              "balance", "mean_intensity")}}
             for a, b, d in graph.edges(data=True)]
    return {"nodes": nodes, "links": links}
