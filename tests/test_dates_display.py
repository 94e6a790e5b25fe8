"""Dates keep the precision their texts give in every view; publication days are marked."""

from __future__ import annotations

import io
import json

import pytest

from amity import query
from amity.merge import evaluate, merge
from amity.query import date_label
from amity.query.export import GDELT_COLUMNS, export_events
from amity.store import db
from amity.store import documents as store_docs
from amity.store import merge as store_merge

ARTICLES = [
    {"id": "a", "text": "Title.\n\nJapan and India signed a pact in 2022.", "published": "2024-03-01"},
    {"id": "b", "text": "Title.\n\nJapan and India held talks.", "published": "2024-03-05"},
    {"id": "c", "text": "Title.\n\nJapan and India agreed on a plan.", "published": "2024-06-20"},
]
SPECS = [
    {"doc": "a", "sentence_no": 1, "trigger": "signed", "source": "JPN", "target": "IND", "type": "AGREE",
     "symmetric": True, "subtype": "agreement", "date": "2022", "date_precision": "year"},
    {"doc": "b", "sentence_no": 1, "trigger": "held talks", "source": "JPN", "target": "IND", "type": "CONSULT",
     "symmetric": True, "date": "2024-03-05", "date_precision": "day"},
    {"doc": "c", "sentence_no": 1, "trigger": "agreed", "source": "JPN", "target": "IND", "type": "AGREE",
     "symmetric": True, "subtype": "training", "date": "2024-06", "date_precision": "month"},
]


@pytest.fixture(scope="module")
def con():
    with db.session(":memory:") as c:
        for art in ARTICLES:
            store_docs.insert_document(c, evaluate.article_document(art))
        rows = evaluate.instance_rows(ARTICLES, SPECS)
        rows[0]["date_basis"], rows[1]["date_basis"], rows[2]["date_basis"] = "background", "publication", "stated"
        store_merge.insert_instance_rows(c, rows)
        merge(c)
        yield c


def test_date_label():
    assert date_label("2022", "stated") == "2022"
    assert date_label("2024-03-05", "publication") == "~2024-03-05"
    assert date_label(None, None, "2024-03-05") == "~2024-03-05"
    assert date_label(None, None) == ""


def test_dyads_print_first_and_last_at_their_precision(con):
    row = query.dyads(con)[0]
    assert (row["first_date"], row["last_date"]) == ("2022", "2024-06")


def test_monthly_timeline_leaves_year_only_dates_out_and_lists_them(con):
    months = {(r["month"], r["type"]) for r in query.timeline(con, "JPN", "IND")}
    assert months == {("2024-03", "CONSULT"), ("2024-06", "AGREE")}
    assert query.year_only(con, "JPN", "IND") == [{"year": "2022", "events": 1}]


def test_exports_say_how_each_date_was_found(con):
    out = io.StringIO()
    export_events(con, "gdelt", out, header=True)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in out.getvalue().splitlines()[1:]]
    by_basis = {r["DateBasis"]: r for r in rows}
    assert by_basis["publication"]["SQLDATE"] == "20240305" and by_basis["publication"]["DatePrecision"] == ""
    assert by_basis["background"]["DatePrecision"] == "year"
    out = io.StringIO()
    export_events(con, "plover", out)
    plover = json.loads(out.getvalue())
    assert {e["date_basis"] for e in plover} == {"publication", "background", "stated"}
    assert all(e["date_resolution"] is None for e in plover if e["date_basis"] == "publication")
    out = io.StringIO()
    export_events(con, "jsonl", out)
    assert {json.loads(line)["date_basis"] for line in out.getvalue().splitlines()} == {"publication", "background", "stated"}
