"""Contract checks shared by the property tests, the fuzzer (bench/fuzz.py) and the regressions.

Each ``check_*`` raises AssertionError with a short reason when a stage's output breaks the
contracts of amity/models.py: spans point into the cleaned text, events serialise to the event
JSON contract, dates have the shape their precision says.
"""

from __future__ import annotations

import json
import re

from amity.models import EVENT_JSON_FIELDS, Article, Coded, Document, Event, Rejection

# docs/events.md: the 16 PLOVER types; conflict types never get a (defense) subtype.
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
CONFLICT_TYPES = {"RETREAT", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
STAGES = {"read", "decode", "clean", "language", "nlp", "code", "store"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHAPES = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
           "year": re.compile(r"^\d{4}$")}


def check_item(item) -> None:
    """A reader's output: an Article or a Rejection with a reason."""
    assert isinstance(item, (Article, Rejection)), f"reader yielded {type(item).__name__}"
    if isinstance(item, Rejection):
        check_rejection(item)
        return
    assert isinstance(item.origin, str) and item.origin, "article without origin"
    assert isinstance(item.content, (str, bytes)), "content is neither str nor bytes"
    assert item.kind in ("text", "html"), f"unknown kind {item.kind!r}"
    if item.published is not None:
        assert _DAY.match(item.published), f"published {item.published!r} is not YYYY-MM-DD"


def check_rejection(rej: Rejection) -> None:
    assert rej.stage in STAGES, f"unknown stage {rej.stage!r}"
    assert isinstance(rej.reason, str) and rej.reason.strip(), "rejection without a reason"


def check_document(doc) -> None:
    if isinstance(doc, Rejection):
        check_rejection(doc)
        return
    assert isinstance(doc, Document), f"cleaner returned {type(doc).__name__}"
    assert doc.id and isinstance(doc.text, str) and doc.text.strip(), "empty document"
    assert "\x00" not in doc.id
    if doc.published is not None:
        assert _DAY.match(doc.published), f"published {doc.published!r} is not YYYY-MM-DD"
        assert doc.published_source, "published without published_source"
    json.dumps(doc.__dict__, ensure_ascii=False)  # every field serialises


def check_analysis(analysis) -> None:
    text = analysis.document.text
    for start, end in analysis.sentences:
        assert 0 <= start <= end <= len(text), f"sentence span {start}:{end} outside the text"
    for m in analysis.mentions:
        assert 0 <= m.start < m.end <= len(text), f"mention span {m.start}:{m.end} outside the text"
        assert text[m.start:m.end] == m.text, f"mention text {m.text!r} != text[{m.start}:{m.end}]"
        assert m.actor.code and m.actor.code.strip(), "mention without an actor code"


def check_span(text: str, span, what: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), f"{what} span {span.start}:{span.end} outside the text"
    assert text[span.start:span.end] == span.text, (
        f"{what} {span.text!r} != text[{span.start}:{span.end}] = {text[span.start:span.end]!r}")


def check_event(event: Event, text: str) -> None:
    """One event against the JSON contract and the cleaned text it came from."""
    data = event.to_json()
    missing = [f for f in EVENT_JSON_FIELDS if f not in data]
    assert not missing, f"event JSON lacks {missing}"
    json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False))
    for key in ("doc", "doc_id", "source", "target", "type", "status", "sentence", "trigger"):
        assert isinstance(data[key], str) and data[key], f"event {key} is empty"
    assert data["status"] in ("asserted", "planned"), f"status {data['status']!r}"
    assert data["type"] in PLOVER_TYPES, f"type {data['type']!r} is not one of the 16 PLOVER types"
    if data["type"] in CONFLICT_TYPES:
        assert data["subtype"] is None, f"conflict type {data['type']} with subtype {data['subtype']!r}"
    assert isinstance(data["symmetric"], bool)
    assert 0.0 <= data["confidence"] <= 1.0, f"confidence {data['confidence']}"
    if data["date"] is None:
        assert data["date_precision"] is None, "precision without a date"
    else:
        shape = _SHAPES.get(data["date_precision"])
        assert shape and shape.match(data["date"]), f"date {data['date']!r} / {data['date_precision']!r}"
    for key in ("lat", "lon"):
        assert data[key] is None or isinstance(data[key], (int, float)), f"{key} not a number"
    start, end = event.sentence_span
    assert 0 <= start < end <= len(text), f"sentence span {start}:{end} outside the text"
    assert text[start:end] == event.sentence, "sentence != text[sentence_span]"
    check_span(text, event.trigger, "trigger")
    assert start <= event.trigger.start and event.trigger.end <= end, "trigger outside its sentence"
    for span, what in ((event.source_span, "source"), (event.target_span, "target")):
        if span is not None:
            check_span(text, span, what)


def check_coded(coded: Coded) -> None:
    check_document(coded.document)
    for ev in coded.events:
        check_event(ev, coded.document.text)
