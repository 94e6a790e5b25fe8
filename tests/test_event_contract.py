"""One event contract: every place that spells out the event's fields agrees with amity/contract.py.

amity/contract.py defines the report (event_mentions) and merged event (events) columns in table
order with their DuckDB types, the list summary's fields and the flat export's columns. These
tests compare it with the tables store/schema.sql really creates, with models.Event and the
merger's Instance, with the writers and readers (a report written and read back is its
Event.to_json; a merged row has exactly the events columns), with the API's models and with the
export headers. A field added to one place and not the others fails here, naming it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import typing
from dataclasses import fields
from pathlib import Path

import duckdb
import merge_data
import pytest

from amity import contract, query
from amity.merge import build
from amity.merge.rules import Instance
from amity.models import EVENT_JSON_FIELDS, Actor, Event, Span
from amity.query.export import export_events
from amity.store import db
from amity.store import events as store_events
from amity.store import merge as store_merge
from amity.web.models import EventDetail, EventSummary, Source

# Report fields a merged event does not carry (it has its representative's, or its own).
REPORT_ONLY = {"role_rule"}
# What a merged event's JSON adds to Event.to_json.
MERGED_ONLY = {"n_sources", "n_mentions", "intensity", "quad_class", "first_date", "last_date", "sources"}
# Instance fields that are not report columns: the document's publication date, the sentence, the
# document's title and lead.
INSTANCE_EXTRA = {"published", "text", "context"}

_SQL = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE",
        dt.datetime: "TIMESTAMP", Actor: "JSON", dict[str, typing.Any]: "JSON"}


@pytest.fixture(scope="module")
def merged():
    con = merge_data.merged_connection()
    yield con
    con.close()


def _described(table: str) -> dict[str, str]:
    """The table store/schema.sql creates: column -> type, as contract.py writes it."""
    with db.session(":memory:") as con:
        rows = con.execute(f"DESCRIBE {table}").fetchall()
    return {name: ctype + (" NOT NULL" if null == "NO" else "") for name, ctype, null, *_ in rows}


def _unwrap(hint) -> tuple[typing.Any, bool]:
    """(type, optional) of an annotation such as ``str | None``."""
    args = typing.get_args(hint)
    if type(None) in args:
        return next(a for a in args if a is not type(None)), True
    return hint, False


def _type_errors(owner: str, hints: dict[str, typing.Any], required: set[str], columns: dict[str, str]) -> list[str]:
    """Fields whose type is not their column's, optional fields stored NOT NULL, required
    non-optional fields read from a column that can be NULL."""
    errors = []
    for name, hint in hints.items():
        base, optional = _unwrap(hint)
        ctype = columns[name]
        if _SQL.get(base) != ctype.removesuffix(" NOT NULL"):
            errors.append(f"{owner}.{name}: {hint} vs {ctype}")
        elif optional and ctype.endswith("NOT NULL"):
            errors.append(f"{owner}.{name} is optional but its column is {ctype}")
        elif name in required and not optional and not ctype.endswith("NOT NULL"):
            errors.append(f"{owner}.{name} is required but its column ({ctype}) can be NULL")
    return errors


def _same(expected, actual, what: str) -> None:
    """Two sequences (of names, or of (name, type)) are equal, else which items differ."""
    expected, actual = list(expected), list(actual)
    assert actual == expected, (f"{what} disagrees with amity/contract.py: only in contract.py "
                                f"{[x for x in expected if x not in actual]}, only there "
                                f"{[x for x in actual if x not in expected]} (or the order differs)")


# --- the tables -----------------------------------------------------------------------------------

def test_the_schema_creates_the_contract_tables():
    _same(contract.REPORT_COLUMNS.items(), _described("event_mentions").items(), "event_mentions (store/schema.sql)")
    _same(contract.EVENT_COLUMNS.items(), _described("events").items(), "events (store/schema.sql)")


def test_the_writers_take_their_columns_from_the_contract():
    assert store_events.ROW_COLUMNS == tuple(contract.REPORT_COLUMNS)
    assert store_merge.EVENT_COLUMNS == tuple(contract.EVENT_COLUMNS)
    assert set(store_merge.INSTANCE_COLUMNS) <= set(contract.REPORT_COLUMNS)


# --- the report: models.Event -> event_mentions -> event JSON -------------------------------------

def test_every_event_field_is_a_report_column_of_its_type():
    hints = typing.get_type_hints(Event)
    columns = {c for f in fields(Event) for c in contract.SPLIT_FIELDS.get(f.name, (f.name,))}
    _same(sorted(columns | {"idx"}), sorted(contract.REPORT_COLUMNS), "models.Event's fields (+ idx)")
    plain = {n: h for n, h in hints.items() if n not in contract.SPLIT_FIELDS}
    errors = _type_errors("Event", plain, set(), contract.REPORT_COLUMNS)
    for name, cols in contract.SPLIT_FIELDS.items():  # (text,) start, end
        base, optional = _unwrap(hints[name])
        assert base in (Span, tuple[int, int]), name
        expected = ("VARCHAR",) * (len(cols) - 2) + ("INTEGER", "INTEGER")
        for col, sql in zip(cols, expected):
            ctype = contract.REPORT_COLUMNS[col]
            if ctype.removesuffix(" NOT NULL") != sql or (optional and ctype.endswith("NOT NULL")):
                errors.append(f"Event.{name} -> {col}: {hints[name]} vs {ctype}")
    assert not errors, errors


def _sample() -> Event:
    """An event whose every field has a value of its own, so that a value in the wrong column shows."""
    return Event(doc="doc-name", doc_id="d1", source="USA", target="JPN", source_actor=Actor("USA", "GOV"),
                 target_actor=Actor("JPN", "MIL", "Kihara", "minister"), type="CONSULT", mode="visit",
                 subtype="exercise", cameo="042", date="2025-03-14", date_precision="day", status="asserted",
                 location="Tokyo", location_country="JPN", lat=35.7, lon=139.7, symmetric=True,
                 sentence="The minister visited Tokyo.", sentence_span=(10, 37), trigger=Span(23, 30, "visited"),
                 source_span=Span(11, 19, "minister"), target_span=Span(31, 36, "Tokyo"), confidence=0.875,
                 coder_version="9.9", event_id="ev1", role_rule="subj>obj", date_basis="relative")


def test_a_stored_report_reads_back_as_its_event_json():
    ev = _sample()
    with db.session(":memory:") as con:
        store_events.insert_events(con, "d1", [ev])
        (stored,) = store_events.query(con)
    assert stored == ev.to_json()
    assert set(EVENT_JSON_FIELDS) <= set(stored)


# --- the merger: merge.rules.Instance, merge.build.event_row --------------------------------------

def test_the_merger_reads_report_columns_of_the_instance_types():
    hints = {n: h for n, h in typing.get_type_hints(Instance).items() if n not in INSTANCE_EXTRA}
    missing = set(hints) - set(store_merge.INSTANCE_COLUMNS)
    assert not missing, f"Instance fields the merger does not read: {missing}"
    assert not _type_errors("Instance", hints, set(), contract.REPORT_COLUMNS)


def test_a_merged_row_has_exactly_the_events_columns(merged):
    row = store_merge.load_instances(merged, None)[0]
    inst = build.to_instance(row)
    event = build.event_row("e1", [inst], {inst.ref: row}, store_merge.now())
    _same(sorted(contract.EVENT_COLUMNS), sorted(event), "merge.build.event_row's keys")


# --- what is read: lists, detail, the API's models ------------------------------------------------

def test_lists_and_their_api_model_have_the_summary_fields(merged):
    assert set(contract.SUMMARY_FIELDS) <= set(contract.EVENT_COLUMNS)
    (summary,) = query.events(merged, limit=1)["events"]
    _same(contract.SUMMARY_FIELDS, tuple(summary), "query.event_summary")
    _same(sorted(contract.SUMMARY_FIELDS), sorted(EventSummary.model_fields), "web.models.EventSummary")
    hints = {n: f.annotation for n, f in EventSummary.model_fields.items()}
    required = {n for n, f in EventSummary.model_fields.items() if f.is_required()}
    errors = _type_errors("EventSummary", hints, required, contract.EVENT_COLUMNS)
    assert not errors, errors


def test_a_merged_event_is_the_event_json_and_the_merge_fields(merged):
    contract_json = set(_sample().to_json()) - REPORT_ONLY
    for event_id, in merged.execute("SELECT event_id FROM events").fetchall():
        detail = query.event(merged, event_id)
        _same(sorted(contract_json | MERGED_ONLY), sorted(detail), "query.event_json")
        _same(sorted(detail), sorted(EventDetail.model_fields), "web.models.EventDetail")
        for source in detail["sources"]:
            _same(sorted(source), sorted(Source.model_fields), "web.models.Source")
        EventDetail.model_validate(detail, strict=True)  # every value of the model's type


# --- the exports ----------------------------------------------------------------------------------

def test_the_flat_exports_have_the_contract_columns(merged, tmp_path):
    assert set(contract.EXPORT_COLUMNS) <= set(contract.EVENT_COLUMNS) | {"trigger"}
    export_events(merged, "csv", tmp_path / "e.csv")
    with open(tmp_path / "e.csv", encoding="utf-8") as handle:
        _same(contract.EXPORT_COLUMNS, tuple(next(csv.reader(handle))), "the CSV export's header")
    export_events(merged, "parquet", tmp_path / "e.parquet")
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / 'e.parquet'}'").fetchall()
    types = {**contract.EVENT_COLUMNS, "trigger": contract.REPORT_COLUMNS["trigger"]}
    _same([(c, types[c].removesuffix(" NOT NULL")) for c in contract.EXPORT_COLUMNS],
          [(name, ctype) for name, ctype, *_ in described], "the Parquet export's columns")


def test_the_jsonl_export_is_the_merged_event_json(merged):
    out = io.StringIO()
    export_events(merged, "jsonl", out)
    for line in out.getvalue().splitlines():
        _same(sorted(EventDetail.model_fields), sorted(json.loads(line)), "a JSONL export line")


def test_the_documented_export_columns_are_the_contract():
    text = (Path(__file__).resolve().parent.parent / "docs" / "analytics.md").read_text(encoding="utf-8")
    listed = re.search(r"\*\*csv / parquet\*\*.*?\):\s*`([^`]*)`", text, re.DOTALL).group(1)
    _same(contract.EXPORT_COLUMNS, tuple(c.strip() for c in listed.split(",")), "docs/analytics.md (csv / parquet)")
