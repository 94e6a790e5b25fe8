"""Shared helpers for the actor and NLP tests: one spaCy pipeline per test session."""

from __future__ import annotations

from functools import lru_cache

import pytest

from amity.models import Document


@lru_cache(maxsize=4)
def analyzer(actor_files: tuple[str, ...] = ()):
    """The Analyzer for these dictionaries; the model loads once and is shared (lru_cache)."""
    from amity.errors import ModelError
    from amity.nlp import Analyzer, NlpOptions

    a = Analyzer(NlpOptions(actor_files=actor_files))
    try:
        _ = a.nlp
    except ModelError as exc:  # pragma: no cover - the pinned model is a base dependency
        pytest.skip(f"spaCy model not installed: {exc}")
    return a


def analyse(text: str, actor_files: tuple[str, ...] = (), doc_id: str = "t"):
    return next(analyzer(actor_files).analyze([Document(id=doc_id, origin=doc_id, text=text)]))


def actors(text: str, actor_files: tuple[str, ...] = ()) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(mention text, code, sector, name, role) for every mention of ``text``."""
    return [(m.text, m.actor.code, m.actor.sector, m.actor.name, m.actor.role) for m in analyse(text, actor_files).mentions]
