"""Documents and ingest errors: writing and reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from amity.errors import NotFound
from amity.models import Document, Rejection
from amity.store import columnar

DOC_COLUMNS = (
    "id", "origin", "name", "url", "title", "author", "published", "published_source", "outlet",
    "language", "flags", "text", "ingested_at", "pipeline_version",
)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def existing_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
    """Which of these document ids are already stored."""
    if not ids:
        return set()
    rows = con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
    return {r[0] for r in rows}


def document_row(doc: Document, at: dt.datetime) -> list[Any]:
    """One Document as a documents row (values in DOC_COLUMNS order)."""
    return [doc.id, doc.origin, doc.name, doc.url, doc.title, doc.author, doc.published,
            doc.published_source, doc.outlet, doc.language, list(doc.flags), doc.text, at,
            doc.pipeline_version]


def insert_documents(con: duckdb.DuckDBPyConnection, docs: Sequence[Document],
                     at: dt.datetime | None = None) -> int:
    """Insert documents in one statement; ones whose id is already stored (same content) are
    left as they are. Returns how many were new."""
    at = at or now()
    return columnar.insert_rows(con, "documents", DOC_COLUMNS, [document_row(d, at) for d in docs],
                                ignore_conflicts=True)


def insert_document(con: duckdb.DuckDBPyConnection, doc: Document, at: dt.datetime | None = None) -> bool:
    """Insert one document; False when its id is already stored (same content)."""
    return insert_documents(con, [doc], at) == 1


def record_error(con: duckdb.DuckDBPyConnection, rejection: Rejection, at: dt.datetime | None = None) -> None:
    """Record why an input failed; the same (origin, stage, reason) is kept once, with its last time."""
    con.execute(
        "DELETE FROM ingest_errors WHERE origin = ? AND stage = ? AND reason = ?",
        [rejection.origin, rejection.stage, rejection.reason],
    )
    con.execute(
        """INSERT INTO ingest_errors (origin, stage, reason, "at") VALUES (?, ?, ?, ?)""",
        [rejection.origin, rejection.stage, rejection.reason, at or now()],
    )


def clear_errors(con: duckdb.DuckDBPyConnection, origins: Iterable[str]) -> None:
    """Forget old errors of inputs that have now been read successfully."""
    origins = list(origins)
    if origins:
        con.execute("DELETE FROM ingest_errors WHERE origin IN (SELECT unnest(?))", [origins])


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def list_documents(con: duckdb.DuckDBPyConnection, limit: int = 50, offset: int = 0,
                   search: str | None = None) -> list[dict[str, Any]]:
    """Stored documents, newest first, without their text."""
    where, params = "", []
    if search:
        where = "WHERE title ILIKE ? OR text ILIKE ?"
        params = [f"%{search}%", f"%{search}%"]
    cur = con.execute(
        f"""SELECT d.id, d.name, d.title, d.published, d.outlet, d.language, d.flags, d.origin,
                   length(d.text) AS chars,
                   (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id) AS mentions,
                   (SELECT count(*) FROM event_mentions e WHERE e.doc_id = d.id) AS events
            FROM documents d {where}
            ORDER BY d.ingested_at DESC, d.id LIMIT ? OFFSET ?""",
        params + [limit, offset],
    )
    return _rows(cur)


def resolve_doc_id(con: duckdb.DuckDBPyConnection, ref: str) -> str:
    """A document id from an id, an id prefix (6+ characters) or a document name."""
    rows = con.execute(
        "SELECT id FROM documents WHERE id = ? OR name = ? OR (length(?) >= 6 AND id LIKE ? || '%') "
        "ORDER BY (id = ?) DESC, id LIMIT 2",
        [ref, ref, ref, ref, ref],
    ).fetchall()
    if not rows:
        raise NotFound(f"no document {ref!r}")
    if len(rows) > 1 and rows[0][0] != ref:
        raise NotFound(f"{ref!r} matches several documents", hint="Give more characters of the id.")
    return rows[0][0]


def get_document(con: duckdb.DuckDBPyConnection, ref: str) -> dict[str, Any]:
    doc_id = resolve_doc_id(con, ref)
    cur = con.execute(f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE id = ?", [doc_id])
    return _rows(cur)[0]


def list_errors(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[dict[str, Any]]:
    cur = con.execute("""SELECT origin, stage, reason, "at" FROM ingest_errors ORDER BY "at" DESC, origin LIMIT ?""",
                      [limit])
    return _rows(cur)


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many rows each main table holds."""
    out = {}
    for table in ("documents", "mentions", "event_mentions", "ingest_errors"):
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    try:
        out["events"] = con.execute("SELECT count(*) FROM events").fetchone()[0]
    except duckdb.CatalogException:
        out["events"] = con.execute(
            "SELECT count(DISTINCT coalesce(event_id, doc_id || ':' || idx)) FROM event_mentions"
        ).fetchone()[0]
    return out


EXPORT_QUERIES = {
    "documents": f"SELECT {', '.join(DOC_COLUMNS)} FROM documents ORDER BY id",
    "mentions": "SELECT * FROM mentions ORDER BY doc_id, idx",
    "errors": "SELECT * FROM ingest_errors ORDER BY origin, stage",
}


def export_table(con: duckdb.DuckDBPyConnection, table: str, fmt: str, path: str) -> int:
    """Write a table to CSV, JSONL or Parquet with DuckDB's COPY; returns the row count."""
    query = EXPORT_QUERIES[table]
    options = {"csv": "FORMAT CSV, HEADER", "jsonl": "FORMAT JSON", "parquet": "FORMAT PARQUET"}[fmt]
    escaped = path.replace("'", "''")
    con.execute(f"COPY ({query}) TO '{escaped}' ({options})")
    return con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
