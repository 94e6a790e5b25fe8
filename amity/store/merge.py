"""Merged events: reading the instances a merge needs and writing its result. All merge SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb

from amity import contract
from amity.store import columnar

# The report columns the merger reads (merge.build.to_instance and event_row).
INSTANCE_COLUMNS = (
    "doc_id", "idx", "doc", "source", "target", "source_actor", "target_actor", "type", "mode",
    "subtype", "cameo", "date", "date_precision", "status", "location", "location_country", "lat",
    "lon", "symmetric", "confidence", "sentence", "date_basis",
)

EVENT_COLUMNS = tuple(contract.EVENT_COLUMNS)  # the event contract (amity/contract.py)


def quoted(names, prefix: str = "") -> str:
    """A column list with every name quoted (some, like "symmetric", are DuckDB keywords)."""
    return ", ".join(f'{prefix}"{n}"' for n in names)


BLOCK_SQL = "least(m.source, m.target) || chr(31) || greatest(m.source, m.target) || chr(31) || m.type"


def block_name(a: str, b: str, etype: str) -> str:
    """The text form of a (pair_a, pair_b, type) block, as BLOCK_SQL computes it in SQL."""
    a, b = sorted((a, b))
    return f"{a}\x1f{b}\x1f{etype}"


def in_transaction(con: duckdb.DuckDBPyConnection) -> bool:
    """True inside BEGIN ... COMMIT: autocommit gives each statement a new transaction id."""
    first = con.execute("SELECT txid_current()").fetchone()[0]
    return con.execute("SELECT txid_current()").fetchone()[0] == first


def stale_blocks(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> list[str]:
    """Blocks to recompute: those of the given documents, of instances not (or provisionally)
    merged, and of events whose instances changed since they were written."""
    rows = con.execute(
        f"""SELECT DISTINCT {BLOCK_SQL} FROM event_mentions m
            WHERE m.doc_id IN (SELECT unnest(?::VARCHAR[]))
               OR m.event_id IS NULL
               OR NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = m.event_id)
            UNION
            SELECT e.pair_a || chr(31) || e.pair_b || chr(31) || e.type
            FROM events e LEFT JOIN (SELECT event_id, count(*) AS n FROM event_mentions
                                     WHERE event_id IS NOT NULL GROUP BY event_id) c
                 ON c.event_id = e.event_id
            WHERE c.n IS DISTINCT FROM e.n_mentions""",
        [list(doc_ids)],
    ).fetchall()
    return sorted(r[0] for r in rows)


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def load_instances(con: duckdb.DuckDBPyConnection, blocks: Sequence[str] | None,
                   lead_chars: int = 1200) -> list[dict[str, Any]]:
    """The event_mentions rows of these blocks (all rows when blocks is None), with the
    document's publication date, title and lead (its first ``lead_chars`` characters)."""
    cols = quoted(INSTANCE_COLUMNS, "m.")
    where, params = "", []
    if blocks is not None:
        where, params = f"WHERE {BLOCK_SQL} IN (SELECT unnest(?::VARCHAR[]))", [list(blocks)]
    cur = con.execute(
        f"""SELECT {cols}, d.published, d.title AS doc_title, left(d.text, {int(lead_chars)}) AS doc_lead
            FROM event_mentions m
            LEFT JOIN documents d ON d.id = m.doc_id {where}
            ORDER BY m.doc_id, m.idx""",
        params,
    )
    return _dicts(cur)


def replace_events(con: duckdb.DuckDBPyConnection, blocks: Sequence[str] | None,
                   assignments: Sequence[tuple[str, int, str]], events: Sequence[dict[str, Any]]) -> int:
    """Drop the events of these blocks (all when None), write the new ones and point each
    instance at its event. Returns how many events were removed."""
    if blocks is None:
        removed = con.execute("SELECT count(*) FROM events").fetchone()[0]
        con.execute("DELETE FROM events")
    else:
        removed = con.execute(
            "DELETE FROM events WHERE pair_a || chr(31) || pair_b || chr(31) || type "
            "IN (SELECT unnest(?::VARCHAR[])) RETURNING 1", [list(blocks)]).fetchall()
        removed = len(removed)
    _insert_events(con, events)
    _assign(con, assignments)
    return removed


def set_report_dates(con: duckdb.DuckDBPyConnection,
                     updates: Sequence[tuple[str, int, str | None, str | None, str | None]]) -> None:
    """(doc_id, idx, date, date_precision, date_basis) for reports whose date the merge gives
    (basis ``merged``) or takes back."""
    if not updates:
        return
    docs, idxs, dates, precisions, bases = (list(col) for col in zip(*updates))
    con.execute(
        """UPDATE event_mentions AS m SET date = u.date, date_precision = u.date_precision,
                  date_basis = u.date_basis
           FROM (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::INTEGER[]) AS idx,
                        unnest(?::VARCHAR[]) AS date, unnest(?::VARCHAR[]) AS date_precision,
                        unnest(?::VARCHAR[]) AS date_basis) AS u
           WHERE m.doc_id = u.doc_id AND m.idx = u.idx""",
        [docs, idxs, dates, precisions, bases],
    )


def _insert_events(con: duckdb.DuckDBPyConnection, events: Sequence[dict[str, Any]]) -> None:
    if not events:
        return
    columnar.insert_rows(con, "events", EVENT_COLUMNS, [[e[c] for c in EVENT_COLUMNS] for e in events])


def _assign(con: duckdb.DuckDBPyConnection, assignments: Sequence[tuple[str, int, str]]) -> None:
    if not assignments:
        return
    docs, idxs, ids = (list(col) for col in zip(*assignments))
    con.execute(
        """UPDATE event_mentions AS m SET event_id = a.event_id
           FROM (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::INTEGER[]) AS idx,
                        unnest(?::VARCHAR[]) AS event_id) AS a
           WHERE m.doc_id = a.doc_id AND m.idx = a.idx
             AND m.event_id IS DISTINCT FROM a.event_id""",
        [docs, idxs, ids],
    )


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def insert_instance_rows(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Write ready-made event_mentions rows (tests, benchmarks, evaluation); the coder's own
    writer is amity.store.events."""
    if not rows:
        return 0
    from amity.store.events import ROW_COLUMNS

    return columnar.insert_rows(con, "event_mentions", ROW_COLUMNS, [[r.get(c) for c in ROW_COLUMNS] for r in rows])


def delete_document_instances(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Forget a document's coded instances (a re-coded document); merge() then repairs events."""
    con.execute("DELETE FROM event_mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)])


def insert_document_rows(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Write many ready-made documents rows at once (benchmarks); ingest uses store.documents."""
    if not rows:
        return 0
    cols = ("id", "origin", "name", "url", "title", "published", "outlet", "language", "text",
            "ingested_at", "pipeline_version")
    return columnar.insert_rows(con, "documents", cols, [[r.get(c) for c in cols] for r in rows])


def event_block(con: duckdb.DuckDBPyConnection, event_id: str) -> str | None:
    """The (pair, type) block an event belongs to, or None when there is no such event."""
    row = con.execute("SELECT pair_a || chr(31) || pair_b || chr(31) || type FROM events WHERE event_id = ?",
                      [event_id]).fetchone()
    return row[0] if row else None


def report_sources(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """doc_id -> its name, title, outlet and publication date."""
    cur = con.execute("SELECT id, name, title, outlet, published FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                      [list(doc_ids)])
    return {r["id"]: r for r in _dicts(cur)}
