"""Document ids: the same article, however scraped, gets the same id."""

from __future__ import annotations

import hashlib
import unicodedata

_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
    "–": "-", "—": "-", "‑": "-", "−": "-", "\u00a0": " ", "\u200b": None, "\u00ad": None,
})


def normalise(text: str) -> str:
    """Compatibility-normalised, quotes and dashes unified, lowercased, whitespace folded."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return " ".join(text.split())


def document_id(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]
