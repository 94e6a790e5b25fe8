"""Where readers plug in.

Two small registries, both consulted by :func:`amity.sources.iter_articles`:

* input handlers, tried in order for each input string (``-``, a path, later a URL or a feed):
  the first whose ``accepts(input)`` is true reads it;
* file formats, by file-name suffix (``.txt``, ``.jsonl``, later ``.warc.gz``): used for every
  file a path handler meets, named directly or found in a folder.

Another module adds a reader with :func:`register_input` or :func:`register_format` at import
time; ``amity/sources/__init__.py`` imports the modules that do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from amity.models import Article, Rejection

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How readers treat their inputs."""

    max_bytes: int = 20 * MB  # larger files (and JSONL lines) are refused, never read whole
    include_hidden: bool = False  # read files and folders whose name starts with "."
    follow_symlinks: bool = True  # folders reached through links are walked once each


Item = Article | Rejection
InputReader = Callable[[str, ReadOptions], Iterable[Item]]
FileReader = Callable[[Path, ReadOptions], Iterable[Item]]


@dataclass(frozen=True)
class InputHandler:
    name: str
    accepts: Callable[[str], bool]
    read: InputReader


_INPUTS: list[InputHandler] = []
_FORMATS: dict[str, FileReader] = {}


def register_input(name: str, accepts: Callable[[str], bool], read: InputReader,
                   *, first: bool = False) -> None:
    """Add (or replace, by name) an input handler; ``first`` puts it before the others."""
    _INPUTS[:] = [h for h in _INPUTS if h.name != name]
    handler = InputHandler(name, accepts, read)
    _INPUTS.insert(0, handler) if first else _INPUTS.append(handler)


def register_format(suffixes: Iterable[str], read: FileReader) -> None:
    """Read files whose name ends with one of ``suffixes`` (lower case, with the dot)."""
    for suffix in suffixes:
        _FORMATS[suffix.lower()] = read


def input_handler(source: str) -> InputHandler | None:
    return next((h for h in _INPUTS if h.accepts(source)), None)


def format_reader(path: Path) -> FileReader | None:
    """The reader for the longest registered suffix the file name ends with."""
    name = path.name.lower()
    matches = [s for s in _FORMATS if name.endswith(s) and len(name) > len(s)]
    return _FORMATS[max(matches, key=len)] if matches else None


def handler_names() -> list[str]:
    return [h.name for h in _INPUTS]
