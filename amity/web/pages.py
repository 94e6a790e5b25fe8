"""The HTML pages: overview, events (list, detail and downloads), dyads (list and one pair),
network, one document, one actor."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from amity import query
from amity.errors import NotFound
from amity.query import EventFilter, parse_pair
from amity.query.network import network as build_network
from amity.web import charts, data
from amity.web.deps import Filter, Lease
from amity.web.evidence import document_pieces, safe_link, segments

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def _render(request: Request, name: str, nav: str, **context: Any) -> str:
    return request.app.state.templates.get_template(name).render(nav=nav, **context)


def _page(request: Request, name: str, nav: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(_render(request, name, nav, **context))


def _filter_form(flt: EventFilter) -> dict[str, str]:
    """The filter as the form shows it (and as query-string pairs)."""
    threshold = f"{flt.min_confidence:g}" if flt.min_confidence else None  # 0 is no threshold
    return {k: v for k, v in {
        "actor": flt.actor, "pair": ",".join(flt.pair) if flt.pair else None, "type": flt.type,
        "subtype": flt.subtype, "since": flt.since, "until": flt.until, "text": flt.text,
        "min_confidence": threshold}.items() if v}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, ctx: Lease):
    con, snap = ctx
    html = data.cached(snap, "overview.html", lambda: _render(
        request, "overview.html", "overview", o=data.overview(con, snap),
        chart=charts.stacked_months(data.all_months(con, snap))))
    return HTMLResponse(html)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, ctx: Lease, flt: Filter, page: Annotated[int, Query(ge=1, le=100000)] = 1):
    con, snap = ctx
    result = data.events(con, snap, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    form = _filter_form(flt)
    pages = max(1, -(-result["total"] // PAGE_SIZE))
    links = {"prev": urlencode({**form, "page": page - 1}) if page > 1 else None,
             "next": urlencode({**form, "page": page + 1}) if page < pages else None}
    return _page(request, "events.html", "events", result=result, form=form, menus=data.menus(con, snap),
                 page=page, pages=pages, links=links, download=urlencode(form))


DOWNLOADS = {"csv": ("text/csv; charset=utf-8", "csv"), "jsonl": ("application/x-ndjson", "jsonl"),
             "plover": ("application/json", "json")}


@router.get("/events/download")
def download(ctx: Lease, flt: Filter, format: Annotated[str, Query(pattern="^(csv|jsonl|plover)$")] = "csv"):
    """Exactly the events the filter selects (every page of them), as CSV, JSONL or PLOVER JSON:
    the formats of `amity export-events`."""
    import io
    import os
    import tempfile

    from amity.query.export import export_events

    media, suffix = DOWNLOADS[format]
    if format == "csv":  # written by DuckDB's COPY, which needs a file
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "events.csv")
            export_events(ctx[0], "csv", path, flt)
            with open(path, "rb") as handle:
                body = handle.read()
    else:
        out = io.StringIO()
        export_events(ctx[0], format, out, flt)
        body = out.getvalue().encode("utf-8")
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="amity-events.{suffix}"'})


@router.get("/map", response_class=HTMLResponse)
def world(request: Request, ctx: Lease, flt: Filter):
    """Events on a world map: countries shaded by the events that involve them, a dot per event
    with a place, coloured by type; the same filters as the events list."""
    from amity.store import analytics as store

    con, snap = ctx
    counts = data.memo(snap, ("country_counts", flt), lambda: store.country_counts(con, flt))
    points = data.memo(snap, ("located", flt), lambda: store.located_events(con, flt))
    return _page(request, "map.html", "map", m=charts.world_map(counts, points), form=_filter_form(flt),
                 menus=data.menus(con, snap), total=sum(counts.values()) // 2)


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document(request: Request, ctx: Lease, ref: Annotated[str, Path(max_length=200)]):
    doc = query.document(ctx[0], ref)
    pieces = document_pieces(doc["text"], doc["mentions"], doc["reports"])
    actors = sorted({m["code"] for m in doc["mentions"] if m["code"][:1].isalpha()})  # not "---" (unknown)
    return _page(request, "document.html", "events", doc=doc, pieces=pieces, actors=actors,
                 link=safe_link(doc.get("url")))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, ctx: Lease, code: Annotated[str, Path(max_length=16)], flt: Filter):
    con, snap = ctx
    profile = query.actor(con, code, flt)
    listing = data.events(con, snap, dataclasses.replace(flt, actor=profile["code"]), limit=PAGE_SIZE, offset=0)
    return _page(request, "actor.html", "dyads", a=profile, chart=charts.stacked_months(profile["months"]),
                 result=listing, form=_filter_form(flt), menus=data.menus(con, snap),
                 list_query=urlencode({**_filter_form(flt), "actor": profile["code"]}))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, ctx: Lease, event_id: Annotated[str, Path(max_length=64)]):
    ev = query.event(ctx[0], event_id)
    why = _why(ctx[0], event_id)
    sources = [{**s, "pieces": segments(s), "link": safe_link(s["url"]), "why": why.get((s["doc_id"], s["idx"]))}
               for s in ev["sources"]]
    return _page(request, "event.html", "events", ev=ev, sources=sources)


def _why(con, event_id: str) -> dict[tuple[str, int], dict]:
    """(doc_id, idx) -> how that report joined the event (amity.merge.explain); {} when the
    stored event is out of date with its reports."""
    from amity.errors import NotFound as Missing
    from amity.merge import explain

    try:
        found = explain(con, event_id)
    except Missing:
        return {}
    return {(r["doc_id"], r["idx"]): r for r in found.reports}


@router.get("/dyads", response_class=HTMLResponse)
def dyads(request: Request, ctx: Lease, flt: Filter):
    rows = data.dyads(*ctx, flt, limit=200)
    return _page(request, "dyads.html", "dyads", rows=rows, form=_filter_form(flt))


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, ctx: Lease, a: Annotated[str, Path(max_length=16)], b: Annotated[str, Path(max_length=16)]):
    con, snap = ctx
    pair = parse_pair(f"{a},{b}")
    flt = EventFilter(pair=pair)
    summary = data.dyads(con, snap, flt, limit=1)
    if not summary:
        raise NotFound(f"no events between {pair[0]} and {pair[1]}", hint="See /dyads for the pairs that exist.")
    rows = data.timeline(con, snap, *pair)
    listing = data.events(con, snap, flt, limit=PAGE_SIZE, offset=0)
    return _page(request, "dyad.html", "dyads", pair=pair, d=summary[0], chart=charts.stacked_months(rows),
                 articles=data.pair_articles(con, snap, *pair),
                 result=listing, list_query=urlencode({"pair": ",".join(pair)}))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, ctx: Lease, flt: Filter,
            min_events: Annotated[int, Query(ge=1, le=100000)] = 1):
    graph = build_network(ctx[0], flt, min_events=min_events)
    return _page(request, "network.html", "network", layout=charts.network_layout(graph),
                 form=_filter_form(flt), min_events=min_events, menus=data.menus(ctx[0], ctx[1]),
                 n_nodes=graph.number_of_nodes(), n_edges=graph.number_of_edges())

