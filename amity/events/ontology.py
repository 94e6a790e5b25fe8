"""The event ontology, read from amity/data: PLOVER types, the trigger lexicon, topic cues that
set the defense subtype, and the CAMEO <-> PLOVER crosswalk.

Everything here is data; the coder asks questions ("is this lemma a verb trigger?", "which
subtype does this phrase name?") and never hard-codes a word.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from amity import models
from amity.errors import DictionaryError

# The vocabulary is part of the event schema (amity.models): the coder, the filters and the API
# share one definition.
PLOVER_TYPES = models.PLOVER_TYPES
SUBTYPES = models.SUBTYPES


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str
    joint: bool
    target_preps: tuple[str, ...]
    default_subtype: str | None
    cooperative: bool = True  # False: topic words never set a defense subtype
    description: str = ""


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: a lemma (or lemma + particle) that evokes an event type."""

    lemma: str
    pos: str  # verb | noun
    type: str
    mode: str | None
    cameo: str | None
    subtype: str | None  # implied by the word itself ("refuel" -> logistics)
    joint: bool
    target_preps: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    types: dict[str, EventType]
    verbs: dict[str, Trigger]  # "meet", "work on", ...
    nouns: dict[str, Trigger]  # "talks", "phone call", ...
    subtype_cues: tuple[tuple[tuple[str, ...], str], ...]  # ((lemma, ...), subtype), longest first
    cameo_roots: dict[str, str]  # "04" -> CONSULT, "087" -> RETREAT
    words: dict[str, frozenset[str]]  # light_verbs, irrealis_*, planned_*, negations
    weak_cues: frozenset[tuple[str, ...]] = frozenset()  # cues used only when nothing else names a topic
    idioms: dict[str, frozenset[str]] = field(default_factory=dict)  # verb -> objects that make it no event

    def cues_starting(self, word: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Topic cues whose first word is ``word``, longest first."""
        return self._cue_index().get(word, ())

    def _cue_index(self) -> dict[str, tuple]:
        index = self.__dict__.get("_cues_by_first")
        if index is None:
            grouped: dict[str, list] = {}
            for cue in self.subtype_cues:
                grouped.setdefault(cue[0][0], []).append(cue)
            index = {w: tuple(c) for w, c in grouped.items()}
            object.__setattr__(self, "_cues_by_first", index)
        return index

    def trigger(self, lemma: str, pos: str) -> Trigger | None:
        return (self.verbs if pos == "verb" else self.nouns).get(lemma)

    def plover_for_cameo(self, code: str | None) -> str | None:
        """The PLOVER type of a CAMEO code, longest matching prefix first; None when unmapped."""
        if not code:
            return None
        for n in (4, 3, 2):
            hit = self.cameo_roots.get(code[:n])
            if hit is not None:
                return hit or None
        return None


def _data_text(name: str) -> str:
    return resources.files("amity.data").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value in ("", "-") else value


def _load_types(raw: dict) -> dict[str, EventType]:
    types = {}
    for name, spec in raw["types"].items():
        if name not in PLOVER_TYPES:
            raise DictionaryError(f"event_ontology.yaml: unknown PLOVER type {name}")
        types[name] = EventType(
            name=name,
            cameo=str(spec["cameo"]),
            joint=bool(spec.get("joint", False)),
            target_preps=tuple(spec.get("target_preps") or ()),
            default_subtype=spec.get("default_subtype"),
            cooperative=bool(spec.get("cooperative", True)),
            description=spec.get("description", ""),
        )
    return types


def _load_triggers(types: dict[str, EventType]) -> tuple[dict[str, Trigger], dict[str, Trigger]]:
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    for row in _rows("event_triggers.tsv"):
        etype = types.get(row["type"])
        if etype is None or row["pos"] not in ("verb", "noun"):
            raise DictionaryError(f"event_triggers.tsv: bad row {row}")
        subtype = _opt(row["subtype"])
        if subtype is not None and subtype not in SUBTYPES:
            raise DictionaryError(f"event_triggers.tsv: unknown subtype {subtype}")
        joint = {"yes": True, "no": False}.get(row["joint"], etype.joint)
        preps = _opt(row["preps"])
        trig = Trigger(
            lemma=row["lemma"], pos=row["pos"], type=etype.name, mode=_opt(row["mode"]),
            cameo=_opt(row["cameo"]) or etype.cameo, subtype=subtype, joint=joint,
            target_preps=etype.target_preps + tuple(p for p in (preps or "").split(",")
                                                    if p and p not in etype.target_preps),
        )
        table = verbs if trig.pos == "verb" else nouns
        table.setdefault(trig.lemma, trig)  # the first row for a word wins
    return verbs, nouns


def _load_cues() -> tuple[tuple[tuple[tuple[str, ...], str], ...], frozenset[tuple[str, ...]]]:
    cues, weak = [], set()
    for row in _rows("event_subtypes.tsv"):
        if row["subtype"] not in SUBTYPES:
            raise DictionaryError(f"event_subtypes.tsv: unknown subtype {row['subtype']}")
        strength = _opt(row.get("strength")) or "strong"
        if strength not in ("strong", "weak"):
            raise DictionaryError(f"event_subtypes.tsv: strength must be strong or weak: {row}")
        cue = tuple(row["cue"].lower().split())
        cues.append((cue, row["subtype"]))
        if strength == "weak":
            weak.add(cue)
    cues.sort(key=lambda c: -len(c[0]))
    return tuple(cues), frozenset(weak)


def _load_cameo() -> dict[str, str]:
    return {row["cameo"]: ("" if row["plover"] == "-" else row["plover"]) for row in _rows("cameo_plover.tsv")}


@lru_cache(maxsize=1)
def load() -> Ontology:
    """The ontology shipped in amity/data (read once per process)."""
    raw = yaml.safe_load(_data_text("event_ontology.yaml"))
    types = _load_types(raw)
    verbs, nouns = _load_triggers(types)
    word_lists = ("light_verbs", "irrealis_governors", "irrealis_modifiers", "irrealis_markers",
                  "planned_markers", "planned_governors", "negations", "denial_words")
    words = {key: frozenset(str(w).lower() for w in raw.get(key, ())) for key in word_lists}
    cues, weak = _load_cues()
    idioms = {str(verb).lower(): frozenset(str(o).lower() for o in objs)
              for verb, objs in (raw.get("idioms") or {}).items()}
    return Ontology(types=types, verbs=verbs, nouns=nouns, subtype_cues=cues,
                    cameo_roots=_load_cameo(), words=words, weak_cues=weak, idioms=idioms)
