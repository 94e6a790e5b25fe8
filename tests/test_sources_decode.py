"""Decoding bytes: BOMs, UTF-8, declared charsets, detection; binary sniffing."""

from __future__ import annotations

import codecs
import random

import pytest

from amity.errors import ReadError
from amity.sources.decode import declared_charset, decode, looks_binary

FRENCH = ("Le ministre a déclaré que la coopération navale « progresse » : les frégates "
          "françaises et indiennes mèneront l'exercice Varuna en mer d'Arabie, où l'été est "
          "chaud. Ça coûte cher, précise-t-il, mais c'est nécessaire.\r\n") * 3
JAPANESE = ("防衛省は、海上自衛隊と韓国海軍が九年ぶりに捜索・救難の共同訓練を再開すると発表した。"
            "両国の防衛相は横須賀で会談し、定期的な相互訪問を続けることで合意した。\n") * 3


def test_utf8_and_newlines():
    decoded = decode("Zürich — “quoted”\r\nsecond\rthird".encode())
    assert decoded.text == "Zürich — “quoted”\nsecond\nthird"
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize("bom_codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(bom_codec):
    decoded = decode("Navy drills résumé".encode(bom_codec))
    assert decoded.text == "Navy drills résumé"


def test_utf16_with_bom_is_not_binary():
    assert not looks_binary("Plain text".encode("utf-16"))


def test_cp1252_without_declaration_is_detected():
    decoded = decode(FRENCH.encode("cp1252"))
    assert decoded.text == FRENCH.replace("\r\n", "\n")
    assert decoded.encoding != "utf-8"


def test_shift_jis_without_declaration_is_detected():
    decoded = decode(JAPANESE.encode("shift_jis"))
    assert decoded.text == JAPANESE
    assert codecs.lookup(decoded.encoding).name in {"shift_jis", "cp932", "shift_jis_2004"}


def test_declared_html_charset_is_used():
    page = ('<html><head><meta charset="windows-1252"></head><body><p>Café au lait, naïve '
            'façade</p></body></html>').encode("cp1252")
    assert declared_charset(page) == "cp1252"
    assert "Café au lait, naïve façade" in decode(page, html=True).text


def test_binary_bytes():
    assert looks_binary(b"abc\x00def")
    assert looks_binary(bytes(range(1, 9)) * 100)
    assert not looks_binary(b"ordinary text\twith a tab\n")
    assert not looks_binary(b"")


def test_undecodable_bytes_raise_a_read_error():
    rng = random.Random(1)
    noise = bytes(rng.choice(range(0x80, 0x100)) for _ in range(2000))
    assert not looks_binary(noise)  # no NUL or control bytes: only decoding can tell
    with pytest.raises(ReadError, match="encoding"):
        decode(noise)
