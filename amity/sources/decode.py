"""Bytes -> text: byte-order marks, UTF-8, a declared HTML charset, then detection.

Readers keep raw bytes (they cannot know the encoding); the cleaner calls :func:`decode`.
:func:`looks_binary` is the cheap test readers use to refuse files that are not text at all.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from amity.errors import ReadError

# Longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 8192
# Control bytes that never occur in text (tab, newlines, form feed and escape do).
_CONTROL = set(range(9)) | {11} | set(range(14, 27)) | set(range(28, 32))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec that decoded it, as Python names it


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for BOM-less UTF-16 of mostly Latin text: a NUL in (nearly) every
    other byte, on one side only, and the bytes decode. None otherwise."""
    head = data[:_SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 16 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.3 * half and other <= 0.02 * half:
            try:
                text = data.decode(codec)[:half]
            except UnicodeDecodeError:
                return None
            unprintable = sum(1 for c in text if not c.isprintable() and c not in "\n\r\t")
            return codec if unprintable <= 0.05 * len(text) else None  # not small 16-bit numbers
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding: NUL bytes or many control bytes."""
    head = data[:_SNIFF_BYTES]
    if not head or bom_encoding(head) or utf16_without_bom(data):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > len(head) * 0.05


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its top, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _try(data: bytes, encoding: str) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), codecs.lookup(encoding).name)
    except (UnicodeDecodeError, LookupError):
        return None


def detect(data: bytes) -> Decoded | None:
    """charset-normalizer's best guess, or None when nothing decodes it as plausible text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None:
        return None
    return _try(data, best.encoding)


def decode(data: bytes, *, html: bool = False) -> Decoded:
    """Decode ``data``: BOM, then strict UTF-8, then (HTML) a declared charset, then detection.

    Raises :class:`ReadError` when no encoding yields text.
    """
    bom = bom_encoding(data) or utf16_without_bom(data)
    decoded = (
        (_try(data, bom) if bom else None)
        or _try(data, "utf-8")
        or (_try(data, declared) if html and (declared := declared_charset(data)) else None)
        or detect(data)
    )
    if decoded is None:
        raise ReadError("cannot detect the text encoding (not UTF-8, no charset found)")
    return Decoded(normalise_newlines(decoded.text.lstrip("\ufeff")), decoded.encoding)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
