"""The data that flows between amity's stages.

Article -> Document -> Mention (with its Actor) -> Event.

Every stage takes and returns these frozen dataclasses; nothing else crosses a stage boundary.
Offsets (``start``/``end``) are always character offsets into ``Document.text``, the cleaned
text, so that ``doc.text[start:end]`` is the evidence.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

PIPELINE_VERSION = "0.1.0"


@dataclass(frozen=True)
class Article:
    """One raw item as a reader found it, before cleaning.

    ``content`` is the raw payload: ``str`` for text already decoded, ``bytes`` when the reader
    could not know the encoding (the cleaner detects it). ``kind`` is ``"text"`` for a flattened
    scrape or ``"html"`` for markup. The optional metadata fields carry what the container already
    states (a JSONL record's ``title``, a feed entry's date, a WARC record's URI); the cleaner
    prefers them to what it can guess from the body.
    """

    origin: str
    content: str | bytes
    kind: str = "text"
    name: str | None = None  # short name: the file name without extension, or None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the container states it
    outlet: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Rejection:
    """Why an input or a document was not turned into the next stage's output.

    Stages return a Rejection instead of ``None`` so that the reason is never lost; the store
    writes it to ``ingest_errors``.
    """

    origin: str
    stage: str  # read | decode | clean | language | nlp | code | store
    reason: str


@dataclass(frozen=True)
class Document:
    """A cleaned article: the text amity codes and every span points into."""

    id: str
    origin: str
    text: str
    name: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD, or None when unknown
    published_source: str | None = None  # where the date came from: container|byline|header|html
    outlet: str | None = None
    language: str | None = None
    flags: tuple[str, ...] = ()  # e.g. ("non_english",) or ("no_article",)
    pipeline_version: str = PIPELINE_VERSION


@dataclass(frozen=True)
class Actor:
    """Who a mention refers to.

    ``code`` is an ISO 3166-1 alpha-3 country code or an IGO code (NATO, UN, EU, ...).
    ``sector`` is a CAMEO-style agent: GOV, MIL, DIP, BUS, MED, CVL, ... or None.
    ``name`` is a person's name when the mention names one; ``role`` their office.
    """

    code: str
    sector: str | None = None
    name: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # written out: dataclasses.asdict deep-copies, and the writer calls this twice an event
        return {"code": self.code, "sector": self.sector, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class Mention:
    """A span of a document's text that refers to an actor."""

    doc_id: str
    text: str
    start: int
    end: int
    actor: Actor
    rule: str = ""  # which resolution rule produced it (for debugging and the evidence view)
    sentence: int | None = None  # index of the sentence in the document

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["actor"] = self.actor.to_dict()
        return d


PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)
"""The 16 PLOVER event types an Event's ``type`` takes."""

def _subtypes() -> tuple[str, ...]:
    """The ``subtypes`` of amity/data/event_ontology.yaml, in file order (one small file, read
    once at import): adding a subtype is a data edit."""
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("amity.data").joinpath("event_ontology.yaml").read_text(encoding="utf-8"))
    return tuple(str(name) for name in raw["subtypes"])


SUBTYPES: tuple[str, ...] = _subtypes()
"""The defense-cooperation subtypes an Event's ``subtype`` takes (or None)."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    """One coded event with its evidence. ``to_json()`` is the public event contract."""

    doc: str  # document name (file name without extension) or id
    doc_id: str
    source: str
    target: str
    source_actor: Actor
    target_actor: Actor
    type: str  # PLOVER type
    mode: str | None
    subtype: str | None
    cameo: str | None
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY, per date_precision
    date_precision: str | None  # day | month | year | None
    status: str  # asserted | planned
    location: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    symmetric: bool
    sentence: str
    sentence_span: tuple[int, int]
    trigger: Span
    source_span: Span | None = None
    target_span: Span | None = None
    confidence: float = 0.5
    coder_version: str = PIPELINE_VERSION
    event_id: str = ""  # filled by the merger; events of one happening share it
    role_rule: str = ""  # how the actors were read: "subj>obj", "subj>prep:with", "cooccur>cooccur", ...
    date_basis: str | None = None  # how the date was found: stated | relative | inherited | background | publication | merged

    def to_json(self) -> dict[str, Any]:
        """The event JSON contract (docs/events.md)."""
        return {
            "doc": self.doc,
            "event_id": self.event_id,
            "source": self.source,
            "target": self.target,
            "source_actor": self.source_actor.to_dict(),
            "target_actor": self.target_actor.to_dict(),
            "type": self.type,
            "mode": self.mode,
            "subtype": self.subtype,
            "cameo": self.cameo,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "status": self.status,
            "location": self.location,
            "location_country": self.location_country,
            "lat": self.lat,
            "lon": self.lon,
            "symmetric": self.symmetric,
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "trigger": self.trigger.text,
            "trigger_span": [self.trigger.start, self.trigger.end],
            "source_span": [self.source_span.start, self.source_span.end] if self.source_span else None,
            "target_span": [self.target_span.start, self.target_span.end] if self.target_span else None,
            "confidence": round(self.confidence, 3),
            "coder_version": self.coder_version,
            "role_rule": self.role_rule,
            "doc_id": self.doc_id,
        }


EVENT_JSON_FIELDS: tuple[str, ...] = (
    "doc", "event_id", "source", "target", "source_actor", "target_actor", "type", "mode",
    "subtype", "cameo", "date", "date_precision", "status", "location", "location_country",
    "lat", "lon", "symmetric", "sentence", "sentence_span", "trigger", "confidence",
)


@dataclass(frozen=True)
class Coded:
    """Everything the pipeline made of one document."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())
