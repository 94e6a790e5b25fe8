"""Evidence that two reports of one (actor pair, type) block describe one happening.

``BlockEvidence(instances).link(a, b) -> Link`` says whether ``a`` and ``b`` join, why, and
what they share. In order:

1. ``conflict``: subtypes, places or times disagree (``merge.rules.compatible``: text-given
   dates, else publication days more than a few days apart);
2. ``same document``: one article reporting its happening twice;
3. ``dates agree``: both texts date it, compatibly;
4. ``times close``: both reports' times are known (a text's date or the publication day) and,
   being compatible, within a few days: enough on their own with the bundled weights, so the
   wording is not read (nor scikit-learn loaded) to decide;
5. ``evidence``: otherwise (a report whose time is unknown) the reports must share enough: their
   evidence sentences and their titles and leads (TF-IDF cosines, scikit-learn, fitted on this
   block's reports only). Weights: ``amity/data/merge_evidence.yaml``.

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

from amity.merge.rules import Instance, compatible, dates_agree, time_gap


@dataclass(frozen=True)
class Weights:
    sentence_weight: float
    context_weight: float
    time_close: float
    threshold: float
    lead_chars: int
    explain_terms: int


@lru_cache(maxsize=1)
def weights() -> Weights:
    text = resources.files("amity.data").joinpath("merge_evidence.yaml").read_text(encoding="utf-8")
    return Weights(**yaml.safe_load(text))


@dataclass(frozen=True)
class Link:
    """Why two reports join (or not)."""

    joined: bool
    reason: str  # conflict | same document | dates agree | times close | evidence | too little evidence
    score: float = 0.0
    sentence_similarity: float = 0.0
    context_similarity: float = 0.0
    time_gap: int | None = None  # days between the reports' times (merge.rules.time_gap)
    shared: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"joined": self.joined, "reason": self.reason, "score": round(self.score, 3),
                "sentence_similarity": round(self.sentence_similarity, 3),
                "context_similarity": round(self.context_similarity, 3),
                "time_gap_days": self.time_gap, "shared": list(self.shared)}


_DENSE_UP_TO = 1500  # a block of up to this many reports keeps all its similarities (n x n floats)
_KEEP_ROWS = 64  # a larger block keeps this many rows (each one float per report of the block)


class BlockEvidence:
    """TF-IDF vectors of one block's reports, built on first need."""

    def __init__(self, instances: Sequence[Instance]):
        self._instances = sorted(instances, key=lambda i: i.ref)
        self._row = {inst.ref: n for n, inst in enumerate(self._instances)}
        self._vectors = None
        self._sims: dict[tuple[int, int], np.ndarray] = {}  # (row, offset) -> its similarities

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

    def _similarities(self, row: int, offset: int) -> np.ndarray:
        """Cosines of one report's vector with every report's of the same kind (``offset`` 0:
        sentences, n: contexts), in one sparse product; the rows last asked for are kept, since
        the clustering compares one report with many members before it moves on."""
        n = len(self._instances)
        if n <= _DENSE_UP_TO:  # a small block: all pairs at once
            whole = self._sims.get((-1, offset))
            if whole is None:
                part = self._fit()[0][offset:offset + n]
                whole = self._sims[(-1, offset)] = (part @ part.T).toarray()
            return whole[row]
        key = (row, offset)
        found = self._sims.get(key)
        if found is None:
            matrix, _ = self._fit()
            found = (matrix[offset:offset + n] @ matrix[row + offset].T).toarray().ravel()
            if len(self._sims) >= _KEEP_ROWS:
                self._sims.pop(next(iter(self._sims)))
            self._sims[key] = found
        return found

    def _similarity(self, a: Instance, b: Instance, offset: int) -> float:
        """Cosine of the two reports' TF-IDF vectors (rows are L2-normalised: a dot product)."""
        matrix, _ = self._fit()
        if matrix is None:
            return 0.0
        return float(self._similarities(self._row[a.ref], offset)[self._row[b.ref]])

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

    def link(self, a: Instance, b: Instance, explain: bool = False, checked: bool = False) -> Link:
        """``checked``: the caller has already found a and b compatible. ``explain`` adds the
        similarities and shared terms for display; it never changes the decision or the score."""
        w = weights()
        gap = time_gap(a, b)
        if not checked and not compatible(a, b):
            return Link(False, "conflict", time_gap=gap)
        if a.doc_id == b.doc_id:
            return Link(True, "same document", 1.0, time_gap=gap)
        shared = self.shared_terms(a, b, w.explain_terms) if explain else ()
        if dates_agree(a, b):
            return Link(True, "dates agree", 1.0, time_gap=gap, shared=shared)
        if gap is not None and w.time_close >= w.threshold:
            # Times known and (being compatible) close: enough on their own, whatever the
            # wording, so the wording is read only to show it.
            sent, ctx = (self._similarity(a, b, 0), self._similarity(a, b, len(self._instances))) if explain else (0.0, 0.0)
            return Link(True, "times close", w.time_close, sent, ctx, gap, shared)
        sent = self._similarity(a, b, 0)
        ctx = self._similarity(a, b, len(self._instances))
        score = w.sentence_weight * sent + w.context_weight * ctx + (w.time_close if gap is not None else 0.0)
        joined = score >= w.threshold
        return Link(joined, "evidence" if joined else "too little evidence", score, sent, ctx, gap, shared)
