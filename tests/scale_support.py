"""Helpers for the scale tests (feeds, fetch, WARC, engines): a local HTTP server and a WARC writer.

The server binds 127.0.0.1 on a free port, answers from a route table, records every request,
and is shut down when the ``with`` block ends. Nothing here touches the internet.
"""

from __future__ import annotations

import gzip
import io
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

Route = tuple[int, dict, bytes]


@dataclass
class Served:
    base: str
    routes: dict[str, Route | Callable[[dict], Route]]
    requests: list[tuple[str, dict]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


def _handler(served: Served):
    class Handler(BaseHTTPRequestHandler):
        timeout = 10

        def do_GET(self):
            headers = {k.lower(): v for k, v in self.headers.items()}
            served.requests.append((self.path, headers))
            route = served.routes.get(self.path.split("?", 1)[0], (404, {"Content-Type": "text/plain"}, b"not found"))
            status, extra, body = route(headers) if callable(route) else route
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            if "Content-Length" not in extra:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hangs up early (size caps, timeouts) is expected, not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(routes: dict) -> Iterator[Served]:
    """Serve ``routes`` ({path: (status, headers, body) or callable(headers)}) on 127.0.0.1."""
    served = Served("", routes)
    server = _Server(("127.0.0.1", 0), _handler(served))
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def html(body: str, status: int = 200, **headers) -> Route:
    return status, {"Content-Type": "text/html; charset=utf-8", **headers}, body.encode("utf-8")


def xml(body: str, ctype: str = "application/rss+xml", **headers) -> Route:
    return 200, {"Content-Type": ctype, **headers}, body.encode("utf-8")


def redirect(location: str, status: int = 302) -> Route:
    return status, {"Location": location}, b""


# -- WARC ------------------------------------------------------------------------------------
def warc_record(uri: str, body: bytes, *, status: str = "200 OK", ctype: str = "text/html; charset=utf-8",
                rtype: str = "response", date: str = "2024-06-11T08:00:00Z", extra_http: str = "") -> bytes:
    """One WARC/1.0 record (uncompressed) with an HTTP response as payload."""
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra_http}"
            f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1") + body
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash((uri, len(body)))):032x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode("latin-1") + http + b"\r\n\r\n"


def write_warc(path: Path, records: list[bytes], compress: bool | None = None) -> Path:
    """Write records; ``.gz`` paths get one gzip member per record (as Common Crawl does)."""
    compress = path.name.endswith(".gz") if compress is None else compress
    with open(path, "wb") as out:
        out.writelines(gzip.compress(record, compresslevel=1) if compress else record for record in records)
    return path


def zyte_pages(shared_dir: Path, limit: int | None = None) -> list[tuple[str, bytes]]:
    """(url, html bytes) of the Zyte benchmark pages, sorted by file name."""
    import json

    root = shared_dir / "data" / "zyte-article-extraction"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((root / "html").glob("*.html.gz"))[:limit]:
        key = path.name.split(".")[0]
        pages.append((truth.get(key, {}).get("url") or f"https://example.org/{key}",
                      gzip.decompress(path.read_bytes())))
    return pages


def zyte_warc(shared_dir: Path, out: Path, limit: int | None = None, repeat: int = 1) -> Path:
    pages = zyte_pages(shared_dir, limit)
    records = [warc_record(url, body) for _ in range(repeat) for url, body in pages]
    return write_warc(out, records)


__all__ = [
    "html",
    "io",
    "redirect",
    "serve",
    "warc_record",
    "write_warc",
    "xml",
    "zyte_pages",
    "zyte_warc",
]
