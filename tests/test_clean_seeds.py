"""The two founding scrapes: every article sentence kept, no page furniture, metadata right."""

from __future__ import annotations

from pathlib import Path

import pytest

from amity.clean import clean, explain
from amity.models import Document
from amity.sources import iter_articles

US_JAPAN_SENTENCES = [
    ("U.S. Ambassador to Japan Rahm Emanuel held talks with Japanese officials on defense "
    "industrial cooperation between the two countries, covering aircraft and ship repairs, missile "
    "production and ensuring the resilience of military supply chains, Reuters reports."),
    ("The United States needs Japan's help to address strategic challenges in Europe and Asia, "
    "Emanuel said during talks on Monday, June 10."),
    ("The ambassador said the U.S. national security strategy includes maintaining combat readiness "
    "amid wars in the Middle East and Ukraine, as well as ensuring deterrence in the East Asia."),
    ("The U.S. and Japan began their first talks on deepening defense cooperation on Sunday as part "
    "of the U.S.-Japan Defense Industrial Cooperation, Acquisition, and Sustainment (DICAS) forum, "
    "established in April by President Joe Biden and Japanese Prime Minister Fumio Kishida."),
    ("On Tuesday, June 11, Deputy Defense Secretary for Acquisition William LaPlante and Masaki "
    "Fukasawa, head of Japan's Acquisition, Technology, and Logistics Agency, will discuss repairing "
    "naval vessels in Japan, which could help free up U.S. shipyards to build new warships."),
    ("He explained that potential U.S.-Japan cooperation includes aircraft repair, missile "
    "production, and ensuring the resilience of the military supply chain."),
    "The U.S. and Japan are currently working on a missile defense interceptor.",
]
US_JAPAN_FURNITURE = [
    "Sat. Jul 27th", "Jun11,2024", "By Natasha", "Natasha Kumar", "Washington, Tokyo deepen",
    "Washington and Tokyo deepen", "Photo:", "Prepared by", "Sergey Daga", "news desk",
    "Village Voice", "natasha@", "1-800", "Related Post",
]

KOREA_JAPAN_SENTENCES = [
    ("South Korea and Japan have reached an agreement to resume joint naval search and rescue "
    "exercises for the first time in nine years."),
    ("This significant decision was announced following a meeting between South Korea’s Defense "
    "Minister Ahn Gyu-back and Japan’s Defense Minister Shinjiro Koizumi at the Yokosuka base of "
    "Japan’s Maritime Self-Defense Force."),
    ("The restoration of these drills aims to enhance defense cooperation between the two "
    "countries, which have faced diplomatic challenges in the past."),
    ("The joint exercises, which last took place in 2017, will focus on humanitarian efforts, "
    "reflecting a commitment to strengthening ties amid a complex regional security environment."),
    ("The defense ministries of both nations indicated that the resumption of these exercises is a "
    "step toward improving mutual understanding and trust between the South Korean military and "
    "the Japanese Self-Defense Force."),
    ("In their discussions, Ahn and Koizumi explored cooperative initiatives in various fields, "
    "including artificial intelligence and space, with the intent to foster a “mutually "
    "beneficial and future-oriented” relationship."),
    ("They emphasized the necessity of bilateral cooperation to maintain regional peace and "
    "stability, particularly in light of North Korean nuclear threats."),
    ("As part of their ongoing collaboration, the ministers agreed to hold regular ministerial "
    "visits and discussions to enhance communication between their respective defense authorities."),
    ("Ahn extended an invitation to Koizumi to visit South Korea to further promote their mutual "
    "exchanges."),
    ("These talks were preceded by a summit between South Korean President Lee Jae Myung and "
    "Japanese Prime Minister Sanae Takaichi earlier this month in Nara, where they aimed to deepen "
    "bilateral ties."),
    ("In a demonstration of increasing military cooperation, the South Korean Air Force’s Black "
    "Eagles team recently made a stop in Okinawa while en route to Saudi Arabia, marking the first "
    "time Japan’s air self-defense forces provided refueling support for South Korean aircraft."),
    ("Ahn and Koizumi last held discussions in early November during the Association of Southeast "
    "Asian Nations Defense Ministers’ Meeting-Plus in Kuala Lumpur, where they reaffirmed the "
    "importance of trilateral security cooperation with the United States in response to North "
    "Korean developments."),
    ("The visit by Ahn is notable as it marks the first trip by a South Korean defense chief to "
    "Japan in approximately 18 months."),
    ("Ahn also visited the USS George Washington aircraft carrier docked in Yokosuka, where he met "
    "with Vice Admiral Patrick Hannifin, the commander of the U.S. 7th Fleet."),
    ("During their meeting, Ahn highlighted the significance of the enduring South Korea-U.S. "
    "alliance and their collaborative defense posture, underscoring the ongoing commitment to "
    "regional security."),
    ("This renewed focus on defense cooperation signals a potential thaw in relations between South "
    "Korea and Japan, laying the groundwork for further collaboration in the years to come."),
]
KOREA_JAPAN_FURNITURE = [
    "Politics", "Renew Naval Drills After", "months ago", "Holiday Parcels", "Lifestyle",
    "Genome Sequencing", "Zika", "Sand Dollar", "Grey’s Anatomy", "\n-", "-\n",
]


def _clean_seed(seeds_dir: Path, name: str) -> Document:
    [article] = list(iter_articles([str(seeds_dir / f"{name}.txt")]))
    doc = clean(article)
    assert isinstance(doc, Document), doc
    return doc


@pytest.mark.parametrize(("name", "sentences", "furniture"), [
    ("us-japan-dicas-2024", US_JAPAN_SENTENCES, US_JAPAN_FURNITURE),
    ("korea-japan-drills-2026", KOREA_JAPAN_SENTENCES, KOREA_JAPAN_FURNITURE),
])
def test_seed_body_is_the_article_and_only_the_article(seeds_dir, name, sentences, furniture):
    doc = _clean_seed(seeds_dir, name)
    missing = [s for s in sentences if s not in doc.text]
    assert not missing
    leaked = [f for f in furniture if f in doc.text]
    assert not leaked
    # nothing but the sentences: the body is exactly the article's paragraphs
    rest = doc.text
    for sentence in sentences:
        rest = rest.replace(sentence, "")
    assert not rest.strip()


def test_us_japan_metadata(seeds_dir):
    doc = _clean_seed(seeds_dir, "us-japan-dicas-2024")
    assert doc.title == "Washington and Tokyo deepen defense cooperation"
    assert doc.author == "Natasha Kumar"
    assert doc.published == "2024-06-11"  # the byline date, not the page header's Jul 27th
    assert doc.published_source == "byline"
    assert doc.outlet is None  # "Reuters reports" is a source quoted in the text
    assert doc.language == "en" and doc.flags == ()
    assert doc.name == "us-japan-dicas-2024"


def test_korea_japan_metadata(seeds_dir):
    doc = _clean_seed(seeds_dir, "korea-japan-drills-2026")
    assert doc.title == "South Korea and Japan Renew Naval Drills After Nine-Year Hiatus"
    assert doc.published is None  # the text states no date
    assert doc.author is None
    assert doc.outlet is None


def test_us_japan_page_header_date_is_reported_not_published(seeds_dir):
    [article] = list(iter_articles([str(seeds_dir / "us-japan-dicas-2024.txt")]))
    report = explain(article)
    assert report.header_date == "2024-07-27"
    reasons = {line.text: line.reason for line in report.dropped}
    assert reasons["Sat. Jul 27th, 2024"] == "date_line"
    assert reasons["Prepared by: Sergey Daga"] == "credits"
    assert reasons["Related Post"] == "related"
    assert any(r == "author_bio" for r in reasons.values())


def test_seed_ids_are_stable_and_distinct(seeds_dir):
    a = _clean_seed(seeds_dir, "us-japan-dicas-2024")
    b = _clean_seed(seeds_dir, "korea-japan-drills-2026")
    assert a.id == _clean_seed(seeds_dir, "us-japan-dicas-2024").id
    assert a.id != b.id and len(a.id) == 16


def test_hard_wrapped_copy_of_a_seed_keeps_every_sentence(seeds_dir):
    import textwrap

    from amity.models import Article

    raw = (seeds_dir / "korea-japan-drills-2026.txt").read_text(encoding="utf-8")
    wrapped = "\n\n".join(textwrap.fill(line, 72) for line in raw.splitlines())
    doc = clean(Article(origin="wrapped", content=wrapped))
    assert isinstance(doc, Document)
    assert [s for s in KOREA_JAPAN_SENTENCES if s not in doc.text] == []
    assert "months ago" not in doc.text
    assert doc.title == "South Korea and Japan Renew Naval Drills After Nine-Year Hiatus"
