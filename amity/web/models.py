"""Response models of the JSON API (they make the OpenAPI schema precise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel


class ErrorOut(BaseModel):
    error: str
    message: str
    hint: str


class Counts(BaseModel):
    documents: int
    event_mentions: int
    events: int
    dyads: int
    actors: int
    multi_source_events: int


class Dyad(BaseModel):
    pair_a: str
    pair_b: str
    events: int
    reports: int
    cooperation: int
    conflict: int
    balance: float
    mean_intensity: float | None = None
    total_intensity: float | None = None
    first_date: str | None = None  # at its precision: 2023, 2023-06, 2023-06-11; ~2023-06-11 = published
    last_date: str | None = None


class EventFields(BaseModel):
    """What a merged event says, in lists and in detail (its columns: amity/contract.py; the
    fields are checked against it by tests/test_event_contract.py)."""

    event_id: str
    source: str
    target: str
    symmetric: bool
    type: str
    mode: str | None = None
    subtype: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None  # stated | relative | inherited | background | publication | merged
    status: str
    location: str | None = None
    location_country: str | None = None
    n_sources: int
    n_mentions: int
    intensity: float | None = None
    sentence: str | None = None  # None only in a database merged before amity kept it here
    doc: str | None = None


class EventSummary(EventFields):
    first_published: dt.date | None = None


class MonthCount(BaseModel):
    month: str
    events: int


class Overview(BaseModel):
    counts: Counts
    top_dyads: list[Dyad]
    newest: list[EventSummary]
    months: list[MonthCount]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[EventSummary]


class Source(BaseModel):
    doc_id: str
    idx: int
    doc: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str | None = None
    published: str | None = None
    sentence: str
    sentence_span: list[int]
    trigger: str
    trigger_span: list[int]
    source_span: list[int] | None = None
    target_span: list[int] | None = None
    date: str | None = None
    date_basis: str | None = None


class EventDetail(EventFields):
    """The event JSON contract (docs/events.md) plus the merge fields and every source."""

    source_actor: dict[str, Any] | None = None
    target_actor: dict[str, Any] | None = None
    cameo: str | None = None
    lat: float | None = None
    lon: float | None = None
    sentence: str
    doc: str
    sentence_span: list[int]
    trigger: str
    trigger_span: list[int]
    source_span: list[int] | None = None
    target_span: list[int] | None = None
    confidence: float
    coder_version: str
    doc_id: str
    quad_class: int | None = None
    first_date: str | None = None
    last_date: str | None = None
    sources: list[Source]


class TimelineRow(BaseModel):
    month: str
    type: str
    events: int
    intensity: float | None = None


class NetworkNode(BaseModel):
    id: str
    events: int


class NetworkLink(BaseModel):
    source: str
    target: str
    events: int
    reports: int
    cooperation: int
    conflict: int
    balance: float
    mean_intensity: float


class Network(BaseModel):
    nodes: list[NetworkNode]
    links: list[NetworkLink]


class Health(BaseModel):
    status: str
    snapshot: int
