"""Training the event scorer: ``amity train-scorer`` (see docs/events.md, "The learned score").

1. Every article of the development sets (hand-coded gold, in the repository) is read, cleaned,
   parsed and turned into candidates by the coder (``Coder.candidates``).
2. A candidate is labelled by its (article, unordered actor pair, type): 1 when a required gold
   record has that key, 0 when no gold record has it; candidates whose key only an optional gold
   record has are left out.
3. A logistic model with an L2 penalty is fitted by Newton's method (numpy; deterministic). The
   penalty is chosen by cross-validation *by article* (an article's candidates are never scored
   by a model that saw them), and so is the default threshold: the one with the best pooled F1
   of the out-of-fold predictions, scored as ``amity eval`` scores (per article, pair and type).
4. The weights file is JSON: feature names and weights, the threshold, and the cross-validated
   figures (per set precision/recall/F1, the precision/recall curve, a reliability table).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from amity.errors import InputError
from amity.events.candidates import FEATURES, Candidate, key_features
from amity.events.eval import load_gold
from amity.events.scorer import FORMAT, Scorer

PENALTIES = (0.3, 1.0, 3.0, 10.0)
FOLDS = 5
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 20))


@dataclass(frozen=True)
class TrainSet:
    """One development set: a gold file and the folder of the articles it codes."""

    name: str
    gold: Path
    corpus: Path

    @classmethod
    def parse(cls, spec: str) -> TrainSet:
        """``DIR`` (holding gold.jsonl and articles/) or ``GOLD.jsonl:CORPUS_DIR``."""
        if ":" in spec:
            gold, corpus = spec.split(":", 1)
            path = cls(Path(corpus).name, Path(gold), Path(corpus))
        else:
            root = Path(spec)
            path = cls(root.name, root / "gold.jsonl", root / "articles")
        if not path.gold.is_file() or not path.corpus.is_dir():
            raise InputError(f"training set {spec!r}: need a gold file and an articles folder",
                             hint="Give DIR (with gold.jsonl and articles/) or GOLD.jsonl:CORPUS_DIR.")
        return path


@dataclass
class Example:
    """One labelled (article, actor pair, type): the features of all its candidates."""

    set: str
    article: str
    key: tuple[str, str, str]
    features: dict[str, float]
    label: int


@dataclass
class GoldKeys:
    required: dict[str, set] = field(default_factory=lambda: defaultdict(set))  # article -> keys
    optional: dict[str, set] = field(default_factory=lambda: defaultdict(set))


def gold_keys(records: Iterable[dict]) -> GoldKeys:
    keys = GoldKeys()
    for g in records:
        a, b = sorted((g["source"], g["target"]))
        (keys.optional if g.get("optional") else keys.required)[g["article"]].add((a, b, g["type"]))
    for article, req in keys.required.items():
        keys.optional[article] -= req
    return keys


def label(key: tuple[str, str, str], article: str, keys: GoldKeys) -> int | None:
    if key in keys.required.get(article, ()):
        return 1
    if key in keys.optional.get(article, ()):
        return None
    return 0


def collect(sets: list[TrainSet], candidates_of: Callable[[Path], Iterable[tuple[str, list[Candidate]]]],
            progress: Callable[[str], None] | None = None) -> tuple[list[Example], dict[str, GoldKeys]]:
    """Labelled (article, pair, type) examples of every set. ``candidates_of(corpus)`` yields
    (article, candidates)."""
    examples: list[Example] = []
    golds: dict[str, GoldKeys] = {}
    for ts in sets:
        keys = gold_keys(load_gold(ts.gold))
        golds[ts.name] = keys
        for article, cands in candidates_of(ts.corpus):
            if progress:
                progress(f"{ts.name}/{article}")
            groups: dict[tuple, list[Candidate]] = defaultdict(list)
            for c in cands:
                groups[c.key].append(c)
            for key, group in groups.items():
                y = label(key, article, keys)
                if y is not None:
                    examples.append(Example(ts.name, article, key, key_features(group), y))
    return examples, golds


def matrix(examples: list[Example], names: tuple[str, ...] = FEATURES) -> np.ndarray:
    return np.array([[e.features.get(n, 0.0) for n in names] for e in examples], dtype=float).reshape(
        len(examples), len(names))


def fit(x: np.ndarray, y: np.ndarray, penalty: float, weights: np.ndarray | None = None,
        iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-penalised, example-weighted logistic regression by Newton's method (the intercept is
    not penalised)."""
    n, d = x.shape
    sw = np.ones(n) if weights is None else weights
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, penalty)
    reg[-1] = 0.0
    for _ in range(iterations):
        z = np.clip(xb @ w, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        grad = xb.T @ (sw * (p - y)) + reg * w
        hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])


def predict(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -30, 30)))


def fold_of(article: str, folds: int) -> int:
    """A stable fold per article (the same on every machine and run)."""
    return int(hashlib.sha1(article.encode("utf-8")).hexdigest(), 16) % folds


REAL_WEIGHT = 2.0  # an example from a set of real news counts twice (see example_weights)


def example_weights(examples: list[Example]) -> np.ndarray:
    """Real news (sets named ``real*``) counts double: the scorer is for news amity has never
    seen, and the rules were tuned on the team-written sets, which flatters them there."""
    return np.array([REAL_WEIGHT if e.set.startswith("real") else 1.0 for e in examples])


def out_of_fold(examples: list[Example], x: np.ndarray, y: np.ndarray, penalty: float, folds: int) -> np.ndarray:
    groups = np.array([fold_of(f"{e.set}/{e.article}", folds) for e in examples])
    sw = example_weights(examples)
    p = np.zeros(len(examples))
    for k in range(folds):
        test = groups == k
        if not test.any():
            continue
        w, b = fit(x[~test], y[~test], penalty, sw[~test])
        p[test] = predict(x[test], w, b)
    return p


def key_scores(examples: list[Example], probs: np.ndarray, golds: dict[str, GoldKeys],
               threshold: float, sets: Iterable[str] | None = None) -> dict[str, float]:
    """Precision, recall and F1 as ``amity eval`` counts them: distinct (article, pair, type)
    keys whose best candidate reaches the threshold, against the required gold keys."""
    wanted = set(sets) if sets is not None else set(golds)
    best: dict[tuple, float] = {}
    labels: dict[tuple, int] = {}
    for e, p in zip(examples, probs):
        if e.set not in wanted:
            continue
        k = (e.set, e.article, e.key)
        best[k] = max(best.get(k, 0.0), float(p))
        labels[k] = e.label
    predicted = [k for k, p in best.items() if p >= threshold]
    correct = sum(labels[k] for k in predicted)
    gold = sum(len(v) for s in wanted for v in golds[s].required.values())
    precision = correct / len(predicted) if predicted else 1.0
    recall = correct / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "predicted": len(predicted), "correct": correct, "gold": gold}


def reliability(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, Any]]:
    """Mean predicted probability against the observed rate, per probability bin."""
    rows = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        inside = (probs >= lo) & ((probs < hi) if k < bins - 1 else (probs <= hi))
        if inside.any():
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(inside.sum()),
                         "predicted": round(float(probs[inside].mean()), 3),
                         "observed": round(float(y[inside].mean()), 3)})
    return rows


def brier(probs: np.ndarray, y: np.ndarray) -> float:
    return round(float(np.mean((probs - y) ** 2)), 4) if len(y) else 0.0


@dataclass
class Trained:
    scorer: Scorer
    report: dict[str, Any]


def train(examples: list[Example], golds: dict[str, GoldKeys], folds: int = FOLDS,
          penalties: tuple[float, ...] = PENALTIES) -> Trained:
    """Choose the penalty and threshold by cross-validation by article; fit on everything."""
    if not examples or len({e.label for e in examples}) < 2:
        raise InputError("training needs candidates of both kinds (events and non-events)",
                         hint="Check that the gold files name the articles of their corpus folders.")
    x, y = matrix(examples), np.array([e.label for e in examples], dtype=float)
    best: tuple[float, float, float, np.ndarray] | None = None  # (f1, -logloss, penalty, oof)
    for penalty in penalties:
        oof = out_of_fold(examples, x, y, penalty, folds)
        f1 = max(key_scores(examples, oof, golds, t)["f1"] for t in THRESHOLDS)
        logloss = -float(np.mean(y * np.log(oof + 1e-12) + (1 - y) * np.log(1 - oof + 1e-12)))
        if best is None or (f1, -logloss) > (best[0], best[1]):
            best = (f1, -logloss, penalty, oof)
    assert best is not None
    _, _, penalty, oof = best
    curve = [{"threshold": t, **key_scores(examples, oof, golds, t)} for t in THRESHOLDS]
    threshold = max(curve, key=lambda r: (r["f1"], r["precision"]))["threshold"]
    w, b = fit(x, y, penalty, example_weights(examples))
    per_set = {s: key_scores(examples, oof, golds, threshold, [s]) for s in golds}
    report = {
        "trained_on": sorted(golds), "examples": len(examples), "positives": int(y.sum()),
        "penalty": penalty, "folds": folds,
        "cross_validated": {"pooled": key_scores(examples, oof, golds, threshold), "per_set": per_set,
                            "brier": brier(oof, y), "reliability": reliability(oof, y), "curve": curve},
    }
    scorer = Scorer(FEATURES, tuple(float(v) for v in w), b, float(threshold), "trained", report)
    return Trained(scorer, report)


def candidates_with(pipeline) -> Callable[[Path], Iterable[tuple[str, list[Candidate]]]]:
    """``candidates_of`` for ``collect``: read, clean and analyse a corpus folder with the
    pipeline's analyser, and let its coder propose candidates (no scoring)."""
    from amity.clean import clean
    from amity.models import Rejection
    from amity.sources import iter_articles

    def run(corpus: Path) -> Iterable[tuple[str, list[Candidate]]]:
        docs = []
        for item in iter_articles([str(corpus)]):
            if isinstance(item, Rejection):
                continue
            doc = clean(item)
            if not isinstance(doc, Rejection):
                docs.append(doc)
        for analysis in pipeline.analyzer.analyze(docs):
            d = analysis.document
            yield d.name or d.id, pipeline.coder.candidates(analysis)

    return run


def describe(scorer: Scorer, top: int = 12) -> list[tuple[str, float]]:
    """The heaviest weights, for the command's summary."""
    pairs = sorted(zip(scorer.features, scorer.weights), key=lambda p: -abs(p[1]))
    return [(n, round(w, 3)) for n, w in pairs[:top] if not math.isclose(w, 0.0)]


__all__ = ["FORMAT", "TrainSet", "candidates_with", "collect", "describe", "fit", "predict", "train"]
