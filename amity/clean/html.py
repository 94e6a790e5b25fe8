"""HTML pages: trafilatura for the body and metadata, htmldate for the publication date."""

from __future__ import annotations

from dataclasses import dataclass

from amity.clean.meta import similar
from amity.clean.options import CleanOptions


@dataclass(frozen=True)
class HtmlResult:
    text: str  # one paragraph a line; "" when no article was found
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    published: str | None = None


def publication_date(tree, url: str | None = None) -> str | None:
    """The original publication date (not the last update) htmldate finds, as YYYY-MM-DD."""
    from htmldate import find_date

    try:
        return find_date(tree, url=url, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def is_headline_repeat(line: str, title: str) -> bool:
    """A first line that is the headline again (not a paragraph that happens to contain it)."""
    return len(line) <= 1.3 * len(title) + 10 and similar(line, title)


def body_lines(text: str, title: str | None) -> str:
    """trafilatura's text, one paragraph a line, without blank lines or a repeated headline."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and is_headline_repeat(lines[0], title):
        lines = lines[1:]
    return "\n".join(lines)


def extract_html(html: str, url: str | None = None, options: CleanOptions | None = None
                 ) -> HtmlResult:
    """Body, title, author, site name and publication date of one page."""
    from trafilatura import bare_extraction, load_html

    options = options or CleanOptions()
    tree = load_html(html)
    if tree is None:
        return HtmlResult(text="")
    published = publication_date(tree, url)
    doc = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=options.favor == "precision",
        favor_recall=options.favor == "recall",
    )
    if doc is None:
        return HtmlResult(text="", published=published)
    title = _fold(doc.title)
    return HtmlResult(
        text=body_lines(doc.text or "", title),
        title=title,
        author=_fold(doc.author),
        sitename=_fold(doc.sitename),
        published=published,
    )


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
           "article", "tr", "dd", "dt", "figcaption", "pre")


def page_text(html: str) -> str:
    """Every visible line of a page or a fragment of one, one block a line (scripts, styles and
    templates out). The fallback when the extractor finds no article: a JSONL record whose
    ``html`` is a paragraph or two has no page around it to tell the article from."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):  # empty or only a comment
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
