"""The seed articles: the actors an analyst reads in them."""

from __future__ import annotations

import pytest
from actors_support import analyse


def _mentions(seeds_dir, name):
    path = seeds_dir / name
    if not path.exists():
        pytest.skip(f"seed {name} not found")
    return analyse(path.read_text(encoding="utf-8")).mentions


def _has(mentions, text, code, sector=None, name=None):
    return any(m.text == text and m.actor.code == code and (sector is None or m.actor.sector == sector)
               and (name is None or m.actor.name == name) for m in mentions)


def test_us_japan_seed(seeds_dir):
    ms = _mentions(seeds_dir, "us-japan-dicas-2024.txt")
    assert _has(ms, "Washington", "USA", "GOV")
    assert _has(ms, "Tokyo", "JPN", "GOV")
    assert _has(ms, "U.S. Ambassador to Japan Rahm Emanuel", "USA", "DIP", "Rahm Emanuel")
    assert _has(ms, "Japanese officials", "JPN", "GOV")
    assert _has(ms, "Emanuel", "USA", "DIP", "Rahm Emanuel")
    assert _has(ms, "ambassador", "USA", "DIP", "Rahm Emanuel")
    assert _has(ms, "Japanese Prime Minister Fumio Kishida", "JPN", "GOV", "Fumio Kishida")
    assert _has(ms, "Masaki Fukasawa", "JPN", None, "Masaki Fukasawa")
    # "to Japan" is the ambassador's posting, not a second actor
    amb = next(m for m in ms if m.actor.name == "Rahm Emanuel")
    assert not [m for m in ms if m.start > amb.start and m.end <= amb.end and m is not amb]


def test_korea_japan_seed(seeds_dir):
    ms = _mentions(seeds_dir, "korea-japan-drills-2026.txt")
    assert _has(ms, "South Korea", "KOR")
    assert _has(ms, "South Korea’s Defense Minister Ahn Gyu-back", "KOR", "MIL", "Ahn Gyu-back")
    assert _has(ms, "Japan’s Defense Minister Shinjiro Koizumi", "JPN", "MIL", "Shinjiro Koizumi")
    assert _has(ms, "Japan’s Maritime Self-Defense Force", "JPN", "MIL")
    assert _has(ms, "Ahn", "KOR", "MIL", "Ahn Gyu-back")
    assert _has(ms, "Koizumi", "JPN", "MIL", "Shinjiro Koizumi")
    assert _has(ms, "South Korean Air Force", "KOR", "MIL")
    assert _has(ms, "Japan’s air self-defense forces", "JPN", "MIL")
    assert _has(ms, "South Korean", "KOR")
    assert _has(ms, "South Korean defense chief", "KOR", "MIL")
    assert _has(ms, "USS George Washington", "USA", "MIL")
    assert _has(ms, "U.S. 7th Fleet", "USA", "MIL")
    assert {m.actor.code for m in ms if m.text == "ministers"} == {"KOR", "JPN"}
    # the ship is not the city, and nothing in the story is Washington the government
    assert not any(m.text == "Washington" for m in ms)
