"""`amity ingest` as a user runs it: a real subprocess, the real model, the real DuckDB.

Covers idempotency (a rerun skips every document), the exit-code rule, bad inputs recorded with
their reason while the batch goes on, and resumption after SIGKILL.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parent.parent
AMITY = [sys.executable, "-m", "amity"]


def run(args, db, timeout=300, **kw):
    return subprocess.run(AMITY + ["--db", str(db)] + args, capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, **kw)


def table_dump(db: Path) -> dict[str, list]:
    """Every table's rows, without ingest times, sorted: what 'equal to a clean run' compares."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id").fetchall()
        mentions = con.execute("SELECT * FROM mentions ORDER BY doc_id, idx").fetchall()
        events = con.execute("SELECT * FROM event_mentions ORDER BY doc_id, idx").fetchall()
        errors = con.execute("SELECT origin, stage, reason FROM ingest_errors ORDER BY ALL").fetchall()
    finally:
        con.close()
    return {"documents": docs, "mentions": mentions, "event_mentions": events, "errors": errors}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The bundled examples plus variants of them (different datelines), about 40 documents."""
    root = tmp_path_factory.mktemp("corpus")
    examples = sorted(p for p in (REPO / "examples" / "articles").rglob("*") if p.suffix in {".txt", ".html"})
    if not examples:
        pytest.skip("examples/articles/ holds no .txt or .html articles yet")
    for n in range(4):
        for src in examples:
            text = src.read_text(encoding="utf-8")
            if n:
                text = text + f"\n\nThis report was updated {n} times.\n"
            (root / f"{src.stem}-{n}{src.suffix}").write_text(text, encoding="utf-8")
    return root


def test_ingest_then_rerun_skips_everything(corpus, tmp_path):
    db = tmp_path / "a.duckdb"
    first = run(["ingest", str(corpus), "--json"], db)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout.strip().splitlines()[-1])
    assert summary["new"] > 0 and summary["failed"] == 0
    second = run(["ingest", str(corpus), "--json"], db)
    again = json.loads(second.stdout.strip().splitlines()[-1])
    assert again["new"] == 0 and again["failed"] == 0
    # every input file was finished by the first run, so none is read again
    n_files = sum(1 for p in corpus.iterdir() if p.is_file())
    assert again["shards_skipped"] == n_files
    assert again["skipped"] == 0
    # the same articles under other names: read again, recognised by content, not stored twice
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    third = json.loads(run(["ingest", str(copy), "--json"], db).stdout.strip().splitlines()[-1])
    assert third["new"] == 0 and third["skipped"] == summary["new"] + summary["skipped"]


def test_bad_inputs_are_recorded_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(next((REPO / "examples" / "articles").glob("*.txt")), folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "feed.jsonl").write_text('{"text": "Hello"\n', encoding="utf-8")
    db = tmp_path / "b.duckdb"
    result = run(["ingest", str(folder), "--json"], db)
    assert result.returncode == 1, "exit code 1 means some inputs failed"
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["new"] == 1 and summary["failed"] == 3
    errors = run(["errors", "--json"], db)
    rows = [json.loads(line) for line in errors.stdout.splitlines()]
    origins = {Path(r["origin"].split(":")[0]).name for r in rows}
    assert origins == {"empty.txt", "blob.txt", "feed.jsonl"}
    assert all(r["reason"] for r in rows)


def test_usage_errors_exit_2_with_a_hint(tmp_path):
    result = run(["docs"], tmp_path / "nothing-here.duckdb")
    assert result.returncode == 2
    assert "error:" in result.stderr and "hint:" in result.stderr


def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(corpus, tmp_path):
    clean_db = tmp_path / "clean.duckdb"
    assert run(["ingest", str(corpus), "--commit-every", "3"], clean_db).returncode == 0
    expected = table_dump(clean_db)

    killed_db = tmp_path / "killed.duckdb"
    rng = random.Random(7)
    for attempt in range(3):
        proc = subprocess.Popen(AMITY + ["--db", str(killed_db), "ingest", str(corpus), "--commit-every", "3"],
                                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(2.0, 6.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    final = run(["ingest", str(corpus), "--commit-every", "3"], killed_db)
    assert final.returncode == 0, final.stderr
    got = table_dump(killed_db)
    for name in expected:
        assert got[name] == expected[name], f"{name} differs after kills and a rerun"
