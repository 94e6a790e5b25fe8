"""Very long texts are coded in parts; nothing is dropped (amity.clean.parts)."""

from __future__ import annotations

from amity.clean.parts import split_long
from amity.models import Article, Coded, Document
from amity.pipeline import Pipeline, PipelineOptions

PARA = ("Japan and the Philippines signed a defence pact in Manila on Monday. "
        "The two countries also agreed to hold joint drills.")


def test_parts_put_end_to_end_are_the_text_and_cut_at_the_strongest_boundary():
    text = "\n\n".join([PARA] * 40)
    doc = Document(id="abc", origin="x", text=text, name="big", title="Big")
    parts = split_long(doc, 1000)
    assert len(parts) > 1 and "".join(p.text for p in parts) == text
    assert all(len(p.text) <= 1000 for p in parts)
    assert all(p.text.endswith("\n\n") for p in parts[:-1])  # at blank lines, not mid-sentence
    assert [p.id for p in parts[:2]] == ["abc-p1", "abc-p2"] and parts[0].name == "big#p1"
    assert parts[0].title == f"Big (part 1 of {len(parts)})" and "part" in parts[0].flags


def test_one_endless_line_is_cut_at_sentence_ends_then_spaces():
    line = " ".join([PARA] * 60)
    parts = split_long(Document(id="a", origin="x", text=line), 700)
    assert "".join(p.text for p in parts) == line
    assert all(p.text.rstrip().endswith(".") for p in parts[:-1])
    spaces = split_long(Document(id="b", origin="x", text="word " * 500), 333)
    assert "".join(p.text for p in spaces) == "word " * 500 and all(p.text.endswith(" ") for p in spaces[:-1])


def test_a_short_document_is_itself():
    doc = Document(id="a", origin="x", text=PARA)
    assert split_long(doc, 1000) == (doc,)


def test_the_pipeline_codes_every_part_of_a_text_longer_than_its_limit():
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    text = "\n\n".join(f"Round {n}: Japan and the Philippines signed defence pact number {n} in Manila on "
                       f"{days[n % 5]}, officials said after {n + 2} hours of talks." for n in range(40))
    pipe = Pipeline(PipelineOptions(max_chars=2000))
    article = Article(origin="long.txt", content=text, name="long")
    out = [c for c in pipe.process([article]) if isinstance(c, Coded)]
    assert len(out) > 1 and "".join(c.document.text for c in out) == pipe.clean(article).text
    assert all(c.events for c in out)  # every part coded


def test_the_cleaners_options_reach_the_cleaner_through_the_pipeline():
    from amity.clean.options import CleanOptions
    from amity.models import Rejection

    article = Article(origin="short.txt", content=PARA, name="short")
    assert isinstance(Pipeline().clean(article), Document)
    strict = Pipeline(PipelineOptions(clean=CleanOptions(min_body_chars=10_000))).clean(article)
    assert isinstance(strict, Rejection) and "no article text found" in strict.reason
