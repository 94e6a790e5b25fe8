"""Page furniture around the headline: reading aids, standfirsts, the outlet's own name."""

from __future__ import annotations

import pytest

from amity.clean import clean
from amity.clean.rules import boilerplate_reason
from amity.models import Article

BODY = ("HANOI - Vietnam and Japan agreed on Monday to expand cooperation between their coast guards, "
        "including annual joint drills and training for Vietnamese officers, officials said.\n"
        "The agreement was signed by the heads of the two coast guards during a visit by a Japanese "
        "delegation to Hanoi.\n"
        "Japan will also provide two patrol vessels to Vietnam under a loan programme, the officials said.\n")


def _clean(header: str):
    return clean(Article(origin="t.txt", content=header + BODY, kind="text", name="t"))


@pytest.mark.parametrize("line", ["Listen to this article 3 min", "5 min read", "Reading time: 4 minutes",
                                  "Listen (3 min)", "Audio"])
def test_reading_aids_are_furniture(line):
    assert boilerplate_reason(line) == "reading_aid"
    assert boilerplate_reason("Listen to Japan's defence minister on the alliance") is None


def test_the_headline_not_its_standfirst_nor_a_reading_aid_is_the_title():
    doc = _clean("The Straits Observer\nListen to this article 3 min\n"
                 "Vietnam and Japan agree to expand coast guard cooperation\n"
                 "Hanoi and Tokyo will hold annual drills under a new plan\n"
                 "By Linh Tran | March 3, 2025\n")
    assert doc.title == "Vietnam and Japan agree to expand coast guard cooperation"
    assert doc.outlet == "The Straits Observer" and doc.published == "2025-03-03"


def test_a_section_label_above_the_headline_is_neither_title_nor_outlet():
    doc = _clean("Defence\nVietnam and Japan agree to expand coast guard cooperation\nBy Linh Tran | March 3, 2025\n")
    assert doc.title == "Vietnam and Japan agree to expand coast guard cooperation"
    assert doc.outlet is None


def test_an_html_fragment_of_one_paragraph_is_an_article_and_a_menu_is_not():
    para = clean(Article(origin="r.jsonl:1", content="<p>Japan and India held defence talks in Tokyo on Monday.</p>",
                         kind="html", name="r"))
    assert para.text == "Japan and India held defence talks in Tokyo on Monday."
    two = clean(Article(origin="r.jsonl:2", kind="html", name="r2", content=(
        "<div><p>Japan and India held defence talks in Tokyo on Monday.</p>"
        "<p>They agreed to expand joint naval exercises next year.</p><script>track()</script></div>")))
    assert two.text.splitlines() == ["Japan and India held defence talks in Tokyo on Monday.",
                                     "They agreed to expand joint naval exercises next year."]
    menu = clean(Article(origin="r.jsonl:3", kind="html", name="r3",
                         content="<div><a href='/'>Home</a> <a href='/a'>About us</a></div><script>x()</script>"))
    assert not hasattr(menu, "text") and menu.reason == "no article text found in the HTML page"
