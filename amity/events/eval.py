"""Scoring coded events against hand-coded gold (the format: docs/events.md, "Evaluation").

Matching is on (article, unordered actor pair, PLOVER type). Predicted events are first folded
into *records*: one per (article, pair, type, subtype), since the coder writes one row per
sentence that reports an event and the gold writes one record per distinct event.

- A gold record is *found* when any predicted record has its key; recall counts non-optional
  gold records found.
- A predicted key is *correct* when some gold record (optional or not) has it; precision counts
  distinct predicted keys. An optional gold record never makes a miss, and a prediction that
  matches only an optional record is neither counted correct nor spurious.
- Subtype, date and direction are scored on found, non-optional gold records, one-to-one within
  a key: each gold record takes the predicted record of its key with the same subtype if there
  is one, else the first. Date accuracy is over the found records whose gold has dates (the bar
  of docs/quality.md): right when any date of the record is among the gold's accepted dates. A
  gold record without a date does not count (earlier gold sets leave the date null wherever the
  sentence names none, where amity now dates the event by its story). Direction is right when the gold is symmetric and the
  record has a symmetric event, or the record has an event from the gold source to its target.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amity.errors import InputError


@dataclass
class PredictedRecord:
    article: str
    pair: tuple[str, str]
    type: str
    subtype: str | None
    dates: set = field(default_factory=set)
    directions: set = field(default_factory=set)  # (source, target) of directed events
    symmetric: bool = False
    sentences: list = field(default_factory=list)

    @property
    def key(self) -> tuple[str, tuple[str, str], str]:
        return (self.article, self.pair, self.type)


@dataclass
class Score:
    gold: int = 0  # non-optional gold records
    found: int = 0
    predicted: int = 0  # distinct predicted keys counted for precision
    correct: int = 0
    subtype_ok: int = 0
    date_ok: int = 0
    dated: int = 0  # found, non-optional gold records with dates: date accuracy's denominator
    direction_ok: int = 0
    misses: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    wrong: list = field(default_factory=list)  # found, but subtype/date/direction differ

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, n: int) -> float:
        return n / self.found if self.found else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "found": self.found, "predicted": self.predicted,
            "correct": self.correct, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            "subtype_accuracy": round(self.accuracy(self.subtype_ok), 3),
            "date_accuracy": round(self.date_ok / self.dated if self.dated else 1.0, 3),
            "dated_gold": self.dated,
            "direction_accuracy": round(self.accuracy(self.direction_ok), 3),
            "misses": self.misses, "spurious": self.spurious, "wrong": self.wrong,
        }


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no gold file at {p}")
    records = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{p}:{n}: not JSON ({exc.msg})") from exc
    return records


def _pair(a: str, b: str) -> tuple[str, str]:
    return tuple(sorted((a, b)))  # type: ignore[return-value]


def fold(events: Iterable[dict[str, Any]]) -> list[PredictedRecord]:
    """Event JSON objects -> one record per (doc, pair, type, subtype), in first-seen order."""
    records: dict[tuple, PredictedRecord] = {}
    for ev in events:
        pair = _pair(ev["source"], ev["target"])
        key = (ev["doc"], pair, ev["type"], ev.get("subtype"))
        rec = records.setdefault(key, PredictedRecord(ev["doc"], pair, ev["type"], ev.get("subtype")))
        rec.dates.add(ev.get("date"))
        if ev.get("symmetric"):
            rec.symmetric = True
        else:
            rec.directions.add((ev["source"], ev["target"]))
        rec.sentences.append(ev.get("sentence", ""))
    return list(records.values())


def _date_ok(gold: dict, rec: PredictedRecord) -> bool:
    accepted = gold.get("date")
    if not accepted:
        return True  # not counted (see the module's docstring)
    return any(d in accepted for d in rec.dates if d)


def _direction_ok(gold: dict, rec: PredictedRecord) -> bool:
    if gold.get("symmetric"):
        return rec.symmetric
    return (gold["source"], gold["target"]) in rec.directions


def _describe_gold(g: dict) -> str:
    arrow = "<->" if g.get("symmetric") else "->"
    return f"{g['article']}: {g['source']} {arrow} {g['target']} {g['type']}/{g.get('subtype')} ({g.get('cue', '')})"


def _describe_pred(r: PredictedRecord) -> str:
    sentence = (r.sentences[0] if r.sentences else "")[:120]
    return f"{r.article}: {r.pair[0]} - {r.pair[1]} {r.type}/{r.subtype} :: {sentence}"


def score(gold: list[dict[str, Any]], events: Iterable[dict[str, Any]],
          articles: Iterable[str] | None = None) -> Score:
    """Score predicted event JSON objects against gold records. ``articles`` limits both sides
    to these documents (default: every article the gold names)."""
    scope = set(articles) if articles is not None else {g["article"] for g in gold}
    gold = [g for g in gold if g["article"] in scope]
    preds = [r for r in fold(e for e in events if e["doc"] in scope)]
    by_key: dict[tuple, list[PredictedRecord]] = {}
    for r in preds:
        by_key.setdefault(r.key, []).append(r)
    gold_keys = {(g["article"], _pair(g["source"], g["target"]), g["type"]): g for g in gold}
    required_keys = {k for k, g in gold_keys.items()
                     if any(not x.get("optional") and (x["article"], _pair(x["source"], x["target"]), x["type"]) == k for x in gold)}
    s = Score()
    for key, recs in by_key.items():
        if key in required_keys:
            s.predicted += 1
            s.correct += 1
        elif key not in gold_keys:
            s.predicted += 1
            s.spurious.append(_describe_pred(recs[0]))
    _score_found(gold, by_key, s)
    return s


def _score_found(gold: list[dict], by_key: dict[tuple, list[PredictedRecord]], s: Score) -> None:
    used: set[int] = set()
    for g in gold:
        if g.get("optional"):
            continue
        s.gold += 1
        recs = by_key.get((g["article"], _pair(g["source"], g["target"]), g["type"]), [])
        if not recs:
            s.misses.append(_describe_gold(g))
            continue
        s.found += 1
        same = [r for r in recs if r.subtype == g.get("subtype") and id(r) not in used]
        rec = same[0] if same else recs[0]
        used.add(id(rec))
        checks = (rec.subtype == g.get("subtype"), _date_ok(g, rec), _direction_ok(g, rec))
        s.subtype_ok += checks[0]
        if g.get("date"):
            s.dated += 1
            s.date_ok += checks[1]
        s.direction_ok += checks[2]
        if not all(checks):
            s.wrong.append(
                f"{_describe_gold(g)}: got subtype {rec.subtype}, dates {sorted(d or '-' for d in rec.dates)}, "
                f"{'symmetric' if rec.symmetric else sorted(rec.directions)}"
            )


def _pipeline(actor_files: tuple[str, ...], model: str | None = None, min_confidence: float | None = None):
    from amity.events.options import CoderOptions
    from amity.pipeline import Pipeline, PipelineOptions

    return Pipeline(PipelineOptions(model=model, actor_files=tuple(actor_files),
                                    coder=CoderOptions(min_confidence=min_confidence)))


CURVE = tuple(round(0.05 * k, 2) for k in range(1, 20))


def curve(gold: list[dict[str, Any]], events: list[dict[str, Any]],
          thresholds: Iterable[float] = CURVE) -> list[dict[str, float]]:
    """Precision and recall at each confidence threshold (events coded with every candidate kept)."""
    rows = []
    for t in thresholds:
        s = score(gold, [e for e in events if e.get("confidence", 1.0) >= t])
        rows.append({"threshold": t, "precision": round(s.precision, 3), "recall": round(s.recall, 3),
                     "f1": round(s.f1, 3), "predicted": s.predicted})
    return rows


def evaluate(gold_path: str | Path, corpus: str | Path, actor_files: tuple[str, ...] = (),
             min_confidence: float | None = None, pipeline=None) -> dict[str, Any]:
    """Code the corpus once with every scored candidate kept, then score the events at the
    threshold (``min_confidence``, else the scorer's default) and along the curve. The result
    is ``Score.as_dict()`` plus ``threshold`` and ``curve``."""
    from amity.events import scorer as event_scorer

    gold = load_gold(gold_path)
    events = code_corpus(corpus, actor_files=actor_files,
                         pipeline=pipeline or _pipeline(actor_files, min_confidence=0.0))
    threshold = event_scorer.load().threshold if min_confidence is None else min_confidence
    result = score(gold, [e for e in events if e.get("confidence", 1.0) >= threshold]).as_dict()
    result["threshold"] = threshold
    result["curve"] = curve(gold, events)
    return result


def code_paths(paths: list[str], actor_files: tuple[str, ...] = (), model: str | None = None,
               pipeline=None) -> list[dict[str, Any]]:
    """Run the whole pipeline (read, clean, analyse, code) on files or folders; event JSON.
    ``pipeline``: an amity.pipeline.Pipeline to reuse (its model stays loaded)."""
    from amity.models import Coded
    from amity.sources import iter_articles

    for p in paths:
        if not Path(p).exists():
            raise InputError(f"no such file or folder: {p}")
    pipe = pipeline or _pipeline(actor_files, model)
    events: list[dict[str, Any]] = []
    for item in pipe.process(iter_articles(list(paths))):
        if isinstance(item, Coded):
            events.extend(ev.to_json() for ev in item.events)
    return events


def code_corpus(corpus: str | Path, actor_files: tuple[str, ...] = (), pipeline=None) -> list[dict[str, Any]]:
    """Event JSON for every article in a corpus folder."""
    if not Path(corpus).is_dir():
        raise InputError(f"no corpus folder at {corpus}")
    return code_paths([str(corpus)], actor_files, pipeline=pipeline)
