"""The single writer alone: how many coded documents a second it stores (and merges).

    .venv/bin/python bench/writer.py                          # 5,000 documents, batches of 20, 200, 1000
    .venv/bin/python bench/writer.py --docs 5000 --out bench/results/writer.json

The pipeline runs once over amity's real-news evaluation articles (tests/data/events/real*/), and
its output (documents with their mentions and events) is copied to ``--docs`` documents: each copy
gets its own id and its events their own dates (a copy's events are a different happening, a few
days apart, so merging has real blocks to work on; undated reports stay undated, so each block's
undated copies are compared by their wording, the merger's costliest case). Then the copies are replayed through
``amity.ingest.ingest`` (its writer: transactions of ``--commit-every`` documents, columnar inserts,
shard markers, merging) into a fresh DuckDB file, once without merging and once with it. Nothing
but the writer runs in the timed part. Prints a table and writes JSON (``--out``).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def coded_corpus() -> list:
    """The pipeline's output on the real-news rounds (documents, mentions, events)."""
    from amity.models import Coded
    from amity.pipeline import Pipeline
    from amity.sources import iter_articles

    folders = sorted(str(p) for p in (REPO / "tests/data/events").glob("real*/articles"))
    return [c for c in Pipeline().process(iter_articles(folders)) if isinstance(c, Coded)]


def _shift(date: str | None, days: int) -> str | None:
    if not date or len(date) != 10:
        return date
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()


def copies(corpus: list, n: int) -> list:
    """``n`` coded documents: the corpus repeated, each copy with its own ids and event dates."""
    out = []
    k = 0
    while len(out) < n:
        for coded in corpus:
            if len(out) >= n:
                break
            doc_id = f"{coded.document.id}-c{k}"
            doc = dataclasses.replace(coded.document, id=doc_id, origin=f"{coded.document.origin}#c{k}")
            mentions = tuple(dataclasses.replace(m, doc_id=doc_id) for m in coded.mentions)
            events = tuple(dataclasses.replace(e, doc=f"{e.doc}#c{k}", date=_shift(e.date, 7 * k))
                           for e in coded.events)
            out.append(dataclasses.replace(coded, document=doc, mentions=mentions, events=events))
        k += 1
    return out


class Replay:
    """An engine that hands the writer ready results, in order."""

    def __init__(self, items):
        self.items = items
        self.skipped_shards: list[str] = []

    def map_calls(self, fn, calls):
        return [fn(*args) for args in calls]

    def run(self, inputs, known_ids, done_shards=None):
        yield from self.items


def replay(items: list, db: Path, commit_every: int, merge: bool, out: Path | None = None) -> tuple[float, object]:
    import amity.ingest as ingest_mod

    real = ingest_mod.get_engine
    ingest_mod.get_engine = lambda name, options: Replay(items)
    try:
        t = time.perf_counter()
        report = ingest_mod.ingest(["(replay)"], str(db), ingest_mod.IngestOptions(
            merge=merge, commit_every=commit_every, out=str(out) if out else None))
        return time.perf_counter() - t, report
    finally:
        ingest_mod.get_engine = real


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents to write (default 5000)")
    parser.add_argument("--commit-every", type=int, nargs="+", default=[20, 200, 1000],
                        help="documents per transaction; several values: one run each (default 20 200 1000)")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)

    t = time.perf_counter()
    corpus = coded_corpus()
    pipeline_s = time.perf_counter() - t
    items = copies(corpus, args.docs)
    # imports a long run pays once (the merger's TF-IDF comes from scikit-learn): not timed
    import sklearn.feature_extraction.text  # noqa: F401

    import amity.merge  # noqa: F401

    n_mentions = sum(len(c.mentions) for c in items)
    n_events = sum(len(c.events) for c in items)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(every, merge, None) for every in args.commit_every for merge in (False, True)]
        runs += [(1000, merge, Path(tmp) / f"dataset{merge}") for merge in (False, True)]
        for every, merge, out in runs:
            db = Path(tmp) / f"w{every}{merge}.duckdb"
            seconds, report = replay(items, db, every, merge, out)
            rows.append({"commit_every": every, "merge": merge, "store": "parquet" if out else "duckdb",
                         "docs": report.new, "mentions": report.mentions, "events": report.events,
                         "seconds": round(seconds, 2), "docs_per_s": round(report.new / seconds, 1)})
    result = {"corpus_docs": len(corpus), "docs": len(items), "mentions": n_mentions, "events": n_events,
              "pipeline_s": round(pipeline_s, 1), "machine": platform.processor() or platform.machine(),
              "cpus": os.cpu_count(), "load_before": round(os.getloadavg()[0], 1),
              "date": dt.date.today().isoformat(), "runs": rows}
    print(f"{len(items)} documents ({n_mentions} mentions, {n_events} event reports), "
          f"copied from {len(corpus)} coded real articles\n")
    print("| store | documents per batch | merging | seconds | documents/s |")
    print("|---|---:|---|---:|---:|")
    for r in rows:
        store = "Parquet dataset (--out)" if r["store"] == "parquet" else "DuckDB"
        print(f"| {store} | {r['commit_every']} | {'yes' if r['merge'] else 'no'} | {r['seconds']} | {r['docs_per_s']} |")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
