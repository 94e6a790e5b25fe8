"""Properties of the cleaner on arbitrary input: it never raises, and ids are stable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from amity.clean import clean, document_id, normalise
from amity.models import Article, Document, Rejection

LINES = st.lists(st.one_of(
    st.text(max_size=200),
    st.sampled_from(["By Ana Cruz", "Sat. Jul 27th, 2024", "-", "Related Post", "Photo: x",
                     "Politics2 months agoHeadline here", "© 2024 Site", "Share this:",
                     "The navies of both countries held a joint drill near the coast on Monday."]),
), max_size=40)


@settings(max_examples=150, deadline=None)
@given(LINES, st.sampled_from(["text", "html"]))
def test_clean_never_raises_and_offsets_are_plain_text(lines, kind):
    result = clean(Article(origin="x", content="\n".join(lines), kind=kind))
    assert isinstance(result, (Document, Rejection))
    if isinstance(result, Document):
        assert result.text == result.text.strip() and result.text
        assert "\n\n" not in result.text
        assert result.id == document_id(result.text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_clean_of_any_bytes_never_raises(data):
    assert isinstance(clean(Article(origin="x", content=data)), (Document, Rejection))


@given(st.text(max_size=300))
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)
