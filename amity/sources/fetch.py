"""Fetching pages over HTTP(S), politely and safely.

One :class:`Fetcher` per process (see :func:`fetcher`) keeps the connection pool, the robots.txt
cache and the per-host clock. Every request:

* goes only to public addresses: host names are resolved at connect time and refused when an
  address is private, loopback, link-local, multicast, reserved or a cloud metadata endpoint
  (``amity.sources.urls``), for the first request and every redirect, unless
  ``FetchOptions.allow_private_hosts``;
* follows at most ``max_redirects`` redirects, one hop at a time, each hop checked again
  (scheme, robots.txt, address);
* obeys robots.txt for amity's User-Agent, and waits ``delay`` seconds between two requests to
  one host (or the robots.txt Crawl-delay when longer, up to a minute);
* is bounded: connect/read timeouts, a cap on the bytes read *after* decompression (a gzip
  bomb stops at the cap), and a content-type check.

The readers of URLs and ``.urls`` lists that use it live in ``amity.sources.feeds`` (a URL may
name a feed): this module is the HTTP client alone and imports no reader.
"""

from __future__ import annotations

import atexit
import time
import urllib.robotparser
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from amity.errors import FetchError
from amity.models import Article, Rejection
from amity.sources.registry import ReadOptions
from amity.sources.urls import canonical_url, resolve_public

MB = 1024 * 1024
USER_AGENT = "amity/0.1 (news event coder; +https://github.com/amity-project/amity)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/x-rss+xml", "text/x-opml", "application/opml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
MAX_CRAWL_DELAY = 60.0
MAX_HOSTS = 10_000  # robots.txt and politeness entries kept per process before starting afresh


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 15.0  # seconds to connect, and between two reads
    max_bytes: int = 10 * MB  # decompressed body cap
    max_redirects: int = 5
    delay: float = 1.0  # seconds between two requests to one host
    obey_robots: bool = True
    allow_private_hosts: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class NetReadOptions(ReadOptions):
    """ReadOptions with the fetcher's settings (what engines pass to ``iter_articles``)."""

    fetch: FetchOptions = field(default_factory=FetchOptions)


def fetch_options(options: ReadOptions | None) -> FetchOptions:
    return getattr(options, "fetch", None) or FetchOptions()


@dataclass(frozen=True)
class Response:
    """A fetched resource: ``url`` is the last hop, ``status`` 200 or 304 (not modified)."""

    url: str
    status: int
    content: bytes
    content_type: str  # media type, lower case, without parameters
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None


# -- connecting only to public addresses ----------------------------------------------------
class GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself, refuses private addresses, and connects to a checked address."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last_error: Exception | None = None
        for address in resolve_public(host, port, self.allow_private):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # try the host's next address
                last_error = exc
        raise last_error or httpcore.ConnectError(f"no address for {host}")


def _client(options: FetchOptions) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=0)
    transport._pool._network_backend = GuardedBackend(options.allow_private_hosts)
    return httpx.Client(
        transport=transport, follow_redirects=False, trust_env=False,
        timeout=httpx.Timeout(options.timeout),
        headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
    )


# -- bounded bodies --------------------------------------------------------------------------
def _decoder(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(wbits=47)  # gzip or zlib header, detected
    if encoding == "deflate":
        return zlib.decompressobj(wbits=47)
    raise FetchError(f"unsupported content encoding {encoding!r}")


def inflate_capped(chunks: Iterable[bytes], encoding: str, cap: int, what: str) -> bytes:
    """Join (and decompress) ``chunks``, raising FetchError as soon as the result passes ``cap``.

    Decompression is incremental with ``max_length``, so a small bomb never expands in memory
    beyond the cap.
    """
    decoder = _decoder(encoding)
    out = bytearray()
    try:
        for chunk in chunks:
            if decoder is None:
                out += chunk
            else:
                data = chunk
                while data and len(out) <= cap:
                    out += decoder.decompress(data, cap + 1 - len(out))
                    data = decoder.unconsumed_tail
            if len(out) > cap:
                raise FetchError(f"{what} larger than the {cap // MB or cap} {'MB' if cap >= MB else 'byte'} cap")
    except zlib.error as exc:
        raise FetchError(f"{what}: corrupt {encoding} data ({exc})") from exc
    return bytes(out)


def _media_type(headers: httpx.Headers) -> tuple[str, str | None]:
    value = headers.get("content-type", "")
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip("\"' ").lower()
    return media.strip().lower(), charset


# -- the fetcher -----------------------------------------------------------------------------
class Fetcher:
    """GET with the guard, robots.txt, politeness, redirect limit, timeouts and size cap."""

    def __init__(self, options: FetchOptions | None = None, clock=time.monotonic, sleep=time.sleep):
        self.options = options or FetchOptions()
        self._client = _client(self.options)
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._clock, self._sleep = clock, sleep

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, accept: tuple[str, ...] = HTML_TYPES, etag: str | None = None,
            last_modified: str | None = None) -> Response:
        """Fetch ``url``; FetchError says why not. 304 when the validators still match."""
        conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for _ in range(self.options.max_redirects + 1):
            self._check_allowed(url)
            response = self._request(url, accept, conditional)
            if isinstance(response, Response):
                return response
            url = response
        raise FetchError(f"more than {self.options.max_redirects} redirects")

    def _check_allowed(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url}")
        if self.options.obey_robots and not self._robots_allow(url):
            raise FetchError(f"robots.txt of {parts.hostname} disallows {url}")

    def _request(self, url: str, accept: tuple[str, ...], conditional: dict) -> Response | str:
        """One hop: a Response, or the URL a redirect points to."""
        self._wait_turn(url)
        headers = {"Accept": ", ".join(accept + ("*/*;q=0.1",)), **conditional}
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                if resp.status_code in REDIRECTS:
                    location = resp.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {resp.status_code} without a Location header")
                    return urljoin(url, location)
                return self._response(url, resp, accept)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {self.options.timeout:g}s ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {type(exc).__name__}: {exc}") from exc

    def _response(self, url: str, resp: httpx.Response, accept: tuple[str, ...]) -> Response:
        etag, modified = resp.headers.get("etag"), resp.headers.get("last-modified")
        if resp.status_code == 304:
            return Response(url, 304, b"", "", None, etag, modified)
        if resp.status_code != 200:
            raise FetchError(f"HTTP {resp.status_code}")
        media, charset = _media_type(resp.headers)
        if accept and media and media not in accept:
            raise FetchError(f"content type {media} is not one of {', '.join(accept)}")
        declared = resp.headers.get("content-length", "")
        encoding = resp.headers.get("content-encoding", "")
        if declared.isdigit() and not encoding and int(declared) > self.options.max_bytes:
            raise FetchError(f"body of {int(declared)} bytes is larger than the {self.options.max_bytes} byte cap")
        body = inflate_capped(resp.iter_raw(), encoding, self.options.max_bytes, "body")
        return Response(url, 200, body, media, charset, etag, modified)

    # -- politeness -------------------------------------------------------------------------
    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        if len(self._last) >= MAX_HOSTS and host not in self._last:
            self._last.clear()
        gap = max(self.options.delay, self._crawl_delay(url))
        last = self._last.get(host)
        if last is not None:
            wait = last + gap - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _crawl_delay(self, url: str) -> float:
        parser = self._robots.get(_origin(url))
        delay = parser.crawl_delay(self.options.user_agent) if parser else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0

    # -- robots.txt -------------------------------------------------------------------------
    def _robots_allow(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            if len(self._robots) >= MAX_HOSTS:
                self._robots.clear()
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.options.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The parsed robots.txt; None (allow all) when there is none (4xx other than 401/403);
        disallow-all on 401, 403 and 5xx. Network errors propagate: the page is unreachable too."""
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        url = origin + "/robots.txt"
        try:
            for _ in range(self.options.max_redirects + 1):
                hop = self._request(url, (), {})
                if isinstance(hop, Response):
                    break
                url = hop
            else:
                raise FetchError("robots.txt: too many redirects")
        except FetchError as exc:
            status = str(exc)
            if not status.startswith("HTTP "):
                raise  # the host cannot be reached (or is refused): the page cannot be either
            if status.startswith("HTTP 4") and not status.startswith(("HTTP 401", "HTTP 403")):
                return None
            parser.disallow_all = True  # forbidden or failing robots.txt: stay away
            return parser
        parser.parse(hop.content[: 512 * 1024].decode("utf-8", "replace").splitlines())
        return parser


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


_FETCHERS: dict[FetchOptions, Fetcher] = {}


def fetcher(options: FetchOptions | None = None) -> Fetcher:
    """This process's fetcher for ``options`` (one connection pool, robots cache, host clock)."""
    options = options or FetchOptions()
    if options not in _FETCHERS:
        _FETCHERS[options] = Fetcher(options)
    return _FETCHERS[options]


@atexit.register
def _close_fetchers() -> None:
    for f in _FETCHERS.values():
        f.close()
    _FETCHERS.clear()


# -- readers ---------------------------------------------------------------------------------
def decoded(response: Response) -> str | bytes:
    """The body as text when the server named a charset Python knows, else the raw bytes."""
    if response.charset:
        try:
            return response.content.decode(response.charset)
        except (LookupError, ValueError):  # unknown codec, bad bytes, a NUL in the charset name
            pass
    return response.content


def page_article(origin: str, response: Response, **meta) -> Article:
    return Article(origin=origin, content=decoded(response), kind="html",
                   url=canonical_url(response.url), **meta)


def fetch_page(url: str, options: FetchOptions, **meta) -> Article | Rejection:
    """One page as an Article (kind html), or a Rejection saying why it could not be fetched."""
    try:
        response = fetcher(options).get(url, HTML_TYPES)
    except FetchError as exc:
        return Rejection(url, "fetch", refusal(exc))
    return page_article(url, response, **meta)


def refusal(exc: FetchError) -> str:
    """The reason stored in ingest_errors; a private-address refusal names the flag that allows it."""
    from amity.sources.urls import PrivateAddressError

    return f"{exc} ({exc.hint})" if isinstance(exc, PrivateAddressError) and exc.hint else str(exc)
