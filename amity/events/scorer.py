"""A calibrated probability for each event candidate, from a logistic model over named features.

The weights are a readable JSON file (``amity/data/event_scorer.json``), written by
``amity train-scorer`` (``amity.events.train``): one weight per feature name, an intercept, the
default threshold chosen on the development sets, and the cross-validated figures the model was
chosen with. Scoring is a dot product and a logistic function: deterministic, CPU-only, cheap.

The probability is that the candidate's (article, actor pair, type) is an event an analyst
codes, which is how the gold sets are scored (``amity eval``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from amity.errors import InputError
from amity.events.datafile import read_text

BUNDLED = "event_scorer.json"
FORMAT = "amity-event-scorer/1"


@dataclass(frozen=True)
class Scorer:
    """Weights of a logistic model, one per named feature."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    origin: str = ""
    info: dict[str, Any] | None = None

    def logit(self, features: dict[str, float]) -> float:
        return self.bias + sum(w * features.get(name, 0.0) for name, w in zip(self.features, self.weights))

    def probability(self, features: dict[str, float]) -> float:
        z = self.logit(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def contributions(self, features: dict[str, float], top: int = 5) -> list[tuple[str, float]]:
        """The features that moved this score most, strongest first (to see why a pair and type was kept)."""
        parts = [(name, w * features.get(name, 0.0)) for name, w in zip(self.features, self.weights)]
        return sorted((p for p in parts if p[1]), key=lambda p: -abs(p[1]))[:top]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "threshold": round(self.threshold, 4),
            "bias": round(self.bias, 6),
            "weights": {name: round(w, 6) for name, w in zip(self.features, self.weights)},
            **(self.info or {}),
        }


def from_json(data: dict[str, Any], origin: str = "") -> Scorer:
    """A Scorer from the weights file's JSON; a clear InputError when it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{origin or 'scorer file'} is not an amity scorer (format {FORMAT!r})",
                         hint="Write one with `amity train-scorer`.")
    weights = data.get("weights")
    if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
        raise InputError(f"{origin}: 'weights' must map feature names to numbers")
    try:
        bias, threshold = float(data["bias"]), float(data["threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{origin}: 'bias' and 'threshold' must be numbers") from exc
    info = {k: v for k, v in data.items() if k not in ("format", "weights", "bias", "threshold")}
    return Scorer(tuple(weights), tuple(float(v) for v in weights.values()), bias, threshold, origin, info)


@lru_cache(maxsize=8)
def load(path: str | None = None) -> Scorer:
    """The bundled scorer, or a user's weights file written by ``amity train-scorer``."""
    text, origin = read_text(BUNDLED, path, hint="Run `amity train-scorer` to write it.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin} is not valid JSON (line {exc.lineno})") from exc
    return from_json(data, origin)
