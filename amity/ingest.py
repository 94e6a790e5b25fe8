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
from amity.pipeline import GATED_FLAG, PipelineOptions, Skipped
from amity.store import batches as store_batches
from amity.store import db as store_db
from amity.store import documents as store_docs
from amity.store import scale as store_scale


@dataclass(frozen=True)
class IngestOptions:
    engine: str = "local"
    workers: int = 1
    address: str | None = None
    commit_every: int = 200  # documents per transaction at most ...
    commit_seconds: float = 5.0  # ... and at least one transaction this often while items arrive
    merge: bool = True
    # Documents stored between two merges (0: once, at the end). Merging recomputes every
    # (pair, type) block the new documents touch, so merging less often costs less in all; the
    # event ids do not depend on it. Rows written but not merged yet have no event_id.
    merge_every: int = 2000
    out: str | None = None  # a folder: write a Parquet dataset there instead of the database
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)


@dataclass
class IngestReport:
    new: int = 0
    skipped: int = 0
    shards_skipped: int = 0  # inputs (or WARC record ranges) an earlier run finished: not read again
    failed: int = 0
    flagged: int = 0  # stored, but not coded (non-English, no article, fewer than two actors)
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


def _merge(con, doc_ids: list[str]) -> None:
    try:
        from amity.merge import merge
    except ImportError:  # merging not available in this build
        return
    merge(con, doc_ids=doc_ids)


class _DatabaseSink:
    """Batches into the DuckDB file: one transaction each; merging every ``merge_every``
    documents and at the end."""

    def __init__(self, db_path: str | None, options: IngestOptions):
        self.db_path, self.options = db_path, options
        self.unmerged: list[str] = []  # stored since the last merge

    def state(self) -> tuple[frozenset[str], frozenset[str]]:
        """(stored document ids, finished shards)."""
        with store_db.session(self.db_path) as con:
            known = frozenset(r[0] for r in con.execute("SELECT id FROM documents").fetchall())
            return known, store_scale.done_shards(con)  # shards an earlier (killed) run finished

    def write(self, pending: list, report: IngestReport, final: bool) -> None:
        coded = [i for i in pending if isinstance(i, Coded)]
        # the schema was applied by state()
        with store_db.session(self.db_path, schema=False) as con, store_db.transaction(con):
            store_docs.clear_errors(con, [c.document.origin for c in coded])
            for item in pending:
                if isinstance(item, Rejection):
                    store_docs.record_error(con, item)
            written = store_batches.write_batch(con, coded)
            report.mentions += written.mentions
            report.events += written.events
            # committed with the shard's last documents
            store_scale.mark_shards_done(con, [i.key for i in pending if isinstance(i, ShardDone)])
            self.unmerged.extend(written.new_ids)
            # the last merge of a run also takes what a killed run left unmerged
            due = final or (self.options.merge_every > 0 and len(self.unmerged) >= self.options.merge_every)
            if self.options.merge and due:
                _merge(con, self.unmerged)
                self.unmerged.clear()


class _DatasetSink:
    """Batches into a Parquet dataset (amity.store.dataset); merged once, at the end, on the
    engine's workers (amity.merge.dataset)."""

    def __init__(self, out: str, options: IngestOptions, engine):
        from amity.store import dataset

        self.dataset, self.options, self.engine = dataset, options, engine
        self.root = dataset.prepare(out)
        self.number = dataset.next_batch(self.root)

    def state(self) -> tuple[frozenset[str], frozenset[str]]:
        return self.dataset.known_ids(self.root), self.dataset.done_shards(self.root)

    def write(self, pending: list, report: IngestReport, final: bool) -> None:
        coded = [i for i in pending if isinstance(i, Coded)]
        if pending:
            self.dataset.write_batch(self.root, self.number, coded,
                                     [i for i in pending if isinstance(i, Rejection)],
                                     [i.key for i in pending if isinstance(i, ShardDone)])
            self.number += 1
        report.mentions += sum(len(c.mentions) for c in coded)
        report.events += sum(len(c.events) for c in coded)
        if final and self.options.merge:
            from amity.merge.dataset import merge_dataset

            merge_dataset(self.root, self.engine)


def ingest(inputs: Sequence[str], db_path: str | None = None, options: IngestOptions | None = None,
           progress: ProgressFn | None = None) -> IngestReport:
    """Read, clean, code and store every input, into the database or (``options.out``) a Parquet
    dataset. Returns counts; failures go to ingest_errors (the dataset's errors/)."""
    options = options or IngestOptions()
    report = IngestReport()
    started = time.perf_counter()
    engine = get_engine(options.engine, EngineOptions(workers=options.workers, address=options.address,
                                                      pipeline=options.pipeline))
    sink = _DatasetSink(options.out, options, engine) if options.out else _DatabaseSink(db_path, options)
    known, done = sink.state()
    seen: set[str] = set(known)
    pending: list[Coded | Rejection | ShardDone] = []
    last_flush = time.monotonic()

    def flush(final: bool = False) -> None:
        nonlocal last_flush
        last_flush = time.monotonic()
        if pending or final:
            sink.write(pending, report, final)
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
        if len(pending) >= options.commit_every or (
                pending and time.monotonic() - last_flush >= options.commit_seconds):
            flush()
    flush(final=True)
    report.shards_skipped = len(getattr(engine, "skipped_shards", ()))
    report.seconds = time.perf_counter() - started
    if progress:
        progress("done", report)
    return report


def _is_flagged(coded: Coded) -> bool:
    return bool(set(coded.document.flags) & {"non_english", "no_article", GATED_FLAG})
