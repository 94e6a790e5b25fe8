"""Very long texts in parts: a document longer than the parser can take in one piece (spaCy
refuses a text over its ``max_length``, and parsing needs memory in proportion to length) is
split into parts at the strongest boundary available (a blank line, a line break, a sentence
end, a space), each stored and coded as a document of its own. Nothing is dropped: the parts'
texts put end to end are the document's text.

``split_long(document, max_chars) -> tuple[Document, ...]``: the document itself when it is short
enough; else its parts, ids ``<id>-p<n>``, names ``<name>#p<n>``, titles ``<title> (part n of N)``,
flag ``part``.
"""

from __future__ import annotations

import dataclasses
import re

from amity.models import Document

_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def cut_point(text: str, start: int, max_chars: int) -> int:
    """Where the part beginning at ``start`` ends: after the last strongest boundary within
    ``max_chars`` (but past the first half, so parts are not tiny), else at ``max_chars``."""
    end = start + max_chars
    if end >= len(text):
        return len(text)
    window = text[start:end]
    for pattern in _BOUNDARIES:
        cuts = [m.end() for m in pattern.finditer(window) if m.end() >= max_chars // 2]
        if cuts:
            return start + cuts[-1]
    return end


def split_long(document: Document, max_chars: int) -> tuple[Document, ...]:
    text = document.text
    if len(text) <= max_chars:
        return (document,)
    spans, start = [], 0
    while start < len(text):
        end = cut_point(text, start, max_chars)
        spans.append((start, end))
        start = end
    total = len(spans)
    return tuple(dataclasses.replace(
        document, id=f"{document.id}-p{n}", text=text[a:b],
        name=f"{document.name or document.id}#p{n}",
        title=f"{document.title} (part {n} of {total})" if document.title else f"part {n} of {total}",
        flags=tuple(document.flags) + ("part",)) for n, (a, b) in enumerate(spans, start=1))
