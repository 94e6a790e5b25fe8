"""Finding event words in a sentence and deciding whether each reports a fact.

- A verb in the lexicon is a trigger ("met", "accused", "worked on").
- A noun in the lexicon is a trigger ("talks", "summit", "visit"); when it is the object of a
  light verb ("held talks", "reached an agreement") or the subject of one ("talks were held"),
  that verb is its *frame*: the verb whose subject and prepositions give the actors.
- A trigger that is the complement of another ("agreed to *hold talks*", "accused B of
  *attacking* C") is folded into the outer one: one event, the inner words feed its topic.
- Modality: negated ("did not sign", "no agreement") and unreal ("could help", "aims to
  enhance", "if ... attacked", "potential talks") triggers are dropped; "will discuss",
  "plans to visit", "upcoming summit" make the event planned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from amity.events import rules_data, syntax
from amity.events.ontology import Ontology, Trigger
from amity.events.syntax import MISTAGGED, NOUN_DEPS, NOUN_POS, VERB_POS


def nounish(tok: Token) -> bool:
    """A noun, or a plural noun the tagger took for a verb (see syntax.MISTAGGED)."""
    return tok.pos_ in NOUN_POS or (tok.pos_ in VERB_POS and tok.tag_ in MISTAGGED and tok.dep_ in NOUN_DEPS
                                    and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children))


@dataclass
class Found:
    """One trigger in a sentence."""

    word: Token  # the event word
    entry: Trigger
    frame: Token  # the verb whose roles apply (the word itself for verbs and bare nouns)
    end: int  # token index after the trigger text (covers a particle: "work on")
    noun_subject: bool = False  # the event noun is the frame's subject ("talks were held")
    status: str = "asserted"
    inner: list[Found] = field(default_factory=list)  # triggers folded into this one

    @property
    def nominal(self) -> bool:
        return self.frame.i == self.word.i and nounish(self.word)

    @property
    def light(self) -> bool:
        return self.frame.i != self.word.i

    def tokens(self) -> set[int]:
        return {self.word.i, self.frame.i}


def idiom(tok: Token, onto: Ontology) -> bool:
    """A verb whose object or complement makes it an idiom: "exercise restraint", "strike a
    balance", "declined to comment"."""
    objects = onto.idioms.get(tok.lemma_.lower())
    return bool(objects) and any(c.dep_ in ("dobj", "attr", "xcomp") and c.lemma_.lower() in objects for c in tok.children)


def _denial(tok: Token, onto: Ontology) -> bool:
    """"called the accusation baseless", "described the report as a fabrication"."""
    if tok.lemma_.lower() not in rules_data.words().denial_verbs:
        return False
    words = onto.words.get("denial_words", frozenset())
    near = [c for c in tok.children] + [g for c in tok.children for g in c.children]  # two steps down at most
    return any(t.i > tok.i and t.lower_ in words for t in near)


def _verb_entry(tok: Token, onto: Ontology) -> tuple[Trigger | None, int]:
    lemma = tok.lemma_.lower()
    if idiom(tok, onto):
        return None, tok.i + 1
    if _denial(tok, onto) and "reject" in onto.verbs:  # "called the charge baseless"
        return onto.verbs["reject"], tok.i + 1
    comp = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and syntax.to_infinitive(c)), None)
    if comp is not None:  # "ordered X to leave" is not "ordered X": complement-sensitive senses
        for key in (f"{lemma} to {comp.lemma_.lower()}", f"{lemma} to"):
            if key in onto.verbs:
                return onto.verbs[key], tok.i + 1
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        # "restore ties", "flew 42 tonnes *of relief*", then "train *": any object
        heads = [obj] + [inner for _, inner in syntax.prep_objects(obj, _partitive_preps(obj) | {"of"})]
        keys = [f"{lemma} {h.lemma_.lower()}" for h in heads] + [f"{lemma} *"]
        hit = next((onto.verbs[k] for k in keys if k in onto.verbs), None)
        if hit:
            return hit, tok.i + 1
    prt = syntax.particle(tok)
    if prt is not None:
        hit = onto.verbs.get(f"{lemma} {prt.lower_}")
        if hit:
            return hit, max(tok.i, prt.i) + 1
    return onto.verbs.get(lemma), tok.i + 1


def _noun_entry(tok: Token, onto: Ontology) -> Trigger | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "compound" and child.i == tok.i - 1:
            hit = onto.nouns.get(f"{child.lemma_.lower()} {lemma}")
            if hit:
                return hit
    head = tok.head
    if tok.dep_ == "compound" and head.i == tok.i + 1 and f"{lemma} {head.lemma_.lower()}" in onto.nouns:
        return None  # the first word of a two-word trigger: "*sanctions* relief"
    entry = onto.nouns.get(lemma) or onto.nouns.get(tok.lower_)
    if entry is not None and (_eased(tok, entry) or _named_in_force(tok, entry) or _in_a_name(tok, entry)
                              or _promise_of_act(tok, entry)):
        return None
    return entry


def _in_a_name(tok: Token, entry: Trigger) -> bool:
    """A force word inside a proper name: "the Carrier *Strike* Group", "the Joint *Strike*
    Fighter" name a unit or a weapon, not an act."""
    return (entry.type in rules_data.rules().force_types and tok.tag_ in ("NNP", "NNPS")
            and tok.dep_ == "compound" and tok.head.tag_ in ("NNP", "NNPS"))


def _promise_of_act(tok: Token, entry: Trigger) -> bool:
    """Support that is a promise of an act of its own ("a commitment *to buy* submarines"):
    the act is coded from its verb, not as support."""
    return entry.type == "SUPPORT" and any(
        c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in tok.children)


def _named_in_force(tok: Token, entry: Trigger) -> bool:
    """An agreement named as a thing in force, in a phrase or as a modifier: "its obligations
    *under the INF Treaty*", "in support of the Barbados Agreement", "New START Treaty limits"
    (a reference, not its making; "signed the Treaty" is coded from the verb)."""
    if not (entry.type in rules_data.rules().mutual_types and tok.tag_ in ("NNP", "NNPS")
            and tok.i > tok.sent.start and tok.dep_ in ("pobj", "compound", "poss")):
        return False
    # "the Memorandum between A and B, which was signed in 2022": its parties or its making told
    return not any(c.dep_ in ("relcl", "acl") or c.dep_ == "prep" and c.lower_ in ("between", "with", "among")
                   for c in tok.subtree if c.i != tok.i)


def _eased(tok: Token, entry: Trigger) -> bool:
    """A measure that the governing verb ends: "lifted *sanctions* on Syria" (the verb is the
    event: CONCEDE)."""
    return (entry.type in rules_data.rules().eased_types and tok.dep_ in ("dobj", "nsubjpass")
            and tok.head.lemma_.lower() in rules_data.words().easing_verbs)


def _quantity(tok: Token) -> bool:
    """An amount that an event noun can follow: "$1 billion *in* military aid"."""
    return tok.ent_type_ == "MONEY" or tok.lower_ in rules_data.words().quantity_words or (tok.like_num and tok.pos_ == "NUM")


def _partitive_preps(tok: Token) -> set[str]:
    if _quantity(tok):
        return {"in", "of", "worth"}
    return {"of"} if tok.lemma_.lower() in rules_data.words().partitives and nounish(tok) else set()


def _event_object(obj: Token, onto: Ontology) -> Token | None:
    """The event noun an object names, directly or after a partitive ("a round of talks") or an
    amount ("announced €160 million in humanitarian aid")."""
    if nounish(obj) and _noun_entry(obj, onto):
        return obj
    for _, inner in syntax.prep_objects(obj, _partitive_preps(obj)):
        if nounish(inner) and _noun_entry(inner, onto):
            return inner
    for inner in obj.children:  # "wrapped up Mar Austral, a five-day exercise"
        if inner.dep_ == "appos" and nounish(inner) and _noun_entry(inner, onto):
            return inner
    return None


def _light_object(verb: Token, onto: Ontology) -> bool:
    """A light verb whose object is an event noun: the noun carries the event."""
    if verb.lemma_.lower() not in onto.words["light_verbs"]:
        return False
    return any(c.dep_ in ("dobj", "attr") and _event_object(c, onto) for c in verb.children)


def _participation(noun: Token) -> Token | None:
    """The verb of "took part in the exercise", "participated in the talks", or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos_ not in VERB_POS:
        return None
    verb = prep.head
    lemma = verb.lemma_.lower()
    if lemma in rules_data.words().participation_verbs or (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part"
                                                                 for c in verb.children)):
        return verb
    return None


def _frame_of_noun(noun: Token, onto: Ontology) -> tuple[Token, bool]:
    original = noun
    verb = _participation(noun)
    if verb is not None:
        return verb, False
    if noun.dep_ == "appos" and noun.head.dep_ in ("dobj", "attr"):
        noun = noun.head  # the named event the noun describes: "wrapped up Mar Austral, a ... exercise"
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _partitive_preps(head.head):
        noun, head = head.head, head.head.head  # "concluded the 21st edition of the exercise"
    if head.i == noun.i or head.pos_ not in VERB_POS + ("AUX",):
        return original, False
    lemma = head.lemma_.lower()
    if noun.dep_ in ("dobj", "attr") and lemma in onto.words["light_verbs"]:
        return head, False
    if noun.dep_ in ("nsubj", "nsubjpass") and (lemma in onto.words["light_verbs"] or lemma in rules_data.words().subject_frames):
        return head, True
    return original, False


def find(sent: Span, onto: Ontology) -> list[Found]:
    """Every trigger in the sentence, in text order (before folding and modality)."""
    found: list[Found] = []
    for tok in sent:
        if tok.pos_ in VERB_POS and not nounish(tok):
            if _light_object(tok, onto):
                continue
            entry, end = _verb_entry(tok, onto)
            if entry is not None:
                found.append(Found(tok, entry, tok, end))
        elif nounish(tok):
            entry = _noun_entry(tok, onto)
            if entry is not None:
                frame, noun_subject = _frame_of_noun(tok, onto)
                found.append(Found(tok, entry, frame, tok.i + 1, noun_subject=noun_subject))
    return found


def fold(found: list[Found]) -> list[Found]:
    """Fold complements into the trigger that governs them; return the outer triggers."""
    by_token: dict[int, Found] = {}
    for f in found:
        for i in f.tokens():
            by_token.setdefault(i, f)
    outer = []
    for f in found:
        start = f.frame if f.light and not f.noun_subject else f.word
        host = next((by_token[g.i] for g in syntax.governing_chain(start)
                     if g.i in by_token and by_token[g.i] is not f), None)
        if host is None:
            outer.append(f)
        else:
            host.inner.append(f)
    return outer


def _chain(f: Found) -> list[Token]:
    start = f.frame if f.light and not f.noun_subject else f.word
    return [start] + list(syntax.governing_chain(start))


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _reported(tok: Token) -> bool:
    """A clause reported by a speech verb: "said *it would* sign"."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in rules_data.words().speech_verbs


def _disavowed(f: Found) -> bool:
    """An act named inside what a verb of denial denies: "denies any involvement *in the
    attack*", "refuted reports of *talks*"."""
    verbs = rules_data.words().disavowal_verbs
    tok = f.word
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in verbs and tok.i != f.frame.i
    return False


def modality(f: Found, onto: Ontology) -> str | None:
    """"asserted", "planned", or None when the trigger reports no fact (negated, unreal)."""
    words = onto.words
    mods = {c.lemma_.lower() for c in f.word.children if c.dep_ in ("amod", "compound")}
    negations = words["negations"]  # "did not sign", "no agreement", "never met"
    if mods & words["irrealis_modifiers"] or syntax.negated(f.word, negations):
        return None
    planned = bool(mods & rules_data.words().planned_modifiers)
    if _disavowed(f):
        return None
    for tok in _chain(f) + ([f.frame] if f.light else []):
        if tok.pos_ == "ADJ" and tok.lemma_.lower() in words["irrealis_governors"]:
            return None  # "unable to reschedule"
        if tok.pos_ not in VERB_POS + ("AUX",):
            if tok.i != f.word.i and (syntax.negated(tok, negations)
                                      or tok.dep_ == "acomp" and syntax.negated(tok.head, negations)):
                return None  # "no plans to send troops", "no intention of attacking", "is not ready to"
            continue
        aux = _aux(tok)
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if syntax.negated(tok, negations) or marks & {"if", "unless", "whether"}:
            return None
        if tok.i != f.word.i and tok.lemma_.lower() in words["irrealis_governors"]:
            return None
        if aux & {"would"} and _reported(tok):
            planned = True
        elif aux & words["irrealis_markers"]:
            return None
        if aux & words["planned_markers"] or (tok is not f.word and tok.lemma_.lower() in words["planned_governors"]):
            planned = True
    return "planned" if planned else "asserted"
