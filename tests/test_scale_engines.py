"""Engines: the same database whichever engine runs (local 1 worker, local 2 workers, a real Ray
cluster joined by --address), shard planning, and a worker killed mid-run."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from scale_support import warc_record, write_warc, zyte_warc

from amity.engines.base import EngineOptions
from amity.engines.local import LocalEngine
from amity.engines.shards import plan_shards
from amity.models import Coded, Rejection
from amity.pipeline import PipelineOptions, ReaderOptions

AMITY = [str(Path(sys.executable).with_name("amity"))]
RAY = str(Path(sys.executable).with_name("ray"))
TIMEOUT = 600


def corpus(repo: Path, shared: Path | None, out: Path) -> Path:
    """Text articles (tests/data, examples/articles/), JSONL, and a WARC of real news pages when available."""
    out.mkdir()
    for folder in (repo / "tests/data/events/articles", repo / "examples" / "articles"):
        if folder.is_dir():
            shutil.copytree(folder, out / folder.name, dirs_exist_ok=True)
    merge = repo / "tests/data/merge/articles.jsonl"
    if merge.is_file():
        shutil.copy(merge, out / "merge.jsonl")
    if shared is not None and (shared / "data/zyte-article-extraction").is_dir():
        zyte_warc(shared, out / "zyte.warc.gz", limit=12)
    return out


def dump(db: Path) -> str:
    """Everything an engine could change, sorted: documents, mentions, events (amity events)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        parts = []
        for table, columns in (("documents", "* EXCLUDE (ingested_at)"), ("mentions", "*"),
                               ("event_mentions", "*"), ("ingest_errors", "origin, stage, reason")):
            rows = con.execute(f"SELECT {columns} FROM {table}").fetchall()
            parts.extend(f"{table}\t{row!r}" for row in rows)
    finally:
        con.close()
    return "\n".join(sorted(parts))


def events_jsonl(db: Path, env: dict) -> str:
    out = subprocess.run(AMITY + ["--db", str(db), "events", "--json", "--limit", "0"],
                         capture_output=True, text=True, timeout=TIMEOUT, env=env)
    if out.returncode != 0:  # the events command is not installed in this build
        return ""
    return "\n".join(sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.stdout.splitlines()))


def ingest(db: Path, inputs: list[str], env: dict, *extra: str) -> subprocess.CompletedProcess:
    out = subprocess.run(AMITY + ["--db", str(db), "ingest", *inputs, "--json", *extra],
                         capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert out.returncode in (0, 1), out.stderr[-3000:]
    return out


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM it when the test process dies, even by SIGKILL, so an
    interrupted test run leaves no Ray cluster behind (Linux; elsewhere a no-op)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


RAY_START_TRIES = 2  # a start on a loaded machine can fail once; the second failure is reported


def _start_ray(env: dict) -> tuple[subprocess.Popen, str, str, list[str]]:
    """One `ray start --head --block` on 127.0.0.1: (process, port, temp dir, its output so far).
    The output is read until Ray says it runs or the process ends (bounded by the process)."""
    port = _free_port()
    temp = tempfile.mkdtemp(prefix="amity-ray-", dir="/tmp")  # Ray needs a short socket path
    proc = subprocess.Popen(
        [RAY, "start", "--head", "--block", "--node-ip-address=127.0.0.1", "--include-dashboard=false",
         f"--port={port}", "--num-cpus=2", "--object-store-memory=300000000", f"--temp-dir={temp}",
         "--disable-usage-stats"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True,
        preexec_fn=_die_with_parent)
    output: list[str] = []
    for line in proc.stdout:
        output.append(line)
        if "Ray runtime started" in line:
            break
    return proc, str(port), temp, output


def _stop_ray(proc: subprocess.Popen, temp: str) -> None:
    """Terminate the cluster's whole process group, and only it."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    proc.stdout.close()
    shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture()
def ray_cluster(tmp_path_factory):
    """A real one-node Ray cluster on 127.0.0.1 (`ray start --head --block`), stopped after.
    A start that fails is retried once; a second failure shows Ray's own output."""
    pytest.importorskip("ray")
    # Token authentication with a token of the test's own (Ray's format: 64 hex digits): a start
    # never depends on a ~/.ray/auth_token left on the machine by someone else.
    env = dict(os.environ, RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER="0", RAY_AUTH_MODE="token",
               RAY_AUTH_TOKEN=secrets.token_hex(32))
    failures: list[str] = []
    for _ in range(RAY_START_TRIES):
        proc, port, temp, output = _start_ray(env)
        if output and "Ray runtime started" in output[-1]:
            break
        _stop_ray(proc, temp)
        failures.append("".join(output[-40:]) or "(no output)")
    else:
        pytest.fail("ray start did not come up, twice; Ray said:\n" + "\n---\n".join(failures))
    try:
        yield f"127.0.0.1:{port}", env
    finally:
        _stop_ray(proc, temp)


@pytest.mark.slow
@pytest.mark.ray
def test_same_database_from_every_engine(repo_dir, tmp_path, ray_cluster):
    address, env = ray_cluster
    shared = Path(os.environ.get("AMITY_SHARED", repo_dir.parent / "shared"))
    data = corpus(repo_dir, shared if shared.is_dir() else None, tmp_path / "corpus")
    runs = {
        "local1": ("--engine", "local", "--workers", "1"),
        "local2": ("--engine", "local", "--workers", "2"),
        "ray": ("--engine", "ray", "--address", address),
    }
    dumps, events, reports = {}, {}, {}
    for name, args in runs.items():
        db = tmp_path / f"{name}.duckdb"
        reports[name] = json.loads(ingest(db, [str(data)], env, *args).stdout.strip().splitlines()[-1])
        dumps[name], events[name] = dump(db), events_jsonl(db, env)
    assert reports["local1"]["new"] >= 5
    assert dumps["local1"] == dumps["local2"] == dumps["ray"]
    assert events["local1"] == events["local2"] == events["ray"]
    # the dataset mode: Parquet written on the cluster, merged as a Ray step, loaded into a database
    dataset, db = tmp_path / "dataset", tmp_path / "ray-dataset.duckdb"
    ingest(db, [str(data)], env, "--engine", "ray", "--address", address, "--out", str(dataset))
    load = subprocess.run(AMITY + ["--db", str(db), "load", str(dataset), "--json"], capture_output=True,
                          text=True, timeout=TIMEOUT, env=env, check=False)
    assert load.returncode == 0, load.stderr[-3000:]
    assert json.loads(load.stdout)["documents"] == reports["local1"]["new"]
    assert dump(db) == dumps["local1"]
    assert events_jsonl(db, env) == events["local1"]  # the same events and event ids


def test_shards_follow_the_reader_order(tmp_path):
    records = [warc_record(f"https://e.org/{i}", b"<html><body><p>x</p></body></html>") for i in range(7)]
    write_warc(tmp_path / "b.warc.gz", records)
    (tmp_path / "a.txt").write_text("A story.")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "d.txt").write_text("Another story.")
    shards = list(plan_shards([str(tmp_path), "https://example.org/x"], records_per_shard=3))
    assert [Path(s.source).name if not s.source.startswith("http") else s.source for s in shards] == [
        "a.txt", "b.warc.gz", "b.warc.gz", "b.warc.gz", "d.txt", "https://example.org/x"]
    assert [s.index for s in shards] == list(range(6))
    ranges = [(s.start, s.end) for s in shards if s.ranged]
    assert ranges[0][0] == 0 and ranges[-1][1] is None
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))


def _texts(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(n):
        (folder / f"s{i:02d}.txt").write_text(
            f"Defence ministers of Japan and Australia met in Tokyo on Monday for round {i} of talks.\n"
            f"They agreed to hold a joint naval exercise next year, officials said.\n")
    return folder


def _run(engine: LocalEngine, inputs: list[str], on_first=None) -> list:
    items = []
    for item in engine.run(inputs, frozenset()):
        items.append(item)
        if on_first and len(items) == 1:
            on_first()
    return items


def _key(items: list) -> list:
    return [(type(i).__name__, i.document.id if isinstance(i, Coded) else i.origin) for i in items]


@pytest.mark.slow
def test_worker_killed_mid_run_loses_nothing(tmp_path):
    import multiprocessing

    folder = _texts(tmp_path, 12)
    options = PipelineOptions(code_events=False)
    serial = _run(LocalEngine(EngineOptions(workers=1, pipeline=options)), [str(folder)])

    def kill_a_worker():
        children = multiprocessing.active_children()
        assert children, "no worker processes"
        os.kill(children[0].pid, signal.SIGKILL)

    parallel = _run(LocalEngine(EngineOptions(workers=2, pipeline=options)), [str(folder)], kill_a_worker)
    assert _key(parallel) == _key(serial)
    assert not [i for i in parallel if isinstance(i, Rejection)]


@pytest.mark.slow
@pytest.mark.ray
def test_ray_worker_killed_mid_run_loses_nothing(tmp_path):
    """SIGKILL a Ray worker process of a private local Ray while shards run: Ray retries the task."""
    ray = pytest.importorskip("ray")
    from amity.engines.ray_engine import RayEngine, loopback_only, start_local

    folder = _texts(tmp_path, 8)
    options = PipelineOptions(code_events=False, read=ReaderOptions(records_per_shard=1))
    serial = _run(LocalEngine(EngineOptions(workers=1, pipeline=options)), [str(folder)])
    with loopback_only():
        start_local(2)
        try:
            pids = set(ray.get([ray.remote(lambda: os.getpid()).remote() for _ in range(6)]))
            killed = []

            def kill_a_worker():
                pid = sorted(pids)[0]
                os.kill(pid, signal.SIGKILL)  # a worker of the Ray this test started
                killed.append(pid)

            items = _run(RayEngine(EngineOptions(workers=2, pipeline=options)), [str(folder)], kill_a_worker)
        finally:
            ray.shutdown()
    assert killed
    assert _key(items) == _key(serial)
    assert not [i for i in items if isinstance(i, Rejection)]


@pytest.mark.slow
def test_workers_fetch_with_the_options_of_the_run(tmp_path):
    """URLs and feeds are read inside worker processes with the run's fetch options."""
    from scale_support import html, serve

    page = ("<html><head><title>Talks</title></head><body><article><p>The foreign ministers of Brazil "
            "and South Africa met in Pretoria on Tuesday to discuss naval cooperation.</p></article>"
            "</body></html>")
    with serve({"/a": html(page), "/b": html(page.replace("Tuesday", "Friday"))}) as site:
        (tmp_path / "list.urls").write_text(f"{site.url('/a')}\n{site.url('/b')}\n")
        (tmp_path / "feed.rss").write_text(f'<rss version="2.0"><channel><title>Wire</title><item><title>a</title>'
                                           f'<link>{site.url("/a")}?utm_source=rss</link></item></channel></rss>')
        inputs = [str(tmp_path / "list.urls"), str(tmp_path / "feed.rss")]
        allowed = PipelineOptions(code_events=False, read=ReaderOptions(allow_private_hosts=True, fetch_delay=0))
        items = _run(LocalEngine(EngineOptions(workers=2, pipeline=allowed)), inputs)
        refused = _run(LocalEngine(EngineOptions(workers=2, pipeline=PipelineOptions(code_events=False))), inputs)
    assert [type(i).__name__ for i in items] == ["Coded", "Coded", "Coded"]
    assert items[2].document.outlet == "Wire" and items[2].document.url == site.url("/a")
    assert all(isinstance(i, Rejection) and "loopback" in i.reason for i in refused)


@pytest.mark.parametrize("workers", [1, 2])
def test_finished_shards_are_marked_and_skipped(tmp_path, workers):
    """With done_shards, each finished shard is followed by a ShardDone; a rerun that passes the
    recorded keys skips those shards (what the writer needs to redo only unfinished shards)."""
    from amity.engines.shards import ShardDone

    folder = _texts(tmp_path, 3)
    (folder / "gone.urls").write_text("http://10.0.0.1/story\n")  # refused: a retryable failure
    engine = LocalEngine(EngineOptions(workers=workers, pipeline=PipelineOptions(code_events=False)))
    first = list(engine.run([str(folder)], frozenset(), frozenset()))
    done = frozenset(i.key for i in first if isinstance(i, ShardDone))
    assert [type(i).__name__ for i in first] == ["Rejection"] + ["Coded", "ShardDone"] * 3
    assert len(done) == 3 and all("texts" in k for k in done)
    again = list(engine.run([str(folder)], frozenset(), done))
    assert [type(i).__name__ for i in again] == ["Rejection"]  # only the unfinished shard ran
    plain = list(engine.run([str(folder)], frozenset()))
    assert not [i for i in plain if isinstance(i, ShardDone)]  # no markers unless asked for


def test_shard_table(tmp_path):
    from amity.store import db
    from amity.store import scale as store_scale

    with db.session(str(tmp_path / "s.duckdb")) as con:
        store_scale.mark_shard_done(con, "a")
        store_scale.mark_shard_done(con, "a")
        assert store_scale.done_shards(con) == frozenset({"a"})
