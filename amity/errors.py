"""amity's typed errors. The CLI turns each into a one-line message with a hint."""

from __future__ import annotations


class AmityError(Exception):
    """Base class: every error amity raises on purpose is one of these."""

    hint: str = ""
    code: str = "error"

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def to_dict(self) -> dict[str, str]:
        """The one JSON error shape (CLI --json and the web API share it)."""
        return {"error": self.code, "message": str(self), "hint": self.hint}


class InputError(AmityError):
    """A path, URL or argument the user gave cannot be used."""

    code = "input"
    hint = "Check the path or value and try again."


class ReadError(AmityError):
    """An input exists but cannot be read as an article (binary, too large, corrupt)."""

    code = "read"


class ModelError(AmityError):
    """The spaCy model cannot be loaded."""

    code = "model"
    hint = "Run `make setup` (it installs the pinned model), or set AMITY_SPACY_MODEL to an installed model."


class StoreError(AmityError):
    """The database cannot be opened or written."""

    code = "store"
    hint = "Check --db / AMITY_DB; another amity process may be writing the same file."


class NotFound(AmityError):
    """A document, event or actor id that does not exist."""

    code = "not_found"
    hint = "List what exists with `amity docs` or `amity events`."


class DictionaryError(AmityError):
    """A user actor dictionary or data table is malformed."""

    code = "dictionary"
    hint = "See docs/actors.md for the TSV and PETRARCH dictionary formats."


class FetchError(AmityError):
    """A URL could not be fetched, or was refused by policy (robots.txt, private address)."""

    code = "fetch"
