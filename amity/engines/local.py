"""The local engine: the pipeline in this process."""

from __future__ import annotations

from typing import Iterator, Sequence

from amity.engines.base import EngineOptions
from amity.models import Coded, Rejection
from amity.pipeline import Pipeline, Skipped


class LocalEngine:
    def __init__(self, options: EngineOptions | None = None):
        self.options = options or EngineOptions()

    def run(self, inputs: Sequence[str], known_ids: frozenset[str]) -> Iterator[Coded | Rejection | Skipped]:
        from amity.sources import iter_articles

        pipeline = Pipeline(self.options.pipeline)
        yield from pipeline.process(iter_articles(inputs), known=known_ids.__contains__)
