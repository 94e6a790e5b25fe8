"""Speed of amity's actor components against bare spaCy on the same texts.

    .venv/bin/python bench/actors.py [--repeat 3] [--batch-size 32] [--shared ../shared]

Texts: the seed articles and the 181 article bodies of the Zyte extraction benchmark
(../shared/data/zyte-article-extraction/ground-truth.json), and any .txt under examples/.
Reports CPU seconds of the process (time.process_time), the best of --repeat runs:
- bare: ``nlp.pipe`` with amity's components disabled;
- +gazetteer: with the gazetteer matcher only;
- +all: gazetteer, resolver and document memory;
and the time spent inside each amity component, measured by calling it on parsed Docs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_texts(shared: Path) -> list[str]:
    texts = []
    for p in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        texts.append(p.read_text(encoding="utf-8"))
    gt = shared / "data" / "zyte-article-extraction" / "ground-truth.json"
    if gt.exists():
        data = json.loads(gt.read_text(encoding="utf-8"))
        texts.extend(v["articleBody"] for _, v in sorted(data.items()) if v.get("articleBody"))
    for p in sorted((ROOT / "examples" / "articles").rglob("*.txt")):
        texts.append(p.read_text(encoding="utf-8"))
    return texts


def timed(nlp, texts, batch_size, disable) -> float:
    """CPU seconds of this process (robust on a shared machine; spaCy sm runs on one thread)."""
    t0 = time.process_time()
    with nlp.select_pipes(disable=disable):
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    return time.process_time() - t0


def petrarch_coverage(shared: Path) -> None:
    """How many gold source/target codes of the PETRARCH unit-test records appear among amity's
    mentions of the sentence, with the validation dictionaries loaded as user actors."""
    import re

    from amity.models import Document
    from amity.nlp import Analyzer, NlpOptions

    folder = shared / "data" / "petrarch2"
    analyzer = Analyzer(NlpOptions(actor_files=(str(folder / "PETR.Validate.actors.txt"),
                                                str(folder / "PETR.Validate.agents.txt"))))
    xml = (folder / "PETR.UnitTest.records.xml").read_text(encoding="utf-8")
    docs, gold = [], []
    for i, (attrs, body) in enumerate(re.findall(r"<Sentence([^>]*)>(.*?)</Sentence>", xml, re.DOTALL)):
        text = re.search(r"<Text>(.*?)</Text>", body, re.DOTALL).group(1).strip().replace("\n", " ")
        date = re.search(r'date="(\d{8})"', attrs)
        published = f"{date.group(1)[:4]}-{date.group(1)[4:6]}-{date.group(1)[6:]}" if date else None
        docs.append(Document(id=str(i), origin="petr", text=text, published=published))
        gold.append({c for pair in re.findall(r'sourcecode="([^"]*)" targetcode="([^"]*)"', body) for c in pair})
    total = found = 0
    for analysis, codes in zip(analyzer.analyze(docs), gold):
        got = {m.actor.code + (m.actor.sector or "") for m in analysis.mentions}
        total += len(codes)
        found += len(codes & got)
    print(f"PETRARCH unit-test records: {len(docs)}; gold actor codes found among mentions: "
          f"{found}/{total} = {found / max(total, 1):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--petrarch", action="store_true",
                    help="instead of timing, report actor-code coverage on the PETRARCH unit-test records")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--shared", default=os.environ.get("AMITY_SHARED", str(ROOT.parent / "shared")))
    args = ap.parse_args()
    if args.petrarch:
        petrarch_coverage(Path(args.shared))
        return

    from amity.nlp import NlpOptions, load_pipeline

    texts = load_texts(Path(args.shared))
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    nlp = load_pipeline(NlpOptions())
    load_s = time.perf_counter() - t0
    amity = ["amity_gazetteer", "amity_resolver", "amity_memory"]
    timed(nlp, texts[:20], args.batch_size, [])  # warm up
    runs = {"bare": amity, "+gazetteer": amity[1:], "+all": []}
    best = {k: float("inf") for k in runs}
    for _ in range(args.repeat):  # interleaved rounds, so load on a shared machine hits all alike
        for k, v in runs.items():
            best[k] = min(best[k], timed(nlp, texts, args.batch_size, v))

    # time inside each component, on already parsed docs
    with nlp.select_pipes(disable=amity):
        docs = list(nlp.pipe(texts, batch_size=args.batch_size))
    inside = {}
    for name in amity:
        comp = nlp.get_pipe(name)
        t0 = time.process_time()
        for d in docs:
            comp(d)
        inside[name] = time.process_time() - t0

    print(f"texts: {len(texts)}, words: {words}, model: {NlpOptions().model_name()}, "
          f"pipeline load with gazetteer: {load_s:.2f}s")
    for k, v in best.items():
        extra = f"  (+{(v / best['bare'] - 1) * 100:.1f}% vs bare)" if k != "bare" else ""
        print(f"{k:12s} {v:7.2f} CPU s  {words / v:8.0f} words/CPU-s{extra}")
    for name, v in inside.items():
        print(f"inside {name:16s} {v:6.3f} CPU s  = {v / best['bare'] * 100:.2f}% of bare spaCy time")


if __name__ == "__main__":
    main()
