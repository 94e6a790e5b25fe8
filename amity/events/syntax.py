"""Small questions about a spaCy dependency parse that the event coder asks.

Nothing here knows about events or actors: only tokens, heads, children and dependency labels.
The label and tag sets below are facts about the parser's scheme (ClearNLP dependency labels,
Universal POS tags, Penn tags, OntoNotes entity types), so they stay in code, gathered here; the
English words the questions need (pronouns, statement nouns, scene prepositions) are data, read
from amity/data/event_words.yaml (``rules_data.words()``).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from amity.events import rules_data

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECTS = frozenset({"dobj", "dative", "obj", "iobj"})
# Relations along which an event word is the complement of the word above it: "agreed to *hold*",
# "an agreement to *resume*", "accused X of *attacking*". A trigger reached this way is folded into
# the trigger above it.
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "prep", "pobj", "dobj", "attr", "oprd", "advcl"})
# Relations that start a clause of its own (left out of a trigger's phrase, clause_words).
CLAUSE_EDGES = frozenset({"relcl", "advcl", "parataxis", "conj", "cc"})
# Children of a noun that stay inside its noun phrase when looking for the actor it names.
NP_INNER = frozenset({"compound", "amod", "poss", "nmod", "nummod", "det"})
# Modifiers of a trigger or of a clause above it where a date or a place may be stated.
TIME_DEPS = frozenset({"prep", "npadvmod", "tmod", "advmod", "obl"})
# Entity types of a place name.
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
NOUN_POS = ("NOUN", "PROPN")
VERB_POS = ("VERB",)
# The small model sometimes tags a plural event noun as a verb ("began the naval *drills*" as
# VBZ): a finite-verb tag in a noun's position is read as the noun (triggers.nounish).
NOUN_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"})
MISTAGGED = frozenset({"VBZ", "VBP"})


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token conjoined to it ("A, B and C"). A list of three or more is often
    parsed with its second item as an apposition of the first, the rest conjoined to that
    ("Canada, the EU, the UK and the US imposed ..."): an apposition that has conjuncts of its
    own is read as a list item, and so is a name in apposition before the token's own conjuncts
    ("Canada, the European Union (EU), the United Kingdom and ...")."""
    out = [tok]
    later_conj = max((c.i for c in tok.children if c.dep_ == "conj"), default=-1)
    for child in tok.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and (
                any(c.dep_ == "conj" for c in child.children)
                or (child.tag_ in ("NNP", "NNPS") and child.i < later_conj))):
            out.extend(conjuncts(child))
    return out


def children(tok: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: set[str] | frozenset[str] | tuple[str, ...]) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs of prepositional phrases hanging on ``tok`` ("with Japan")."""
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield child.lower_, obj


_ADVERB_PARTICLES = frozenset({"back", "away", "out", "down", "off"})


def particle(tok: Token) -> Token | None:
    """The particle or first preposition of a phrasal verb ("work *on*", "set *up*"), or an
    adverb the parser reads for the particle right after the verb ("pulled *back*")."""
    for child in tok.children:
        if child.dep_ == "prt":
            return child
    for child in tok.children:
        if child.dep_ == "prep" and child.i == tok.i + 1:
            return child
    for child in tok.children:
        if child.dep_ == "advmod" and child.i == tok.i + 1 and child.lower_ in _ADVERB_PARTICLES:
            return child
    return None


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"  # "the forum, established by ..."


def subject_of(verb: Token) -> list[Token]:
    """The subject of a verb, inheriting it from the verb it is conjoined to or from the noun a
    relative clause modifies ("the ministers, who met ...")."""
    subj = children(verb, {"nsubj", "csubj"})
    if subj:
        if subj[0].lower_ in rules_data.words().relative_pronouns and verb.dep_ == "relcl":
            return [verb.head]
        return subj
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    if verb.dep_ in ("xcomp", "acomp"):  # "A agreed to *sign*", "A is about to *restore*"
        return subject_of(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "A expelled B, *accusing* him of ..."
        return subject_of(verb.head)
    words = rules_data.words()
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in words.statement_nouns | words.instrument_nouns:
        noun = verb.head  # "A issued a statement *condemning* B", "responded with a note *urging* B"
        gov = noun.head.head if noun.dep_ == "pobj" else noun.head
        if gov.i != noun.i and gov.pos_ in ("VERB", "AUX"):
            return subject_of(gov)
    return []


def object_gap(verb: Token) -> bool:
    """A relative clause whose object is the noun it modifies: "the officials (whom) it accuses",
    not "the firms that supply drones" (there the noun is the subject)."""
    relative = rules_data.words().relative_pronouns
    if verb.dep_ != "relcl" or any(c.dep_ in OBJECTS and c.lower_ not in relative for c in verb.children):
        return False
    subj = children(verb, {"nsubj"})
    return bool(subj) and subj[0].lower_ not in relative


def condition_clauses(verb: Token) -> list[Token]:
    """Adverbial clauses of condition: "... *if* Iraq does not disarm the groups"."""
    return [c for c in verb.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)]


def conditional(verb: Token) -> bool:
    return bool(condition_clauses(verb))


def negated(tok: Token, negations: frozenset[str]) -> bool:
    """"did not sign", "no agreement", "never met": a child the parser labels ``neg``, or a
    determiner among ``negations`` (the ``negations`` list of event_ontology.yaml)."""
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in negations):
            return True
    return False


def np_left(tok: Token) -> Span:
    """The noun phrase up to its head: "the Yokosuka base" of "the Yokosuka base of Japan's ..."."""
    lefts = [t for t in tok.subtree if t.i <= tok.i]
    start = min((t.i for t in lefts), default=tok.i)
    return tok.doc[start:tok.i + 1]


def clause_words(tok: Token) -> Iterator[Token]:
    """The subtree of ``tok`` without its subject and without the clauses, at any depth, that
    report events of their own (relative and adverbial clauses, conjoined clauses)."""
    yield tok
    for child in tok.children:
        if child.dep_ in SUBJECTS or (child.dep_ in CLAUSE_EDGES and child.pos_ in ("VERB", "AUX")):
            continue
        if child.dep_ in ("relcl", "advcl", "parataxis"):
            continue
        yield from clause_words(child)


def to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def purpose_clause(tok: Token) -> bool:
    """An adverbial clause of purpose: "visited Seoul *to discuss* ..."."""
    return tok.dep_ == "advcl" and to_infinitive(tok)


def governing_chain(tok: Token, limit: int = 8) -> Iterator[Token]:
    """Words above ``tok`` of which it is a complement, nearest first. Stops at a clause edge
    (conjunction, relative or adverbial clause, subject) and after the first noun."""
    cur = tok
    for _ in range(limit):
        if cur.dep_ == "conj" and cur.pos_ == "VERB" and cur.head.dep_ in COMPLEMENT_DEPS:
            cur = cur.head  # "agreed to strengthen ... and *to expand*": shares its head's relation
        if cur.head.i == cur.i or cur.dep_ not in COMPLEMENT_DEPS:
            return
        if cur.dep_ == "pobj" and cur.head.lower_ in rules_data.words().scene_preps:
            return  # "hammered out *at a meeting* between A and B": the meeting is an event of its own
        if cur.dep_ == "advcl" and not purpose_clause(cur):
            return
        head = cur.head
        yield head
        if head.pos_ in ("NOUN", "PROPN"):
            return
        cur = head
