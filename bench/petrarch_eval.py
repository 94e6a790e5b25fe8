"""Agreement of amity's event coder with the PETRARCH2 unit-test records.

    .venv/bin/python bench/petrarch_eval.py [--shared ../shared] [--show 20] [--json]

Each record is one sentence with its gold CAMEO codings (source, target, event code) among
fictional actors; PETR.Validate.actors.txt and PETR.Validate.agents.txt are loaded as user actor
dictionaries. Reported, over gold codings whose CAMEO root is 01-20:

- dyad recall: amity coded an event from the gold source to the gold target (first three
  characters of each code, the state or group);
- CAMEO root agreement: ... with the same two-digit CAMEO root;
- PLOVER agreement: ... with the PLOVER type the gold code maps to (amity/data/cameo_plover.tsv),
  over codings whose root maps to one of the sixteen types, and over those whose dyad amity found;
- no-event records left empty, and events amity coded that the gold does not have.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from amity.events import Coder, CoderOptions
from amity.events.ontology import load as load_ontology
from amity.models import Document
from amity.nlp import Analyzer, NlpOptions


@dataclass
class Record:
    id: str
    date: str
    text: str
    gold: list[tuple[str, str, str]] = field(default_factory=list)  # (source, target, code)
    noevents: bool = False


def read_records(path: Path) -> list[Record]:
    root = ET.parse(path).getroot()
    out = []
    for s in root.iter("Sentence"):
        text = " ".join((s.findtext("Text") or "").split())
        d = s.get("date", "")
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if re.fullmatch(r"\d{8}", d) else None
        rec = Record(s.get("id", ""), date, text)
        for ev in s.iter("EventCoding"):
            if ev.get("noevents") == "True" or ev.get("noevents") == "true":
                rec.noevents = True
                continue
            src, tgt, code = ev.get("sourcecode", ""), ev.get("targetcode", ""), ev.get("eventcode", "")
            if src and tgt and code:
                rec.gold.append((src[:3], tgt[:3], code))
        rec.noevents = rec.noevents or s.get("noevents") == "true" or not rec.gold
        if text:
            out.append(rec)
    return out


def _root(code: str | None) -> str | None:
    return code[:2] if code else None


def evaluate(records: list[Record], actor_files: tuple[str, ...], min_confidence: float | None = None) -> dict:
    onto = load_ontology()
    analyzer = Analyzer(NlpOptions(actor_files=actor_files))
    coder = Coder(CoderOptions(min_confidence=min_confidence))
    docs = [Document(id=r.id, origin=r.id, text=r.text, name=r.id, published=r.date) for r in records]
    n = {"codings": 0, "dyad": 0, "root": 0, "plover_codings": 0, "plover": 0, "plover_dyad": 0,
         "noevent_records": 0, "noevent_empty": 0, "predicted": 0, "spurious": 0}
    disagreements = []
    for rec, analysis in zip(records, analyzer.analyze(docs)):
        events = coder.code(analysis)
        # a joint event ("A and B agreed") is an act of each side toward the other
        pred = [(e.source[:3], e.target[:3], e.cameo, e.type) for e in events]
        pred += [(e.target[:3], e.source[:3], e.cameo, e.type) for e in events if e.symmetric]
        n["predicted"] += len(pred)
        gold_pairs = {(s, t) for s, t, _ in rec.gold}
        n["spurious"] += sum(1 for s, t, _, _ in pred if (s, t) not in gold_pairs and (t, s) not in gold_pairs)
        if rec.noevents:
            n["noevent_records"] += 1
            n["noevent_empty"] += not pred
        for s, t, code in rec.gold:
            if not code[:2].isdigit() or not 1 <= int(code[:2]) <= 20:
                continue
            n["codings"] += 1
            same = [p for p in pred if p[:2] == (s, t)]
            n["dyad"] += bool(same)
            n["root"] += any(_root(p[2]) == code[:2] for p in same)
            plover = onto.plover_for_cameo(code)
            if plover:
                n["plover_codings"] += 1
                n["plover_dyad"] += bool(same)
                ok = any(p[3] == plover for p in same)
                n["plover"] += ok
                if not ok:
                    disagreements.append(f"{rec.id}: gold {s}>{t} {code} ({plover}); amity "
                                         f"{[f'{p[0]}>{p[1]} {p[2]} {p[3]}' for p in pred]} :: {rec.text[:110]}")
    rate = lambda a, b: round(n[a] / n[b], 3) if n[b] else None
    return {
        "records": len(records), **n,
        "dyad_recall": rate("dyad", "codings"),
        "cameo_root_agreement": rate("root", "codings"),
        "plover_agreement": rate("plover", "plover_codings"),
        "plover_agreement_on_found_dyads": rate("plover", "plover_dyad"),
        "noevent_accuracy": rate("noevent_empty", "noevent_records"),
        "disagreements": disagreements,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--show", type=int, default=15, help="print this many disagreements")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="the coder's threshold (default: the scorer's; 0 keeps every candidate)")
    args = ap.parse_args(argv)
    folder = Path(args.shared) / "data" / "petrarch2"
    if not folder.is_dir():
        print(f"no PETRARCH data at {folder}", file=sys.stderr)
        return 2
    actor_files = (str(folder / "PETR.Validate.actors.txt"), str(folder / "PETR.Validate.agents.txt"))
    result = evaluate(read_records(folder / "PETR.UnitTest.records.xml"), actor_files, args.min_confidence)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for key in ("records", "codings", "dyad_recall", "cameo_root_agreement", "plover_codings",
                "plover_agreement", "plover_agreement_on_found_dyads", "noevent_records", "noevent_accuracy", "predicted", "spurious"):
        print(f"{key:22} {result[key]}")
    for line in result["disagreements"][: args.show]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
