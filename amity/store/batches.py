"""Writing a batch of coded documents at once: the ingest writer's one call.

Each table (documents, mentions, event_mentions) gets one columnar statement per batch
(amity.store.columnar), not one per row: the single writer was the wall beyond a few cores
(docs/scale.md). The caller holds the transaction, so a batch is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from amity.models import Coded
from amity.store import columnar
from amity.store import documents as store_docs
from amity.store import events as store_events
from amity.store import mentions as store_mentions


@dataclass(frozen=True)
class Written:
    new_ids: tuple[str, ...]  # documents stored by this batch, in batch order
    mentions: int
    events: int


def write_batch(con: duckdb.DuckDBPyConnection, items: Sequence[Coded],
                at: dt.datetime | None = None) -> Written:
    """Store the documents of ``items`` that are not stored yet (by content id; the first of
    two equal ones in a batch), with their mentions and events."""
    stored = store_docs.existing_ids(con, [c.document.id for c in items])
    new: list[Coded] = []
    for coded in items:
        if coded.document.id not in stored:
            stored.add(coded.document.id)
            new.append(coded)
    if not new:
        return Written((), 0, 0)
    ids = [c.document.id for c in new]
    # rows left by an earlier version of these documents (none in a normal run) are replaced
    for table in ("mentions", "event_mentions"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    at = at or store_docs.now()
    columnar.insert_rows(con, "documents", store_docs.DOC_COLUMNS,
                         [store_docs.document_row(c.document, at) for c in new])
    n_mentions = columnar.insert_rows(
        con, "mentions", store_mentions.COLUMNS,
        [store_mentions.mention_row(c.document.id, i, m) for c in new for i, m in enumerate(c.mentions)])
    n_events = columnar.insert_rows(
        con, "event_mentions", store_events.ROW_COLUMNS,
        [store_events.event_row(c.document.id, i, e) for c in new for i, e in enumerate(c.events)])
    return Written(tuple(ids), n_mentions, n_events)
