"""`amity serve` and `amity ingest` on the same database file, as two real processes on 127.0.0.1.

The server answers from snapshots while the ingest commits one document per transaction: every
request during the ingest must answer 200 (no locking error reaches a user), the ingest must
finish with exit 0 (the server's snapshot copies must not make a commit fail), and the events
of the batch must appear once it has committed.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from corpus_support import example_variants

REPO = Path(__file__).resolve().parent.parent
AMITY = [sys.executable, "-m", "amity"]
POLL_LIMIT = 3000  # requests at most while the ingest runs




def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/api/overview", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("server did not come up")


def stop(server: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM the server's process group (as Ctrl-C would), SIGKILL after ``grace`` seconds."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=20)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    if example_variants(root, ("", "recent ", "latest ")) < 3:
        pytest.skip("examples/articles/ holds too few articles")
    return root


@pytest.mark.slow
def test_serve_answers_while_ingest_writes(tmp_path, corpus):
    db = tmp_path / "live.duckdb"
    first = min(corpus.iterdir())
    seed = subprocess.run(AMITY + ["--db", str(db), "ingest", str(first)], capture_output=True, text=True,
                          timeout=300, cwd=REPO, check=False)
    assert seed.returncode == 0, seed.stderr[-2000:]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(AMITY + ["--db", str(db), "serve", "--port", str(port)], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_until_up(base, server)
        before = httpx.get(base + "/api/overview", timeout=10).json()["counts"]
        ingest = subprocess.Popen(AMITY + ["--db", str(db), "ingest", str(corpus), "--commit-every", "1", "--json"],
                                  cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        statuses: dict[int, int] = {}
        bad: list[str] = []
        seen_counts: list[int] = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for n in range(POLL_LIMIT):
                if ingest.poll() is not None:
                    break
                path = ("/api/overview", "/api/events?limit=5", "/events", "/")[n % 4]
                r = client.get(path)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                if r.status_code != 200:
                    bad.append(f"{path}: {r.status_code} {r.text[:300]}")
                elif path == "/api/overview":
                    seen_counts.append(r.json()["counts"]["documents"])
                time.sleep(0.05)
        out, err = ingest.communicate(timeout=600)
        assert ingest.returncode == 0, f"ingest failed while the server ran: {err[-2000:]}"
        assert "lock" not in err.lower()
        assert not bad, bad[:5]
        summary = json.loads(out.strip().splitlines()[-1])
        assert summary["new"] > 0
        # the batch has committed: its documents and events appear (snapshots refresh within seconds)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            after = httpx.get(base + "/api/overview", timeout=10).json()["counts"]
            if after["documents"] == before["documents"] + summary["new"]:
                break
            time.sleep(0.5)
        assert after["documents"] == before["documents"] + summary["new"]
        assert after["events"] > before["events"]
        assert seen_counts and max(seen_counts) >= before["documents"]
    finally:
        stop(server)


HOLDER = ("import duckdb, sys, time\n"
          "con = duckdb.connect(sys.argv[1], read_only=True)\n"
          "print('held', flush=True)\n"
          "time.sleep(float(sys.argv[2]))\n")


@pytest.mark.parametrize("wait, opens", [("10", True), ("0.1", False)])
def test_a_writer_waits_for_a_snapshot_copy_instead_of_failing(tmp_path, monkeypatch, wait, opens):
    """The server holds a read-only lock while it copies a snapshot (longer for a big file); an
    ingest committing at that moment used to fail at once with DuckDB's lock error. It now waits
    up to $AMITY_LOCK_WAIT seconds; past that, the error is amity's StoreError with a hint."""
    from amity.errors import StoreError
    from amity.store import db as store_db

    path = tmp_path / "locked.duckdb"
    store_db.connect(path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "1.5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("AMITY_LOCK_WAIT", wait)
        if opens:
            store_db.connect(path).close()
        else:
            with pytest.raises(StoreError) as info:
                store_db.connect(path)
            assert info.value.hint
    finally:
        holder.wait(timeout=30)


def test_serve_with_worker_processes_answers_guards_and_cleans_up(tmp_path):
    """`amity serve --workers 2`: each worker takes its own snapshot; the token reaches every
    worker (through the environment, not the command line); SIGTERM removes every snapshot."""
    from test_web_api import build_db

    db = tmp_path / "amity.duckdb"
    build_db(db)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port, token = free_port(), "w" * 24
    server = subprocess.Popen(AMITY + ["--db", str(db), "serve", "--port", str(port), "--workers", "2",
                                       "--token", token], cwd=REPO, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(scratch)},
                              start_new_session=True)
    base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {token}"}
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode(errors="replace")[-2000:]
            try:
                if httpx.get(base + "/api/health", headers=auth, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not come up"
            time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=10) as client:  # new connections spread over workers
            statuses = {client.get("/api/overview", headers={**auth, "Connection": "close"}).status_code
                        for _ in range(20)}
            assert statuses == {200}
            assert client.get("/api/overview").status_code == 401
        deadline = time.monotonic() + 20
        while len(list(scratch.glob("amity-serve-*/snapshot-*.duckdb"))) < 2:
            assert time.monotonic() < deadline, "each worker should hold its own snapshot"
            time.sleep(0.2)
    finally:
        stop(server, grace=30)
    assert not list(scratch.glob("amity-serve-*")), "snapshots left behind after SIGTERM"
