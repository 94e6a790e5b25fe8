"""Merge precision and recall on the clustered test articles in tests/data/merge/.

Two runs:
  instances  the hand-coded event instances (instances.jsonl) merged as amity would: this
             measures the merger alone, whatever the coder finds;
  pipeline   the articles ingested with the whole pipeline (clean, actors, coder, merge), the
             coded instances matched to gold.tsv by document, actor pair and type: this measures
             what a user gets. Instances the gold does not list are left out of the scores and
             counted; gold rows no instance matched are counted as missed.

  real       the real-news rounds (tests/data/events/real*/, 148 articles from U.S. government
             outlets, many happenings reported by two to four of them, near misses on purpose)
             ingested together, reports matched to the gold events and their ``happening``
             tags: as given (publication dates where the outlet's page gave one) and again with
             every publication date removed (``--real-undated``: plain texts).

Scores: pairwise precision/recall/F1 over pairs of instances put in one event, and B-cubed; on
real news also over pairs of reports from different articles, and the event date accuracy on the
matched reports whose gold has a date.

    .venv/bin/python bench/merge_eval.py [--skip-pipeline] [--real] [--json]
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


REAL = ROOT / "tests" / "data" / "events"


def _real_records(undated: bool, rounds: list[str] | None = None) -> tuple[list[dict], list[dict]]:
    articles, gold = [], []
    for folder in sorted(REAL.glob("real*"), key=lambda p: int(p.name[4:])):
        if rounds and folder.name not in rounds:
            continue
        for path in sorted((folder / "articles").glob("*.jsonl")):
            record = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
            if undated:
                record.pop("date", None)
            articles.append(record)
        gold += [json.loads(x) for x in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return articles, gold


def _date_accuracy(rows: list[dict], gold: list[dict], events: dict[str, dict]) -> dict:
    """Per non-optional gold record with a date that some report matches: is the date of the
    event its report joined among the gold's dates? Over-precise: a day where the gold accepts
    only months or years."""
    by_key: dict[tuple, list[dict]] = {}
    for r in rows:
        by_key.setdefault((r["doc"], r["type"], frozenset((r["source"], r["target"]))), []).append(r)
    total = right = over = 0
    wrong = []
    for g in gold:
        if g.get("optional") or not g.get("date"):
            continue
        found = by_key.get((g["article"], g["type"], frozenset((g["source"], g["target"]))))
        if not found:
            continue
        total += 1
        dates = {events[r["event_id"]]["date"] for r in found if r["event_id"] in events}
        if any(d in g["date"] for d in dates if d):
            right += 1
        else:
            wrong.append(f"{g['article']} {g['source']}-{g['target']} {g['type']}: {sorted(d or '-' for d in dates)} "
                         f"for {g['date']}")
        if any(d and len(d) > max(len(x) for x in g["date"]) for d in dates):
            over += 1
    return {"dated_gold_matched": total, "date_accuracy": right / total if total else 1.0,
            "over_precise": over, "date_misses": wrong}


def run_real(undated: bool = False, rounds: list[str] | None = None) -> dict:
    from amity.ingest import IngestOptions, ingest

    articles, gold = _real_records(undated, rounds)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "real.jsonl"
        corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        path = str(Path(tmp) / "real.duckdb")
        ingest([str(corpus)], path, IngestOptions())
        with db.session(path) as con:
            cols = ("doc_id", "idx", "doc", "source", "target", "type", "subtype", "event_id")
            rows = [dict(zip(cols, r)) for r in con.execute(
                f"SELECT {', '.join(cols)} FROM event_mentions").fetchall()]
            events = {r[0]: {"date": r[1], "date_precision": r[2]} for r in con.execute(
                "SELECT event_id, date, date_precision FROM events").fetchall()}
    predicted = {(r["doc_id"], r["idx"]): r["event_id"] for r in rows}
    labels, unmatched = evaluate.match_happenings(rows, gold, evaluate.load_happening_tags(REAL / "happenings.tsv"))
    result = {"run": "real-undated" if undated else "real", **evaluate.scores(predicted, labels),
              **evaluate.report_pairs(predicted, labels), "coded_instances": len(rows),
              "unmatched_instances": unmatched, "articles": len(articles),
              **_date_accuracy(rows, gold, events)}
    return result


def _print(result: dict) -> None:
    keys = ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision", "bcubed_recall", "bcubed_f1")
    print(f"{result['run']:10s} " + "  ".join(f"{k}={result[k]:.3f}" for k in keys))
    extra = {k: v for k, v in result.items() if k not in keys and k != "run" and not isinstance(v, list)}
    print(" " * 11 + "  ".join(f"{k}={v}" for k, v in extra.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-pipeline", action="store_true", help="only the hand-coded instances")
    ap.add_argument("--real", action="store_true", help="also the real-news rounds, dated and undated")
    ap.add_argument("--only-real", action="store_true", help="only the real-news rounds")
    ap.add_argument("--rounds", nargs="+", help="only these real-news rounds (e.g. real15): a blind round's first run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = [] if args.only_real else [run_instances()]
    if not args.skip_pipeline and not args.only_real:
        results.append(run_pipeline())
    if args.real or args.only_real:
        results += [run_real(rounds=args.rounds), run_real(undated=True, rounds=args.rounds)]
    for r in results:
        print(json.dumps(r)) if args.json else _print(r)


if __name__ == "__main__":
    main()
