"""The ingest job: inputs -> engine -> one writer that commits to DuckDB in batches.

Resumable and idempotent: each batch (documents with their mentions, events and the errors met)
is one transaction; a rerun after a kill skips documents already committed (by content id), so
the final database equals a clean run's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from amity.engines import EngineOptions, get_engine
from amity.engines.shards import ShardDone
from amity.models import Coded, Rejection
from amity.pipeline import PipelineOptions, Skipped
from amity.store import db as store_db
from amity.store import documents as store_docs
from amity.store import scale as store_scale


@dataclass(frozen=True)
class IngestOptions:
    engine: str = "local"
    workers: int = 1
    address: str | None = None
    commit_every: int = 20  # documents per transaction
    merge: bool = True
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)


@dataclass
class IngestReport:
    new: int = 0
    skipped: int = 0
    shards_skipped: int = 0  # inputs (or WARC record ranges) an earlier run finished: not read again
    failed: int = 0
    flagged: int = 0  # stored, but not coded (non-English, no article)
    mentions: int = 0
    events: int = 0
    seconds: float = 0.0
    failures: list[Rejection] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: every input was read (or already stored); 1: some failed (see `amity errors`)."""
        return 1 if self.failed else 0

    def as_dict(self) -> dict:
        return {"new": self.new, "skipped": self.skipped, "failed": self.failed,
                "shards_skipped": self.shards_skipped,
                "flagged": self.flagged, "mentions": self.mentions, "events": self.events,
                "seconds": round(self.seconds, 3)}


ProgressFn = Callable[[str, IngestReport], None]


def _write_coded(con, coded: Coded) -> tuple[bool, int, int]:
    """One document and what was coded from it; (inserted, mentions, events)."""
    if not store_docs.insert_document(con, coded.document):
        return False, 0, 0
    n_mentions = n_events = 0
    if coded.mentions:
        from amity.store import mentions as store_mentions

        n_mentions = store_mentions.insert_mentions(con, coded.document.id, coded.mentions)
    if coded.events:
        from amity.store import events as store_events

        n_events = store_events.insert_events(con, coded.document.id, coded.events)
    return True, n_mentions, n_events


def _merge(con, doc_ids: list[str]) -> None:
    try:
        from amity.merge import merge
    except ImportError:  # merging not available in this build
        return
    merge(con, doc_ids=doc_ids)


def ingest(inputs: Sequence[str], db_path: str | None = None, options: IngestOptions | None = None,
           progress: ProgressFn | None = None) -> IngestReport:
    """Read, clean, code and store every input. Returns counts; failures go to ingest_errors."""
    options = options or IngestOptions()
    report = IngestReport()
    started = time.perf_counter()
    engine = get_engine(options.engine, EngineOptions(workers=options.workers, address=options.address,
                                                      pipeline=options.pipeline))
    with store_db.session(db_path) as con:
        known = frozenset(r[0] for r in con.execute("SELECT id FROM documents").fetchall())
        done = store_scale.done_shards(con)  # shards an earlier (killed) run finished
    seen: set[str] = set(known)
    pending: list[Coded | Rejection | ShardDone] = []

    def flush() -> None:
        if not pending:
            return
        new_ids: list[str] = []
        with store_db.session(db_path) as con, store_db.transaction(con):
            store_docs.clear_errors(con, [i.document.origin for i in pending if isinstance(i, Coded)])
            for item in pending:
                if isinstance(item, ShardDone):  # committed with the shard's last documents
                    store_scale.mark_shard_done(con, item.key)
                    continue
                if isinstance(item, Rejection):
                    store_docs.record_error(con, item)
                    continue
                inserted, n_m, n_e = _write_coded(con, item)
                if inserted:
                    new_ids.append(item.document.id)
                    report.mentions += n_m
                    report.events += n_e
            if options.merge and new_ids:
                _merge(con, new_ids)
        pending.clear()

    for item in engine.run(list(inputs), known, done):
        if isinstance(item, ShardDone):
            pending.append(item)
            continue
        if isinstance(item, Skipped):
            report.skipped += 1
        elif isinstance(item, Rejection):
            report.failed += 1
            report.failures.append(item)
            pending.append(item)
        elif item.document.id in seen:  # the same content twice in this run
            report.skipped += 1
        else:
            seen.add(item.document.id)
            report.new += 1
            if _is_flagged(item):
                report.flagged += 1
            pending.append(item)
        if progress:
            progress("item", report)
        if len(pending) >= options.commit_every:
            flush()
    flush()
    report.shards_skipped = len(getattr(engine, "skipped_shards", ()))
    report.seconds = time.perf_counter() - started
    if progress:
        progress("done", report)
    return report


def _is_flagged(coded: Coded) -> bool:
    return bool(set(coded.document.flags) & {"non_english", "no_article"})
