"""Body-extraction quality of amity's cleaners on the Zyte article-extraction benchmark.

    .venv/bin/python bench/extraction.py [--data DIR] [--json] [--limit N]

For every page of ``../shared/data/zyte-article-extraction`` (181 news and blog pages with a
hand-made ``articleBody``) it scores:

* ``html``: amity's HTML path (``clean`` on the page as an ``html`` Article);
* ``text``: amity's text-scrape path on the same page flattened to text the way a scraper saves
  it (all visible text, one block element a line; :func:`flatten_html` below);
* ``visible-text``: the flattened page itself, no cleaning (the floor any cleaner must beat).

The metric is the benchmark's: texts are split into ``\\w+`` tokens; the 4-token shingles of the
truth and of the prediction are counted; per page, matched / extra / missing shingle counts give
precision and recall; precision and recall are averaged over pages and F1 is computed from the two
means. Speed is documents per second of the cleaning step alone, in this process, by the wall
clock and by this process's CPU time (the second is steadier on a shared machine).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from amity.clean import clean
from amity.errors import ReadError
from amity.models import Article, Rejection
from amity.sources.decode import decode

DEFAULT_DATA = REPO.parent / "shared" / "data" / "zyte-article-extraction"
_TOKEN = re.compile(r"\w+")
SHINGLE = 4

# -- the metric ------------------------------------------------------------------------------


def shingles(text: str, n: int = SHINGLE) -> Counter:
    """Counts of the n-token shingles of ``text`` (a shorter text is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(truth: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of one page from matched, extra and missing shingle counts."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    precision = 1.0 if tp + fp == 0 and fn == 0 else (tp / (tp + fp) if tp + fp else 0.0)
    recall = 1.0 if tp + fn == 0 and fp == 0 else (tp / (tp + fn) if tp + fn else 0.0)
    return precision, recall


# -- a scraper's view of a page: visible text, one block element a line ----------------------
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object",
              "canvas", "select", "option", "button"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "html", "center", "menu", "label",
}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(el) -> bool:
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or bool(_HIDDEN_STYLE.search(el.get("style") or "")))


def _walk(el, out: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag and tag not in _INVISIBLE and not _hidden(el):
        block = tag in _BLOCK
        if block:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            _walk(child, out)
        if block:
            out.append("\n")
    if el.tail:
        out.append(el.tail)


def flatten_html(html: bytes) -> str:
    """All visible text of a page, one block element a line, as a scraper would save it.

    The page is decoded as a browser would (BOM, UTF-8, declared charset, detection) before lxml
    parses it, so the saved text is what a reader saw.
    """
    try:
        root = lxml.html.fromstring(_XML_DECLARATION.sub("", decode(html, html=True).text))
    except (ValueError, lxml.etree.ParserError, ReadError):
        return ""
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# -- running ---------------------------------------------------------------------------------


@dataclass
class Row:
    path: str
    pages: int
    precision: float
    recall: float
    f1: float
    docs_per_s: float | None  # wall clock, cleaning only (None for the uncleaned baseline)
    docs_per_cpu_s: float | None  # per second of this process's CPU time: steadier when shared
    rejected: int


def load_pages(data: Path, limit: int | None) -> list[tuple[str, bytes, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, html, truth[page_id]["articleBody"]))
    return pages


def cleaned_text(article: Article) -> str | None:
    result = clean(article)
    return None if isinstance(result, Rejection) else result.text


def score(name: str, inputs: list[tuple[str, str]], extract: Callable[[object], str | None],
          timed: bool = True) -> Row:
    """Extract every page, time it, and score the texts against the truth.

    One page is extracted first, untimed, so that lazy imports are not counted.
    """
    extract(inputs[0][0])
    started, cpu_started = time.perf_counter(), time.process_time()
    predictions = [extract(item) for item, _truth in inputs]
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    pairs = [page_scores(truth, pred or "") for (_item, truth), pred in zip(inputs, predictions)]
    precision = sum(p for p, _r in pairs) / len(pairs)
    recall = sum(r for _p, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Row(name, len(pairs), precision, recall, f1,
               len(pairs) / elapsed if timed else None,
               len(pairs) / cpu if timed and cpu > 0 else None,
               sum(pred is None for pred in predictions))


def run(data: Path, limit: int | None) -> list[Row]:
    pages = load_pages(data, limit)
    html_in = [(Article(origin=pid, content=html, kind="html", name=pid), t)
               for pid, html, t in pages]
    flat = [(flatten_html(html), t) for _pid, html, t in pages]
    text_in = [(Article(origin=pid, content=text, kind="text", name=pid), t)
               for (pid, _h, _t), (text, t) in zip(pages, flat)]
    return [
        score("html (trafilatura + htmldate)", html_in, cleaned_text),
        score("text (scrape cleaner on flattened page)", text_in, cleaned_text),
        score("visible-text (flattened page, uncleaned)", flat, lambda text: text, timed=False),
    ]


def _rate(value: float | None) -> str:
    return f"{value:8.1f}" if value is not None else f"{'-':>8}"


def table(rows: list[Row]) -> str:
    head = (f"{'path':44} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'docs/s':>8} {'doc/cpu-s':>9} "
            f"{'rejected':>8}")
    body = [f"{r.path:44} {r.pages:5d} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} "
            f"{_rate(r.docs_per_s)} {_rate(r.docs_per_cpu_s):>9} {r.rejected:8d}" for r in rows]
    return "\n".join([head, *body])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the benchmark folder")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark not found at {args.data} (see --data)", file=sys.stderr)
        return 2
    rows = run(args.data, args.limit)
    print(json.dumps([asdict(r) for r in rows], indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
