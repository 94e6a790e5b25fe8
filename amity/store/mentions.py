"""Actor mentions: the ``mentions`` table (amity/store/schema.sql). All mentions SQL.

Within a document ``idx`` is the mention's position in the Analyzer's output (sorted by start),
so (doc_id, idx) is stable for one pipeline version. Offsets are into ``documents.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from amity.models import Actor, Mention
from amity.store import columnar

COLUMNS = ("doc_id", "idx", "start", "end", "text", "code", "sector", "name", "role", "rule", "sentence")


def mention_row(doc_id: str, idx: int, m: Mention) -> list[Any]:
    a = m.actor
    return [doc_id, idx, m.start, m.end, m.text, a.code, a.sector, a.name, a.role, m.rule, m.sentence]


def insert_mentions(con: duckdb.DuckDBPyConnection, doc_id: str, mentions: Sequence[Mention]) -> int:
    """Replace the document's mention rows with these; returns how many were written."""
    con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
    if not mentions:
        return 0
    return columnar.insert_rows(con, "mentions", COLUMNS,
                                [mention_row(doc_id, i, m) for i, m in enumerate(mentions)])


def list_mentions(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """The document's mentions as dicts (COLUMNS), in order."""
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    cur = con.execute(f"SELECT {cols} FROM mentions WHERE doc_id = ? ORDER BY idx", [doc_id])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def read_mentions(con: duckdb.DuckDBPyConnection, doc_id: str) -> tuple[Mention, ...]:
    """The document's mentions as Mention objects."""
    return tuple(
        Mention(doc_id=r["doc_id"], text=r["text"], start=r["start"], end=r["end"],
                actor=Actor(r["code"], r["sector"], r["name"], r["role"]), rule=r["rule"] or "",
                sentence=r["sentence"])
        for r in list_mentions(con, doc_id)
    )


def count_by_code(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[dict[str, Any]]:
    """How often each actor code is mentioned, most frequent first."""
    cur = con.execute(
        "SELECT code, sector, count(*) AS mentions, count(DISTINCT doc_id) AS documents FROM mentions "
        "GROUP BY code, sector ORDER BY mentions DESC, code LIMIT ?", [limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]
