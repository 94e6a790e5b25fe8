"""Feeds: RSS 0.9x-2.0, Atom and OPML lists of feeds, read with feedparser.

Each entry becomes one Article: the entry's full text when the feed carries it (``content:encoded``
or Atom ``content``), else the page its link names, fetched (``amity.sources.fetch``). The entry's
date becomes ``Article.published`` and the feed's title ``Article.outlet``.

Hostile feeds: a document that declares XML entities (``<!ENTITY`` in its DOCTYPE, the "billion
laughs" attack) is refused before any parser sees it, and feedparser only ever gets bytes, so it
never fetches anything itself. OPML is parsed with the same check.

Readers registered here: ``.rss``, ``.atom``, ``.xml`` and ``.opml`` files,
``.entries.jsonl`` (feed entries already polled, written by ``amity watch``), http(s) URLs (the
page, or every entry when the URL is a feed or an OPML list) and ``.urls`` lists of them.
The HTTP client is ``amity.sources.fetch``; this module uses it and it knows nothing of feeds.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from amity.errors import FetchError
from amity.models import Article, Rejection
from amity.sources import fetch
from amity.sources.registry import Item, ReadOptions, register_format, register_input
from amity.sources.urls import canonical_url, is_url

MAX_FEED_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 2000  # per feed
MAX_OPML_FEEDS = 1000
MIN_FULL_TEXT = 300  # characters of text (tags removed) for feed content to count as the article
_ROOT = re.compile(rb"<(rss|feed|rdf:RDF|opml|channel)[\s>]", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Entry:
    """What amity keeps of one feed entry (also the ``.entries.jsonl`` record)."""

    feed: str  # the feed's URL or path
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD
    outlet: str | None
    html: str | None  # the full text when the feed carries it

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)


# -- safety and sniffing ---------------------------------------------------------------------
def _text_head(data: bytes) -> str:
    """The document as text for pattern checks, whatever its byte encoding (UTF-8/16/32)."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    if data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", "replace")
    return data.decode("latin-1")


def entity_problem(data: bytes) -> str | None:
    """Why an XML document must not be parsed: it declares entities (expansion attack)."""
    if _ENTITY.search(_text_head(data)):
        return "the document declares XML entities (<!ENTITY>): refused to prevent entity expansion"
    return None


def looks_like_feed(data: bytes) -> bool:
    return bool(_ROOT.search(_text_head(data[:4096]).encode("utf-8", "replace")))


def _is_opml(data: bytes) -> bool:
    return bool(re.search(r"<opml[\s>]", _text_head(data[:4096]), re.IGNORECASE))


# -- feeds -----------------------------------------------------------------------------------
def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _long_enough(value: str) -> bool:
    return len(_TAGS.sub(" ", value).strip()) >= MIN_FULL_TEXT


def _full_text(entry) -> str | None:
    """``content:encoded`` / Atom content; the description only when there is no link to fetch
    (RSS 0.9x feeds often put the whole story there)."""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if _long_enough(value):
            return value
    summary = entry.get("summary") or ""
    if not entry.get("link") and _long_enough(summary):
        return summary
    return None


def parse_feed(data: bytes, origin: str) -> list[Entry] | Rejection:
    """A feed's entries (at most MAX_ENTRIES), or a Rejection when it is not a readable feed."""
    import feedparser

    problem = entity_problem(data)
    if problem:
        return Rejection(origin, "read", problem)
    try:
        parsed = feedparser.parse(data)  # bytes: feedparser never fetches
    except Exception as exc:  # noqa: BLE001 - hostile bytes can break feedparser's own decoding
        return Rejection(origin, "read", f"not a readable feed: {type(exc).__name__}: {exc}")
    if not parsed.entries and not parsed.feed.get("title"):
        why = getattr(parsed, "bozo_exception", None) or "no feed entries"
        return Rejection(origin, "read", f"not a readable feed: {why}")
    outlet = (parsed.feed.get("title") or "").strip() or None
    return [
        Entry(feed=origin, link=(e.get("link") or "").strip() or None,
              title=(e.get("title") or "").strip() or None, published=_date(e),
              outlet=outlet, html=_full_text(e))
        for e in parsed.entries[:MAX_ENTRIES]
    ]


def as_page(entry: Entry) -> str:
    """Feed content is an HTML fragment: wrap it in a page the HTML cleaner recognises."""
    title = html_lib.escape(entry.title or "")
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{entry.html}</article></body></html>")


def entry_article(entry: Entry, options: ReadOptions | None, index: int = 0) -> Article | Rejection:
    """The entry's article: its full text, or its link fetched."""
    link = canonical_url(entry.link) if entry.link and is_url(entry.link) else None
    meta = {"title": entry.title, "published": entry.published, "outlet": entry.outlet}
    if entry.html:
        return Article(origin=link or f"{entry.feed}#entry-{index}", content=as_page(entry),
                       kind="html", url=link, **meta)
    if link is None:
        return Rejection(f"{entry.feed}#entry-{index}", "read", "feed entry has neither full text nor an http(s) link")
    return fetch.fetch_page(link, fetch.fetch_options(options), **meta)


def read_feed_bytes(data: bytes, origin: str, options: ReadOptions | None,
                    skip_links: frozenset[str] = frozenset()) -> Iterator[Item]:
    """Every entry of a feed (or every feed of an OPML list) as Articles or Rejections."""
    if _is_opml(data):
        yield from read_opml_bytes(data, origin, options)
        return
    entries = parse_feed(data, origin)
    if isinstance(entries, Rejection):
        yield entries
        return
    for index, entry in enumerate(entries):
        if entry.link and canonical_url(entry.link) in skip_links:
            continue
        yield entry_article(entry, options, index)


# -- OPML ------------------------------------------------------------------------------------
def opml_feeds(data: bytes, origin: str) -> list[str] | Rejection:
    """The feed URLs (``xmlUrl``) an OPML document lists, in document order, once each."""
    problem = entity_problem(data)
    if problem:
        return Rejection(origin, "read", problem)
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, LookupError, ValueError) as exc:  # LookupError: an unknown declared encoding
        return Rejection(origin, "read", f"not a readable OPML file: {exc}")
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in urls:
            urls.append(url)
    return urls[:MAX_OPML_FEEDS]


def read_opml_bytes(data: bytes, origin: str, options: ReadOptions | None) -> Iterator[Item]:
    urls = opml_feeds(data, origin)
    if isinstance(urls, Rejection):
        yield urls
        return
    for url in urls:
        if is_url(url):
            yield from read_url(url, options)
        else:
            yield Rejection(f"{origin}: {url[:200]}", "read", "OPML outline is not an http(s) feed URL")


def fetch_feed(url: str, options: ReadOptions | None, etag: str | None = None,
               last_modified: str | None = None):
    """Conditional GET of a feed: the fetcher's Response (status 304 when unchanged)."""
    return fetch.fetcher(fetch.fetch_options(options)).get(url, fetch.FEED_TYPES + fetch.HTML_TYPES, etag=etag,
                                                           last_modified=last_modified)


# -- files -----------------------------------------------------------------------------------
def _load(path: Path) -> bytes | Rejection:
    try:
        if path.stat().st_size > MAX_FEED_BYTES:
            return Rejection(str(path), "read", f"feed file larger than {MAX_FEED_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()
    except OSError as exc:
        return Rejection(str(path), "read", f"cannot read: {exc.strerror or exc}")


def read_feed_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    data = _load(path)
    if isinstance(data, Rejection):
        yield data
    elif not looks_like_feed(data):
        yield Rejection(str(path), "read", "not a feed (no <rss>, <feed>, <rdf:RDF> or <opml> element)")
    else:
        yield from read_feed_bytes(data, str(path), options)


def write_entries(entries: list[Entry], path: Path) -> None:
    """Save polled entries for :func:`read_entries_file` (one JSON object a line)."""
    path.write_text("".join(e.to_json() + "\n" for e in entries), encoding="utf-8")


def read_entries_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        yield Rejection(str(path), "read", f"cannot read: {exc.strerror or exc}")
        return
    for index, line in enumerate(lines):
        try:
            entry = Entry(**json.loads(line))
        except (ValueError, TypeError) as exc:
            yield Rejection(f"{path}:{index + 1}", "read", f"malformed entry: {exc}")
            continue
        yield entry_article(entry, options, index)


register_format([".rss", ".atom", ".xml", ".opml"], read_feed_file)
register_format([".entries.jsonl"], read_entries_file)

__all__ = [
    "Entry",
    "FetchError",
    "entity_problem",
    "fetch_feed",
    "looks_like_feed",
    "opml_feeds",
    "parse_feed",
    "read_feed_bytes",
    "read_url",
    "read_url_list",
    "write_entries",
]


# -- URLs ------------------------------------------------------------------------------------
def read_url(source: str, options: ReadOptions) -> Iterator[Item]:
    """A URL: the page it names, or every entry when it is a feed or an OPML list of feeds."""
    try:
        response = fetch.fetcher(fetch.fetch_options(options)).get(source, fetch.HTML_TYPES + fetch.FEED_TYPES)
    except FetchError as exc:
        yield Rejection(source, "fetch", fetch.refusal(exc))
        return
    if response.content_type in fetch.FEED_TYPES or looks_like_feed(response.content):
        yield from read_feed_bytes(response.content, source, options)
    else:
        yield fetch.page_article(source, response)


def read_url_list(path: Path, options: ReadOptions) -> Iterator[Item]:
    """A ``.urls`` file: every http(s) URL in it, one a line; blank lines and ``#`` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        yield Rejection(str(path), "read", f"cannot read: {exc.strerror or exc}")
        return
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            yield Rejection(f"{path}:{number}", "read", f"not an http(s) URL: {line[:200]}")
            continue
        yield from read_url(line, options)


register_input("url", is_url, read_url, first=True)
register_format([".urls"], read_url_list)
