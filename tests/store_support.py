"""Helpers for tests that compare whole databases."""

from __future__ import annotations

from pathlib import Path

import duckdb


def dump(db: Path) -> dict[str, list]:
    """Every row of the main tables, minus the times of writing, in a stable order: what 'equal
    to a clean run' compares."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT * FROM mentions ORDER BY doc_id, idx").fetchall(),
            "event_mentions": con.execute("SELECT * FROM event_mentions ORDER BY doc_id, idx").fetchall(),
            "events": con.execute("SELECT * EXCLUDE (merged_at) FROM events ORDER BY event_id").fetchall(),
        }
    finally:
        con.close()
