"""Scoring a merge against a gold clustering (pairwise and B-cubed precision/recall), and
building event_mentions rows from a hand-written instance file (tests/data/merge/).

Gold rows name a document, an actor pair, a type and a cluster label. A coded instance matches
the gold row of its document and type with the same pair (the same direction when both
directions are in the gold); instances that match no gold row are left out of the scores and
counted as ``unmatched``.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amity.models import Document

Ref = tuple[str, int]


@dataclass(frozen=True)
class GoldRow:
    doc: str
    source: str
    target: str
    type: str
    cluster: str


def load_gold(path: str | Path) -> list[GoldRow]:
    lines = [ln for ln in Path(path).read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return [GoldRow(r["doc"], r["source"], r["target"], r["type"], r["cluster"])
            for r in csv.DictReader(lines, delimiter="\t")]


def match_gold(instances: Iterable[Mapping[str, Any]], gold: list[GoldRow]) -> tuple[dict[Ref, str], int]:
    """(instance ref -> gold cluster, number of unmatched instances). Instances carry doc,
    doc_id, idx, source, target, type."""
    by_key: dict[tuple, list[GoldRow]] = defaultdict(list)
    for g in gold:
        by_key[(g.doc, g.type, frozenset((g.source, g.target)))].append(g)

    def label(inst, rows: list[GoldRow]) -> str:
        exact = [g for g in rows if (g.source, g.target) == (inst["source"], inst["target"])]
        return (exact or rows)[0].cluster

    return _match(instances, by_key, label)


def _match(instances: Iterable[Mapping[str, Any]], by_key: Mapping[tuple, list],
           label_of) -> tuple[dict[Ref, str], int]:
    """Label each instance from the gold rows of its (document, type, unordered pair);
    ``label_of(instance, rows)`` may return None to leave an instance out."""
    labels, unmatched = {}, 0
    for inst in instances:
        rows = by_key.get((inst["doc"], inst["type"], frozenset((inst["source"], inst["target"]))))
        if not rows:
            unmatched += 1
            continue
        label = label_of(inst, rows)
        if label is not None:
            labels[(inst["doc_id"], int(inst["idx"]))] = label
    return labels, unmatched


def _pairs(assign: Mapping[Ref, str]) -> set[frozenset]:
    groups: dict[str, list[Ref]] = defaultdict(list)
    for ref, label in assign.items():
        groups[label].append(ref)
    return {frozenset(p) for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(predicted: Mapping[Ref, str], gold: Mapping[Ref, str]) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1 over the instances both sides label."""
    refs = sorted(set(predicted) & set(gold))
    pred = {r: predicted[r] for r in refs}
    true = {r: gold[r] for r in refs}
    pp, tp = _pairs(pred), _pairs(true)
    both = len(pp & tp)
    pair_p = both / len(pp) if pp else 1.0
    pair_r = both / len(tp) if tp else 1.0
    b_p, b_r = _bcubed(pred, true)
    return {"instances": len(refs), "pairwise_precision": pair_p, "pairwise_recall": pair_r,
            "pairwise_f1": _f1(pair_p, pair_r), "bcubed_precision": b_p, "bcubed_recall": b_r,
            "bcubed_f1": _f1(b_p, b_r)}


def _bcubed(pred: Mapping[Ref, str], true: Mapping[Ref, str]) -> tuple[float, float]:
    if not pred:
        return 1.0, 1.0
    pred_groups: dict[str, set] = defaultdict(set)
    true_groups: dict[str, set] = defaultdict(set)
    for ref in pred:
        pred_groups[pred[ref]].add(ref)
        true_groups[true[ref]].add(ref)
    precision = recall = 0.0
    for ref in pred:
        overlap = len(pred_groups[pred[ref]] & true_groups[true[ref]])
        precision += overlap / len(pred_groups[pred[ref]])
        recall += overlap / len(true_groups[true[ref]])
    return precision / len(pred), recall / len(pred)


def load_articles(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(ln) for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip()]


def article_document(article: Mapping[str, Any]) -> Document:
    """A Document for a hand-written article (its id is the article's id)."""
    return Document(id=article["id"], origin=article.get("url") or article["id"], text=article["text"],
                    name=article["id"], url=article.get("url"), title=article.get("title"),
                    published=article.get("published"), outlet=article.get("outlet"), language="en")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in text.split("\n\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def _span_of(sentence: str, base: int, text: str | None) -> tuple[int | None, int | None]:
    if not text or text not in sentence:
        return None, None
    start = base + sentence.index(text)
    return start, start + len(text)


def instance_rows(articles: list[Mapping[str, Any]], specs: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """event_mentions rows from instance specs (doc, sentence_no = paragraph, trigger text, ...)."""
    texts = {a["id"]: a["text"] for a in articles}
    counters: dict[str, int] = defaultdict(int)
    rows = []
    for spec in specs:
        text = texts[spec["doc"]]
        s_start, s_end = _sentences(text)[spec["sentence_no"]]
        sentence = text[s_start:s_end]
        t_start = s_start + sentence.index(spec["trigger"])
        spans = {role: _span_of(sentence, s_start, spec.get(f"{role}_text")) for role in ("source", "target")}
        rows.append({
            "doc_id": spec["doc"], "idx": counters[spec["doc"]], "doc": spec["doc"], "event_id": None,
            "source": spec["source"], "target": spec["target"],
            "source_actor": json.dumps({"code": spec["source"], "sector": None, "name": None, "role": None}),
            "target_actor": json.dumps({"code": spec["target"], "sector": None, "name": None, "role": None}),
            "type": spec["type"], "mode": spec.get("mode"), "subtype": spec.get("subtype"),
            "cameo": spec.get("cameo"), "date": spec.get("date"), "date_precision": spec.get("date_precision"),
            "status": spec.get("status", "asserted"), "location": spec.get("location"),
            "location_country": spec.get("location_country"), "lat": spec.get("lat"), "lon": spec.get("lon"),
            "symmetric": bool(spec["symmetric"]), "sentence": sentence, "sentence_start": s_start,
            "sentence_end": s_end, "trigger": spec["trigger"], "trigger_start": t_start,
            "trigger_end": t_start + len(spec["trigger"]), "source_start": spans["source"][0], "source_end": spans["source"][1],
            "target_start": spans["target"][0], "target_end": spans["target"][1], "confidence": spec.get("confidence", 0.8),
            "coder_version": "test",
        })
        counters[spec["doc"]] += 1
    return rows


def load_happening_tags(path: str | Path) -> dict[str, str | None]:
    """tag -> the tag it is the same happening as, or None for a theme (a TSV with columns tag,
    same_as, note; ``-`` in same_as marks a theme)."""
    lines = [ln for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return {r["tag"]: (None if r["same_as"] == "-" else r["same_as"]) for r in csv.DictReader(lines, delimiter="\t")}


def happening_label(record: Mapping[str, Any], tags: Mapping[str, str | None] | None = None) -> str | None:
    """The gold event a report belongs to: its ``happening`` with the actor pair and type (amity's
    events are per pair and type), or, untagged, the article's own record. None for a tag that
    ``tags`` marks a theme; a tag ``tags`` maps to another takes that one."""
    pair = "-".join(sorted((record["source"], record["target"])))
    tag = record.get("happening")
    if tag and tags and tag in tags:
        tag = tags[tag]
        if tag is None:
            return None
    if tag:
        return f"{tag}|{pair}|{record['type']}"
    return f"{record['article']}|{pair}|{record['type']}|{record.get('subtype')}"


def match_happenings(instances: Iterable[Mapping[str, Any]], gold: list[Mapping[str, Any]],
                     tags: Mapping[str, str | None] | None = None) -> tuple[dict[Ref, str], int]:
    """(instance ref -> gold happening label, unmatched count) for gold in the events format
    (docs/events.md, "Evaluation", with the optional ``happening`` field). An instance matches
    the gold records of its article, type and unordered pair; among several, the one with its
    subtype. Reports of a theme (``tags``) are left out."""
    by_key: dict[tuple, list[Mapping[str, Any]]] = defaultdict(list)
    for g in gold:
        by_key[(g["article"], g["type"], frozenset((g["source"], g["target"])))].append(g)

    def label(inst, rows: list[Mapping[str, Any]]) -> str | None:
        same = [g for g in rows if g.get("subtype") == inst.get("subtype")]
        return happening_label((same or rows)[0], tags)

    return _match(instances, by_key, label)


def report_pairs(predicted: Mapping[Ref, str], gold: Mapping[Ref, str]) -> dict[str, float]:
    """Scores over pairs of *reports* from different articles: two articles' reports of one gold
    happening should share an event; two of different happenings should not. (Instance pairs
    within one article are left out: they measure the coder, not cross-outlet identity.)"""
    refs = sorted(set(predicted) & set(gold))
    pred_pairs: set[tuple] = set()
    true_pairs: set[tuple] = set()
    for i, a in enumerate(refs):
        for b in refs[i + 1:]:
            if a[0] == b[0]:
                continue
            key = tuple(sorted(((a[0], gold[a]), (b[0], gold[b]))))
            if predicted[a] == predicted[b]:
                pred_pairs.add(key)
            if gold[a] == gold[b]:
                true_pairs.add(key)
    correct = {p for p in pred_pairs if p[0][1] == p[1][1]}
    precision = len(correct) / len(pred_pairs) if pred_pairs else 1.0
    recall = len(correct & true_pairs) / len(true_pairs) if true_pairs else 1.0
    return {"report_pairs_gold": len(true_pairs), "report_pairs_joined": len(pred_pairs),
            "report_pairs_correct": len(correct), "report_precision": precision,
            "report_recall": recall, "report_f1": _f1(precision, recall)}
