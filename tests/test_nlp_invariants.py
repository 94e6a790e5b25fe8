"""Invariants of the Analyzer on real web articles (the Zyte benchmark bodies) and odd inputs."""

from __future__ import annotations

import json

import pytest
from actors_support import analyzer

from amity.models import Document

ODD = ["", "   \n\n  ", "U.S.-Japan-China-South Korea", "’s ’s ’s", "Japan" * 200, "Seoul\u00a0said. \u200bTokyo agreed.",
       "THE U.S. AND JAPAN SIGNED A PACT.", "(Japan) [China] {Korea}", "Ambassador to", "the two ministers"]


def _check(analysis) -> None:
    text = analysis.document.text
    assert analysis.spacy_doc.text == text
    starts = [m.start for m in analysis.mentions]
    assert starts == sorted(starts)
    for m in analysis.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.actor.code
        assert m.sentence is not None and 0 <= m.sentence < max(1, len(analysis.sentences))
        assert m.actor.sector != "="


def test_odd_inputs_do_not_break():
    docs = [Document(id=f"o{i}", origin="odd", text=t) for i, t in enumerate(ODD)]
    out = list(analyzer().analyze(docs))
    assert len(out) == len(ODD)
    for a in out:
        _check(a)


def test_real_articles_keep_invariants(shared_dir):
    path = shared_dir / "data" / "zyte-article-extraction" / "ground-truth.json"
    if not path.exists():
        pytest.skip("Zyte benchmark not found")
    data = json.loads(path.read_text(encoding="utf-8"))
    items = sorted(data.items())[:15]
    docs = [Document(id=k, origin=k, text=v["articleBody"]) for k, v in items if v.get("articleBody")]
    n = 0
    for a in analyzer().analyze(docs):
        _check(a)
        n += len(a.mentions)
    assert n > 0
