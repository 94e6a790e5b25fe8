"""The dataset mode (issue 14): `amity ingest --out DIR` writes a partitioned Parquet dataset that
DuckDB reads as is, merges it as a step of its own, survives a kill, and `amity load` brings it into
a database equal to a direct ingest of the same corpus (the Ray run of the same is in
tests/test_scale_engines.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from store_support import dump
from test_ingest_batches import coded_examples, replay

from amity.merge.dataset import groups_of, load_dataset, merge_dataset
from amity.store import dataset as store_dataset

REPO = Path(__file__).resolve().parent.parent
AMITY = [sys.executable, "-m", "amity"]


def test_blocks_are_dealt_to_the_lightest_group():
    blocks = [("a", 9), ("b", 5), ("c", 4), ("d", 1)]
    assert groups_of(blocks, 2) == [["a", "d"], ["b", "c"]]
    assert groups_of(blocks, 9) == [["a"], ["b"], ["c"], ["d"]]
    assert groups_of([], 3) == []


@pytest.mark.slow
def test_a_dataset_loads_into_the_database_a_direct_ingest_makes(tmp_path, monkeypatch):
    items = coded_examples()
    replay(monkeypatch, tmp_path / "direct.duckdb", items)
    root = tmp_path / "ds"
    replay(monkeypatch, None, items, out=str(root), commit_every=4)
    # read as is, partitioned by publication month
    with duckdb.connect() as con:
        months = con.execute(f"SELECT DISTINCT month FROM read_parquet('{root}/documents/**/*.parquet', "
                             "hive_partitioning = true) ORDER BY month").fetchall()
        ids = con.execute(f"SELECT count(*), count(event_id) FROM read_parquet('{root}/event_mentions/**/*.parquet')").fetchone()
    assert len(months) >= 3 and all(len(m[0]) == 7 for m in months)
    assert ids[0] > 10 and ids[0] == ids[1]  # every report carries its event id
    assert load_dataset(root, tmp_path / "loaded.duckdb").documents == len(items)
    assert dump(tmp_path / "loaded.duckdb") == dump(tmp_path / "direct.duckdb")
    assert load_dataset(root, tmp_path / "loaded.duckdb").documents == 0  # loaded once
    # merging again, spread over groups, changes nothing
    before = dump(tmp_path / "loaded.duckdb")["events"]
    merge_dataset(root, parts=5)
    assert load_dataset(root, tmp_path / "again.duckdb").documents == len(items)
    assert dump(tmp_path / "again.duckdb")["events"] == before


@pytest.mark.slow
def test_a_killed_dataset_run_resumes_and_a_load_merges_into_stored_events(tmp_path, monkeypatch):
    items = coded_examples()
    half = len(items) // 2
    root = tmp_path / "ds"
    with pytest.raises(KeyboardInterrupt):
        replay(monkeypatch, None, items[half:], fail_after=5, out=str(root), commit_every=2)
    # a batch written without its marker (a kill mid-batch) counts for nothing and is removed
    stray = root / "documents" / "month=2024-01" / "b000099-0.parquet"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(next(root.rglob("b000001-*.parquet")).read_bytes())
    assert len(store_dataset.known_ids(root)) == 4
    report = replay(monkeypatch, None, items[half:], out=str(root), commit_every=2)
    assert not stray.exists() and report.skipped == 4
    # a database that holds the first half takes the dataset's second half by merging
    db = tmp_path / "db.duckdb"
    replay(monkeypatch, db, items[:half])
    loaded = load_dataset(root, db)
    assert loaded.documents == len(items) - half and loaded.merged
    replay(monkeypatch, tmp_path / "all.duckdb", items)
    assert dump(db) == dump(tmp_path / "all.duckdb")


def test_load_refuses_a_folder_that_is_not_a_dataset(tmp_path):
    out = subprocess.run(AMITY + ["--db", str(tmp_path / "x.duckdb"), "load", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO, timeout=120, check=False)
    assert out.returncode == 2
    assert "is not an amity dataset" in out.stderr and "amity ingest INPUTS --out DIR" in out.stderr
