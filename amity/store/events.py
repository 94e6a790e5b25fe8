"""Coded events as each document reports them: the ``event_mentions`` table. All events SQL.

Rows are written with ``event_id`` NULL: the merger (amity.merge) assigns it, so rows that
report one happening share an id. Within a document, ``idx`` is the event's position in the
coder's output, so (doc_id, idx) is stable for one coder version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb

from amity.contract import REPORT_COLUMNS
from amity.models import Event
from amity.store import columnar

ROW_COLUMNS = tuple(REPORT_COLUMNS)  # the event contract (amity/contract.py)


def event_row(doc_id: str, idx: int, ev: Event) -> list[Any]:
    """One Event as an event_mentions row (values in ROW_COLUMNS order)."""
    src, tgt = ev.source_span, ev.target_span
    return [
        doc_id, idx, ev.doc, ev.event_id or None, ev.source, ev.target,
        json.dumps(ev.source_actor.to_dict()), json.dumps(ev.target_actor.to_dict()), ev.type,
        ev.mode, ev.subtype, ev.cameo, ev.date, ev.date_precision, ev.status, ev.location,
        ev.location_country, ev.lat, ev.lon, ev.symmetric, ev.sentence, ev.sentence_span[0],
        ev.sentence_span[1], ev.trigger.text, ev.trigger.start, ev.trigger.end,
        src.start if src else None, src.end if src else None,
        tgt.start if tgt else None, tgt.end if tgt else None,
        float(ev.confidence), ev.coder_version, ev.role_rule or None, ev.date_basis,
    ]


def insert_events(con: duckdb.DuckDBPyConnection, doc_id: str, events: Sequence[Event]) -> int:
    """Replace the document's event rows with these; returns how many were written."""
    con.execute("DELETE FROM event_mentions WHERE doc_id = ?", [doc_id])
    if not events:
        return 0
    return columnar.insert_rows(con, "event_mentions", ROW_COLUMNS,
                                [event_row(doc_id, i, ev) for i, ev in enumerate(events)])


def _json_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row in the event JSON contract (docs/events.md)."""
    def span(a: str, b: str):
        return [row[a], row[b]] if row.get(a) is not None else None

    return {
        "doc": row["doc"], "event_id": row["event_id"] or "", "source": row["source"],
        "target": row["target"], "source_actor": _actor(row["source_actor"]),
        "target_actor": _actor(row["target_actor"]), "type": row["type"], "mode": row["mode"],
        "subtype": row["subtype"], "cameo": row["cameo"], "date": row["date"],
        "date_precision": row["date_precision"], "date_basis": row.get("date_basis"),
        "status": row["status"], "location": row["location"], "location_country": row["location_country"],
        "lat": row["lat"], "lon": row["lon"], "symmetric": row["symmetric"],
        "sentence": row["sentence"], "sentence_span": [row["sentence_start"], row["sentence_end"]],
        "trigger": row["trigger"], "trigger_span": [row["trigger_start"], row["trigger_end"]],
        "source_span": span("source_start", "source_end"),
        "target_span": span("target_start", "target_end"),
        "confidence": round(row["confidence"], 3), "coder_version": row["coder_version"],
        "role_rule": row.get("role_rule") or "", "doc_id": row["doc_id"],
    }


def _actor(value: Any) -> dict | None:
    if value is None or isinstance(value, dict):
        return value
    return json.loads(value)


def query(con: duckdb.DuckDBPyConnection, actor: str | None = None, pair: tuple[str, str] | None = None,
          etype: str | None = None, subtype: str | None = None, since: str | None = None,
          doc: str | None = None, limit: int | None = None,
          min_confidence: float | None = None) -> list[dict[str, Any]]:
    """Stored event rows as event JSON, newest first, filtered by any of: an actor on either
    side, an unordered pair, a PLOVER type, a subtype, an earliest date (YYYY[-MM[-DD]]), a
    document id or name, a lowest confidence (0..1, validated by the caller)."""
    where, params = [], []
    if actor:
        where.append("(source = ? OR target = ?)")
        params += [actor.upper(), actor.upper()]
    if pair:
        a, b = sorted(p.upper() for p in pair)
        where.append("least(source, target) = ? AND greatest(source, target) = ?")
        params += [a, b]
    if etype:
        where.append("type = ?")
        params.append(etype.upper())
    if subtype:
        where.append("subtype = ?")
        params.append(subtype)
    if since:
        where.append("date >= ?")  # ISO strings of any precision compare in date order
        params.append(since)
    if doc:
        where.append("(doc_id = ? OR doc = ?)")
        params += [doc, doc]
    if min_confidence is not None:
        where.append("confidence >= ?")
        params.append(float(min_confidence))
    sql = "SELECT * FROM event_mentions"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date DESC NULLS LAST, doc_id, idx"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [_json_from_row(dict(zip(names, r))) for r in cur.fetchall()]


def latest(con: duckdb.DuckDBPyConnection, limit: int = 15) -> list[dict[str, Any]]:
    """The newest event reports, with how many documents report the same (merged) event."""
    cur = con.execute(
        """SELECT m.date, m.source, m.type, m.target, m.subtype,
                  count(DISTINCT m2.doc_id) AS sources, m.sentence
           FROM event_mentions m
           LEFT JOIN event_mentions m2 ON m2.event_id = m.event_id
           GROUP BY m.doc_id, m.idx, m.date, m.source, m.type, m.target, m.subtype, m.sentence
           ORDER BY m.date DESC NULLS LAST, m.doc_id, m.idx LIMIT ?""",
        [int(limit)],
    )
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    for r in rows:
        r["sources"] = max(1, r["sources"])
    return rows
