"""Splitting a source sentence into plain and highlighted pieces (trigger, source, target).

The template renders each piece escaped, so article text can never become markup."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def _relative(span, base: int, length: int) -> tuple[int, int] | None:
    if not span or span[0] is None or span[1] is None:
        return None
    start, end = max(0, span[0] - base), min(length, span[1] - base)
    return (start, end) if start < end else None


def segments(source: dict[str, Any]) -> list[tuple[str, str | None]]:
    """[(text, css class or None)] covering the whole sentence of a source (event JSON shape:
    sentence, sentence_span, trigger_span, source_span, target_span; offsets into the document).
    Overlapping spans keep the first by priority: trigger, then source, then target."""
    sentence = source.get("sentence") or ""
    base = (source.get("sentence_span") or [0])[0] or 0
    wanted = [("trigger_span", "trigger"), ("source_span", "actor source"), ("target_span", "actor target")]
    spans: list[tuple[int, int, str]] = []
    for key, css in wanted:
        span = _relative(source.get(key), base, len(sentence))
        if span and all(span[1] <= s or span[0] >= e for s, e, _ in spans):
            spans.append((span[0], span[1], css))
    pieces, at = [], 0
    for start, end, css in sorted(spans):
        if start > at:
            pieces.append((sentence[at:start], None))
        pieces.append((sentence[start:end], css))
        at = end
    if at < len(sentence):
        pieces.append((sentence[at:], None))
    return pieces


def safe_link(url: str | None) -> str | None:
    """The url when it is http(s), else None (no javascript: or file: links)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def document_pieces(text: str, mentions: list[dict[str, Any]], reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The whole text of a document as pieces to render, each escaped by the template:
    ``{"text"}`` plain, ``{"text", "trigger": report}`` an event's trigger (linked to its event),
    ``{"text", "mention": mention}`` an actor mention (underlined, what it resolved to in its
    title). Triggers win over mentions where they overlap; each report's trigger appears once."""
    spans: list[tuple[int, int, str, dict]] = []
    seen: set[tuple[int, int]] = set()
    for r in reports:
        span = (r.get("trigger_start"), r.get("trigger_end"))
        if None in span or span in seen or not 0 <= span[0] < span[1] <= len(text):
            continue
        if all(span[1] <= s or span[0] >= e for s, e, _, _ in spans):
            seen.add(span)
            spans.append((span[0], span[1], "trigger", r))
    for m in mentions:
        span = (m["start"], m["end"])
        if 0 <= span[0] < span[1] <= len(text) and all(span[1] <= s or span[0] >= e for s, e, _, _ in spans):
            spans.append((span[0], span[1], "mention", m))
    pieces, at = [], 0
    for start, end, kind, item in sorted(spans, key=lambda s: (s[0], s[1])):
        if start > at:
            pieces.append({"text": text[at:start]})
        pieces.append({"text": text[start:end], kind: item})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:]})
    return pieces
