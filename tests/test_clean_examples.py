"""The sample articles under examples/articles/ clean into what `make demo` promises."""

from __future__ import annotations

import re

import pytest

from amity.clean import clean
from amity.models import Document
from amity.sources import iter_articles

EXPECTED = {  # name: (published, outlet, number of article paragraphs)
    "aukus-san-diego-2023": ("2023-03-13", "Pacific Ledger", 7),
    "aukus-optimal-pathway-2023": ("2023-03-14", "Southern Cross Review", 6),
    "balikatan-2024": ("2024-04-22", "Manila Harbour Post", 7),
    "japan-philippines-raa-2024": ("2024-07-08", "Tokyo Asia Review", 8),
    "k2-gdynia-2022": ("2022-12-06", "Baltic Defence Monitor", 7),
    "kaan-indonesia-2025": ("2025-06-11", "Jakarta Defense Insider", 6),
    "lithuania-brigade-2025": ("2025-05-22", "Northern Europe Daily", 7),
    "rafale-m-2025": ("2025-04-28", "Subcontinent Defence Journal", 6),
    "steadfast-defender-2024": ("2024-01-18", "Alliance Wire", 6),
}
FURNITURE = re.compile(r"©|Photo:|Share|Subscribe|Related|months? ago|Tags:|Topics:|READ MORE|"
                       r"Prepared by|Reporting by|Advertisement|^By |has been a|writes about",
                       re.MULTILINE)


@pytest.fixture(scope="module")
def documents(repo_dir) -> dict[str, Document]:
    docs = {}
    for article in iter_articles([str(repo_dir / "examples" / "articles")]):
        doc = clean(article)
        assert isinstance(doc, Document), doc
        docs[doc.name] = doc
    return docs


def test_every_example_is_a_document(documents):
    assert sorted(documents) == sorted(EXPECTED)
    assert len({d.id for d in documents.values()}) == len(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_metadata_and_body(documents, name):
    doc = documents[name]
    published, outlet, paragraphs = EXPECTED[name]
    assert (doc.published, doc.outlet) == (published, outlet)
    assert doc.title and doc.author and doc.language == "en"
    assert len(doc.text.splitlines()) == paragraphs
    assert not FURNITURE.search(doc.text)
