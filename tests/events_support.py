"""Helpers for the event tests: code a text with the session's shared Analyzer."""

from __future__ import annotations

from functools import lru_cache

from actors_support import analyzer

from amity.models import Document


@lru_cache(maxsize=1)
def coder():
    from amity.events import Coder

    return Coder()


@lru_cache(maxsize=1)
def pipeline():
    """A Pipeline sharing the session's Analyzer (the spaCy model loads once per session)."""
    from amity.pipeline import Pipeline

    return Pipeline(analyzer=analyzer(()), coder=coder())


@lru_cache(maxsize=1)
def rules_coder():
    """The syntactic rules alone (no broad pass), their events still kept by the scorer."""
    from amity.events import Coder, CoderOptions

    return Coder(CoderOptions(broad=False))


def code(text: str, published: str | None = "2024-06-12", actor_files: tuple[str, ...] = (),
         rules_only: bool = False):
    doc = Document(id="t", origin="t", text=text, name="t", published=published)
    analysis = next(analyzer(actor_files).analyze([doc]))
    return (rules_coder() if rules_only else coder()).code(analysis)


def signature(ev) -> str:
    """"AUS=IDN AGREE/agreement" (joint, codes sorted) or "PAK>IND ACCUSE/None" (directed)."""
    if ev.symmetric:
        a, b = sorted((ev.source, ev.target))
        return f"{a}={b} {ev.type}/{ev.subtype}"
    return f"{ev.source}>{ev.target} {ev.type}/{ev.subtype}"


def signatures(text: str, published: str | None = "2024-06-12", rules_only: bool = False) -> set[str]:
    return {signature(e) for e in code(text, published, rules_only=rules_only)}
