"""Analytics over merged events: dyads, timelines, networks, event pages and exports.

Every function takes an open DuckDB connection (read-only is enough); SQL lives in
amity.store.analytics. Filters are EventFilter objects (``make_filter`` validates user input).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import duckdb

from amity.contract import SUMMARY_FIELDS
from amity.errors import NotFound
from amity.query.filters import EventFilter, actor_code, make_filter, parse_pair
from amity.store import analytics as store

__all__ = [
    "MAX_PAGE",
    "EventFilter",
    "dyads",
    "event",
    "event_json",
    "events",
    "make_filter",
    "overview",
    "parse_pair",
    "timeline",
]

MAX_PAGE = 500


def overview(con: duckdb.DuckDBPyConnection, top: int = 10, newest: int = 10) -> dict[str, Any]:
    """Counts, the most active dyads, the newest events and events per month."""
    months: dict[str, int] = {}
    for row in store.timeline(con):
        months[row["month"]] = months.get(row["month"], 0) + row["events"]
    return {"counts": store.counts(con), "top_dyads": dyads(con, limit=top),
            "newest": [event_summary(r) for r in store.events(con, limit=newest)],
            "months": [{"month": m, "events": n} for m, n in sorted(months.items())]}


def dyads(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, limit: int = 50) -> list[dict]:
    """Pairs ranked by merged events. ``balance`` is (cooperation - conflict) / events, -1..1."""
    rows = store.dyads(con, flt, limit)
    for row in rows:
        row["balance"] = round((row["cooperation"] - row["conflict"]) / row["events"], 3) if row["events"] else 0.0
    return rows


def timeline(con: duckdb.DuckDBPyConnection, a: str, b: str, flt: EventFilter | None = None) -> list[dict]:
    """Events per month and type between two actors (either direction)."""
    pair = parse_pair(f"{a},{b}")
    return store.timeline(con, dataclasses.replace(flt or EventFilter(), pair=pair))


def year_only(con: duckdb.DuckDBPyConnection, a: str, b: str, flt: EventFilter | None = None) -> list[dict]:
    """Events between two actors that their texts date only to a year, per year (they have no
    month in ``timeline``)."""
    pair = parse_pair(f"{a},{b}")
    return store.year_only(con, dataclasses.replace(flt or EventFilter(), pair=pair))


def event_summary(row: dict[str, Any]) -> dict[str, Any]:
    """The short form of a merged event for lists (contract.SUMMARY_FIELDS)."""
    return {k: row.get(k) for k in SUMMARY_FIELDS}


def events(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, limit: int = 50,
           offset: int = 0) -> dict[str, Any]:
    """One page of merged events and the total that match."""
    limit = max(1, min(int(limit), MAX_PAGE))
    offset = max(0, int(offset))
    rows = store.events(con, flt, limit, offset)
    return {"total": store.count_events(con, flt), "limit": limit, "offset": offset,
            "events": [event_summary(r) for r in rows]}


def _span(row: dict, a: str, b: str) -> list[int] | None:
    return [row[a], row[b]] if row.get(a) is not None and row.get(b) is not None else None


def _actor(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def source_json(row: dict[str, Any]) -> dict[str, Any]:
    """One report of an event: where it is, and its evidence spans in the cleaned text."""
    return {"doc_id": row["doc_id"], "idx": row["idx"], "doc": row["doc"], "title": row.get("title"),
            "outlet": row.get("outlet"), "url": row.get("url"), "origin": row.get("origin"),
            "published": row["published"].isoformat() if row.get("published") else None,
            "sentence": row["sentence"], "sentence_span": [row["sentence_start"], row["sentence_end"]],
            "trigger": row["trigger"], "trigger_span": [row["trigger_start"], row["trigger_end"]],
            "source_span": _span(row, "source_start", "source_end"),
            "target_span": _span(row, "target_start", "target_end"), "date": row.get("date"),
            "date_basis": row.get("date_basis")}


def date_label(date: str | None, basis: str | None, published: Any = None) -> str:
    """An event's date as shown to a reader: as the text gives it ("2023", "2023-06",
    "2023-06-11"), "~" before a date that is only the report's publication day, "" when
    unknown."""
    if date:
        return f"~{date}" if basis == "publication" else date
    if published:
        return f"~{published.isoformat() if hasattr(published, 'isoformat') else published}"
    return ""


def event_json(row: dict[str, Any], sources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A merged event in the event JSON contract (Event.to_json), its representative report's
    evidence, plus n_sources, n_mentions, intensity, first/last date and ``sources``."""
    out = {
        "doc": row["doc"], "event_id": row["event_id"], "source": row["source"], "target": row["target"],
        "source_actor": _actor(row["source_actor"]), "target_actor": _actor(row["target_actor"]),
        "type": row["type"], "mode": row["mode"], "subtype": row["subtype"], "cameo": row["cameo"],
        "date": row["date"], "date_precision": row["date_precision"],
        "date_basis": row.get("date_basis"), "status": row["status"],
        "location": row["location"], "location_country": row["location_country"], "lat": row["lat"],
        "lon": row["lon"], "symmetric": row["symmetric"], "sentence": row["sentence"],
        "sentence_span": [row["sentence_start"], row["sentence_end"]], "trigger": row["trigger"],
        "trigger_span": [row["trigger_start"], row["trigger_end"]],
        "source_span": _span(row, "source_start", "source_end"),
        "target_span": _span(row, "target_start", "target_end"),
        "confidence": round(row["confidence"], 3), "coder_version": row["coder_version"],
        "doc_id": row["rep_doc_id"], "n_sources": row["n_sources"], "n_mentions": row["n_mentions"],
        "intensity": row["intensity"], "quad_class": row["quad_class"],
        "first_date": row["first_date"].isoformat() if row.get("first_date") else None,
        "last_date": row["last_date"].isoformat() if row.get("last_date") else None,
    }
    if sources is not None:
        out["sources"] = [source_json(s) for s in sources]
    return out


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any]:
    """One merged event with every source; NotFound when the id does not exist."""
    row = store.event(con, event_id) if isinstance(event_id, str) and len(event_id) <= 64 else None
    if row is None:
        raise NotFound(f"no event {event_id!r}", hint="List merged events with /api/events or `amity export-events`.")
    return event_json(row, store.sources(con, [event_id]))


def document(con: duckdb.DuckDBPyConnection, ref: str) -> dict[str, Any]:
    """One stored document (by id, id prefix or name) with its actor mentions and event reports;
    NotFound when there is none."""
    from amity.store import documents as store_documents

    doc = store_documents.get_document(con, ref)
    return {**doc, **store.document_marks(con, doc["id"])}


def actor(con: duckdb.DuckDBPyConnection, code: str, flt: EventFilter | None = None) -> dict[str, Any]:
    """One actor's events by type, partners (with cooperation and conflict) and months; NotFound
    when no merged event involves it."""
    code = actor_code(code) or ""
    others = dataclasses.replace(flt or EventFilter(), actor=None)  # the page's actor is the one
    profile = store.actor_profile(con, code, others)
    if not profile["by_type"]:
        raise NotFound(f"no events of {code}", hint="See /dyads for the actors that have events.")
    for p in profile["partners"]:
        p["balance"] = round((p["cooperation"] - p["conflict"]) / p["events"], 3) if p["events"] else 0.0
    return {"code": code, **profile, "months": store.timeline(con, dataclasses.replace(others, actor=code))}
