"""What each stage of an ingest costs, in CPU seconds per article, on general and on defence news,
against bare spaCy on the same cleaned texts; and the projection to a day of CC-NEWS built on it.

    .venv/bin/python bench/stages.py                     # both mixes, table
    .venv/bin/python bench/stages.py --out bench/results/stages.json

Mixes: ``general``, the Zyte benchmark's 181 real web pages (../shared/data/zyte-article-extraction,
news, blogs and shops in many languages: what a crawl such as CC-NEWS looks like); ``defence``, the
148 real articles of amity's evaluation rounds (tests/data/events/real*/articles). One process,
one core (BLAS threads pinned to 1), CPU time of this process (``time.process_time``), models
loaded and warmed before the stages are timed:

  read    the readers (files to Articles)            gate    tokenise + gazetteer screen
  clean   cleaning (trafilatura for HTML, metadata)   parse   tagger, parser, NER, actor components
  code    the event coder                             write   the columnar writer (one transaction)
  merge   merging into events

Then two subprocesses, each timed whole by its CPU seconds (children's rusage), model load included:
``amity ingest`` on the same inputs as a user runs it, and bare spaCy (``spacy.load`` of the pinned
model and ``nlp.pipe`` over the cleaned texts, every component). The issue's target on general
news: the whole ingest at most half of bare spaCy. The projection: articles a core can take a
second from the measured per-article cost, and the hours a CC-NEWS day needs on 8, 64 and 512
cores, with every assumption printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CCNEWS_PER_DAY = 385_000  # docs/scale.md: ~1.35 billion CC-News articles over ~3,500 days
PLANNER_RECORDS_PER_S = 1_090  # docs/scale.md: one WARC offset scan, measured
WRITER_DOCS_PER_S = 2_000  # bench/writer.py, 1,000 documents a transaction, no merging


def shared_dir() -> Path:
    return Path(os.environ.get("AMITY_SHARED") or REPO.parent / "shared")


def inputs(mix: str) -> list[str]:
    if mix == "general":
        folder = shared_dir() / "data" / "zyte-article-extraction" / "html"
        if not folder.is_dir():
            raise SystemExit(f"the general mix needs {folder} (../shared beside the repository)")
        return [str(folder)]
    return sorted(str(p) for p in (REPO / "tests" / "data" / "events").glob("real*/articles"))


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def stage_costs(paths: list[str]) -> tuple[dict, list[str]]:
    """CPU seconds of each stage on these inputs, and the cleaned English texts."""
    from amity.merge import merge
    from amity.models import Article, Coded, Document
    from amity.pipeline import Pipeline, PipelineOptions, _skip_nlp, relevant
    from amity.sources import iter_articles
    from amity.store import batches
    from amity.store import db as store_db

    pipe = Pipeline(PipelineOptions())
    pipe.analyzer.nlp, pipe.coder  # noqa: B018  (load both before timing)
    import sklearn.feature_extraction.text  # noqa: F401  (the merger's import, paid once a run)

    clock = time.process_time
    cost = dict.fromkeys(("read", "clean", "gate", "parse", "code", "write", "merge"), 0.0)
    t = clock()
    articles = [a for a in iter_articles(paths) if isinstance(a, Article)]
    cost["read"] = clock() - t
    t = clock()
    docs = [d for d in (pipe.clean(a) for a in articles) if isinstance(d, Document)]
    cost["clean"] = clock() - t
    english = [d for d in docs if not _skip_nlp(d)]
    t = clock()
    screened = [pipe.analyzer.screen(d) for d in english]
    cost["gate"] = clock() - t
    kept = [s for s in screened if relevant(s.codes)]
    t = clock()
    analyses = list(pipe.analyzer.analyze(kept))
    cost["parse"] = clock() - t
    t = clock()
    coded = {a.document.id: Coded(a.document, tuple(a.mentions), tuple(pipe.coder.code(a))) for a in analyses}
    cost["code"] = clock() - t
    items = list({d.id: coded.get(d.id, Coded(d)) for d in docs}.values())
    with tempfile.TemporaryDirectory() as tmp, store_db.session(Path(tmp) / "s.duckdb") as con:
        t = clock()
        with store_db.transaction(con):
            batches.write_batch(con, items)
        cost["write"] = clock() - t
        t = clock()
        merge(con)
        cost["merge"] = clock() - t
    counts = {"articles": len(articles), "documents": len(docs), "english": len(english),
              "parsed": len(kept), "events": sum(len(c.events) for c in coded.values())}
    return {"cpu_s": {k: round(v, 2) for k, v in cost.items()}, **counts}, [d.text for d in english]


BARE_SPACY = """
import json, os, sys
os.environ.setdefault("OMP_NUM_THREADS", "1")
import spacy
from amity.nlp.analyzer import NlpOptions
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = spacy.load(NlpOptions().model_name())
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def subprocess_cpu(cmd: list[str]) -> float:
    before = children_cpu()
    subprocess.run(cmd, check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return round(children_cpu() - before, 2)


def run_mix(mix: str) -> dict:
    paths = inputs(mix)
    stages, texts = stage_costs(paths)
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        bare = subprocess_cpu([sys.executable, "-c", BARE_SPACY, str(texts_file)])
        whole = subprocess_cpu([sys.executable, "-m", "amity", "--db", str(Path(tmp) / "i.duckdb"),
                                "ingest", *paths, "--quiet"])
        ungated = subprocess_cpu([sys.executable, "-m", "amity", "--db", str(Path(tmp) / "u.duckdb"),
                                  "ingest", *paths, "--quiet", "--no-gate"])
    n = stages["articles"]
    per_article = sum(stages["cpu_s"].values()) / n
    return {"mix": mix, **stages, "stages_cpu_s_per_article": round(per_article, 4),
            "bare_spacy_cpu_s": bare, "ingest_cpu_s": whole, "ingest_no_gate_cpu_s": ungated,
            "ingest_vs_bare_spacy": round(whole / bare, 2), "no_gate_vs_bare_spacy": round(ungated / bare, 2)}


def projection(per_article: float) -> list[dict]:
    """A CC-NEWS day on n cores: the workers' rate, bounded by the single writer and one planner."""
    rows = []
    for cores in (8, 64, 512):
        workers = cores / per_article
        rate = min(workers, WRITER_DOCS_PER_S, PLANNER_RECORDS_PER_S * max(1, cores // 64))
        bound = ("workers" if rate == workers else "writer" if rate == WRITER_DOCS_PER_S else "planner")
        rows.append({"cores": cores, "workers_docs_per_s": round(workers), "bound_by": bound,
                     "docs_per_s": round(rate), "minutes_per_day": round(CCNEWS_PER_DAY / rate / 60, 1)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mix", choices=["general", "defence", "both"], default="both")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)
    mixes = ["general", "defence"] if args.mix == "both" else [args.mix]
    results = [run_mix(m) for m in mixes]
    print("| mix | articles | parsed | " + " | ".join(results[0]["cpu_s"]) +
          " | CPU s/article | ingest CPU s | no gate | bare spaCy CPU s | ingest / bare spaCy |")
    print("|---|---:|---:|" + "---:|" * len(results[0]["cpu_s"]) + "---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['mix']} | {r['articles']} | {r['parsed']} | "
              + " | ".join(str(v) for v in r["cpu_s"].values())
              + f" | {r['stages_cpu_s_per_article']} | {r['ingest_cpu_s']} | {r['ingest_no_gate_cpu_s']}"
              f" | {r['bare_spacy_cpu_s']} | {r['ingest_vs_bare_spacy']} |")
    general = next((r for r in results if r["mix"] == "general"), results[0])
    rows = projection(general["stages_cpu_s_per_article"])
    print(f"\nProjection ({general['mix']} mix, {general['stages_cpu_s_per_article']} CPU s an article; "
          f"{CCNEWS_PER_DAY:,} articles a day; writer {WRITER_DOCS_PER_S:,} documents/s; one planner "
          f"({PLANNER_RECORDS_PER_S:,} records/s) per 64 cores; merging not included):")
    print("| cores | workers alone, docs/s | bound by | docs/s | minutes per CC-NEWS day |")
    print("|---:|---:|---|---:|---:|")
    for p in rows:
        print(f"| {p['cores']} | {p['workers_docs_per_s']} | {p['bound_by']} | {p['docs_per_s']} | {p['minutes_per_day']} |")
    if args.out:
        Path(args.out).write_text(json.dumps({"date": dt.date.today().isoformat(), "cpus": os.cpu_count(),
                                              "load_before": round(os.getloadavg()[0], 1),
                                              "mixes": results, "projection": rows}, indent=2) + "\n",
                                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
