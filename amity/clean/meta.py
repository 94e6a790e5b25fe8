"""Metadata of a flattened scrape: headline, author, publication date and outlet.

All of it is read from the lines above the article block (the page header and byline area),
from lines the rules labelled (bylines, copyright), and from the wire-service dateline that may
open the article ("SEOUL (Reuters) -"). A source quoted inside the article ("..., Reuters
reports.") is never taken as the outlet.

Dates: a date standing alone above the headline is the page header (often the day the page was
visited or saved) and is *not* the publication date; a date in a byline, on a "Published" line or
alone between the headline and the article is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from amity.clean.dates import find_dates, is_date_line, publication_date_in
from amity.clean.rules import byline_name, words

if TYPE_CHECKING:
    from amity.clean.lines import Line
    from amity.clean.options import CleanOptions

_TOKEN = re.compile(r"\w+")
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'’/-]{1,60}?\s*\((?P<agency>Reuters|AP|AFP|Xinhua|Yonhap|Kyodo|Bloomberg|"
    r"PTI|ANI|IANS|dpa|UPI|TASS|Anadolu|Bernama|PNA|ANTARA|Antara|Jiji|Interfax)\)\s*[-—–]")
_COPYRIGHT_NOISE = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\b(?:19|20)\d\d\b|"
                              r"[-–]\s*(?:19|20)\d\d|\.$", re.IGNORECASE)
_OUTLET_WORD = re.compile(r"(?:\.(?:com|net|org|co\.\w\w|in|news)|\b(?:News|Times|Post|Herald|"
                          r"Journal|Tribune|Daily|Today|Express|Gazette|Review|Insider|Wire|Press|"
                          r"Online|TV|Hub|Observer|Guardian|Telegraph|Standard|Monitor))$")


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_source: str | None = None  # "byline" for a scrape's own date
    header_date: str | None = None  # a page-header date (not the publication date)
    outlet: str | None = None


def tokens(text: str) -> set[str]:
    return {t.lower() for t in _TOKEN.findall(text)}


def similar(a: str, b: str, threshold: float = 0.6) -> bool:
    """Two lines saying nearly the same words (a headline and its repeat or variant)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) >= threshold or ta <= tb or tb <= ta


def is_headline_shaped(text: str, options: CleanOptions) -> bool:
    """3-30 words, starts like a sentence, does not end like one (headlines rarely do)."""
    n = len(words(text))
    if not 3 <= n <= 30 or len(text) > 250:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"):
        return False
    return not text.rstrip("\"'”’").endswith((".", ",", ":", ";"))


_SEPARATORS = re.compile(r"\s+[|·•]\s+")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|hrs?|h)?(?=\W|$)|\b(?:GMT|UTC|IST|EST|EDT|CET|JST|KST)\b",
                    re.IGNORECASE)
_STAMP_WORDS = re.compile(r"\b(?:published|posted|updated|last updated|first published)\b", re.IGNORECASE)


def is_dateline(text: str) -> bool:
    """A short line that is mostly a date: "Paris, 26 April 2025", "June 3, 2024 | 10:30", or
    whose part between separators is one: "SECURITY BRIEF | No. 46 | 18 November 2026"."""
    dates = find_dates(text)
    if not dates or len(words(text)) > 12:
        return False
    if len(words(text)) <= 8 and (is_date_line(text) or sum(f.end - f.start for f in dates) >= 0.4 * len(text)):
        return True
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    return len(parts) > 1 and any(is_date_line(part) for part in parts)


_CRUMBS = re.compile(r"\s+[|·•>»/›]\s+")


def is_breadcrumb(text: str) -> bool:
    """Section labels, not a headline: "Politics · Argentina", "Home > National > Maritime"."""
    parts = [p for p in _CRUMBS.split(text) if p.strip()]
    return len(parts) >= 2 and all(len(words(p)) <= 3 for p in parts)


def is_timestamp(text: str) -> bool:
    """A page's own time stamp: a date with a clock time ("March 9, 2026 4:40 PM GMT+7") or on a
    "Published"/"Updated" line. Unlike a bare date above the headline (often the day the page was
    saved), it dates the article."""
    if len(words(text)) > 24 or not find_dates(text):
        return False
    return bool(_STAMP_WORDS.search(text) or _CLOCK.search(text))


def _is_title_candidate(line: Line, options: CleanOptions) -> bool:
    return (line.reason is None and not is_dateline(line.text) and not is_timestamp(line.text)
            and not is_breadcrumb(line.text) and is_headline_shaped(line.text, options))


def find_title(lines: Sequence[Line], start: int, options: CleanOptions) -> int | None:
    """Index of the headline among the lines above the article.

    Headlines sit just above the byline when there is one (site names and section labels sit
    higher up), else just above the article: the nearest headline-shaped line above that anchor.
    """
    top = max(0, start - options.title_window)
    anchor = next((i for i in range(top, start) if lines[i].reason == "byline"), start)
    nearest = next((i for i in range(anchor - 1, top - 1, -1)
                    if _is_title_candidate(lines[i], options)), None)
    if (nearest is not None and nearest > top and _is_title_candidate(lines[nearest - 1], options)
            and (is_deck(lines[nearest].text, lines[nearest - 1].text)
                 or len(words(lines[nearest - 1].text)) >= HEADLINE_WORDS)):
        return nearest - 1  # a headline with its standfirst under it
    return nearest


HEADLINE_WORDS = 5
"""Two headline-shaped lines one above the other, over the byline: the upper is the headline and
the lower its standfirst, unless the upper is too short to be one (a site name, a section)."""


def is_deck(line: str, above: str) -> bool:
    """A standfirst under the headline: a long summary line, much longer than the line above."""
    n = len(words(line))
    return n >= 12 and n >= 1.5 * len(words(above))


def find_author(lines: Sequence[Line], start: int) -> str | None:
    """The name in the first byline above the article, else in one below it."""
    above = [line for line in lines[:start] if line.reason == "byline"]
    below = [line for line in lines[start:] if line.reason == "byline"]
    for line in above + below:
        name = byline_name(line.text)
        if name:
            return name
    return None


def find_dates_above(lines: Sequence[Line], start: int, title_index: int | None
                     ) -> tuple[str | None, str | None]:
    """(publication date, page-header date) from the lines above the article block."""
    published = header = None
    for i, line in enumerate(lines[:start]):
        if not find_dates(line.text):
            continue
        standalone = is_dateline(line.text)
        stamp = is_timestamp(line.text)
        above_title = title_index is not None and i < title_index or title_index is None and i < 2
        if standalone and above_title and not stamp:
            header = header or find_dates(line.text)[0].iso
        elif line.reason in ("byline", "date_line") or standalone or stamp:
            published = published or publication_date_in(line.text)
    return published, header


def outlet_above_title(lines: Sequence[Line], title_index: int | None) -> str | None:
    """The page's own name on a line of its own above the headline: two to five words, each
    capitalised (or a linking word), naming a paper ("The Straits Observer", "Baltic Defence
    Monitor"); not a date, a section or a menu."""
    if title_index is None:
        return None
    for line in lines[:title_index]:
        text = line.text.strip()
        tokens = words(text)
        if line.reason is not None or not 2 <= len(tokens) <= 5 or find_dates(text) or _SENTENCE_PUNCT.search(text):
            continue
        if all(t[0].isupper() or t.lower() in _NAME_LINKS for t in tokens) and _OUTLET_WORD.search(text):
            return text
    return None


_NAME_LINKS = frozenset({"the", "of", "and", "&", "de", "la", "al", "el"})
_SENTENCE_PUNCT = re.compile(r"[.!?:;,|]")


def outlet_from_copyright(lines: Sequence[Line]) -> str | None:
    for line in lines:
        if line.reason == "copyright":
            name = " ".join(_COPYRIGHT_NOISE.sub(" ", line.text).split()).strip(" .,|-")
            if name and len(words(name)) <= 6 and name[0].isupper():
                return name
    return None


def split_title_outlet(title: str) -> tuple[str, str | None]:
    """"Headline | Outlet" or "Headline - Example News" -> (headline, outlet)."""
    for sep in (" | ", " - ", " — ", " – "):
        if sep not in title:
            continue
        head, tail = title.rsplit(sep, 1)
        tail = tail.strip()
        named = sep == " | " or _OUTLET_WORD.search(tail)
        if named and 1 <= len(words(tail)) <= 5 and len(words(head)) >= 3 and tail[0].isupper():
            return head.strip(), tail
    return title, None


def wire_agency(first_line: str | None) -> str | None:
    """"SEOUL (Reuters) - ..." opening the article: the story is the agency's."""
    match = _WIRE_DATELINE.match(first_line or "")
    return match["agency"] if match else None


def read_metadata(lines: Sequence[Line], start: int, end: int, options: CleanOptions) -> Metadata:
    title_index = find_title(lines, start, options)
    title, title_outlet = (split_title_outlet(lines[title_index].text) if title_index is not None
                           else (None, None))
    published, header = find_dates_above(lines, start, title_index)
    source = "byline" if published else None  # a header date alone stays header_date (see above)
    outlet = (title_outlet or outlet_from_copyright(lines) or outlet_above_title(lines, title_index)
              or wire_agency(lines[start].text if start < len(lines) else None))
    return Metadata(
        title=title,
        author=find_author(lines, start),
        published=published,
        published_source=source,
        header_date=header,
        outlet=outlet,
    )
