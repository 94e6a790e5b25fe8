"""Fetching pages from a local server: robots.txt, caps, content types, redirects, politeness."""

from __future__ import annotations

import gzip
import time

import pytest
from scale_support import html, redirect, serve

from amity.errors import FetchError
from amity.models import Article, Rejection
from amity.sources import iter_articles
from amity.sources.fetch import (
    USER_AGENT,
    Fetcher,
    FetchOptions,
    NetReadOptions,
    fetch_page,
    inflate_capped,
)
from amity.sources.urls import canonical_url

PAGE = ("<html><head><title>Japan and Australia sign pact</title></head><body><article>"
        "<p>Tokyo and Canberra signed a reciprocal access agreement on Friday.</p></article></body></html>")
LOCAL = dict(allow_private_hosts=True, delay=0.0, timeout=5.0)


def local_fetcher(**overrides) -> Fetcher:
    return Fetcher(FetchOptions(**{**LOCAL, **overrides}))


def test_page_is_fetched_with_amity_user_agent_and_canonical_url():
    with serve({"/news/story": html(PAGE)}) as site:
        article = fetch_page(site.url("/news/story?utm_source=feed#top"), FetchOptions(**LOCAL))
    assert isinstance(article, Article) and article.kind == "html"
    assert "reciprocal access agreement" in article.content  # decoded with the declared charset
    assert article.url == site.url("/news/story")
    agents = {headers["user-agent"] for _, headers in site.requests}
    assert agents == {USER_AGENT} and "amity" in USER_AGENT


def test_robots_txt_is_obeyed():
    robots = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n")
    with serve({"/robots.txt": robots, "/private/a": html(PAGE), "/public/a": html(PAGE)}) as site:
        with local_fetcher() as fetcher:
            with pytest.raises(FetchError, match="robots.txt"):
                fetcher.get(site.url("/private/a"))
            assert fetcher.get(site.url("/public/a")).status == 200
        assert "/private/a" not in site.paths()
        assert site.paths().count("/robots.txt") == 1  # cached per host


def test_forbidden_robots_txt_means_stay_away():
    with serve({"/robots.txt": (403, {}, b""), "/a": html(PAGE)}) as site:
        with local_fetcher() as fetcher, pytest.raises(FetchError, match="robots.txt"):
            fetcher.get(site.url("/a"))


def test_size_cap_stops_reading():
    big = html("<p>" + "x" * 200_000 + "</p>", **{"Content-Length": "0"})
    big = (big[0], {"Content-Type": "text/html"}, big[2])
    with serve({"/big": big}) as site:
        with local_fetcher(max_bytes=50_000) as fetcher, pytest.raises(FetchError, match="cap"):
            fetcher.get(site.url("/big"))


def test_gzip_bomb_stops_at_the_cap():
    bomb = gzip.compress(b"\0" * 50_000_000)  # ~50 KB on the wire, 50 MB inflated
    route = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb)
    with serve({"/bomb": route}) as site:
        with local_fetcher(max_bytes=1_000_000) as fetcher, pytest.raises(FetchError, match="cap"):
            fetcher.get(site.url("/bomb"))


def test_inflate_capped_reads_small_gzip_and_rejects_corrupt():
    assert inflate_capped([gzip.compress(b"hello")], "gzip", 100, "body") == b"hello"
    with pytest.raises(FetchError, match="corrupt"):
        inflate_capped([b"not gzip at all"], "gzip", 100, "body")


def test_content_type_is_checked():
    png = (200, {"Content-Type": "image/png"}, b"\x89PNG....")
    with serve({"/x.png": png}) as site:
        result = fetch_page(site.url("/x.png"), FetchOptions(**LOCAL))
    assert isinstance(result, Rejection) and "image/png" in result.reason


def test_redirects_are_followed_and_limited():
    routes = {"/old": redirect("/new", 301), "/new": html(PAGE)}
    routes.update({f"/loop{i}": redirect(f"/loop{i + 1}") for i in range(10)})
    with serve(routes) as site:
        with local_fetcher(max_redirects=3) as fetcher:
            assert fetcher.get(site.url("/old")).url == site.url("/new")
            with pytest.raises(FetchError, match="more than 3 redirects"):
                fetcher.get(site.url("/loop0"))
        assert "/loop4" not in site.paths()


def test_http_errors_and_timeouts_are_rejections():
    def slow(_headers):
        time.sleep(1.5)
        return html(PAGE)

    with serve({"/gone": html("gone", status=404), "/slow": slow}) as site:
        gone = fetch_page(site.url("/gone"), FetchOptions(**LOCAL))
        late = fetch_page(site.url("/slow"), FetchOptions(**{**LOCAL, "timeout": 0.3}))
    assert gone.reason == "HTTP 404"
    assert "timed out" in late.reason


def test_politeness_waits_between_requests_to_one_host():
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    with serve({"/a": html(PAGE), "/b": html(PAGE)}) as site:
        fetcher = Fetcher(FetchOptions(**{**LOCAL, "delay": 1.0}), clock=lambda: now[0], sleep=sleep)
        with fetcher:
            fetcher.get(site.url("/a"))
            fetcher.get(site.url("/b"))
    # robots.txt, then /a one second later, then /b one second after that
    assert waits == [1.0, 1.0]


def test_conditional_get_returns_304():
    def page(headers):
        if headers.get("if-none-match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return html(PAGE, ETag='"v1"')

    with serve({"/feed": page}) as site, local_fetcher() as fetcher:
        first = fetcher.get(site.url("/feed"))
        second = fetcher.get(site.url("/feed"), etag=first.etag)
    assert (first.status, first.etag, second.status) == (200, '"v1"', 304)


def test_urls_file_through_iter_articles(tmp_path):
    with serve({"/a": html(PAGE), "/b": html(PAGE.replace("Friday", "Monday"))}) as site:
        listing = tmp_path / "reading.urls"
        listing.write_text(f"# two stories\n{site.url('/a')}\n\nnot a url\n{site.url('/b')}\n")
        items = list(iter_articles([str(listing)], NetReadOptions(fetch=FetchOptions(**LOCAL))))
        direct = list(iter_articles([site.url("/a")], NetReadOptions(fetch=FetchOptions(**LOCAL))))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    assert items[1].origin.endswith("reading.urls:4")
    assert isinstance(direct[0], Article) and direct[0].origin == site.url("/a")


def test_canonical_url_drops_tracking_and_fragment():
    assert canonical_url("HTTPS://News.Example.org:443/a?utm_source=x&id=7#c") == "https://news.example.org/a?id=7"
