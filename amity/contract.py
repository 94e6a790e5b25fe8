"""The event contract's columns, defined once.

An event is coded as a ``models.Event``, stored as a report (an ``event_mentions`` row), merged
into a happening (an ``events`` row), and read back in lists, in detail and in exports. The column
lists those places use come from here: the writers (``store/events.py``, ``store/merge.py``, the
Parquet dataset), the list summary (``query.event_summary``) and the flat export
(``store/analytics.copy_events``). ``store/schema.sql`` creates the tables (with the ``ALTER``
statements older databases need), and ``tests/test_event_contract.py`` fails when the tables, the
``Event`` and merger ``Instance`` dataclasses, the API models (``web/models.py``) or the export
headers disagree with this module (names, order, types).

Each table maps a column, in table order, to its DuckDB type as ``schema.sql`` declares it.
"""

from __future__ import annotations

# event_mentions: one event as one sentence of one document reports it (store/events.py).
REPORT_COLUMNS: dict[str, str] = {
    "doc_id": "VARCHAR NOT NULL",
    "idx": "INTEGER NOT NULL",  # the event's position in its document's coder output
    "doc": "VARCHAR NOT NULL",
    "event_id": "VARCHAR",  # filled by the merger
    "source": "VARCHAR NOT NULL",
    "target": "VARCHAR NOT NULL",
    "source_actor": "JSON",
    "target_actor": "JSON",
    "type": "VARCHAR NOT NULL",
    "mode": "VARCHAR",
    "subtype": "VARCHAR",
    "cameo": "VARCHAR",
    "date": "VARCHAR",
    "date_precision": "VARCHAR",
    "status": "VARCHAR NOT NULL",
    "location": "VARCHAR",
    "location_country": "VARCHAR",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "symmetric": "BOOLEAN NOT NULL",
    "sentence": "VARCHAR NOT NULL",
    "sentence_start": "INTEGER NOT NULL",
    "sentence_end": "INTEGER NOT NULL",
    "trigger": "VARCHAR NOT NULL",
    "trigger_start": "INTEGER NOT NULL",
    "trigger_end": "INTEGER NOT NULL",
    "source_start": "INTEGER",
    "source_end": "INTEGER",
    "target_start": "INTEGER",
    "target_end": "INTEGER",
    "confidence": "DOUBLE NOT NULL",
    "coder_version": "VARCHAR NOT NULL",
    "role_rule": "VARCHAR",
    "date_basis": "VARCHAR",
}

# Event fields stored as several report columns; every other field is the column of its name.
SPLIT_FIELDS: dict[str, tuple[str, ...]] = {
    "sentence_span": ("sentence_start", "sentence_end"),
    "trigger": ("trigger", "trigger_start", "trigger_end"),
    "source_span": ("source_start", "source_end"),
    "target_span": ("target_start", "target_end"),
}

# events: one row per happening, written by the merger (amity.merge, store/merge.py).
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR NOT NULL",
    "pair_a": "VARCHAR NOT NULL",  # the actor pair sorted: a merge block is (pair_a, pair_b, type)
    "pair_b": "VARCHAR NOT NULL",
    "source": "VARCHAR NOT NULL",
    "target": "VARCHAR NOT NULL",
    "source_actor": "JSON",
    "target_actor": "JSON",
    "symmetric": "BOOLEAN NOT NULL",
    "type": "VARCHAR NOT NULL",
    "mode": "VARCHAR",
    "subtype": "VARCHAR",
    "cameo": "VARCHAR",
    "date": "VARCHAR",
    "date_precision": "VARCHAR",
    "first_date": "DATE",
    "last_date": "DATE",
    "status": "VARCHAR NOT NULL",
    "location": "VARCHAR",
    "location_country": "VARCHAR",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "confidence": "DOUBLE NOT NULL",
    "intensity": "DOUBLE",
    "quad_class": "INTEGER",
    "n_sources": "INTEGER NOT NULL",
    "n_mentions": "INTEGER NOT NULL",
    "rep_doc_id": "VARCHAR NOT NULL",  # the representative report
    "rep_idx": "INTEGER NOT NULL",
    "first_published": "DATE",
    "last_published": "DATE",
    "merged_at": "TIMESTAMP NOT NULL",
    "doc": "VARCHAR",  # the representative's document name and sentence, so that lists need no join
    "sentence": "VARCHAR",
    "date_basis": "VARCHAR",
}

# A merged event in lists (query.event_summary; the API's EventSummary): events columns.
SUMMARY_FIELDS: tuple[str, ...] = (
    "event_id", "source", "target", "symmetric", "type", "mode", "subtype", "date",
    "date_precision", "date_basis", "status", "location", "location_country", "n_sources",
    "n_mentions", "intensity", "sentence", "doc", "first_published",
)

# The flat CSV and Parquet export, in file order: events columns, and the representative
# report's trigger (its sentence replaces the events column).
EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id", "source", "target", "type", "mode", "subtype", "cameo", "date", "date_precision",
    "date_basis", "first_date", "last_date", "status", "location", "location_country", "lat", "lon",
    "symmetric", "intensity", "quad_class", "n_sources", "n_mentions", "confidence", "rep_doc_id",
    "sentence", "trigger", "first_published", "last_published",
)
