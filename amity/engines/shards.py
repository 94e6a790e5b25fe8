"""Cutting the inputs into shards, and running the pipeline on one shard.

A shard is the unit of work every engine hands to a worker: one input file or URL, or a range of
records of a WARC file. Shards are planned in input order (folders walked in the same sorted
order the reader uses) and engines yield their results in shard order, so every engine, with any
number of workers, produces the same stream as a serial run: the single writer then stores the
same rows.

The shard planner runs in the driver and is the serial part of reading: walking folders and one
fast pass over each WARC file to find record offsets (no HTML is parsed there).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from amity.engines.base import EngineOptions
from amity.models import Article, Coded, Rejection
from amity.pipeline import Pipeline, PipelineOptions, Skipped
from amity.sources.fetch import FetchOptions, NetReadOptions
from amity.sources.registry import ReadOptions
from amity.sources.urls import is_url
from amity.sources.warc import WarcOptions, is_warc, iter_ranges

STDIN = "-"
RECORDS_PER_SHARD = 25
MAX_ATTEMPTS = 3  # a shard whose worker fails this many times becomes a Rejection

Result = Coded | Rejection | Skipped


@dataclass(frozen=True)
class EngineReadOptions(NetReadOptions):
    """What readers get inside engines: file limits, the fetcher's settings and the WARC cap."""

    warc: WarcOptions = field(default_factory=WarcOptions)


@dataclass(frozen=True)
class Shard:
    index: int
    source: str  # an input string: file path, URL, ...
    start: int = 0  # WARC ranges: first record offset ...
    end: int | None = None  # ... and the offset where the next range starts (None: end of file)
    ranged: bool = False
    items: tuple[Article | Rejection, ...] | None = None  # already read in the driver (stdin)

    @property
    def key(self) -> str | None:
        """A stable name for a finished-shard table: the file, its size and mtime, the range.
        None for what can change without the file changing (URLs, stdin): never skipped."""
        if self.items is not None or is_url(self.source):
            return None
        try:
            st = os.stat(self.source)
        except OSError:
            return None
        span = f"#{self.start}-{'' if self.end is None else self.end}" if self.ranged else ""
        return f"{os.path.abspath(self.source)}{span}@{st.st_size}:{st.st_mtime_ns}"

    @property
    def origin(self) -> str:
        """How the shard is named in ingest_errors when it fails as a whole."""
        if not self.ranged:
            return self.source
        return f"{self.source}#{self.start}-{'' if self.end is None else self.end}"


def _or(value, default):
    return default if value is None else value


def read_options_for(options: PipelineOptions) -> EngineReadOptions:
    """The readers' options from ``PipelineOptions.read`` (set by the CLI)."""
    read = options.read
    fetch = FetchOptions(
        allow_private_hosts=read.allow_private_hosts,
        delay=float(_or(read.fetch_delay, FetchOptions.delay)),
        timeout=float(_or(read.fetch_timeout, FetchOptions.timeout)),
    )
    warc = WarcOptions(max_record_bytes=int(_or(read.max_record_bytes, WarcOptions.max_record_bytes)))
    return EngineReadOptions(fetch=fetch, warc=warc)


def records_per_shard(options: PipelineOptions) -> int:
    return max(1, int(_or(options.read.records_per_shard, RECORDS_PER_SHARD)))


# -- planning --------------------------------------------------------------------------------
def _expand(source: str, options: ReadOptions) -> Iterator[str]:
    """An input string, or the files of a folder in the reader's order."""
    path = Path(source)
    if source != STDIN and path.is_dir():
        from amity.sources.files import walk_files

        for file in walk_files(path, options):
            yield str(file)
    else:
        yield source


def plan_shards(inputs: Sequence[str], options: ReadOptions | None = None,
                records_per_shard: int = RECORDS_PER_SHARD) -> Iterator[Shard]:
    """Shards in input order, planned lazily (a big WARC is scanned while workers start)."""
    from amity.sources import iter_articles

    options = options or ReadOptions()
    index = 0
    for source in inputs:
        for item in _expand(source, options):
            if item == STDIN:
                yield Shard(index, item, items=tuple(iter_articles([STDIN], options)))
                index += 1
            elif is_warc(item) and os.path.isfile(item):
                for start, end in iter_ranges(item, records_per_shard):
                    yield Shard(index, item, start, end, ranged=True)
                    index += 1
            else:
                yield Shard(index, item)
                index += 1


# -- running ---------------------------------------------------------------------------------
def read_shard(shard: Shard, options: ReadOptions) -> Iterable[Article | Rejection]:
    if shard.items is not None:
        return shard.items
    if shard.ranged:
        from amity.sources.warc import read_warc_range

        return read_warc_range(shard.source, shard.start, shard.end, options)
    from amity.sources import iter_articles

    return iter_articles([shard.source], options)


class ShardRunner:
    """The pipeline of one worker: built once (spaCy loads on first use), reused for every shard."""

    def __init__(self, pipeline_options: PipelineOptions, read_options: ReadOptions,
                 known_ids: frozenset[str] = frozenset()):
        self.pipeline = Pipeline(pipeline_options)
        self.read_options = read_options
        self.known = known_ids

    def warm(self) -> None:
        """Load the heavy models now (worker start), not inside the first shard: one short
        article through every stage. Its result is thrown away; nothing is stored."""
        sample = Article(origin="<warm-up>", kind="text",
                         content="The defence ministers of France and India met in Paris on Monday.")
        try:
            for _ in self.pipeline.process([sample]):
                pass
        except Exception:  # a stage that cannot load fails again, visibly, on the first shard
            pass

    def run(self, shard: Shard) -> list[Result]:
        items = read_shard(shard, self.read_options)
        return list(self.pipeline.process(items, known=self.known.__contains__))


@dataclass(frozen=True)
class ShardDone:
    """Yielded after a shard's results when the caller asked for markers (``done_shards``):
    the writer stores ``key`` in the same transaction as the shard's last documents."""

    key: str


RETRYABLE_STAGES = ("fetch", "engine")  # a shard with these failures is not finished


def finished(shard: Shard, results: Sequence) -> Iterator[ShardDone]:
    """The marker for a shard whose results are final (nothing a rerun could do better)."""
    if shard.key and not any(isinstance(r, Rejection) and r.stage in RETRYABLE_STAGES for r in results):
        yield ShardDone(shard.key)


def pending(shards: Iterable[Shard], done: frozenset[str] | None,
            skipped: list[str] | None = None) -> Iterator[Shard]:
    """The shards not recorded as finished by an earlier run; the keys passed over are appended
    to ``skipped`` so the caller can say how much a rerun did not redo."""
    for shard in shards:
        if done and shard.key is not None and shard.key in done:
            if skipped is not None:
                skipped.append(shard.key)
            continue
        yield shard


def failed(shard: Shard, attempts: int, reason: str) -> Rejection:
    return Rejection(shard.origin, "engine", f"shard failed after {attempts} attempt(s): {reason}")


class ShardEngine:
    """What every shard-based engine shares: its options, the readers' options derived from them,
    and the keys of finished shards (recorded by an earlier run) that a run passed over."""

    def __init__(self, options: EngineOptions | None = None):
        self.options = options or EngineOptions()
        self.read_options = read_options_for(self.options.pipeline)
        self.skipped_shards: list[str] = []

    def map_calls(self, fn, calls: list[tuple]) -> list:
        """``fn(*args)`` for every args tuple, results in order: in this process (the default), or
        spread over the engine's workers (an engine that has them says so by overriding this).
        ``fn`` must be a module-level function (it is sent to other processes by name)."""
        return [fn(*args) for args in calls]
