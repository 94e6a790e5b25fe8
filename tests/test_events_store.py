"""Event rows in DuckDB: written per document, read back as event JSON."""

from __future__ import annotations

from amity.models import Actor, Event, Span
from amity.store import db
from amity.store import events as store_events


def _event(source="USA", target="JPN", etype="CONSULT", date="2024-06-09", subtype="dialogue"):
    text = "The U.S. and Japan held talks."
    return Event(doc="d1", doc_id="id1", source=source, target=target, source_actor=Actor(source),
                 target_actor=Actor(target, "GOV"), type=etype, mode="meet", subtype=subtype, cameo="040",
                 date=date, date_precision="day", status="asserted", location="Tokyo",
                 location_country="JPN", lat=35.7, lon=139.7, symmetric=True, sentence=text,
                 sentence_span=(0, len(text)), trigger=Span(24, 29, "talks"),
                 source_span=Span(4, 8, "U.S."), target_span=None, confidence=0.8)


def test_round_trip_keeps_the_json_contract():
    con = db.connect(":memory:")
    ev = _event()
    assert store_events.insert_events(con, "id1", [ev, _event("JPN", "CHN", "ACCUSE", "2023-01-01", None)]) == 2
    rows = store_events.query(con, pair=("JPN", "USA"))
    assert rows == [ev.to_json()]


def test_rewrite_replaces_a_documents_rows_and_filters_work():
    con = db.connect(":memory:")
    store_events.insert_events(con, "id1", [_event(), _event()])
    store_events.insert_events(con, "id1", [_event("KOR", "JPN", "AGREE", "2024-07-01", "exercise")])
    assert [r["type"] for r in store_events.query(con)] == ["AGREE"]
    assert store_events.query(con, actor="kor", etype="agree", subtype="exercise", since="2024-07")
    assert store_events.query(con, since="2024-08") == []
    assert store_events.latest(con)[0]["sources"] == 1
