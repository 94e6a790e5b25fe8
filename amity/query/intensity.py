"""The intensity score per PLOVER type and mode (amity/data/intensity.tsv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from amity.errors import DictionaryError


@dataclass(frozen=True)
class Intensity:
    score: float  # -10 .. +10, cooperation positive
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


def _rows() -> list[dict[str, str]]:
    text = resources.files("amity.data").joinpath("intensity.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], Intensity]:
    """(type, mode or "*") -> Intensity. Raises DictionaryError when the file is malformed."""
    result: dict[tuple[str, str], Intensity] = {}
    for n, row in enumerate(_rows(), start=2):
        try:
            score, quad = float(row["intensity"]), int(row["quad_class"])
            key = (row["type"].strip().upper(), row["mode"].strip() or "*")
        except (KeyError, TypeError, ValueError) as exc:
            raise DictionaryError(f"intensity.tsv line {n}: {exc}") from exc
        if not -10.0 <= score <= 10.0 or quad not in (1, 2, 3, 4):
            raise DictionaryError(f"intensity.tsv line {n}: score or quad_class out of range")
        result[key] = Intensity(score, quad)
    return result


def intensity(etype: str, mode: str | None = None) -> Intensity | None:
    """The score of a type in a mode, else the type's default; None for an unknown type."""
    scores = table()
    if mode and (etype, mode) in scores:
        return scores[(etype, mode)]
    return scores.get((etype, "*"))
