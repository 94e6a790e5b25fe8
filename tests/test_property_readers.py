"""Property tests (hypothesis) for the readers and the cleaner: whatever the bytes, only amity's
typed errors escape, bad input becomes a Rejection, one bad item never hides the others, and
every Document keeps the contracts (tests/regressions/contracts.py)."""

from __future__ import annotations

import gzip
import io
import json
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from regressions.contracts import check_document, check_item

from amity.clean import clean
from amity.errors import AmityError
from amity.models import Article, Rejection
from amity.sources.jsonl import iter_jsonl_stream
from amity.sources.registry import ReadOptions

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(["Japan", "and", "the", "Philippines", "signed", "an", "agreement", "in", "Manila",
                         "on", "Monday", "By", "Jane", "Doe", "Updated", "June", "12,", "2024", "Share",
                         "Advertisement", "Comments", "(3)", "\u00e9t\u00e9", "\u6771\u4eac", "\u200b", "—"])
LINE = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)
SCRAPE = st.lists(LINE, min_size=0, max_size=30).map("\n".join)
NOISE = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)


def _clean_checked(article: Article):
    try:
        result = clean(article)
    except AmityError:
        return None
    check_document(result)
    return result


@FAST
@given(st.one_of(SCRAPE, NOISE))
def test_text_cleaner_takes_any_text(text):
    result = _clean_checked(Article(origin="p.txt", content=text, kind="text", name="p"))
    if result is not None and not isinstance(result, Rejection):
        assert result.text.strip()


@FAST
@given(st.binary(max_size=2000))
def test_text_cleaner_takes_any_bytes(data):
    _clean_checked(Article(origin="p.txt", content=data, kind="text", name="p"))


@FAST
@given(SCRAPE, st.sampled_from(["utf-8", "utf-16", "cp1252", "shift_jis", "euc_kr", "utf-8-sig"]))
def test_encoded_scrapes_decode_or_reject(text, codec):
    data = text.encode(codec, errors="ignore")
    _clean_checked(Article(origin="p.txt", content=data, kind="text", name="p"))


TAGS = st.sampled_from(["div", "p", "article", "span", "table", "td", "script", "style", "h1", "a", "b", "main"])


@st.composite
def html_pages(draw):
    depth = draw(st.integers(0, 40))
    tags = [draw(TAGS) for _ in range(depth)]
    attr = draw(st.text(max_size=30)).replace('"', "&quot;")
    body = draw(SCRAPE)
    inner = "".join(f'<{t} class="{attr}">' for t in tags) + body + "".join(f"</{t}>" for t in reversed(tags))
    head = draw(st.sampled_from(["", "<title>T</title>", '<meta charset="shift_jis">', "<meta charset='bogus'>"]))
    junk = draw(st.sampled_from(["", "<", "<!--", "]]>", "\x00", "&#0;", "<![CDATA["]))
    return f"<html><head>{head}</head><body>{inner}{junk}</body></html>"


@SLOW
@given(html_pages(), st.booleans())
def test_html_cleaner_takes_any_page(page, as_bytes):
    content = page.encode("utf-8") if as_bytes else page
    _clean_checked(Article(origin="p.html", content=content, kind="html", name="p"))


@SLOW
@given(st.binary(max_size=3000))
def test_html_cleaner_takes_any_bytes(data):
    _clean_checked(Article(origin="p.html", content=data, kind="html", name="p"))


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
                           lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
                           max_leaves=8)
RECORDS = st.fixed_dictionaries({}, optional={
    "text": st.one_of(SCRAPE, JSON_VALUES), "html": st.one_of(html_pages(), JSON_VALUES),
    "id": JSON_VALUES, "date": st.one_of(st.text(max_size=30), JSON_VALUES), "title": JSON_VALUES,
    "url": JSON_VALUES, "published": st.text(max_size=30)})
JSONL_LINE = st.one_of(RECORDS.map(json.dumps), JSON_VALUES.map(json.dumps),
                       st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ").decode("latin-1")))


@FAST
@given(st.lists(JSONL_LINE, max_size=12), st.integers(64, 4096))
def test_jsonl_one_item_per_line_whatever_the_lines(lines, cap):
    raw = b"".join(line.encode("utf-8", "surrogatepass") + b"\n" for line in lines)
    items = list(iter_jsonl_stream(io.BytesIO(raw), "f.jsonl", "f", ReadOptions(max_bytes=cap)))
    expected = [n for n, line in enumerate(lines, 1) if line.encode("utf-8", "surrogatepass").strip()]
    assert [int(i.origin.rsplit(":", 1)[1]) for i in items] == expected  # a bad line never hides the next
    for item in items:
        check_item(item)


def _rss(entries, declare_entity=False):
    doctype = '<!DOCTYPE rss [<!ENTITY e "x">]>' if declare_entity else ""
    items = "".join(f"<item><title>{title}</title><link>{link}</link><description>{body}</description></item>"
                    for title, link, body in entries)
    return f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel><title>W</title>{items}</channel></rss>'.encode()


ESCAPED = st.text(max_size=60).map(lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                                   .replace("\x00", ""))
LINKS = st.sampled_from(["", "https://news.example/a", "http://127.0.0.1/x", "http://10.1.2.3/x", "ftp://x/y",
                         "http://[::1]/", "http://169.254.169.254/latest", "javascript:alert(1)"])


@contextmanager
def recorded_fetches():
    """Feed entries with links are fetched: record the attempts instead (no network in tests)."""
    attempts: list[str] = []

    def refuse(url, options, **meta):
        attempts.append(url)
        return Rejection(url, "read", "test: no network")

    with mock.patch("amity.sources.fetch.fetch_page", refuse):
        yield attempts


@FAST
@given(st.lists(st.tuples(ESCAPED, LINKS, ESCAPED), max_size=6), st.booleans())
def test_feed_reader_one_item_per_entry_and_only_http_links_fetched(entries, entity):
    from amity.sources.feeds import read_feed_bytes

    with recorded_fetches() as fetched:
        items = list(read_feed_bytes(_rss(entries, entity), "f.rss", None))
    for item in items:
        check_item(item)
    if entity:
        assert len(items) == 1 and isinstance(items[0], Rejection) and "ENTITY" in items[0].reason
        assert not fetched
    else:
        assert len(items) == len(entries)
        assert all(url.startswith(("http://", "https://")) for url in fetched), fetched


@FAST
@given(st.binary(max_size=1500))
def test_feed_reader_takes_any_bytes(data):
    from amity.sources.feeds import read_feed_bytes

    with recorded_fetches():
        for item in read_feed_bytes(b'<?xml version="1.0"?><rss>' + data, "f.rss", None):
            check_item(item)


@lru_cache(maxsize=1)
def _fuzz_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("amity_bench_fuzz", Path(__file__).parent.parent / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _warc(records):
    return b"".join(_fuzz_module().warc_record(*r) for r in records)


@FAST
@given(st.lists(st.tuples(st.integers(0, 999), SCRAPE, st.sampled_from([None, "gzip"]), st.sampled_from([200, 404])),
                min_size=1, max_size=5), st.booleans(), st.data())
def test_warc_reader_keeps_every_good_record(tmp_path_factory, records, gz, data):
    from amity.sources.warc import read_warc_file

    built = []
    for n, text, enc, status in records:
        page = f"<html><body><article><p>{text}</p></article></body></html>".encode()
        built.append((f"http://example.org/{n}", gzip.compress(page) if enc else page, enc, status))
    raw = _warc(built)
    if gz:  # one gzip member per record, as crawlers write them
        raw = b"".join(gzip.compress(_warc([r])) for r in built)
    folder = tmp_path_factory.mktemp("warc")
    path = folder / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(raw)
    items = list(read_warc_file(path, ReadOptions()))
    for item in items:
        check_item(item)
    wanted = [r[0] for r in built if r[3] == 200]
    assert [i.url for i in items if isinstance(i, Article)] == wanted
    # now corrupt a stretch of bytes: still no exception other than amity's
    cut = data.draw(st.integers(0, max(0, len(raw) - 1)))
    path.write_bytes(raw[:cut] + data.draw(st.binary(max_size=40)) + raw[cut + 20:])
    for item in read_warc_file(path, ReadOptions()):
        check_item(item)

