"""Event candidates and the evidence features a learned scorer judges them by.

Two sources propose candidates, sentence by sentence:

- the syntactic rules (``amity.events.coder``): a trigger whose own roles (subject, object,
  "with X", "between A and B", possessives ...) hold the actors; precise, narrow;
- the broad pass here: every trigger of the sentence (amity's lexicon, folded complements, the
  CAMEO verb dictionary) with every pair of actors the sentence names or refers to (a group noun
  such as "the two countries", "they", the story's participants). Each pair records how its
  roles were read (``role_rule``): ``cooccur`` (both named in the sentence), ``participants``
  (one side from the story's participants), ``dyad`` (the other side of a two-actor story).

Every candidate carries named features (``FEATURES``); ``amity.events.scorer`` turns them into a
calibrated probability, and the rules and role readings stay on the event as its explanation.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from spacy.tokens import Span, Token

from amity.events import syntax
from amity.events.arguments import Arg, MentionIndex, known
from amity.events.ontology import PLOVER_TYPES
from amity.events.triggers import Found
from amity.models import Event, Mention

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_QUOTES = ("\"", "\u201c", "\u201d")
MAX_PAIRS_PER_TRIGGER = 6  # a long list of countries: the pairs nearest the trigger only

# Feature names, in the order the weights file stores them. Candidate features first, then the
# document-level ones the scorer adds (see ``document_features``).
TRIGGER_KINDS = ("verb", "light", "nominal", "inner", "cameo_pattern", "cameo_verb")
ROLE_KINDS = ("direct", "anaphor", "inferred", "cooccur", "participants", "dyad")
FEATURES: tuple[str, ...] = (
    ("from_rules", "rule_confidence", "rules_silent", "rules_other_pair", "planned", "symmetric", "n_actors", "distance", "between",
     "subject_side", "same_clause", "first_sentences", "position", "quote", "old_year", "since",
     "igo", "dated", "person")
    + tuple(f"trigger_{k}" for k in TRIGGER_KINDS)
    + tuple(f"role_{k}" for k in ROLE_KINDS)
    + tuple(f"type_{t}" for t in PLOVER_TYPES)
    + ("key_sentences", "key_from_rules", "pair_share", "pair_is_dyad", "pair_top", "type_share",
       "key_max_rule_confidence")
)


@dataclass
class Candidate:
    """One proposed event with the evidence features that judge it."""

    event: Event
    origin: str  # rules | broad
    role_rule: str  # how the actors were read: subj>obj, prep:with, cooccur, participants, dyad ...
    sentence: int  # index of the sentence in the document
    features: dict[str, float] = field(default_factory=dict)
    trigger: int = -1  # token index of the trigger word

    @property
    def key(self) -> tuple[str, str, str]:
        a, b = sorted((self.event.source, self.event.target))
        return (a, b, self.event.type)


def role_rule(src: Arg, tgt: Arg) -> str:
    """A short name for how the two roles were filled: "subj>obj", "subj>prep:with", ..."""
    return f"{src.via}>{tgt.via}"


def _role_kind(src: Arg, tgt: Arg) -> str:
    vias = {src.via, tgt.via}
    for kind in ("participants", "dyad", "cooccur"):
        if kind in vias:
            return kind
    if src.anaphor or tgt.anaphor:
        return "anaphor"
    return "inferred" if src.inferred or tgt.inferred else "direct"


def _trigger_kind(f: Found, origin: str, inner: bool) -> str:
    if f.entry.mode == "cameo_pattern":
        return "cameo_pattern"
    if f.entry.mode == "cameo_verb":
        return "cameo_verb"
    if inner:
        return "inner"
    if f.light:
        return "light"
    return "nominal" if f.nominal else "verb"


def _tok_of(m: Mention, doc) -> Token | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def candidate_features(f: Found, sent: Span, sent_index: int, n_sents: int, src: Arg, tgt: Arg,
                       origin: str, rule_confidence: float, inner: bool, event: Event,
                       published_year: int | None, n_codes: int) -> dict[str, float]:
    """The features of one candidate that its own sentence decides."""
    doc = sent.doc
    feats: dict[str, float] = {
        "from_rules": 1.0 if origin == "rules" else 0.0,
        "rule_confidence": rule_confidence,
        "planned": 1.0 if event.status == "planned" else 0.0,
        "symmetric": 1.0 if event.symmetric else 0.0,
        "first_sentences": 1.0 if sent_index < 3 else 0.0,
        "position": sent_index / max(1, n_sents - 1),
        "quote": 1.0 if any(q in sent.text for q in _QUOTES) else 0.0,
        "igo": 1.0 if src.mention.actor.sector == "IGO" or tgt.mention.actor.sector == "IGO"
        or len(src.code) != 3 or len(tgt.code) != 3 else 0.0,
        "dated": 1.0 if event.date else 0.0,
        "person": 1.0 if src.mention.actor.name or tgt.mention.actor.name else 0.0,
        f"trigger_{_trigger_kind(f, origin, inner)}": 1.0,
        f"role_{_role_kind(src, tgt)}": 1.0,
        f"type_{event.type}": 1.0,
    }
    feats["n_actors"] = min(n_codes, 6) / 6
    trig = f.word.i
    toks = [t for t in (_tok_of(src.mention, doc), _tok_of(tgt.mention, doc)) if t is not None
            and sent.start <= t.i < sent.end]
    if toks:
        feats["distance"] = min(1.0, min(abs(t.i - trig) for t in toks) / 20)
        if len(toks) == 2:
            lo, hi = sorted(t.i for t in toks)
            feats["between"] = 1.0 if lo < trig < hi else 0.0
        frame = f.frame
        subjects = [t for s in syntax.subject_of(frame) for t in s.subtree]
        feats["subject_side"] = 1.0 if any(t.i == toks[0].i for t in subjects) else 0.0
        clause = {t.i for t in frame.subtree}
        feats["same_clause"] = 1.0 if all(t.i in clause for t in toks) else 0.0
    else:
        feats["distance"] = 1.0
    years = [int(y) for y in _YEAR.findall(sent.text)]
    if published_year and years and max(years) < published_year:
        feats["old_year"] = 1.0
    if any(t.lower_ == "since" for t in sent):
        feats["since"] = 1.0
    return feats


def document_features(cands: list[Candidate], mentions: list[Mention], dyad: tuple[str, str] | None) -> None:
    """Add the features that need the whole document: how many sentences support the same
    (pair, type), whether the rules found it anywhere, how central the pair is to the story."""
    by_key: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_key[c.key].append(c)
    counts = Counter(m.actor.code for m in mentions if known(m.actor.code))
    total = max(1, sum(counts.values()))
    top = {code for code, _ in counts.most_common(3)}
    types = Counter(c.event.type for c in cands)
    for key, group in by_key.items():
        a, b, etype = key
        sentences = len({c.sentence for c in group})
        from_rules = any(c.origin == "rules" for c in group)
        max_rule = max((c.features.get("rule_confidence", 0.0) for c in group), default=0.0)
        for c in group:
            c.features["key_sentences"] = math.log1p(sentences) / math.log(8)
            c.features["key_from_rules"] = 1.0 if from_rules else 0.0
            c.features["key_max_rule_confidence"] = max_rule
            c.features["pair_share"] = (counts[a] + counts[b]) / total
            c.features["pair_is_dyad"] = 1.0 if dyad and {a, b} == set(dyad) else 0.0
            c.features["pair_top"] = 1.0 if a in top and b in top else 0.0
            c.features["type_share"] = types[etype] / max(1, len(cands))


def sentence_actors(sent: Span, index: MentionIndex) -> list[Mention]:
    """The first mention of each known actor in the sentence, in text order."""
    seen: dict[str, Mention] = {}
    for m in index.in_span(sent):
        if known(m.actor.code) and m.actor.code not in seen:
            seen[m.actor.code] = m
    return list(seen.values())


GROUP_WORDS = frozenset({"both", "two", "three", "four", "trio", "partners", "allies", "sides",
                         "countries", "nations", "neighbours", "neighbors", "governments"})


def group_reference(sent: Span) -> Token | None:
    """A word that refers to several parties at once: "the two countries", "both sides",
    "they", "the allies", "the ministers"."""
    for tok in sent:
        lower = tok.lower_
        if lower in ("they", "their", "them"):
            return tok
        if tok.tag_ in ("NNS", "NNPS") and (lower in GROUP_WORDS or any(
                c.lower_ in ("both", "two", "three", "four") for c in tok.children)):
            return tok
        if lower == "trio":
            return tok
    return None


def pair_arguments(f: Found, sent: Span, index: MentionIndex, participants: tuple[Mention, ...],
                   dyad_partner) -> list[tuple[Arg, Arg]]:
    """Actor pairs for a broad candidate: every two actors named in the sentence (nearest the
    trigger first); with one named, the story's participants a group word points to, or the
    other side of the story's dyad."""
    named = sentence_actors(sent, index)
    trig = f.word.idx
    named.sort(key=lambda m: abs(m.start - trig))
    args = [Arg(m, "cooccur") for m in named[:4]]
    if len(args) < 2:
        ref = group_reference(sent)
        if ref is not None and participants:
            have = {a.code for a in args}
            args += [Arg(m, "participants", inferred=True) for m in participants if m.actor.code not in have]
    if len(args) == 1:
        other = dyad_partner(args[0], f)
        if other is not None:
            args.append(other)
    pairs = [(a, b) for a, b in combinations(args, 2) if a.code != b.code]
    return pairs[:MAX_PAIRS_PER_TRIGGER]


def orient(f: Found, a: Arg, b: Arg, doc) -> tuple[Arg, Arg]:
    """Source first: an actor in the trigger's subject, else the one named before the trigger."""
    subjects = {t.i for s in syntax.subject_of(f.frame) for t in s.subtree}
    ta, tb = _tok_of(a.mention, doc), _tok_of(b.mention, doc)
    if tb is not None and tb.i in subjects and (ta is None or ta.i not in subjects):
        return b, a
    if ta is not None and ta.i in subjects:
        return a, b
    before_a = a.mention.start < f.word.idx
    before_b = b.mention.start < f.word.idx
    if before_b and not before_a:
        return b, a
    return a, b


def published_year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None


__all__ = ["Candidate", "FEATURES", "candidate_features", "document_features", "orient",
           "pair_arguments", "role_rule", "published_year", "sentence_actors", "group_reference"]
