"""The Ray engine: shards run as Ray tasks on a running cluster, or on a local one started for the run.

* ``EngineOptions.address`` (``--address``): join that cluster (``auto``, ``HOST:6379``, or
  ``ray://HOST:10001``). Every node needs amity installed and the input paths readable at the
  same path (a shared file system), or URLs as inputs.
* no address: start a private local Ray for the run (``num_cpus=workers``, no dashboard, bound to
  127.0.0.1), shut down at the end.

Each task runs one shard (``amity.engines.shards``). Ray reuses worker processes, so the pipeline
(spaCy) is built once per worker process and cached. The driver keeps at most ``2 x CPUs`` tasks
in flight and yields their results in shard order: the single writer (``amity.ingest``) stores
the same rows as with the local engine. A task that raises, or whose worker dies (SIGKILL, out of
memory, node lost), is retried by Ray up to ``MAX_ATTEMPTS - 1`` times, then the shard becomes one
Rejection (stage ``engine``) and the run goes on.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import ray

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

_RUNNERS: dict[str, ShardRunner] = {}  # per Ray worker process, by run key


def _runner(key: str, pipeline_options, read_options, known_ref: list) -> ShardRunner:
    if key not in _RUNNERS:
        _RUNNERS.clear()  # a new run: drop the previous run's pipeline and known ids
        runner = ShardRunner(pipeline_options, read_options, ray.get(known_ref[0]))
        runner.warm()
        _RUNNERS[key] = runner
    return _RUNNERS[key]


@ray.remote(max_retries=MAX_ATTEMPTS - 1, retry_exceptions=True)
def run_shard(key: str, shard: Shard, pipeline_options, read_options, known_ref: list) -> list[Result]:
    """One shard on a Ray worker. ``known_ref`` is wrapped in a list so that Ray hands over the
    reference, not the set: the set is fetched once per worker, not once per task."""
    return _runner(key, pipeline_options, read_options, known_ref).run(shard)


_LOOPBACK_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"  # "0": Ray keeps 127.0.0.1 as the node address


@contextmanager
def loopback_only() -> Iterator[None]:
    """While a private local Ray runs: its processes bind 127.0.0.1, not the machine's address.

    Ray replaces a loopback node address by a routable one unless clustering is off; the flag is
    read by Ray's services at call time and by its child processes from the environment.
    """
    from ray._private import ray_constants

    old_env, old_flag = os.environ.get(_LOOPBACK_ENV), ray_constants.ENABLE_RAY_CLUSTER
    os.environ[_LOOPBACK_ENV] = "0"
    ray_constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = old_flag
        if old_env is None:
            os.environ.pop(_LOOPBACK_ENV, None)
        else:
            os.environ[_LOOPBACK_ENV] = old_env


def start_local(cpus: int) -> None:
    """A private Ray instance for this run: ``cpus`` CPUs, loopback only, no dashboard."""
    ray.init(num_cpus=cpus, include_dashboard=False, _node_ip_address="127.0.0.1",
             log_to_driver=False, configure_logging=False)


def join(address: str) -> None:
    ray.init(address=address, log_to_driver=False, configure_logging=False)


@ray.remote(max_retries=MAX_ATTEMPTS - 1, retry_exceptions=True)
def _call(fn, args: tuple):
    return fn(*args)


class RayEngine(ShardEngine):
    @contextmanager
    def _cluster(self) -> Iterator[None]:
        """Ray up for the duration: the caller's, the cluster at --address, or a private one."""
        if ray.is_initialized():  # the caller manages Ray (tests, notebooks)
            yield
        elif self.options.address:
            join(self.options.address)
            try:
                yield
            finally:
                ray.shutdown()
        else:
            with loopback_only():
                start_local(self.options.workers)
                try:
                    yield
                finally:
                    ray.shutdown()

    def run(self, inputs: Sequence[str], known_ids: frozenset[str],
            done_shards: frozenset[str] | None = None) -> Iterator[Result | ShardDone]:
        """Results in shard order; ``done_shards`` as for the local engine."""
        with self._cluster():
            yield from self._run(inputs, known_ids, done_shards)

    def map_calls(self, fn, calls: list[tuple]) -> list:
        """Every call as a Ray task (retried like shards), results in order."""
        if not calls:
            return []
        with self._cluster():
            return ray.get([_call.remote(fn, args) for args in calls])

    def _in_flight(self) -> int:
        cpus = int(ray.cluster_resources().get("CPU", self.options.workers))
        return 2 * max(1, cpus if self.options.address else self.options.workers)

    def _run(self, inputs: Sequence[str], known_ids: frozenset[str],
             done_shards: frozenset[str] | None) -> Iterator[Result | ShardDone]:
        key = f"{os.getpid()}-{id(self)}-{os.urandom(4).hex()}"
        known_ref = [ray.put(known_ids)]
        args = (self.options.pipeline, self.read_options, known_ref)
        limit = self._in_flight()
        window: deque[tuple[Shard, ray.ObjectRef]] = deque()
        shards = pending(plan_shards(inputs, self.read_options, records_per_shard(self.options.pipeline)),
                         done_shards, self.skipped_shards)
        for shard in shards:
            window.append((shard, run_shard.remote(key, shard, *args)))
            if len(window) >= limit:
                yield from _results(*window.popleft(), done_shards is not None)
        while window:
            yield from _results(*window.popleft(), done_shards is not None)


def _results(shard: Shard, ref: ray.ObjectRef, markers: bool) -> Iterator[Result | ShardDone]:
    items = _take(shard, ref)
    yield from items
    if markers:
        yield from finished(shard, items)


def _take(shard: Shard, ref: ray.ObjectRef) -> list[Result]:
    try:
        return ray.get(ref)
    except (ray.exceptions.RayError, OSError) as exc:
        reason = str(exc).strip().splitlines()[-1][:300] if str(exc).strip() else type(exc).__name__
        return [failed(shard, MAX_ATTEMPTS, f"{type(exc).__name__}: {reason}")]
