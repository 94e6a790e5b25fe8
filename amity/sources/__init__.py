"""Readers: turn paths, URLs and archives into Articles (or Rejections saying why not).

Owner: sources. Public API:
    iter_articles(inputs: Sequence[str], options: ReadOptions | None = None)
        -> Iterator[Article | Rejection]

Inputs are dispatched through :mod:`amity.sources.registry`: ``-`` is standard input, anything
else a file or folder (read by suffix: .txt, .html/.htm, .jsonl, .gz around them; other files
are sniffed). Feed, WARC and URL readers plug in with ``register_input``/``register_format``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Sequence

from amity.models import Article, Rejection
from amity.sources import files as _files  # noqa: F401  (registers the built-in readers)
from amity.sources.registry import (
    ReadOptions,
    format_reader,
    input_handler,
    register_format,
    register_input,
)

# Optional readers owned by others; each registers itself on import when present.
for _module in ("amity.sources.fetch", "amity.sources.feeds", "amity.sources.warc"):
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as _exc:
        if _exc.name != _module:
            raise

__all__ = [
    "ReadOptions",
    "format_reader",
    "iter_articles",
    "register_format",
    "register_input",
]


def iter_articles(inputs: Sequence[str], options: ReadOptions | None = None
                  ) -> Iterator[Article | Rejection]:
    """Every article found in ``inputs``, in order; what cannot be read is a Rejection."""
    options = options or ReadOptions()
    for given in inputs:
        source = os.fspath(given)  # a pathlib.Path is accepted too
        handler = input_handler(source)
        if handler is None:
            yield Rejection(source, "read", "no reader accepts this input")
            continue
        yield from handler.read(source, options)
