"""Merging: event instances from different articles (or twice in one) that describe the same
happening share one ``event_id``; the ``events`` table holds one row per happening.

API: ``merge(con_or_path, doc_ids=None) -> MergeReport``. With ``doc_ids`` only the (pair, type)
blocks those documents touch are recomputed (plus any block whose instances changed since the
last merge); with None every block is. Either way a block's result depends only on the instances
in it, so ingest order never changes the outcome. Rules: amity/merge/rules.py, docs/analytics.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from amity.merge.build import event_row, report_dates, restore_own_date, to_instance
from amity.merge.cluster import cluster_all, cluster_block, event_id
from amity.merge.evidence import weights
from amity.merge.explain import Explanation, explain
from amity.merge.rules import Instance, block_key, compatible
from amity.store import db as store_db
from amity.store import merge as store_merge

__all__ = [
    "Explanation",
    "Instance",
    "MergeReport",
    "Merged",
    "block_key",
    "cluster_all",
    "cluster_block",
    "compatible",
    "event_id",
    "explain",
    "merge",
    "merge_rows",
]


@dataclass(frozen=True)
class MergeReport:
    blocks: int  # (pair, type) blocks recomputed
    instances: int  # event_mentions rows in those blocks
    events: int  # merged events written
    removed: int  # event rows replaced or dropped

    def as_dict(self) -> dict[str, int]:
        return {"blocks": self.blocks, "instances": self.instances, "events": self.events,
                "removed": self.removed}


@contextmanager
def _connection(target) -> Iterator[duckdb.DuckDBPyConnection]:
    if isinstance(target, (str, os.PathLike)) or target is None:
        with store_db.session(target) as con:
            yield con
    else:
        yield target


@contextmanager
def _maybe_transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Our own transaction, unless the caller (the ingest loop) already holds one."""
    if store_merge.in_transaction(con):
        yield
        return
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def merge(target: duckdb.DuckDBPyConnection | str | os.PathLike | None = None,
          doc_ids: Sequence[str] | None = None) -> MergeReport:
    """Recompute merged events for the blocks ``doc_ids`` touch (all blocks when None)."""
    with _connection(target) as con, _maybe_transaction(con):
        blocks = None if doc_ids is None else store_merge.stale_blocks(con, list(doc_ids))
        if blocks == []:
            return MergeReport(0, 0, 0, 0)
        stored = store_merge.load_instances(con, blocks, weights().lead_chars)
        merged = merge_rows(stored, store_merge.now())
        removed = store_merge.replace_events(con, blocks, merged.assignments, merged.events)
        store_merge.set_report_dates(con, merged.dates)
        n_blocks = len(blocks) if blocks is not None else len({(e["pair_a"], e["pair_b"], e["type"])
                                                               for e in merged.events})
        return MergeReport(n_blocks, len(stored), len(merged.events), removed)


@dataclass(frozen=True)
class Merged:
    """What merging some blocks' stored reports gives: the events table's rows, each report's
    event id ((doc_id, idx, event_id)), and the reports whose date changes ((doc_id, idx, date,
    date_precision, date_basis))."""

    events: list[dict]
    assignments: list[tuple[str, int, str]]
    dates: list[tuple[str, int, str | None, str | None, str | None]]


def merge_rows(stored: Sequence[dict], merged_at) -> Merged:
    """Merge the stored report rows of whole blocks (``store.merge.load_instances``): no database,
    so a cluster can run it block group by block group (amity.engines.dataset)."""
    rows = [restore_own_date(r) for r in stored]
    by_ref = {(r["doc_id"], int(r["idx"])): r for r in rows}
    clusters = cluster_all(to_instance(r) for r in rows)
    events = [event_row(eid, members, by_ref, merged_at) for eid, members in clusters.items()]
    assignments = [(m.doc_id, m.idx, eid) for eid, members in clusters.items() for m in members]
    before = {(r["doc_id"], int(r["idx"])): (r.get("date"), r.get("date_precision"), r.get("date_basis"))
              for r in stored}
    dates = [u for ev, members in zip(events, clusters.values()) for u in report_dates(ev, members, by_ref)]
    return Merged(events, assignments, [u for u in dates if before[(u[0], u[1])] != tuple(u[2:])])
