"""Local files and folders, and standard input.

Formats: ``.txt`` (a flattened scrape), ``.html``/``.htm`` (markup), ``.jsonl`` (one article a
line), ``.gz`` around any of them; anything else is sniffed. Content stays bytes: the cleaner
decodes it. Size is checked before reading, so a huge file costs a ``stat``, not memory.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from amity.errors import ReadError
from amity.models import Article, Rejection
from amity.sources.decode import decode, looks_binary
from amity.sources.jsonl import iter_jsonl_stream
from amity.sources.registry import (
    Item,
    ReadOptions,
    format_reader,
    register_format,
    register_input,
)

STDIN = "-"
_MARKUP = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>/]", re.IGNORECASE)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def too_large(origin: str, size: int, options: ReadOptions) -> Rejection:
    return Rejection(origin, "read", f"file too large: {_mb(size)} > the {_mb(options.max_bytes)} "
                     "cap (ReadOptions.max_bytes)")


def read_capped(stream: BinaryIO, origin: str, options: ReadOptions) -> bytes | Rejection:
    """At most ``max_bytes`` from ``stream``; a Rejection when there is more."""
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return Rejection(origin, "read", f"too large: more than the {_mb(options.max_bytes)} cap "
                         "(ReadOptions.max_bytes)")
    return data


def content_problem(data: bytes) -> str | None:
    """Why bytes cannot be an article before decoding: empty, or binary."""
    if not data.strip():
        return "empty file" if not data else "empty file (only whitespace)"
    if looks_binary(data):
        return "binary file (not text)"
    return None


def sniff_kind(data: bytes) -> str | None:
    """"html" when the bytes look like markup, "text" when they decode, else None."""
    if _MARKUP.search(data[:4096]):
        return "html"
    try:
        decode(data)
    except ReadError:
        return None
    return "text"


def load(path: Path, options: ReadOptions) -> bytes | Rejection:
    """A file's bytes (decompressed for ``.gz``), refusing large, empty and binary ones."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return too_large(origin, size, options)
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as stream:
            data = read_capped(stream, origin, options)
    except (OSError, EOFError) as exc:
        return Rejection(origin, "read", f"cannot read: {exc.strerror or exc}")
    if isinstance(data, Rejection):
        return data
    problem = content_problem(data)
    return Rejection(origin, "read", problem) if problem else data


def stem(path: Path) -> str:
    """The file name without its extension(s): ``a.html.gz`` -> ``a``."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem or name


def article_from_file(path: Path, options: ReadOptions, kind: str | None) -> Iterator[Item]:
    data = load(path, options)
    if isinstance(data, Rejection):
        yield data
        return
    kind = kind or sniff_kind(data)
    if kind is None:
        yield Rejection(str(path), "read", f"unknown file type {path.suffix or '(no extension)'} "
                        "and the content is not text")
        return
    yield Article(origin=str(path), content=data, kind=kind, name=stem(path))


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    return article_from_file(path, options, "text")


def read_html_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    return article_from_file(path, options, "html")


def read_unknown_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    return article_from_file(path, options, None)


def read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            yield from iter_jsonl_stream(stream, str(path), stem(path), options)
    except (OSError, EOFError) as exc:
        yield Rejection(str(path), "read", f"cannot read: {exc}")


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    reader = format_reader(path) or read_unknown_file
    yield from reader(path, options)


# -- folders ---------------------------------------------------------------------------------
def _visible(name: str, options: ReadOptions) -> bool:
    return options.include_hidden or not name.startswith(".")


def walk_files(root: Path, options: ReadOptions, errors: list[OSError] | None = None
               ) -> list[Path]:
    """Every visible file under ``root``, sorted by path; each real folder is walked once.

    Folders that cannot be listed are skipped; their errors are appended to ``errors``.
    """
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    on_error = errors.append if errors is not None else None
    for folder, dirs, files in os.walk(root, followlinks=options.follow_symlinks,
                                       onerror=on_error):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:  # a link back to a folder already walked
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if _visible(d, options))
        found.extend(Path(folder, f) for f in files if _visible(f, options))
    return sorted(p for p in found if p.is_file())


def read_path(source: str, options: ReadOptions) -> Iterator[Item]:
    path = Path(source)
    if path.is_dir():
        errors: list[OSError] = []
        for file in walk_files(path, options, errors):
            yield from read_file(file, options)
        for error in errors:
            yield Rejection(str(error.filename or source), "read",
                            f"cannot list folder: {error.strerror or error}")
    elif path.is_file():
        yield from read_file(path, options)
    else:
        yield Rejection(source, "read", "no such file or folder")


# -- standard input --------------------------------------------------------------------------
def read_stdin(source: str, options: ReadOptions, stream: BinaryIO | None = None) -> Iterator[Item]:
    """``-``: one article (text or HTML, sniffed) or, when every line is a JSON object, JSONL."""
    stream = stream or sys.stdin.buffer
    data = read_capped(stream, "<stdin>", options)
    if isinstance(data, Rejection):
        yield data
        return
    problem = content_problem(data)
    if problem:
        yield Rejection("<stdin>", "read", problem.replace("file", "input"))
        return
    if data.lstrip().startswith(b"{"):
        import io

        yield from iter_jsonl_stream(io.BytesIO(data), "<stdin>", "stdin", options)
        return
    kind = sniff_kind(data) or "text"
    yield Article(origin="<stdin>", content=data, kind=kind, name="stdin")


register_format([".txt", ".txt.gz", ".text"], read_text_file)
register_format([".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"], read_html_file)
register_format([".jsonl", ".ndjson", ".jsonl.gz"], read_jsonl_file)
register_input("stdin", lambda s: s == STDIN, read_stdin)
register_input("path", lambda s: s != STDIN, read_path)
