"""Merge precision and recall on the clustered test articles in tests/data/merge/.

Two runs:
  instances  the hand-coded event instances (instances.jsonl) merged as amity would: this
             measures the merger alone, whatever the coder finds;
  pipeline   the articles ingested with the whole pipeline (clean, actors, coder, merge), the
             coded instances matched to gold.tsv by document, actor pair and type: this measures
             what a user gets. Instances the gold does not list are left out of the scores and
             counted; gold rows no instance matched are counted as missed.

Scores: pairwise precision/recall/F1 over pairs of instances put in one event, and B-cubed.

    .venv/bin/python bench/merge_eval.py [--skip-pipeline] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "merge"
sys.path.insert(0, str(ROOT))

from amity.merge import evaluate, merge
from amity.store import db
from amity.store import documents as store_docs
from amity.store import merge as store_merge


def _assignment(con) -> tuple[dict, list[dict]]:
    rows = [dict(zip(("doc_id", "idx", "doc", "source", "target", "type", "event_id"), r)) for r in con.execute(
        "SELECT doc_id, idx, doc, source, target, type, event_id FROM event_mentions").fetchall()]
    return {(r["doc_id"], r["idx"]): r["event_id"] for r in rows}, rows


def run_instances() -> dict:
    articles = evaluate.load_articles(DATA / "articles.jsonl")
    specs = [json.loads(line) for line in (DATA / "instances.jsonl").read_text().splitlines() if line.strip()]
    rows = evaluate.instance_rows(articles, specs)
    with db.session(":memory:") as con:
        for art in articles:
            store_docs.insert_document(con, evaluate.article_document(art))
        store_merge.insert_instance_rows(con, rows)
        merge(con)
        predicted, _ = _assignment(con)
    gold = {(r["doc_id"], r["idx"]): s["cluster"] for r, s in zip(rows, specs)}
    return {"run": "instances", **evaluate.scores(predicted, gold), "events": len(set(predicted.values())),
            "gold_events": len(set(gold.values()))}


def run_pipeline() -> dict:
    from amity.ingest import IngestOptions, ingest

    gold_rows = evaluate.load_gold(DATA / "gold.tsv")
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "merge_eval.duckdb")
        ingest([str(DATA / "articles.jsonl")], path, IngestOptions())
        with db.session(path) as con:
            predicted, rows = _assignment(con)
    gold, unmatched = evaluate.match_gold(rows, gold_rows)
    matched_gold = {(r["doc"], r["type"], frozenset((r["source"], r["target"]))) for r in rows
                    if (r["doc_id"], r["idx"]) in gold}
    missed = sum((g.doc, g.type, frozenset((g.source, g.target))) not in matched_gold for g in gold_rows)
    return {"run": "pipeline", **evaluate.scores(predicted, gold), "coded_instances": len(rows),
            "unmatched_instances": unmatched, "gold_rows": len(gold_rows), "gold_rows_missed": missed}


def _print(result: dict) -> None:
    keys = ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision", "bcubed_recall", "bcubed_f1")
    print(f"{result['run']:10s} " + "  ".join(f"{k}={result[k]:.3f}" for k in keys))
    extra = {k: v for k, v in result.items() if k not in keys and k != "run"}
    print(" " * 11 + "  ".join(f"{k}={v}" for k, v in extra.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-pipeline", action="store_true", help="only the hand-coded instances")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = [run_instances()]
    if not args.skip_pipeline:
        results.append(run_pipeline())
    for r in results:
        print(json.dumps(r)) if args.json else _print(r)


if __name__ == "__main__":
    main()
