"""Cleaning: Article -> Document (or Rejection). Boilerplate removal and metadata.

Owner: clean. Public API:
    clean(article: Article, options: CleanOptions | None = None) -> Document | Rejection
    explain(article: Article, options: CleanOptions | None = None) -> CleanReport

HTML goes through trafilatura and htmldate (:mod:`amity.clean.html`); flattened text through
amity's own scrape cleaner (:mod:`amity.clean.text`). Bytes are decoded first
(:func:`amity.sources.decode.decode`). Metadata the container states (a JSONL ``title``) wins
over what is read from the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from amity.clean.html import extract_html, page_text
from amity.clean.identity import document_id, normalise
from amity.clean.language import detect_language
from amity.clean.options import CleanOptions
from amity.clean.text import Line, clean_text
from amity.errors import ReadError
from amity.models import Article, Document, Rejection
from amity.sources.decode import Decoded, decode

__all__ = ["CleanOptions", "CleanReport", "clean", "document_id", "explain", "normalise"]

_PLAIN_ENCODINGS = {"utf-8", "utf-8-sig", "ascii"}


@dataclass(frozen=True)
class CleanReport:
    """What the cleaner did to one article: the result and every line it dropped, with why."""

    result: Document | Rejection
    encoding: str | None = None  # the codec that decoded byte content; None for str content
    dropped: tuple[Line, ...] = field(default=())  # text scrapes only
    header_date: str | None = None  # a page-header date that was not taken as publication date


@dataclass(frozen=True)
class _Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: str | None = None
    dropped: tuple[Line, ...] = ()
    header_date: str | None = None


def clean(article: Article, options: CleanOptions | None = None) -> Document | Rejection:
    """The article's cleaned text and metadata as a Document, or a Rejection saying why not."""
    return explain(article, options).result


def explain(article: Article, options: CleanOptions | None = None) -> CleanReport:
    """Like :func:`clean`, also returning the dropped lines and the encoding (evidence view)."""
    options = options or CleanOptions()
    decoded = _decode(article)
    if isinstance(decoded, Rejection):
        return CleanReport(decoded)
    encoding = decoded.encoding if isinstance(article.content, bytes) else None
    try:
        extracted = (_from_html(decoded.text, article, options) if article.kind == "html"
                     else _from_text(decoded.text, options))
    # One page that breaks an extractor (a bug, a library error) must not stop a batch.
    except Exception as exc:  # noqa: BLE001
        return CleanReport(Rejection(article.origin, "clean", f"extraction failed: {exc!r}"),
                           encoding)
    if len(extracted.text) < options.min_body_chars:
        reason = ("no article text found in the HTML page" if article.kind == "html"
                  else "no article text found (only page furniture or too short)")
        return CleanReport(Rejection(article.origin, "clean", reason), encoding,
                           extracted.dropped, extracted.header_date)
    document = _document(article, extracted, encoding, options)
    return CleanReport(document, encoding, extracted.dropped, extracted.header_date)


def _decode(article: Article) -> Decoded | Rejection:
    if isinstance(article.content, str):
        return Decoded(article.content.replace("\r\n", "\n"), "utf-8")
    try:
        return decode(article.content, html=article.kind == "html")
    except ReadError as exc:
        return Rejection(article.origin, "decode", str(exc))


def _from_html(html: str, article: Article, options: CleanOptions) -> _Extracted:
    page = extract_html(html, url=article.url, options=options)
    text = page.text
    if len(text) < options.min_body_chars:
        # No article found by the extractor (a fragment, a bare paragraph): the page's own text,
        # cleaned as a scrape is (so a page of links and menus is still no article).
        text = _from_text(page_text(html), options).text
    return _Extracted(
        text=text,
        title=page.title,
        author=page.author,
        outlet=page.sitename,
        published=page.published,
        published_source="html" if page.published else None,
    )


def _from_text(text: str, options: CleanOptions) -> _Extracted:
    result = clean_text(text, options)
    meta = result.meta
    return _Extracted(
        text=result.text,
        title=meta.title,
        author=meta.author,
        outlet=meta.outlet,
        published=meta.published,
        published_source=meta.published_source,
        dropped=result.dropped,
        header_date=meta.header_date,
    )


def _flags(language: str | None, encoding: str | None) -> tuple[str, ...]:
    flags = []
    if language and language != "en":
        flags.append("non_english")
    if encoding and encoding not in _PLAIN_ENCODINGS:
        flags.append(f"encoding:{encoding}")
    return tuple(flags)


def _document(article: Article, found: _Extracted, encoding: str | None,
              options: CleanOptions) -> Document:
    language = (detect_language(found.text, options.min_language_chars)
                if options.detect_language else None)
    published, source = ((article.published, "container") if article.published
                         else (found.published, found.published_source))
    return Document(
        id=document_id(found.text),
        origin=article.origin,
        text=found.text,
        name=article.name,
        url=article.url,
        title=article.title or found.title,
        author=article.author or found.author,
        published=published,
        published_source=source if published else None,
        outlet=article.outlet or found.outlet,
        language=language,
        flags=_flags(language, encoding),
    )
