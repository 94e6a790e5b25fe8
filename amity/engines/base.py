"""The engine interface: how the pipeline's work is spread over cores or machines.

An engine takes the user's inputs and yields, for every input item, a Coded document, a Skipped
document or a Rejection. The caller (amity.ingest) is the single writer: engines never write to
DuckDB themselves.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from amity.models import Coded, Rejection
from amity.pipeline import PipelineOptions, Skipped


@dataclass(frozen=True)
class EngineOptions:
    workers: int = 1
    address: str | None = None  # Ray cluster address; None starts a local one
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)


class Engine(Protocol):
    skipped_shards: list[str]  # finished shards (recorded by an earlier run) that run() passed over

    def run(self, inputs: Sequence[str], known_ids: frozenset[str],
            done_shards: frozenset[str] | None = None) -> Iterator[Coded | Rejection | Skipped]:
        """Every result in a deterministic order; with ``done_shards``, those shards are skipped
        and a ShardDone marker follows each finished shard's results."""
        ...

    def map_calls(self, fn, calls: list[tuple]) -> list:
        """``fn(*args)`` for each args tuple on the engine's workers, results in order (the
        dataset mode's merge step runs this way)."""
        ...
