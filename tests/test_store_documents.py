"""The documents store: idempotent inserts, error records, lookups, exports (real DuckDB)."""

from __future__ import annotations

import json

import duckdb
import pytest

from amity.errors import NotFound, StoreError
from amity.models import Document, Rejection
from amity.store import db, documents


def _doc(i: int, **kw) -> Document:
    base = dict(id=f"{i:016x}", origin=f"/tmp/a{i}.txt", name=f"a{i}", text=f"Text number {i}.",
                title=f"Title {i}", published="2024-06-11", language="en")
    base.update(kw)
    return Document(**base)


@pytest.fixture()
def con(tmp_path):
    c = db.connect(tmp_path / "t.duckdb")
    yield c
    c.close()


def test_insert_is_idempotent(con):
    assert documents.insert_document(con, _doc(1)) is True
    assert documents.insert_document(con, _doc(1)) is False
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_existing_ids(con):
    documents.insert_document(con, _doc(1))
    documents.insert_document(con, _doc(2))
    assert documents.existing_ids(con, [_doc(1).id, _doc(3).id]) == {_doc(1).id}
    assert documents.existing_ids(con, []) == set()


def test_errors_are_kept_once_per_reason(con):
    rej = Rejection("/x/broken.bin", "read", "binary file")
    documents.record_error(con, rej)
    documents.record_error(con, rej)
    documents.record_error(con, Rejection("/x/broken.bin", "read", "empty file"))
    rows = documents.list_errors(con)
    assert sorted(r["reason"] for r in rows) == ["binary file", "empty file"]
    documents.clear_errors(con, ["/x/broken.bin"])
    assert documents.list_errors(con) == []


def test_lookup_by_prefix_and_name(con):
    documents.insert_document(con, _doc(0xABCDEF12))
    full = _doc(0xABCDEF12).id
    assert documents.get_document(con, full)["id"] == full
    assert documents.get_document(con, full[:10])["id"] == full
    assert documents.get_document(con, "a2882400018")["id"] == full
    with pytest.raises(NotFound):
        documents.get_document(con, "nope-nope")


def test_published_is_a_date_and_flags_a_list(con):
    documents.insert_document(con, _doc(5, flags=("non_english",), language="de"))
    row = documents.get_document(con, _doc(5).id)
    assert str(row["published"]) == "2024-06-11"
    assert row["flags"] == ["non_english"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_formats_round_trip(con, tmp_path, fmt):
    for i in range(3):
        documents.insert_document(con, _doc(i))
    out = tmp_path / f"docs.{fmt}"
    assert documents.export_table(con, "documents", fmt, str(out)) == 3
    reader = {"csv": "read_csv_auto", "jsonl": "read_json_auto", "parquet": "read_parquet"}[fmt]
    n = duckdb.sql(f"SELECT count(*) FROM {reader}('{out}')").fetchall()[0][0]
    assert n == 3
    if fmt == "jsonl":
        first = json.loads(out.read_text().splitlines()[0])
        assert first["title"] == "Title 0"


def test_read_only_open_of_missing_db_says_what_to_do(tmp_path):
    with pytest.raises(StoreError) as info:
        db.connect(tmp_path / "missing.duckdb", read_only=True)
    assert "amity ingest" in info.value.hint


def test_locked_database_is_a_store_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    writer = db.connect(path)
    try:
        import subprocess
        import sys

        code = ("from amity.store import db\n"
                "from amity.errors import StoreError\n"
                "try:\n    db.connect(%r)\nexcept StoreError as e:\n    print('STORE', e.hint)\n" % str(path))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert "STORE" in out.stdout, out.stderr
    finally:
        writer.close()
