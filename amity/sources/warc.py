"""Web archives: WARC and WARC.gz files, streamed with FastWARC.

Only HTML ``response`` records with HTTP status 200 become Articles (``origin`` is
``FILE#OFFSET``, the byte offset of the record in the file, compressed offset for .gz; ``url``
the record's target URI). Other records (requests, metadata, images, redirects) are skipped
silently: they are not articles.

Bounded: the iterator streams, each record body is read up to ``max_record_bytes`` after any
HTTP content encoding is undone (a gzip bomb stops at the cap), so memory stays flat whatever
the file size. A truncated or corrupt record becomes a Rejection, and reading resumes at the next
record boundary (the next gzip member, or the next ``WARC/1.x`` line).

Engines split big files into record ranges with :func:`plan_ranges`; :func:`read_warc_range`
reads one range, so workers can share a file without reading each other's records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from amity.errors import FetchError
from amity.models import Article, Rejection
from amity.sources.registry import Item, ReadOptions, register_format
from amity.sources.urls import canonical_url

MB = 1024 * 1024
SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_RESYNCS = 10_000  # corrupt spots skipped in one file before giving up on it
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = re.compile(rb"WARC/1\.[01]\r?\n")


@dataclass(frozen=True)
class WarcOptions:
    max_record_bytes: int = 5 * MB  # decompressed HTML of one record


def warc_options(options: ReadOptions | None) -> WarcOptions:
    return getattr(options, "warc", None) or WarcOptions()


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIXES)


# -- one record ------------------------------------------------------------------------------
def _is_html_200(record) -> bool:
    http = record.http_headers
    return http is not None and http.status_code == 200 and (record.http_content_type or "").lower() in HTML_TYPES


def _body(record, cap: int) -> bytes:
    """The HTTP payload, decoded from gzip/deflate if the server sent it so, at most ``cap`` bytes."""
    from amity.sources.fetch import inflate_capped

    encoding = (record.http_headers.get("Content-Encoding") or "").strip().lower()
    raw_cap = cap if encoding in ("", "identity") else 64 * MB  # compressed size: bounded too
    raw = record.reader.read(raw_cap + 1)
    if len(raw) > raw_cap:
        raise FetchError(f"record larger than the {cap // MB} MB cap")
    expected = record.content_length
    if expected is not None and len(raw) < min(expected, raw_cap):
        raise FetchError(f"truncated record: {len(raw)} of {expected} bytes")
    if encoding in ("", "identity"):
        return raw
    return inflate_capped([raw], encoding, cap, "record")


def record_article(record, path: str, cap: int) -> Article | Rejection | None:
    """An Article for an HTML 200 response record, a Rejection when it is unreadable, else None."""
    if not _is_html_200(record):
        return None
    origin = f"{path}#{record.stream_pos}"
    try:
        body = _body(record, cap)
    except FetchError as exc:
        return Rejection(origin, "read", str(exc))
    uri = (record.headers.get("WARC-Target-URI") or "").strip("<> ") or None
    content: str | bytes = body
    if record.http_charset:
        try:
            content = body.decode(record.http_charset)
        except (LookupError, ValueError):  # unknown codec, bad bytes, a NUL in the charset name
            content = body
    return Article(origin=origin, content=content, kind="html", url=canonical_url(uri) if uri else None)


# -- a file or a range of it -----------------------------------------------------------------
def _iterate(stream, start: int):
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    stream.seek(start)
    return ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True)


def next_boundary(stream, after: int, gz: bool, window: int = 4 * MB) -> int | None:
    """The offset of the first record start strictly after ``after`` (None at end of file)."""
    pos = after + 1
    while True:
        stream.seek(pos)
        chunk = stream.read(window)
        if not chunk:
            return None
        if gz:
            found = chunk.find(_GZIP_MAGIC)
            found = None if found < 0 else found
        else:
            match = _WARC_LINE.search(chunk)
            found = None if match is None else match.start()
        if found is not None:
            return pos + found
        if len(chunk) < window:
            return None
        pos += window - 16


def read_warc_range(path: str, start: int = 0, end: int | None = None,
                    options: ReadOptions | None = None) -> Iterator[Item]:
    """Articles of the records that start in ``[start, end)``; corrupt spots become Rejections."""
    cap = warc_options(options).max_record_bytes
    gz = path.lower().endswith(".gz")
    with open(path, "rb") as stream:
        position, resyncs = start, 0
        while position is not None and (end is None or position < end):
            last = position
            try:
                for record in _iterate(stream, position):
                    last = record.stream_pos
                    if end is not None and last >= end:
                        return
                    item = record_article(record, path, cap)
                    if item is not None:
                        yield item
                return
            except OSError as exc:
                resyncs += 1
                yield Rejection(f"{path}#{last}", "read", f"corrupt WARC data ({exc}); skipped to the next record")
                if resyncs >= MAX_RESYNCS:
                    yield Rejection(path, "read", f"more than {MAX_RESYNCS} corrupt spots: rest of file skipped")
                    return
                position = next_boundary(stream, last, gz)


def record_offsets(path: str) -> Iterator[int]:
    """The start offset of every record (of any type), streamed; stops at the first corrupt spot."""
    from fastwarc.warc import ArchiveIterator

    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream, parse_http=False):
                yield record.stream_pos
        except OSError:
            return


def iter_ranges(path: str, records_per_range: int = 200) -> Iterator[tuple[int, int | None]]:
    """Cut a WARC file into ranges of about ``records_per_range`` records, lazily: (start, end).

    The last range is open-ended (``end`` None), so records after a corrupt spot the scan could
    not pass are still read by its reader.
    """
    start: int | None = None
    for i, offset in enumerate(record_offsets(path)):
        if i % records_per_range == 0:
            if start is not None:
                yield start, offset
            start = 0 if i == 0 else offset
    yield (start or 0), None


def plan_ranges(path: str, records_per_range: int = 200) -> list[tuple[int, int | None]]:
    return list(iter_ranges(path, records_per_range))


def read_warc_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        yield from read_warc_range(str(path), 0, None, options)
    except OSError as exc:  # cannot open
        yield Rejection(str(path), "read", f"cannot read: {exc.strerror or exc}")


register_format(SUFFIXES, read_warc_file)
