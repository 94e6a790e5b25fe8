"""Event exports: JSONL (event contract + sources), CSV and Parquet, PLOVER JSON, GDELT TSV."""

import csv
import io
import json

import duckdb
import merge_data
import pytest

from amity.errors import InputError
from amity.models import EVENT_JSON_FIELDS
from amity.query import make_filter
from amity.query.export import GDELT_COLUMNS, export_events


@pytest.fixture(scope="module")
def con():
    c = merge_data.merged_connection()
    yield c
    c.close()


def test_jsonl_follows_the_event_contract_with_sources(con):
    out = io.StringIO()
    assert export_events(con, "jsonl", out) == 12
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    for ev in events:
        assert set(EVENT_JSON_FIELDS) <= set(ev)
        assert len({s["doc_id"] for s in ev["sources"]}) == ev["n_sources"]
        assert len(ev["sources"]) == ev["n_mentions"]
    assert sum(ev["n_sources"] for ev in events) == 24


def test_csv_and_parquet_hold_the_same_rows(con, tmp_path):
    flt = make_filter(type="COOPERATE")
    assert export_events(con, "csv", tmp_path / "e.csv", flt) == 3
    assert export_events(con, "parquet", tmp_path / "e.parquet", flt) == 3
    with open(tmp_path / "e.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    parquet = duckdb.sql(f"SELECT event_id, n_sources FROM '{tmp_path / 'e.parquet'}' ORDER BY event_id").fetchall()
    assert sorted((r["event_id"], int(r["n_sources"])) for r in rows) == parquet


def test_plover_json_is_one_array(con):
    out = io.StringIO()
    export_events(con, "plover", out, make_filter(pair="CHN,JPN"))
    events = json.loads(out.getvalue())
    assert {(e["source"]["code"], e["target"]["code"], e["event"]) for e in events} == {
        ("CHN", "JPN", "ACCUSE"), ("JPN", "CHN", "ACCUSE")}
    assert all(e["date"] == "2025-08-02" and e["sources"] for e in events)


def test_gdelt_rows_have_the_documented_columns(con):
    out = io.StringIO()
    export_events(con, "gdelt", out, header=True)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS) and len(lines) == 13
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines[1:]]
    rafale = next(r for r in rows if r["PLOVERType"] == "AGREE" and r["Subtype"] == "arms_transfer")
    assert rafale["SQLDATE"] == "20250428" and rafale["QuadClass"] == "1" and rafale["NumArticles"] == "3"
    assert rafale["SOURCEURL"].startswith("https://")


def test_file_formats_need_a_path(con):
    with pytest.raises(InputError):
        export_events(con, "parquet", io.StringIO())
    with pytest.raises(InputError):
        export_events(con, "xml", io.StringIO())


def test_csv_sentence_cells_carry_no_trailing_line_break(con, tmp_path):
    export_events(con, "csv", tmp_path / "all.csv")
    with open(tmp_path / "all.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["sentence"] == r["sentence"].rstrip() for r in rows)
