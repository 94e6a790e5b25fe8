"""Helpers for the event tests: code a text with the session's shared Analyzer."""

from __future__ import annotations

from functools import lru_cache

from amity.models import Document
from actors_support import analyzer


@lru_cache(maxsize=1)
def coder():
    from amity.events import Coder

    return Coder()


def code(text: str, published: str | None = "2024-06-12", actor_files: tuple[str, ...] = ()):
    doc = Document(id="t", origin="t", text=text, name="t", published=published)
    analysis = next(analyzer(actor_files).analyze([doc]))
    return coder().code(analysis)


def signature(ev) -> str:
    """"AUS=IDN AGREE/agreement" (joint, codes sorted) or "PAK>IND ACCUSE/None" (directed)."""
    if ev.symmetric:
        a, b = sorted((ev.source, ev.target))
        return f"{a}={b} {ev.type}/{ev.subtype}"
    return f"{ev.source}>{ev.target} {ev.type}/{ev.subtype}"


def signatures(text: str, published: str | None = "2024-06-12") -> set[str]:
    return {signature(e) for e in code(text, published)}
