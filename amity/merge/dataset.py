"""Merging a Parquet dataset (`amity ingest --out DIR`) as a step of its own, on the engine's
workers: the dataset's (pair, type) blocks are split into groups of about equal size, each group's
reports are merged by ``merge_rows`` (on a Ray task, a local worker process, or here), and the
events and event ids are written back into the dataset. A block's result depends only on its
reports, so the events and their ids are those of a local merge of the same corpus.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from amity.merge import merge_rows
from amity.merge.evidence import weights
from amity.store import dataset as store_dataset
from amity.store import merge as store_merge


@dataclass(frozen=True)
class DatasetMergeReport:
    blocks: int
    groups: int
    instances: int
    events: int

    def as_dict(self) -> dict[str, int]:
        return {"blocks": self.blocks, "groups": self.groups, "instances": self.instances,
                "events": self.events}


def groups_of(blocks: list[tuple[str, int]], n: int) -> list[list[str]]:
    """Blocks (name, size), largest first, dealt to ``n`` groups: each to the lightest so far."""
    groups: list[tuple[int, list[str]]] = [(0, []) for _ in range(max(1, n))]
    for name, size in blocks:
        k = min(range(len(groups)), key=lambda i: (groups[i][0], i))
        groups[k] = (groups[k][0] + size, groups[k][1] + [name])
    return [g for _, g in groups if g]


def merge_dataset(root: str | os.PathLike, engine=None, parts: int | None = None) -> DatasetMergeReport:
    """Merge every report of the dataset; ``engine`` (amity.engines) spreads the block groups
    over its workers, ``parts`` groups (default: 4 per worker)."""
    path = Path(root)
    workers = getattr(getattr(engine, "options", None), "workers", 1)
    with store_dataset.reader(path) as con:
        blocks = store_dataset.blocks(con)
        groups = groups_of(blocks, parts or 4 * workers)
        lead = weights().lead_chars
        calls = [(store_merge.load_instances(con, group, lead), store_merge.now()) for group in groups]
    at = calls[0][1] if calls else None
    calls = [(rows, at) for rows, _ in calls]
    results = engine.map_calls(merge_rows, calls) if engine is not None else [merge_rows(*c) for c in calls]
    events = [e for r in results for e in r.events]
    store_dataset.write_merge(path, events, [a for r in results for a in r.assignments],
                              [d for r in results for d in r.dates])
    return DatasetMergeReport(len(blocks), len(groups), sum(len(c[0]) for c in calls), len(events))


@dataclass(frozen=True)
class LoadReport:
    documents: int  # new documents loaded
    merged: bool  # True: the database held documents, so the new ones were merged into its events

    def as_dict(self) -> dict:
        return {"documents": self.documents, "merged_into_existing": self.merged}


def load_dataset(root: str | os.PathLike, db_path: str | os.PathLike | None = None) -> LoadReport:
    """Bring a dataset into a DuckDB database in one transaction: documents not stored yet with
    their mentions and reports, and the errors. An empty database takes the dataset's events and
    ids as they are; one that holds documents already merges the new ones into its events."""
    from amity.merge import merge
    from amity.store import db as store_db

    with store_db.session(db_path) as con, store_db.transaction(con):
        new_ids, empty = store_dataset.load(root, con)
        if new_ids and not empty:
            merge(con, doc_ids=new_ids)
    return LoadReport(len(new_ids), bool(new_ids) and not empty)
