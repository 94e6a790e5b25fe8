"""The local engine: the pipeline in this process (``workers=1``) or in worker processes.

With ``workers=N > 1`` a pool of N processes (spawned, so nothing of the parent's threads or
database handles is inherited) each builds one pipeline in its initializer (spaCy loaded once per
worker) and runs shards (``amity.engines.shards``). At most ``2 N`` shards are in flight; their
results are yielded in shard order, so the output equals a serial run's.

A shard whose worker raises is retried; a worker that dies (killed, out of memory) breaks the
pool, which is rebuilt and the shards that were in flight are retried. After ``MAX_ATTEMPTS`` a
shard becomes one Rejection (stage ``engine``) and the run goes on.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from amity.engines.shards import (
    MAX_ATTEMPTS,
    Result,
    Shard,
    ShardDone,
    ShardEngine,
    ShardRunner,
    failed,
    finished,
    pending,
    plan_shards,
    records_per_shard,
)

_RUNNER: ShardRunner | None = None  # one per worker process


def _init_worker(pipeline_options, read_options, known_ids) -> None:
    global _RUNNER
    _RUNNER = ShardRunner(pipeline_options, read_options, known_ids)
    _RUNNER.warm()


def _run_in_worker(shard: Shard) -> list[Result]:
    assert _RUNNER is not None, "worker not initialised"
    return _RUNNER.run(shard)


class LocalEngine(ShardEngine):
    def run(self, inputs: Sequence[str], known_ids: frozenset[str],
            done_shards: frozenset[str] | None = None) -> Iterator[Result | ShardDone]:
        """Results in shard order. With ``done_shards`` (keys a writer recorded), those shards are
        skipped and a ShardDone marker follows each finished shard's results."""
        shards = pending(plan_shards(inputs, self.read_options, records_per_shard(self.options.pipeline)),
                         done_shards, self.skipped_shards)
        if self.options.workers <= 1:
            results = self._serial(shards, known_ids)
        else:
            results = _Pool(self.options.workers, self.options.pipeline, self.read_options,
                            known_ids).run(shards)
        for shard, items in results:
            yield from items
            if done_shards is not None:
                yield from finished(shard, items)

    def map_calls(self, fn, calls: list[tuple]) -> list:
        if self.options.workers <= 1 or len(calls) <= 1:
            return super().map_calls(fn, calls)
        with ProcessPoolExecutor(max_workers=self.options.workers,
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            return [f.result() for f in [pool.submit(fn, *args) for args in calls]]

    def _serial(self, shards: Iterator[Shard], known_ids: frozenset[str]) -> Iterator[tuple[Shard, list]]:
        runner = _serial_runner(self.options.pipeline, self.read_options)
        runner.known = known_ids
        for shard in shards:
            try:
                results = runner.run(shard)
            except Exception as exc:  # a reader or stage bug must not stop the run
                results = [failed(shard, 1, f"{type(exc).__name__}: {exc}")]
            yield shard, results


_SERIAL: dict[str, ShardRunner] = {}


def _serial_runner(pipeline_options, read_options) -> ShardRunner:
    """This process's runner for these options, kept between runs (``amity watch`` polls)."""
    key = repr((pipeline_options, read_options))
    if key not in _SERIAL:
        _SERIAL.clear()
        _SERIAL[key] = ShardRunner(pipeline_options, read_options)
    return _SERIAL[key]


class _Pool:
    """Ordered, bounded, retrying execution of shards on worker processes."""

    def __init__(self, workers: int, pipeline_options, read_options, known_ids):
        self.workers = workers
        self.initargs = (pipeline_options, read_options, known_ids)
        self.executor: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        self.executor = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker, initargs=self.initargs)
        return self.executor

    def _shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def run(self, shards: Iterator[Shard]) -> Iterator[tuple[Shard, list]]:
        window: deque[list] = deque()  # [shard, future, attempts], in shard order
        pending = iter(shards)
        self._start()
        try:
            while True:
                while len(window) < 2 * self.workers:
                    shard = next(pending, None)
                    if shard is None:
                        break
                    window.append([shard, self._submit(shard), 1])
                if not window:
                    return
                yield from self._take_head(window)
        finally:
            self._shutdown()

    def _submit(self, shard: Shard) -> Future:
        try:
            return self.executor.submit(_run_in_worker, shard)
        except BrokenProcessPool:
            self._restart()
            return self.executor.submit(_run_in_worker, shard)

    def _restart(self) -> None:
        try:
            self._shutdown()
        except BrokenProcessPool:
            self.executor = None
        self._start()

    def _take_head(self, window: deque) -> Iterator[tuple[Shard, list]]:
        shard, future, attempts = window[0]
        try:
            results = future.result()
        except BrokenProcessPool as exc:  # a worker died: every shard in flight is lost
            self._retry_all(window, f"worker process died ({exc})")
            return  # the head is resubmitted (or holds its Rejection): taken on the next call
        except Exception as exc:  # the shard itself raised in the worker
            if attempts < MAX_ATTEMPTS:
                window[0] = [shard, self._submit(shard), attempts + 1]
                return
            results = [failed(shard, attempts, f"{type(exc).__name__}: {exc}")]
        window.popleft()
        yield shard, results

    def _retry_all(self, window: deque, reason: str) -> None:
        self._restart()
        for entry in list(window):
            shard, _, attempts = entry
            if attempts >= MAX_ATTEMPTS:
                entry[1] = _done([failed(shard, attempts, reason)])
            else:
                entry[1] = self._submit(shard)
                entry[2] = attempts + 1


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future
