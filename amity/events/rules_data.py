"""The event coder's per-type rules and English word lists, read from amity/data.

- ``rules() -> EventRules``: what the coder does for each PLOVER type beyond its ontology entry
  (``amity/data/event_rules.yaml``): which types are force, mutual, responses, ...
- ``words() -> EventWords``: the English words the coder looks for (``amity/data/event_words.yaml``):
  group nouns, pronouns, speech verbs, partitives, ...

Both are read on first use and cached for the process; nothing is read at import time.
``load_rules(path)`` and ``load_words(path)`` read another copy of a file (tests, experiments).
A file with a key missing, an unknown key, or a value of the wrong kind raises ``InputError``
naming the file and the key. Dependency labels and part-of-speech tags stay in code
(``amity.events.syntax``): they are facts about the parser's scheme, not English words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from amity.errors import InputError
from amity.events.datafile import read_text
from amity.events.ontology import PLOVER_TYPES, SUBTYPES

RULES_FILE = "event_rules.yaml"
WORDS_FILE = "event_words.yaml"
_HINT = 'See docs/events.md, section "Rules as data", for the keys and their meaning.'


@dataclass(frozen=True)
class EventRules:
    """Per-type behaviour (amity/data/event_rules.yaml; each field is one key)."""

    force_types: frozenset[str]
    mutual_types: frozenset[str]
    mutual_without_target: frozenset[str]
    response_types: frozenset[str]
    response_objects: Mapping[str, tuple[str, ...]]  # noun answered -> the acts it names, in order
    clause_target_types: frozenset[str]
    purpose_target_types: frozenset[str]
    goods_types: frozenset[str]
    unreal_complement_types: frozenset[str]
    blame_types: frozenset[str]
    generic_subtype: str
    eased_types: frozenset[str]


@dataclass(frozen=True)
class EventWords:
    """English word lists (amity/data/event_words.yaml; each field is one key), lower case."""

    group_nouns: frozenset[str]
    igo_nouns: frozenset[str]
    agent_nouns: frozenset[str]
    resident_nouns: frozenset[str]
    act_nouns: frozenset[str]
    instrument_nouns: frozenset[str]
    threat_governors: frozenset[str]
    force_nouns: frozenset[str]
    border_nouns: frozenset[str]
    person_nouns: frozenset[str]
    disavowal_verbs: frozenset[str]
    pronouns_one: frozenset[str]
    pronouns_it: frozenset[str]
    pronouns_many: frozenset[str]
    pronouns_object: frozenset[str]
    relative_pronouns: frozenset[str]
    statement_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    demand_modals: frozenset[str]
    disapproval_words: frozenset[str]
    subject_frames: frozenset[str]
    participation_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    easing_verbs: frozenset[str]
    planned_modifiers: frozenset[str]
    partitives: frozenset[str]
    quantity_words: frozenset[str]
    deep_preps: frozenset[str]
    scene_preps: frozenset[str]
    locative_preps: frozenset[str]
    place_heads: frozenset[str]
    generic_place_heads: frozenset[str]

    @cached_property
    def anaphors(self) -> frozenset[str]:
        """Every pronoun that may stand for an actor ("he", "it", "they", ...)."""
        return self.pronouns_many | self.pronouns_one | self.pronouns_it


@lru_cache(maxsize=1)
def rules() -> EventRules:
    """The bundled per-type rules (read once per process)."""
    return load_rules()


@lru_cache(maxsize=1)
def words() -> EventWords:
    """The bundled English word lists (read once per process)."""
    return load_words()


def load_rules(path: str | Path | None = None) -> EventRules:
    """Read event_rules.yaml: the bundled one, or the file at ``path``."""
    raw, origin = _read(RULES_FILE, path)
    _check_keys(raw, EventRules, origin)
    return EventRules(
        force_types=_types(raw, "force_types", origin),
        mutual_types=_types(raw, "mutual_types", origin),
        mutual_without_target=_types(raw, "mutual_without_target", origin),
        response_types=_types(raw, "response_types", origin),
        response_objects=_response_objects(raw, "response_objects", origin),
        clause_target_types=_types(raw, "clause_target_types", origin),
        purpose_target_types=_types(raw, "purpose_target_types", origin),
        goods_types=_types(raw, "goods_types", origin),
        unreal_complement_types=_types(raw, "unreal_complement_types", origin),
        blame_types=_types(raw, "blame_types", origin),
        generic_subtype=_subtype(raw, "generic_subtype", origin),
        eased_types=_types(raw, "eased_types", origin),
    )


def load_words(path: str | Path | None = None) -> EventWords:
    """Read event_words.yaml: the bundled one, or the file at ``path``. Every key is a list of
    words, kept lower case (the coder compares them with lower-cased tokens and lemmas)."""
    raw, origin = _read(WORDS_FILE, path)
    _check_keys(raw, EventWords, origin)
    return EventWords(**{f.name: _words(raw, f.name, origin) for f in fields(EventWords)})


def _read(name: str, path: str | Path | None) -> tuple[dict[str, Any], str]:
    text, origin = read_text(name, path, hint=_HINT)
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{origin}: not valid YAML ({exc})", hint=_HINT) from exc
    if not isinstance(raw, dict):
        raise InputError(f"{origin}: expected a mapping of keys to values", hint=_HINT)
    return raw, origin


def _check_keys(raw: dict[str, Any], schema: type, origin: str) -> None:
    expected = [f.name for f in fields(schema)]
    unknown = sorted(str(k) for k in raw if k not in expected)
    if unknown:
        raise InputError(f"{origin}: unknown key {unknown[0]!r}", hint=_HINT)
    missing = [k for k in expected if k not in raw]
    if missing:
        raise InputError(f"{origin}: missing key {missing[0]!r}", hint=_HINT)


def _list(raw: dict[str, Any], key: str, origin: str) -> list[str]:
    value = raw[key]
    if not isinstance(value, list):
        raise InputError(f"{origin}: key {key!r} must be a list", hint=_HINT)
    for item in value:
        if not isinstance(item, str):  # an unquoted `no`, `on`, `off` is read by YAML as a boolean
            raise InputError(f"{origin}: key {key!r}: {item!r} is not a word (quote it)", hint=_HINT)
    return value


def _words(raw: dict[str, Any], key: str, origin: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _list(raw, key, origin))


def _type_names(names: list[str], key: str, origin: str) -> tuple[str, ...]:
    for name in names:
        if name not in PLOVER_TYPES:
            raise InputError(f"{origin}: key {key!r}: {name!r} is not a PLOVER type", hint=_HINT)
    return tuple(names)


def _types(raw: dict[str, Any], key: str, origin: str) -> frozenset[str]:
    return frozenset(_type_names(_list(raw, key, origin), key, origin))


def _response_objects(raw: dict[str, Any], key: str, origin: str) -> Mapping[str, tuple[str, ...]]:
    table = raw[key]
    if not isinstance(table, dict):
        raise InputError(f"{origin}: key {key!r} must map nouns to lists of types", hint=_HINT)
    out: dict[str, tuple[str, ...]] = {}
    for noun, kinds in table.items():
        if not isinstance(noun, str) or not isinstance(kinds, list):
            raise InputError(f"{origin}: key {key!r}: {noun!r} must map to a list of types", hint=_HINT)
        out[noun.lower()] = _type_names(_list({noun: kinds}, noun, origin), f"{key}.{noun}", origin)
    return MappingProxyType(out)


def _subtype(raw: dict[str, Any], key: str, origin: str) -> str:
    value = raw[key]
    if value not in SUBTYPES:
        raise InputError(f"{origin}: key {key!r}: {value!r} is not a defense subtype", hint=_HINT)
    return value
