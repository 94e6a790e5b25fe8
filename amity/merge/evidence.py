"""Evidence that two reports of one (actor pair, type) block describe one happening.

``BlockEvidence(instances).link(a, b) -> Link`` says whether ``a`` and ``b`` join, why, and
what they share. In order:

1. ``conflict``: subtypes, places or text-given dates disagree (``merge.rules.compatible``);
2. ``same document``: one article reporting its happening twice;
3. ``dates agree``: both texts date it, compatibly;
4. ``evidence``: otherwise the reports must share enough: their evidence sentences and their
   titles and leads (TF-IDF cosines, scikit-learn, fitted on this block's reports only), and
   how close their publication days are. Weights: ``amity/data/merge_evidence.yaml``.

Near misses (the same ministers meeting twice months apart, a framework agreed one year and
signed the next) stay apart through their dates when the texts give them, and through their
publication days and wording when they do not. Pure: the result depends on the block's reports
only, never on their order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from amity.merge.rules import (
    UNDATED_PUBLISHED_WINDOW,
    Instance,
    compatible,
    dates_agree,
    published_gap,
)


@dataclass(frozen=True)
class Weights:
    sentence_weight: float
    context_weight: float
    published_close: float
    published_apart: float
    threshold: float
    lead_chars: int
    explain_terms: int


@lru_cache(maxsize=1)
def weights() -> Weights:
    text = resources.files("amity.data").joinpath("merge_evidence.yaml").read_text(encoding="utf-8")
    return Weights(**yaml.safe_load(text))


def apart_can_join() -> bool:
    """Could two reports published more than ``UNDATED_PUBLISHED_WINDOW`` days apart join on
    evidence? Not with the bundled weights (a perfect match scores below the threshold), which
    lets clustering test only clusters near a report's publication day."""
    w = weights()
    return w.sentence_weight + w.context_weight + w.published_apart >= w.threshold


@dataclass(frozen=True)
class Link:
    """Why two reports join (or not)."""

    joined: bool
    reason: str  # conflict | same document | dates agree | evidence | too little evidence
    score: float = 0.0
    sentence_similarity: float = 0.0
    context_similarity: float = 0.0
    published_gap: int | None = None
    shared: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"joined": self.joined, "reason": self.reason, "score": round(self.score, 3),
                "sentence_similarity": round(self.sentence_similarity, 3),
                "context_similarity": round(self.context_similarity, 3),
                "published_gap_days": self.published_gap, "shared": list(self.shared)}


class BlockEvidence:
    """TF-IDF vectors of one block's reports, built on first need."""

    def __init__(self, instances: Sequence[Instance]):
        self._instances = sorted(instances, key=lambda i: i.ref)
        self._row = {inst.ref: n for n, inst in enumerate(self._instances)}
        self._vectors = None

    def _fit(self):
        if self._vectors is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            texts = [i.text or "" for i in self._instances] + [i.context or "" for i in self._instances]
            vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float64,
                                         token_pattern=r"(?u)\b\w[\w'-]*\w\b|\b\d\b")
            try:
                matrix = vectorizer.fit_transform(texts)
            except ValueError:  # nothing but stop words in the whole block
                matrix = None
            self._vectors = (matrix, vectorizer)
        return self._vectors

    def _similarity(self, a: Instance, b: Instance, offset: int) -> float:
        matrix, _ = self._fit()
        if matrix is None:
            return 0.0
        ra, rb = matrix[self._row[a.ref] + offset], matrix[self._row[b.ref] + offset]
        return float(ra.multiply(rb).sum())

    def shared_terms(self, a: Instance, b: Instance, limit: int) -> tuple[str, ...]:
        """The terms both reports use, heaviest first."""
        matrix, vectorizer = self._fit()
        if matrix is None:
            return ()
        n = len(self._instances)
        rows = [self._row[a.ref], self._row[b.ref]]
        va = matrix[rows[0]] + matrix[rows[0] + n]
        vb = matrix[rows[1]] + matrix[rows[1] + n]
        both = va.multiply(vb).tocoo()
        names = vectorizer.get_feature_names_out()
        order = sorted(zip(both.data, both.col), key=lambda t: (-t[0], names[t[1]]))
        return tuple(str(names[c]) for _, c in order[:limit])

    def link(self, a: Instance, b: Instance, explain: bool = False) -> Link:
        w = weights()
        gap = published_gap(a, b)
        if not compatible(a, b):
            return Link(False, "conflict", published_gap=gap)
        if a.doc_id == b.doc_id:
            return Link(True, "same document", 1.0, published_gap=gap)
        if dates_agree(a, b):
            return Link(True, "dates agree", 1.0, published_gap=gap,
                        shared=self.shared_terms(a, b, w.explain_terms) if explain else ())
        sent = self._similarity(a, b, 0)
        ctx = self._similarity(a, b, len(self._instances))
        score = w.sentence_weight * sent + w.context_weight * ctx
        if gap is not None:
            score += w.published_close if gap <= UNDATED_PUBLISHED_WINDOW else w.published_apart
        joined = score >= w.threshold
        return Link(joined, "evidence" if joined else "too little evidence", score, sent, ctx, gap,
                    self.shared_terms(a, b, w.explain_terms) if explain else ())
