"""Event candidates and the evidence features a learned scorer judges them by.

Two sources propose candidates, sentence by sentence:

- the syntactic rules (``amity.events.coder``): a trigger whose own roles (subject, object,
  "with X", "between A and B", possessives ...) hold the actors; precise, narrow;
- the broad pass: every trigger of the sentence (amity's lexicon, folded complements, reported
  demands, words of disapproval, and when asked for the CAMEO verb dictionary: see
  ``amity.events.dictionary``) with the pairs of actors the sentence names or refers to. Each
  pair records how its roles were read (``role_rule``): ``cooccur`` (named in the sentence),
  ``voice`` ("we" of a government's own statement), ``participants`` (a group word: see
  ``amity.events.participants``), ``coalition`` ("joined by X"), ``dyad`` (the other side of a
  two-actor story).

Every candidate carries named features (``CANDIDATE_FEATURES``); ``key_features`` gathers those
of one (pair, type) of a document, and ``amity.events.scorer`` turns them into a calibrated
probability, while the rules and role readings stay on the event as its explanation.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from spacy.tokens import Span, Token

from amity.events import rules_data, syntax
from amity.events.arguments import FIRST_PERSON, Arg, MentionIndex, known, quoted_speaker
from amity.events.ontology import PLOVER_TYPES
from amity.events.triggers import Found
from amity.models import Event, Mention

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_QUOTES = ("\"", "\u201c", "\u201d")
MAX_PAIRS_PER_TRIGGER = 8  # a long list of countries: the pairs nearest the trigger only

# Feature names, in the order the weights file stores them. Candidate features first, then the
# document-level ones the scorer adds (see ``document_features``).
BROAD_TRIGGER_KINDS = ("cameo_pattern", "cameo_verb", "modal_demand", "disapproval")  # modes of the broad pass's own triggers
TRIGGER_KINDS = ("verb", "light", "nominal", "inner") + BROAD_TRIGGER_KINDS
ROLE_KINDS = ("direct", "anaphor", "inferred", "cooccur", "participants", "dyad", "voice", "coalition")
CANDIDATE_FEATURES: tuple[str, ...] = (
    ("from_rules", "rule_confidence", "rules_silent", "rules_other_pair", "planned", "symmetric",
     "few_actors", "closeness", "between", "subject_side", "same_clause", "first_sentences", "earliness",
     "quote", "old_year", "since", "igo", "person", "title_pair", "title_one",
     "tree_source", "tree_target", "target_in_phrase", "locative_actor", "conjoined", "conjoined_directed")
    + tuple(f"trigger_{k}" for k in TRIGGER_KINDS)
    + tuple(f"role_{k}" for k in ROLE_KINDS)
    + tuple(f"type_{t}" for t in PLOVER_TYPES)
    + ("key_sentences", "pair_share", "pair_is_dyad", "pair_top", "type_share")
)
# The scorer judges a (pair, type) of a document from all its candidates: each candidate feature
# at its strongest, how many candidates there are, and whether only the broad pass proposed it
# (per type: the broad pass is trusted more for some types than for others).
FEATURES: tuple[str, ...] = CANDIDATE_FEATURES + ("n_candidates", "broad_only") + tuple(
    f"broad_{t}" for t in PLOVER_TYPES)


@dataclass
class Candidate:
    """One proposed event with the evidence features that judge it. The Event itself (date,
    place, spans) is built only for candidates that are kept (``event``)."""

    source: str
    target: str
    type: str
    subtype: str | None
    origin: str  # rules | broad
    role_rule: str  # how the actors were read: subj>obj, prep:with, cooccur, participants, dyad ...
    sentence: int  # index of the sentence in the document
    features: dict[str, float] = field(default_factory=dict)
    trigger: int = -1  # token index of the trigger word
    build: Callable[[], Event] | None = None
    _event: Event | None = None
    found: Found | None = None  # the trigger as read, and the target's role (for acts shared by allies)
    target_arg: Arg | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        a, b = sorted((self.source, self.target))
        return (a, b, self.type)

    @property
    def event(self) -> Event:
        if self._event is None:
            assert self.build is not None
            self._event = self.build()
        return self._event


def role_rule(src: Arg, tgt: Arg) -> str:
    """A short name for how the two roles were filled: "subj>obj", "subj>prep:with", ..."""
    return f"{src.via}>{tgt.via}"


def _role_kind(src: Arg, tgt: Arg) -> str:
    vias = {src.via, tgt.via}
    for kind in ("coalition", "voice", "participants", "dyad", "cooccur"):
        if kind in vias:
            return kind
    if src.anaphor or tgt.anaphor:
        return "anaphor"
    return "inferred" if src.inferred or tgt.inferred else "direct"


def _trigger_kind(f: Found, origin: str, inner: bool) -> str:
    if f.entry.mode in BROAD_TRIGGER_KINDS:
        return f.entry.mode
    if inner:
        return "inner"
    if f.light:
        return "light"
    return "nominal" if f.nominal else "verb"


def _tok_of(m: Mention, doc) -> Token | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _tok_cached(m: Mention, doc, cache: dict) -> Token | None:
    key = ("mention", m.start, m.end)
    if key not in cache:
        cache[key] = _tok_of(m, doc)
    return cache[key]


def candidate_features(f: Found, sent: Span, sent_index: int, n_sents: int, src: Arg, tgt: Arg,
                       origin: str, rule_confidence: float, inner: bool, status: str, symmetric: bool,
                       published_year: int | None, n_codes: int,
                       title_codes: frozenset[str] = frozenset(), cache: dict | None = None) -> dict[str, float]:
    """The features of one candidate that its own sentence decides. ``cache`` (one dict per
    document) keeps what several candidates of one sentence or trigger share."""
    doc = sent.doc
    cache = {} if cache is None else cache
    sent_facts = _sentence_facts(sent, published_year, cache)
    frame_facts = _frame_facts(f.frame, cache)
    in_title = len({src.code, tgt.code} & title_codes)
    feats: dict[str, float] = {
        "from_rules": 1.0 if origin == "rules" else 0.0,
        "rule_confidence": rule_confidence,
        "planned": 1.0 if status == "planned" else 0.0,
        "symmetric": 1.0 if symmetric else 0.0,
        "first_sentences": 1.0 if sent_index < 3 else 0.0,
        "earliness": 1 - sent_index / max(1, n_sents - 1),
        "quote": sent_facts["quote"],
        "old_year": sent_facts["old_year"],
        "since": sent_facts["since"],
        "igo": 1.0 if src.mention.actor.sector == "IGO" or tgt.mention.actor.sector == "IGO"
        or len(src.code) != 3 or len(tgt.code) != 3 else 0.0,
        "person": 1.0 if src.mention.actor.name or tgt.mention.actor.name else 0.0,
        f"trigger_{_trigger_kind(f, origin, inner)}": 1.0,
        f"role_{_role_kind(src, tgt)}": 1.0,
        f"type_{f.entry.type}": 1.0,
        "title_pair": 1.0 if in_title == 2 else 0.0,
        "title_one": 1.0 if in_title == 1 else 0.0,
    }
    feats["few_actors"] = 1 - min(n_codes, 6) / 6
    trig = f.word.i
    toks = [t for t in (_tok_cached(src.mention, doc, cache), _tok_cached(tgt.mention, doc, cache)) if t is not None
            and sent.start <= t.i < sent.end]
    if toks:
        feats["closeness"] = 1 - min(1.0, min(abs(t.i - trig) for t in toks) / 20)
        if len(toks) == 2:
            lo, hi = sorted(t.i for t in toks)
            feats["between"] = 1.0 if lo < trig < hi else 0.0
        frame = f.frame
        tree = [_tree_closeness(t, frame) for t in toks]
        feats["tree_source"] = tree[0]
        feats["tree_target"] = tree[-1] if len(toks) == 2 else 0.0
        if len(toks) == 2:
            feats["target_in_phrase"] = 1.0 if toks[1].i in frame_facts["phrase"] else 0.0
        feats["subject_side"] = 1.0 if toks[0].i in frame_facts["subjects"] else 0.0
        if any(_locative(t) for t in toks):
            feats["locative_actor"] = 1.0  # "talks in Jakarta": a place, perhaps not a party
        if len(toks) == 2 and _conjoined(toks[0], toks[1]):
            feats["conjoined" if symmetric else "conjoined_directed"] = 1.0  # "the US and UK struck ..."
        feats["same_clause"] = 1.0 if all(t.i in frame_facts["clause"] for t in toks) else 0.0
    return feats


def _locative(tok: Token) -> bool:
    """The actor's word is the object of a place preposition ("met in Jakarta")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in rules_data.words().locative_preps


def _conjoined(a: Token, b: Token) -> bool:
    """One word is a conjunct of the other ("the US and UK", "Japan, Korea and the US")."""
    def root(t: Token) -> Token:
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        return t
    return a.i != b.i and root(a).i == root(b).i


def _sentence_facts(sent: Span, published_year: int | None, cache: dict) -> dict[str, float]:
    key = ("sentence", sent.start)
    if key not in cache:
        text = sent.text
        years = [int(y) for y in _YEAR.findall(text)]
        cache[key] = {
            "quote": 1.0 if any(q in text for q in _QUOTES) else 0.0,
            "old_year": 1.0 if published_year and years and max(years) < published_year else 0.0,
            "since": 1.0 if any(t.lower_ == "since" for t in sent) else 0.0,
        }
    return cache[key]


def _frame_facts(frame: Token, cache: dict) -> dict[str, set[int]]:
    key = ("frame", frame.i)
    if key not in cache:
        cache[key] = {
            "phrase": {t.i for t in syntax.clause_words(frame)},
            "subjects": {t.i for s in syntax.subject_of(frame) for t in s.subtree},
            "clause": {t.i for t in frame.subtree},
        }
    return cache[key]


def document_features(cands: list[Candidate], mentions: list[Mention], dyad: tuple[str, str] | None) -> None:
    """Add the features that need the whole document: how many sentences support the same
    (pair, type), how central the pair is to the story, how common the type is in it. (Whether
    the rules found the pair anywhere, and how surely, is ``key_features``'s maximum of
    ``from_rules`` and ``rule_confidence``.)"""
    by_key: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_key[c.key].append(c)
    counts = Counter(m.actor.code for m in mentions if known(m.actor.code))
    total = max(1, sum(counts.values()))
    top = {code for code, _ in counts.most_common(3)}
    types = Counter(c.type for c in cands)
    for key, group in by_key.items():
        a, b, etype = key
        sentences = len({c.sentence for c in group})
        for c in group:
            c.features["key_sentences"] = math.log1p(sentences) / math.log(8)
            c.features["pair_share"] = (counts[a] + counts[b]) / total
            c.features["pair_is_dyad"] = 1.0 if dyad and {a, b} == set(dyad) else 0.0
            c.features["pair_top"] = 1.0 if a in top and b in top else 0.0
            c.features["type_share"] = types[etype] / max(1, len(cands))


def _tree_closeness(a: Token, b: Token) -> float:
    """1 for the same word, falling to 0 at six dependency steps apart (through their lowest
    common head)."""
    up_a = [a] + list(a.ancestors)
    depth = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b] + list(b.ancestors)):
        if t.i in depth:
            return 1 - min(6, depth[t.i] + k) / 6
    return 0.0


def key_features(group: list[Candidate]) -> dict[str, float]:
    """The features of one (pair, type) of a document: each candidate feature at its strongest
    over the candidates that propose it, their number, and whether the rules proposed none."""
    feats: dict[str, float] = {}
    for c in group:
        for name, value in c.features.items():
            if value > feats.get(name, 0.0):
                feats[name] = value
    feats["n_candidates"] = math.log1p(len(group)) / math.log(8)
    if not any(c.origin == "rules" for c in group):
        feats["broad_only"] = 1.0
        feats[f"broad_{group[0].type}"] = 1.0
    return feats


def sentence_actors(sent: Span, index: MentionIndex) -> list[Mention]:
    """The first mention of each known actor in the sentence, in text order."""
    seen: dict[str, Mention] = {}
    for m in index.in_span(sent):
        if known(m.actor.code) and m.actor.code not in seen:
            seen[m.actor.code] = m
    return list(seen.values())


def voice_reference(sent: Span, voice: Mention | None, index: MentionIndex | None = None) -> Mention | None:
    """"we"/"our" in a statement that an outlet publishes for a government ("U.S. Department of
    State", "U.S. Embassy in Georgia"): the government is the voice (``Analysis.outlet_mentions``);
    elsewhere, the speaker a verb of saying names in the sentence ("'We condemn it,' Barrot said")."""
    we = next((t for t in sent if t.lower_ in FIRST_PERSON and t.text not in ("US", "U.S.")), None)
    if we is None:
        return None
    speaker = voice
    if speaker is None and index is not None:
        speaker = next(iter(quoted_speaker(sent, index)), None)
    if speaker is None:
        return None
    return Mention(speaker.doc_id, we.text, we.idx, we.idx + len(we.text), speaker.actor, "voice")


def pair_arguments(f: Found, sent: Span, index: MentionIndex, group: tuple[Token, list[Mention]] | None,
                   dyad_partner, voice: Mention | None = None, cache: dict | None = None) -> list[tuple[Arg, Arg]]:
    """Actor pairs for a broad candidate: every two actors named in the sentence, those in the
    trigger's subject paired first with each of the others ("Blinken spoke with the ministers of
    A, B, C and D": four pairs); "we" of a government's own statement; with one actor only, the
    story's participants a group word points to, or the other side of the story's dyad."""
    cache = {} if cache is None else cache
    key = ("named", sent.start)
    if key not in cache:
        cache[key] = sentence_actors(sent, index)
    named = list(cache[key])
    subjects = clause_subject(f.frame, cache=cache)
    doc = sent.doc
    agents = [m for m in named if (t := _tok_of(m, doc)) is not None and t.i in subjects]
    allies = coalition(sent, index, cache)
    agents += [m for m in named if m not in agents and (m.start, m.end) in allies]
    others = sorted((m for m in named if m not in agents), key=lambda m: abs(m.start - f.word.idx))
    args = [Arg(m, "coalition" if (m.start, m.end) in allies else "cooccur") for m in agents + others]
    we = voice_reference(sent, voice, index)
    if we is not None and we.actor.code not in {a.code for a in args}:
        args.insert(0, Arg(we, "voice", inferred=True))
    if group is not None and (len(args) < 2 or group[0].i in subjects):
        have = {a.code for a in args}
        members = [Arg(m, "participants", inferred=True) for m in group[1] if m.actor.code not in have]
        args = (members + args) if group[0].i in subjects else (args + members)
        if group[0].i in subjects:
            agents = agents + [a.mention for a in members]
    if len(args) == 1:
        other = dyad_partner(args[0], f)
        if other is not None:
            args.append(other)
    lead = [a for a in args if a.via == "voice" or a.mention in agents]
    pairs = [(a, b) for a in lead for b in args if b is not a and a.code != b.code
             and not (f.entry.type not in JOINT_SIDE_TYPES and b in lead and "coalition" in (a.via, b.via))]
    rest = [(a, b) for a, b in combinations(args, 2) if a.code != b.code and not (a in lead or b in lead)]
    return pairs[:MAX_PAIRS_PER_TRIGGER] + rest[:MAX_PAIRS_PER_TRIGGER]


# "joined by X", "together with X", "along with X", "alongside X", "in coordination with X": X
# acts on the same side as the clause's subject. Between the two sides of a coalition only joint
# acts are proposed (they met, agreed or cooperated), never the act they did together to a third.
COALITION_HEADS = frozenset({"together", "along", "coordination", "concert", "conjunction", "partnership"})
JOINT_SIDE_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})


def coalition(sent: Span, index: MentionIndex, cache: dict | None = None) -> set[tuple[int, int]]:
    """Spans of the actors a sentence names as acting alongside its subject."""
    cache = {} if cache is None else cache
    key = ("coalition", sent.start)
    if key in cache:
        return cache[key]
    found: set[tuple[int, int]] = set()
    for tok in sent:
        lower = tok.lower_
        ally = (lower == "alongside" or (lower == "with" and tok.head.lower_ in COALITION_HEADS)
                or (lower == "by" and tok.head.lemma_.lower() == "join"))
        if not ally:
            continue
        for obj in (c for c in tok.children if c.dep_ == "pobj"):
            for conj in syntax.conjuncts(obj):
                for m in index.in_span(sent.doc[conj.left_edge.i:conj.right_edge.i + 1]):
                    found.add((m.start, m.end))
    cache[key] = found
    return found


def clause_subject(frame: Token, limit: int = 4, cache: dict | None = None) -> set[int]:
    """Token indices of the subject that governs the trigger: its own, else that of the nearest
    verb above it ("the allies are resolute in *demanding* that ..."; "a statement *urging* ...")."""
    if cache is not None:
        key = ("subject", frame.i)
        if key not in cache:
            cache[key] = clause_subject(frame, limit)
        return cache[key]
    tok = frame
    for _ in range(limit):
        subjects = syntax.subject_of(tok)
        if subjects:
            return {t.i for s in subjects for t in s.subtree}
        if tok.head.i == tok.i or tok.dep_ in ("relcl", "ccomp", "parataxis"):
            break
        tok = tok.head
    return set()


def orient(f: Found, a: Arg, b: Arg, doc, cache: dict | None = None) -> tuple[Arg, Arg]:
    """Source first: an actor in the trigger's subject, else the one named before the trigger."""
    subjects = clause_subject(f.frame, cache=cache)
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


__all__ = [
    "FEATURES",
    "Candidate",
    "candidate_features",
    "document_features",
    "key_features",
    "orient",
    "pair_arguments",
    "published_year",
    "role_rule",
    "sentence_actors",
]
