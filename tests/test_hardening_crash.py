"""SIGKILL `amity ingest` at 20 moments and rerun it each time (issue 8, crashes).

Twenty kills that land mid-run (one document per transaction), each followed by a rerun that is
killed in turn (a rerun that finishes first is compared with a clean run, and the next kills start
on an empty database; at most 60 runs): half at a random moment around the first commit (model loaded, reading, parsing,
coding), half the moment DuckDB's write-ahead log appears (inside a batch's commit, where the
merge runs in the same transaction) plus a random few milliseconds. After every kill the database
must open, hold no duplicate document, mention, event row or event id, and every stored event
report must belong to a stored merged event. After the last, unkilled rerun the tables equal a
clean run's (documents, mentions, event_mentions, events, minus timestamps).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from corpus_support import example_variants
from store_support import dump

REPO = Path(__file__).resolve().parent.parent
AMITY = [sys.executable, "-m", "amity"]
KILLS, MAX_ATTEMPTS = 20, 60  # kills that must land mid-run; runs at most
COMMIT_EVERY = "1"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]


def ingest_cmd(db: Path, corpus: Path) -> list[str]:
    # merging at every commit: a kill can land inside a merge (the riskier path; by default a run
    # merges every 2,000 documents, and tests/test_ingest_batches.py covers a kill between merges)
    return AMITY + ["--db", str(db), "ingest", str(corpus), "--commit-every", COMMIT_EVERY,
                    "--merge-every", "1"]


def check_consistent(db: Path) -> int:
    """The database opens and holds no duplicates or dangling event ids; returns its document count."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]
        assert one("SELECT count(*) - count(DISTINCT id) FROM documents") == 0
        assert one("SELECT count(*) - count(DISTINCT (doc_id, idx)) FROM mentions") == 0
        assert one("SELECT count(*) - count(DISTINCT (doc_id, idx)) FROM event_mentions") == 0
        assert one("SELECT count(*) - count(DISTINCT event_id) FROM events") == 0
        assert one("SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT id FROM documents)") == 0
        assert one("SELECT count(*) FROM event_mentions WHERE event_id IS NULL "
                   "OR event_id NOT IN (SELECT event_id FROM events)") == 0
        return one("SELECT count(*) FROM documents")
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The bundled examples in three variants each (one word of the body changed, so each is a new
    document whose events merge with the others'): about 20 documents."""
    root = tmp_path_factory.mktemp("crash-corpus")
    if not example_variants(root, ("", "recent ", "widely reported ")):
        pytest.skip("examples/articles/ holds no articles")
    return root


def kill_when_wal_appears(proc: subprocess.Popen, wal: Path, rng: random.Random, limit: float) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists():
            time.sleep(rng.uniform(0, 0.03))
            return "commit"
        time.sleep(0.002)
    return "timeout"


def test_twenty_kills_lose_nothing_and_duplicate_nothing(corpus, tmp_path):
    clean_db = tmp_path / "clean.duckdb"
    started = time.monotonic()
    proc = subprocess.Popen(ingest_cmd(clean_db, corpus), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    kill_when_wal_appears(proc, Path(str(clean_db) + ".wal"), random.Random(0), 600)
    first_commit = time.monotonic() - started  # model loaded, first document coded
    _, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err[-2000:]
    clean_seconds = time.monotonic() - started
    expected = dump(clean_db)
    assert expected["documents"] and expected["events"]

    rng = random.Random(20261124)
    moments: list[tuple[str, int]] = []
    round_, attempts = 0, 0
    db = tmp_path / "killed-0.duckdb"
    total = len(expected["documents"])
    stored = 0
    while sum(m[0] != "finished" for m in moments) < KILLS and attempts < MAX_ATTEMPTS:
        attempts += 1
        proc = subprocess.Popen(ingest_cmd(db, corpus), cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if attempts % 2:
            moment = kill_when_wal_appears(proc, Path(str(db) + ".wal"), rng, clean_seconds * 1.5)
            if moment == "commit" and rng.random() < 0.5:  # the next commits too, not only the first
                time.sleep(rng.uniform(0, 2))
        else:
            # a random moment of what is left of this run: a rerun resumes, so it is shorter
            left = first_commit + (clean_seconds - first_commit) * (1 - stored / total)
            time.sleep(rng.uniform(0.3, 0.9) * left)
            moment = "random"
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        else:
            moment = "finished"
        proc.wait(timeout=60)
        stored = check_consistent(db) if db.exists() else 0
        moments.append((moment, stored))
        if moment == "finished":  # this rerun completed after earlier kills: it must equal a clean run
            assert proc.returncode == 0
            assert_equal_to_clean(db, expected, moments)
            round_ += 1
            db = tmp_path / f"killed-{round_}.duckdb"  # and the next kills start on an empty database
            stored = 0
    final = subprocess.run(ingest_cmd(db, corpus), capture_output=True, text=True, timeout=600, cwd=REPO,
                           check=False)
    assert final.returncode == 0, final.stderr[-2000:]
    assert_equal_to_clean(db, expected, moments)
    print(f"kills: {moments}; clean run {clean_seconds:.0f} s, first commit at {first_commit:.0f} s")
    killed = [m for m in moments if m[0] != "finished"]
    assert len(killed) >= KILLS, f"too few kills landed mid-run: {moments}"
    assert any(m[0] == "commit" for m in killed) and any(0 < m[1] for m in killed)


def assert_equal_to_clean(db: Path, expected: dict[str, list], moments: list) -> None:
    check_consistent(db)
    got = dump(db)
    for table, rows in expected.items():
        assert got[table] == rows, f"{table} differs from a clean run after kills {moments}"
