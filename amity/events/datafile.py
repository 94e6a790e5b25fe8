"""Reading a table the coder uses: the bundled copy in amity/data, or a user's own file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from amity.errors import InputError


def read_text(name: str, path: str | Path | None = None, hint: str | None = None) -> tuple[str, str]:
    """(text, origin) of ``amity/data/NAME`` when ``path`` is None, else of the file at ``path``.
    A missing or unreadable file is an InputError naming it (with ``hint`` when given)."""
    if path is None:
        origin = f"amity/data/{name}"
        ref = resources.files("amity.data").joinpath(name)
        if not ref.is_file():
            raise InputError(f"the bundled file {origin} is missing", hint=hint)
        return ref.read_text(encoding="utf-8"), origin
    try:
        return Path(path).read_text(encoding="utf-8"), str(path)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}", hint=hint) from exc
