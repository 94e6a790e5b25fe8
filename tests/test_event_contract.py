"""One event contract: the places that spell out the event's fields agree with models.Event.

The fields are listed in the dataclass (models.Event and its to_json), the stored report
(event_mentions: store/schema.sql, store/events.py), the merger's reads and writes
(store/merge.py, the events table of store/schema_merge.sql), the merged event's JSON
(query.event_json) and the API's models (web/models.py). A field added to one and not the
others fails here, naming it."""

from __future__ import annotations

from dataclasses import fields

import merge_data

from amity import query
from amity.models import EVENT_JSON_FIELDS, Actor, Event, Span
from amity.store import db
from amity.store.events import ROW_COLUMNS
from amity.store.merge import EVENT_COLUMNS, INSTANCE_COLUMNS
from amity.web.models import EventDetail

# Event fields stored as several columns.
SPLIT = {"sentence_span": ("sentence_start", "sentence_end"), "trigger": ("trigger", "trigger_start", "trigger_end"),
         "source_span": ("source_start", "source_end"), "target_span": ("target_start", "target_end")}
# Report-level fields a merged event does not carry (it has its representative's, or its own).
REPORT_ONLY = {"role_rule"}


def _columns(table: str) -> set[str]:
    with db.session(":memory:") as con:
        return {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}


def _event_columns() -> set[str]:
    return {col for f in fields(Event) for col in SPLIT.get(f.name, (f.name,))}


def test_every_event_field_is_a_stored_column_and_the_writer_writes_them_all():
    stored = _columns("event_mentions")
    assert set(ROW_COLUMNS) == stored, (set(ROW_COLUMNS) ^ stored)
    missing = _event_columns() - stored
    assert not missing, f"Event fields with no event_mentions column: {missing}"
    assert set(INSTANCE_COLUMNS) <= stored


def test_the_merger_writes_exactly_the_events_table():
    assert set(EVENT_COLUMNS) == _columns("events"), set(EVENT_COLUMNS) ^ _columns("events")


def test_the_merged_events_carry_every_event_field_but_the_report_only_ones():
    merged = _columns("events") | {"sentence_start", "sentence_end", "trigger", "trigger_start", "trigger_end",
                                   "source_start", "source_end", "target_start", "target_end", "coder_version",
                                   "doc_id"}  # the representative report's, joined in query
    missing = _event_columns() - merged - REPORT_ONLY
    assert not missing, f"Event fields a merged event lacks: {missing}"


def _sample() -> Event:
    actor = Actor("USA")
    return Event(doc="d", doc_id="d", source="USA", target="JPN", source_actor=actor, target_actor=actor,
                 type="CONSULT", mode=None, subtype=None, cameo=None, date=None, date_precision=None,
                 status="asserted", location=None, location_country=None, lat=None, lon=None, symmetric=True,
                 sentence="s", sentence_span=(0, 1), trigger=Span(0, 1, "s"))


def test_the_json_contract_reaches_the_merged_events_and_the_api():
    contract = set(_sample().to_json())
    assert set(EVENT_JSON_FIELDS) <= contract
    with merge_data.merged_connection() as con:
        event_id = con.execute("SELECT event_id FROM events LIMIT 1").fetchone()[0]
        merged = set(query.event(con, event_id))
    missing = contract - REPORT_ONLY - merged
    assert not missing, f"contract fields the merged event JSON lacks: {missing}"
    dropped = contract - REPORT_ONLY - set(EventDetail.model_fields)
    assert not dropped, f"contract fields the API's EventDetail drops: {dropped}"
