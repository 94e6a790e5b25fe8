"""JSON Lines: one article per line, ``text`` or ``html`` plus optional metadata.

Each line is read with a length cap, so one huge line is refused without being held whole. A bad
line is a Rejection naming its line number; the lines after it are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from amity.models import Article, Rejection
from amity.sources.registry import Item, ReadOptions

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CHUNK = 1024 * 1024


def iso_day(value: Any) -> str | None:
    """A container date as YYYY-MM-DD, or None when it is not a full, recognisable date.

    ISO timestamps keep their day; other forms ("Tue, 11 Jun 2024 08:00:00 GMT",
    "June 11, 2024") go through amity's date finder, which never guesses a missing day.
    """
    from amity.clean.dates import first_date

    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    return first_date(value[:10] if _ISO_DAY.match(value) else value)


def _text_field(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def record_to_article(record: Any, origin: str, default_name: str) -> Article | Rejection:
    """One parsed JSON value -> an Article, or a Rejection saying what is missing."""
    if not isinstance(record, dict):
        return Rejection(origin, "read", f"not a JSON object ({type(record).__name__})")
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        content, kind = html, "html"
    elif isinstance(text, str) and text.strip():
        content, kind = text, "text"
    else:
        return Rejection(origin, "read", "no 'text' or 'html' field with content")
    ident = record.get("id")
    return Article(
        origin=origin,
        content=content,
        kind=kind,
        name=str(ident) if isinstance(ident, (str, int)) and str(ident).strip() else default_name,
        url=_text_field(record, "url"),
        title=_text_field(record, "title"),
        published=iso_day(record.get("date") or record.get("published")),
        outlet=_text_field(record, "outlet"),
        author=_text_field(record, "author"),
    )


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def iter_jsonl_stream(stream: BinaryIO, origin: str, stem: str,
                      options: ReadOptions) -> Iterator[Item]:
    """Articles from a JSONL byte stream; origins are ``origin:LINE`` (1-based)."""
    number = 0
    while True:
        raw = stream.readline(options.max_bytes + 1)
        if not raw:
            return
        number += 1
        where = f"{origin}:{number}"
        if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield Rejection(where, "read", f"line {number} is longer than the "
                            f"{options.max_bytes} byte cap (ReadOptions.max_bytes)")
            continue
        if not raw.strip():
            continue
        yield parse_line(raw, where, number, f"{stem}-{number}")


def parse_line(raw: bytes, where: str, number: int, default_name: str) -> Item:
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Rejection(where, "read", f"line {number} is not UTF-8 (JSON Lines must be)")
    except json.JSONDecodeError as exc:
        return Rejection(where, "read", f"malformed JSON on line {number}, column {exc.colno}: {exc.msg}")
    return record_to_article(record, where, default_name)
