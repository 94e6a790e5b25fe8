"""The one options object of the cleaning stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanOptions:
    """Tuning for both cleaning paths. The defaults are what docs/quality.md measures."""

    # text scrapes: what counts as prose, and how the article block is chosen
    min_prose_words: int = 6  # a line with fewer words is never prose
    prose_discount: int = 20  # a prose line scores its length less this
    short_line_cost: int = 40  # cost, in characters of prose, of an ordinary non-prose line
    boilerplate_cost: int = 150  # cost of a line a rule names as page furniture
    inline_cost: int = 10  # cost of furniture found inside articles (captions, adverts, shares)
    stop_cost: int = 300  # cost of an end-of-article marker (related posts, credits, bios)
    title_window: int = 12  # how many lines above the article the headline may be
    drop_repeated_lines: bool = True  # a line seen before in the same article is dropped
    # HTML pages
    favor: str = "balanced"  # trafilatura: "precision", "recall" or "balanced"
    # both
    min_body_chars: int = 40  # a shorter body is "no article"
    detect_language: bool = True
    min_language_chars: int = 20  # shorter text: language left unknown
