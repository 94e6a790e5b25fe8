"""The text-scrape cleaner on scrapes written for these tests, with furniture the seeds do not
have: the rules must be general, not fitted to two files."""

from __future__ import annotations

import pytest

from amity.clean import CleanOptions, clean, explain
from amity.clean.dates import find_dates, is_date_line, publication_date_in
from amity.clean.rules import boilerplate_reason, byline_name
from amity.clean.text import best_block, clean_text
from amity.models import Article, Document, Rejection

NEWS_SITE = """Skip to content
Home
World
Defence
Subscribe
Tuesday, 12 March 2024
Poland takes delivery of more K2 tanks | Defence Daily
By Marta Nowak and Lee Min-jun
Published: 11 March 2024 | Updated: 12 March 2024
Share on Facebook
Share on X
Email
WARSAW (Reuters) - Poland received another batch of K2 Black Panther tanks from South Korea on Monday, the defence ministry said.
The delivery is part of a framework agreement the two governments signed in 2022.
Advertisement
The tanks arrived at the port of Gdynia aboard a cargo ship, and Polish crews will begin training with Korean instructors next month.
Image: K2 tanks unloaded at Gdynia (Getty Images)
READ MORE: Poland signs second K2 contract
Officials said a local production line would open in 2026.
Tags: Poland, South Korea, K2
You may also like
Germany opens Lithuania brigade headquarters
2 hours ago
Marta Nowak is a defence correspondent based in Warsaw. Follow her on X for updates.
© 2024 Defence Daily. All rights reserved.
"""
NEWS_SITE_SENTENCES = [
    ("WARSAW (Reuters) - Poland received another batch of K2 Black Panther tanks from South Korea "
    "on Monday, the defence ministry said."),
    "The delivery is part of a framework agreement the two governments signed in 2022.",
    ("The tanks arrived at the port of Gdynia aboard a cargo ship, and Polish crews will begin "
    "training with Korean instructors next month."),
    "Officials said a local production line would open in 2026.",
]

BLOG = """Menu
Asia-Pacific Security Watch
Balikatan 2024 opens with record numbers
April 22, 2024
Posted by J. Reyes
Filipino and American troops opened the annual Balikatan exercise in Manila on Monday, with more than 16,000 personnel taking part.
For the first time, the drills will include maritime operations beyond the Philippines' territorial sea.
Australian and French forces are also joining parts of the programme.
Like this:
Like Loading...
Related
Leave a Reply
Your email address will not be published.
"""

COMMENTS_AND_NEWSLETTER = """India clears Rafale Marine purchase
Paris, 26 April 2025
India and France signed a government-to-government agreement in New Delhi on Monday for 26 Rafale Marine fighters for the Indian Navy.
The jets will operate from the carrier INS Vikrant, and deliveries are expected to begin in 2028.
Sign up for our daily newsletter to get the latest defence news in your inbox.
The package includes training, spare parts and five years of performance-based logistics support.
12 Comments
rahul_k says:
Great news for the navy, finally a decision after years of talks.
"""


def _doc(text: str, **kw) -> Document:
    result = clean(Article(origin="test", content=text, kind="text", **kw))
    assert isinstance(result, Document), result
    return result


def test_news_site_scrape():
    doc = _doc(NEWS_SITE)
    for sentence in NEWS_SITE_SENTENCES:
        assert sentence in doc.text
    assert doc.text.count("\n") == len(NEWS_SITE_SENTENCES) - 1  # nothing else
    assert doc.title == "Poland takes delivery of more K2 tanks"
    assert doc.outlet == "Defence Daily"
    assert doc.author == "Marta Nowak and Lee Min-jun"
    assert doc.published == "2024-03-11"  # published, not updated, not the header date


def test_news_site_drop_reasons():
    reasons = {line.text: line.reason for line in explain(
        Article(origin="t", content=NEWS_SITE)).dropped}
    assert reasons["Tuesday, 12 March 2024"] == "date_line"
    assert reasons["Advertisement"] == "advert"
    assert reasons["Image: K2 tanks unloaded at Gdynia (Getty Images)"] == "caption"
    assert reasons["READ MORE: Poland signs second K2 contract"] == "read_more"
    assert reasons["Share on Facebook"] == "share"
    assert reasons["Tags: Poland, South Korea, K2"] == "tags"
    assert reasons["© 2024 Defence Daily. All rights reserved."] == "copyright"
    assert reasons["2 hours ago"] == "teaser"


def test_blog_scrape():
    doc = _doc(BLOG)
    assert doc.text.splitlines() == [
        ("Filipino and American troops opened the annual Balikatan exercise in Manila on Monday, "
        "with more than 16,000 personnel taking part."),
        ("For the first time, the drills will include maritime operations beyond the Philippines' "
        "territorial sea."),
        "Australian and French forces are also joining parts of the programme.",
    ]
    assert doc.title == "Balikatan 2024 opens with record numbers"
    assert doc.author == "J. Reyes"
    assert doc.published == "2024-04-22"  # a date alone under the headline is the article's


def test_newsletter_box_and_comments_are_dropped():
    doc = _doc(COMMENTS_AND_NEWSLETTER)
    assert "newsletter" not in doc.text and "rahul_k" not in doc.text
    assert "Great news" not in doc.text
    assert "performance-based logistics support." in doc.text
    assert doc.title == "India clears Rafale Marine purchase"
    assert doc.published == "2025-04-26"


def test_wire_dateline_names_the_outlet_but_a_quoted_source_does_not():
    wire = _doc("Japan and Philippines sign access pact\n"
                "MANILA (AFP) - Japan and the Philippines signed a reciprocal access agreement "
                "on Monday, allowing their troops to train in each other's territory.\n")
    assert wire.outlet == "AFP"
    quoted = _doc("Japan and Philippines sign access pact\n"
                  "Japan and the Philippines signed a reciprocal access agreement on Monday, "
                  "allowing their troops to train in each other's territory, AFP reports.\n")
    assert quoted.outlet is None


def test_headline_is_not_the_standfirst_below_it():
    doc = _doc("Northern Europe Daily\nGermany commissions brigade in Lithuania\n"
               "Merz attends the ceremony in Vilnius as Berlin bases a combat brigade abroad for "
               "the first time since the war\nBy Ingrid Feldmann\n"
               "Germany formally commissioned its armoured brigade in Lithuania on Thursday at a "
               "ceremony in Vilnius attended by the chancellor.\n")
    assert doc.title == "Germany commissions brigade in Lithuania"
    assert "Merz attends" not in doc.text


def test_container_metadata_wins():
    doc = _doc(NEWS_SITE, title="Given title", published="2024-03-10", outlet="Wire",
               author="Someone")
    assert (doc.title, doc.published, doc.published_source, doc.outlet, doc.author) == (
        "Given title", "2024-03-10", "container", "Wire", "Someone")


def test_only_a_header_date_is_not_a_publication_date():
    doc = _doc("Mon, June 3, 2024\nNavies of India and France hold Varuna drill\n"
               "The Indian and French navies began the Varuna exercise in the Arabian Sea, "
               "with carriers from both countries taking part.\n")
    assert doc.published is None and doc.published_source is None


BODY = ("The Indian and French navies began the Varuna exercise in the Arabian Sea on Monday, "
        "with carriers from both countries taking part in air defence and anti-submarine drills.\n")


@pytest.mark.parametrize("header,published,title", [
    # a stamp with a clock time under the headline dates the article
    ("Navies of India and France hold Varuna drill\nMarch 9, 2026 4:40 PM GMT+7 Updated 2 hours ago\n",
     "2026-03-09", "Navies of India and France hold Varuna drill"),
    # a "Published:" line that is no byline, under a breadcrumb that is no headline
    ("Home > National > Maritime\nNavies of India and France hold Varuna drill\n"
     "Staff Correspondent | Published: 21 May 2026, 08:30 AM | Updated: 21 May 2026, 11:05 AM\n",
     "2026-05-21", "Navies of India and France hold Varuna drill"),
    # a date between separators above the headline is still a page header, not the article's date
    ("SECURITY BRIEF | No. 46/2026 | 18 November 2026\nNavies of India and France hold Varuna drill\n",
     None, "Navies of India and France hold Varuna drill"),
])
def test_stamps_breadcrumbs_and_dated_header_lines(header, published, title):
    doc = _doc(header + BODY)
    assert doc.published == published
    assert doc.title == title


def test_repeated_and_headline_lines_inside_the_article_are_dropped():
    text = ("Germany deploys brigade to Lithuania\n"
            "Germany formally launched its armoured brigade in Lithuania on Tuesday in a ceremony "
            "in Vilnius attended by Chancellor Friedrich Merz.\n"
            "Germany deploys brigade to Lithuania\n"
            "About 5,000 soldiers are to be stationed in the country by the end of 2027.\n"
            "About 5,000 soldiers are to be stationed in the country by the end of 2027.\n")
    result = clean_text(text)
    assert [line.reason for line in result.dropped] == [
        "before_article", "duplicate_headline", "repeated_line"]
    assert len(result.body) == 2


def test_only_furniture_is_no_article():
    result = clean(Article(origin="x", content="Home\nNews\nSubscribe now\n© 2024 Site\n"))
    assert isinstance(result, Rejection)
    assert result.stage == "clean" and "no article text" in result.reason


def test_text_id_ignores_case_whitespace_and_quote_style():
    body = ("Turkey's industry will deliver KAAN fighter jets to Indonesia under a deal signed "
            "on June 11, 2025, officials said.")
    a = _doc(body)
    b = _doc("  " + body.lower().replace("'", "’").replace(" ", "   ") + "\n")
    c = _doc(body.replace("said.", "said .").replace(" ", "  "))
    assert a.id == b.id
    assert a.id != c.id  # punctuation is content


@pytest.mark.parametrize(("text", "iso"), [
    ("Jun11,2024", "2024-06-11"),
    ("June 11, 2024", "2024-06-11"),
    ("2024-06-11", "2024-06-11"),
    ("11 June 2024", "2024-06-11"),
    ("Sat. Jul 27th, 2024", "2024-07-27"),
    ("11th of June, 2024", "2024-06-11"),
    ("Sept. 3, 2023", "2023-09-03"),
    ("11.06.2024", "2024-06-11"),
])
def test_messy_dates(text, iso):
    assert [f.iso for f in find_dates(text)] == [iso]


def test_no_false_dates():
    assert find_dates("Feb 30, 2024 and 06/11/2024 and May I ask") == []
    assert not is_date_line("The deal was signed on June 11, 2024.")
    assert is_date_line("Monday, June 10, 2024 at 10:30 am EST")
    assert publication_date_in("Updated: June 12, 2024") is None


@pytest.mark.parametrize(("line", "name"), [
    ("Natasha Kumar By Natasha Kumar Jun11,2024", "Natasha Kumar"),
    ("By Natasha Kumar", "Natasha Kumar"),
    ("BY JOHN SMITH | June 3, 2024", "JOHN SMITH"),
    ("Written by: Ana de la Cruz", "Ana de la Cruz"),
    ("Posted on July 8, 2024 by Kenji Morita", "Kenji Morita"),
    ("Japan Stands By Manila In Sea Row", None),
    ("The drill was led by Captain Lee.", None),
])
def test_bylines(line, name):
    assert byline_name(line) == name


@pytest.mark.parametrize(("line", "reason"), [
    ("Lifestyle2 months agoSend Holiday Parcels for £1.99", "teaser"),
    ("World 3 hours ago Troops arrive in Vilnius", "teaser"),
    ("-", "separator"),
    ("* * *", "separator"),
    ("Photo: Rahm Emanuel and Minoru Kihara", "caption"),
    ("Reporting by Ju-min Park; Editing by Ed Davies", "credits"),
    ("Prepared by: Sergey Daga", "credits"),
    ("Related Posts", "related"),
    ("Baca juga", "related"),
    ("Lesen Sie auch:", "related"),
    ("Follow us on Telegram", "subscribe"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Click to share on LinkedIn (Opens in new window)", "share"),
    ("We use cookies to improve your experience on our site.", "cookies"),
    ("About the author", "bio_heading"),
])
def test_furniture_rules(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize("line", [
    "The ministers agreed to follow up on the agreement in Seoul next month.",
    "Share prices of Hanwha Aerospace rose 4% after the announcement.",
    "Japan will subscribe to the NATO initiative, the foreign ministry said.",
    "The photo shows troops boarding a C-130 at Clark Air Base.",
    "By 2030, the navy plans to operate twelve submarines.",
])
def test_article_sentences_match_no_rule(line):
    assert boilerplate_reason(line) is None


def test_best_block_is_the_maximum_sum_segment():
    assert best_block([-5, 3, -1, 4, -20, 7]) == (5, 6)
    assert best_block([-5, 3, -1, 4, -2, 1]) == (1, 4)
    assert best_block([-1, -2]) == (0, 0)


def test_options_change_the_outcome():
    text = "Navies hold drill\nShort one here.\nAnother brief line now.\n"
    assert isinstance(clean(Article(origin="x", content=text)), Rejection)
    loose = CleanOptions(min_prose_words=3, min_body_chars=10)
    assert isinstance(clean(Article(origin="x", content=text), loose), Document)


def test_reader_comments_are_not_the_article_even_when_longer():
    article = ("Japan and Australia held their first joint fighter exercise in Hokkaido on "
               "Tuesday, with Australian F-35s flying alongside Japanese F-15s.\n"
               "The air forces said the drills would continue for two weeks, and that tankers "
               "from both countries would refuel each other's aircraft.\n"
               "It is the first time Australian fighters have trained in northern Japan.\n")
    comment = ("I have followed these exercises for years and I think they matter a great deal "
               "for the region, because the alternative is far worse for everyone involved.\n")
    comments = "".join(comment.replace("years", f"{n} years") for n in range(2, 8))
    page = ("0 Comments\n" + article + "Share\n[ 42 comments ]\nkoala_fan says:\n"
            + comments + "Leave a Reply\n")
    doc = _doc(page)
    assert doc.text == article.strip()


def test_a_namesake_of_the_author_in_the_article_is_not_a_bio():
    doc = _doc("Manila hosts allied ministers\nBy Sarah Johnson\n"
               "Johnson joined the talks in Manila on Monday, where the ministers signed a "
               "logistics agreement.\n"
               "The agreement covers fuel, food and spare parts for visiting ships.\n"
               "Sarah Johnson is a correspondent based in Manila. Contact her at "
               "sarah@example.org.\n")
    assert doc.text.startswith("Johnson joined the talks")
    assert "correspondent" not in doc.text


def test_short_one_sentence_paragraphs_are_not_taken_for_wrapped_text():
    sentences = [
        "The Japanese and Philippine coast guards held a joint drill off Manila on Friday.",
        "Advertisement",
        "Two Japanese patrol ships and three Philippine vessels took part in the exercise.",
        "Officials said the drill focused on search and rescue and on firefighting at sea.",
        "The next exercise is planned for the waters off Okinawa later in the year.",
        "Crews from both countries also practised boarding a vessel in distress.",
        "Photo: Coast guard ships in Manila Bay",
    ]
    doc = _doc("Coast guards drill off Manila\n" + "\n".join(sentences) + "\n")
    assert doc.text.splitlines() == [s for s in sentences if s[:5] not in ("Adver", "Photo")]


@pytest.mark.parametrize("line", [
    "Nearly 10 years ago, the two navies signed a pact on sharing logistics.",
    "Japan 10 years ago agreed to supply patrol vessels to the Philippine Coast Guard.",
    "Some 70 years ago the alliance was founded in Washington.",
])
def test_sentences_with_an_age_are_not_teasers(line):
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize("line", [
    "Produced by Hanwha Aerospace, the K9 howitzer is now in service in Poland and Finland.",
    "Responses to the exercise from Beijing were muted, officials said.",
    "In a statement released after the meeting, the ministry said:",
    "Copyright law was not part of the trade and defence talks in Seoul this week.",
    "By Monday, the troops will have arrived at the base, as planned on June 11, 2024.",
    "Reviewed by the cabinet in March, the plan doubles the number of joint exercises.",
])
def test_article_sentences_that_look_like_furniture_are_kept(line):
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(("line", "reason"), [
    ("34 responses to “Anthony Lynn: We needed to win this game”", "comments"),
    ("[ 167 comments ]", "comments"),
    ("Comments (12)", "comments"),
    ("thelastchargersfan says:", "commenter"),
    ("Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:", "commenter"),
    ("Copyright 2024 Example News", "copyright"),
    ("Reporting by Ju-min Park.", "credits"),
])
def test_comment_and_credit_furniture(line, reason):
    assert boilerplate_reason(line) == reason
