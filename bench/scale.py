"""Throughput of the engines, where the serial part is, and memory while streaming a big WARC.

    .venv/bin/python bench/scale.py                       # 5,000 records: long on a laptop
    .venv/bin/python bench/scale.py --records 300 --big-mb 1024 --out bench/results/scale.json

Builds a WARC.gz from the Zyte benchmark pages (../shared/data/zyte-article-extraction, or
$AMITY_SHARED), repeated to N records; every copy gets a distinct first paragraph so that each is a
new document (nothing is skipped as a duplicate). Then:

1. reading alone: planning the shards (offset scan) and reading every record (docs/s);
2. local, 1 worker, end to end through ``amity.ingest.ingest``, with time split between the engine
   (reading + pipeline) and the single writer (DuckDB inserts + merging); the writer's share is
   measured again on its own by replaying the results, with and without merging;
3. local 2 workers, and Ray with 1 and 2 CPUs (a private local Ray; its start-up timed apart);
4. peak RSS: of the largest local worker process, and of a process streaming a ``--big-mb`` WARC
   (made by repetition) through the reader and the shard planner.

Prints a Markdown table and writes JSON (``--out``). Times are wall-clock on this machine: close
other work first; the figures in docs/scale.md say what machine they came from.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


# -- the corpus ------------------------------------------------------------------------------
def zyte_pages(shared: Path) -> list[tuple[str, bytes]]:
    root = shared / "data" / "zyte-article-extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        pages.append((truth.get(key, {}).get("url") or f"https://example.org/{key}",
                      gzip.decompress(path.read_bytes())))
    return pages


def warc_record(uri: str, body: bytes, n: int) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-06-11T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{n:032x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def distinct(body: bytes, copy: int) -> bytes:
    """The page with its first paragraph marked as copy N (a new document id, same work)."""
    return body.replace(b"</p>", f" (copy {copy})</p>".encode(), 1) if copy else body


def build_warc(pages: list[tuple[str, bytes]], records: int, path: Path, unique: bool = True) -> Path:
    with open(path, "wb") as out:
        for n in range(records):
            uri, body = pages[n % len(pages)]
            copy = n // len(pages)
            out.write(gzip.compress(warc_record(f"{uri}?copy={copy}", distinct(body, copy) if unique else body, n),
                                    compresslevel=1))
    return path


def build_big_warc(pages, megabytes: int, path: Path) -> tuple[Path, int]:
    """A WARC.gz of about ``megabytes`` MB by repetition (pages compressed once, reused)."""
    members = [gzip.compress(warc_record(uri, body, i), compresslevel=1) for i, (uri, body) in enumerate(pages)]
    written = count = 0
    with open(path, "wb") as out:
        while written < megabytes * 1024 * 1024:
            member = members[count % len(members)]
            out.write(member)
            written += len(member)
            count += 1
    return path, count


# -- measuring -------------------------------------------------------------------------------
def timed_reading(warc: Path) -> dict:
    from amity.engines.shards import plan_shards
    from amity.sources.warc import read_warc_range

    t0 = time.perf_counter()
    shards = list(plan_shards([str(warc)]))
    t1 = time.perf_counter()
    n = sum(1 for _ in read_warc_range(str(warc)))
    t2 = time.perf_counter()
    return {"shards": len(shards), "plan_s": round(t1 - t0, 3), "read_s": round(t2 - t1, 3),
            "records": n, "read_docs_per_s": round(n / (t2 - t1), 1)}


class TimingEngine:
    """Wraps an engine: time spent producing items (engine) vs consuming them (the writer)."""

    def __init__(self, engine):
        self.engine, self.engine_s, self.items = engine, 0.0, []

    @property
    def skipped_shards(self):
        return self.engine.skipped_shards

    def run(self, inputs, known_ids, done_shards=None):
        it = iter(self.engine.run(inputs, known_ids, done_shards))
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                self.engine_s += time.perf_counter() - t
                return
            self.engine_s += time.perf_counter() - t
            self.items.append(item)
            yield item


class ReplayEngine:
    def __init__(self, items):
        self.items = items
        self.skipped_shards: list[str] = []

    def run(self, inputs, known_ids, done_shards=None):
        yield from self.items


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have exited (pool workers)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def load_average() -> float:
    return round(os.getloadavg()[0], 1)


def ingest_with(engine_factory, warc: Path, db: Path, merge: bool = True, **options):
    import amity.ingest as ingest_mod
    from amity.ingest import IngestOptions, ingest

    real = ingest_mod.get_engine
    holder = {}

    def factory(name, engine_options):
        holder["engine"] = engine_factory(real(name, engine_options))
        return holder["engine"]

    ingest_mod.get_engine = factory
    try:
        t = time.perf_counter()
        report = ingest([str(warc)], str(db), IngestOptions(merge=merge, **options))
        return report, time.perf_counter() - t, holder["engine"]
    finally:
        ingest_mod.get_engine = real


def run_local1(warc: Path, tmp: Path) -> dict:
    from amity.engines.local import _serial_runner
    from amity.engines.shards import read_options_for
    from amity.pipeline import PipelineOptions

    t = time.perf_counter()
    _serial_runner(PipelineOptions(), read_options_for(PipelineOptions())).warm()
    load_s = time.perf_counter() - t
    cpu, load = cpu_seconds(), load_average()
    report, total, engine = ingest_with(TimingEngine, warc, tmp / "local1.duckdb")
    cpu = cpu_seconds() - cpu
    _, write_only, _ = ingest_with(lambda _e: ReplayEngine(engine.items), warc, tmp / "replay.duckdb", merge=False)
    _, write_merge, _ = ingest_with(lambda _e: ReplayEngine(engine.items), warc, tmp / "replay2.duckdb")
    return {"config": "local, 1 worker", "seconds": round(total, 2), "docs": report.new,
            "docs_per_s": round(report.new / total, 2), "model_load_s": round(load_s, 2),
            "engine_s": round(engine.engine_s, 2), "writer_s": round(total - engine.engine_s, 2),
            "write_only_s": round(write_only, 2), "write_and_merge_s": round(write_merge, 2),
            "events": report.events, "records": len([i for i in engine.items]), "cpu_s": round(cpu, 1),
            "load_before": load}


class WorkerMemory:
    """Samples the resident memory of this process's children (the pool workers) twice a second."""

    def __init__(self):
        import threading

        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import multiprocessing

        while not self._stop.wait(0.5):
            for child in multiprocessing.active_children():
                try:
                    status = Path(f"/proc/{child.pid}/status").read_text()
                except OSError:
                    continue
                kb = int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0
                self.peak[child.pid] = max(self.peak.get(child.pid, 0), kb // 1024)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)


def run_local2(warc: Path, tmp: Path) -> dict:
    cpu, load = cpu_seconds(), load_average()
    with WorkerMemory() as memory:
        report, total, _ = ingest_with(lambda e: e, warc, tmp / "local2.duckdb", workers=2)
    cpu = cpu_seconds() - cpu
    worker_rss = max(memory.peak.values(), default=0)
    return {"config": "local, 2 workers", "seconds": round(total, 2), "docs": report.new,
            "docs_per_s": round(report.new / total, 2), "peak_worker_rss_mb": round(worker_rss),
            "events": report.events, "cpu_s": round(cpu, 1), "load_before": load}


def run_ray(warc: Path, tmp: Path, cpus: int) -> dict:
    import ray

    from amity.engines.ray_engine import loopback_only, start_local

    load = load_average()
    with loopback_only():
        t = time.perf_counter()
        start_local(cpus)
        ray.get(ray.remote(lambda: 1).remote())
        startup = time.perf_counter() - t
        try:
            report, total, _ = ingest_with(lambda e: e, warc, tmp / f"ray{cpus}.duckdb", engine="ray", workers=cpus)
        finally:
            ray.shutdown()
    return {"config": f"ray, {cpus} CPU", "seconds": round(total, 2), "docs": report.new,
            "docs_per_s": round(report.new / total, 2), "ray_startup_s": round(startup, 2),
            "events": report.events, "load_before": load}


STREAM_PROBE = """
import re, sys, time
def hwm():  # peak resident memory of this process (MB); fresh after exec, unlike ru_maxrss
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
sys.path.insert(0, {repo!r})
from amity.sources.warc import read_warc_range
from amity.engines.shards import plan_shards
base = hwm()
t = time.perf_counter(); shards = sum(1 for _ in plan_shards([{path!r}])); plan = time.perf_counter() - t
t = time.perf_counter(); n = sum(1 for _ in read_warc_range({path!r})); read = time.perf_counter() - t
print(n, shards, round(plan, 2), round(read, 2), hwm(), base)
"""


def stream_big(pages, megabytes: int, tmp: Path) -> dict:
    path, records = build_big_warc(pages, megabytes, tmp / "big.warc.gz")
    code = STREAM_PROBE.format(repo=str(REPO), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800, check=True)
    n, shards, plan, read, rss, base = out.stdout.split()
    size = path.stat().st_size
    path.unlink()
    return {"warc_mb": round(size / 2**20), "records": int(n), "shards": int(shards), "plan_s": float(plan),
            "read_s": float(read), "read_mb_per_s": round(size / 2**20 / float(read), 1),
            "peak_rss_mb": int(rss), "rss_after_imports_mb": int(base)}


# -- main ------------------------------------------------------------------------------------
def table(rows: list[dict]) -> str:
    lines = ["| config | docs | seconds | docs/s | notes |", "|---|---:|---:|---:|---|"]
    for r in rows:
        notes = ", ".join(f"{k} {v}" for k, v in r.items() if k not in ("config", "docs", "seconds", "docs_per_s"))
        lines.append(f"| {r['config']} | {r['docs']} | {r['seconds']} | {r['docs_per_s']} | {notes} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=5000, help="WARC records (default 5000)")
    parser.add_argument("--configs", default="local1,local2,ray1,ray2", help="which runs, comma-separated")
    parser.add_argument("--big-mb", type=int, default=1024, help="size of the streamed WARC (0: skip)")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("AMITY_SHARED", REPO.parent / "shared"))
    if not (shared / "data" / "zyte-article-extraction").is_dir():
        print(f"the Zyte pages are not at {shared}/data/zyte-article-extraction (set AMITY_SHARED)", file=sys.stderr)
        return 2
    pages = zyte_pages(shared)
    results: dict = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
                     "records": args.records, "runs": []}
    with tempfile.TemporaryDirectory(prefix="amity-bench-") as tmp_name:
        tmp = Path(tmp_name)
        warc = build_warc(pages, args.records, tmp / "bench.warc.gz")
        results["warc_mb"] = round(warc.stat().st_size / 2**20, 1)
        results["reading"] = timed_reading(warc)
        runners = {"local1": lambda: run_local1(warc, tmp), "local2": lambda: run_local2(warc, tmp),
                   "ray1": lambda: run_ray(warc, tmp, 1), "ray2": lambda: run_ray(warc, tmp, 2)}
        for name in args.configs.split(","):
            results["runs"].append(runners[name.strip()]())
            print(json.dumps(results["runs"][-1]), file=sys.stderr, flush=True)
        if args.big_mb:
            results["streaming"] = stream_big(pages, args.big_mb, tmp)
    print(table(results["runs"]))
    print(json.dumps({k: v for k, v in results.items() if k != "runs"}, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
