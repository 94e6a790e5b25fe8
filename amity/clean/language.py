"""Language identification of cleaned text (py3langid, offline)."""

from __future__ import annotations


def detect_language(text: str, min_chars: int = 20) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    import py3langid

    sample = text[:20000]
    if sum(ch.isalpha() for ch in sample) < min_chars:
        return None
    lang, _score = py3langid.classify(sample)
    return lang
