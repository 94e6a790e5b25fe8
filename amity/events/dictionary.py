"""Triggers from the CAMEO verb dictionary for verbs amity's own lexicon does not know.

Each becomes a ``Found`` whose entry names the dictionary's CAMEO code and the PLOVER type it
maps to, with mode ``cameo_pattern`` (a pattern of the verb's block matched the words around
it) or ``cameo_verb`` (the verb's default code). The rules never code them; the broad pass
proposes them and the scorer judges them.
"""

from __future__ import annotations

from spacy.tokens import Span

from amity.events import rules_data
from amity.events.candidates import BROAD_TRIGGER_KINDS
from amity.events.ontology import Ontology, Trigger
from amity.events.triggers import VERB_POS, Found, idiom, nounish

DICTIONARY_MODES = frozenset(BROAD_TRIGGER_KINDS)  # triggers the rules never code


def dictionary_triggers(sent: Span, onto: Ontology, extra: tuple[str, ...] = (), bundled: bool = True) -> list[Found]:
    """Verbs of the sentence that only a CAMEO verb dictionary codes (the bundled one when
    ``bundled``, then the user's ``extra`` files)."""
    from amity.events import verbdict

    books = ([verbdict.load()] if bundled else []) + [verbdict.load(p) for p in extra]
    speech = rules_data.words().speech_verbs  # "said ...": the report is coded through what was said
    out: list[Found] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in VERB_POS or nounish(tok) or lemma in onto.verbs or lemma in speech or idiom(tok, onto):
            continue
        match = next((m for m in (b.match(tok) for b in books) if m is not None and m.plover), None)
        if match is None:
            continue
        etype = onto.types.get(match.plover)
        if etype is None:
            continue
        mode = "cameo_pattern" if match.specific else "cameo_verb"
        entry = Trigger(tok.lemma_.lower(), "verb", match.plover, mode, match.cameo, None, etype.joint,
                        etype.target_preps)
        out.append(Found(tok, entry, tok, tok.i + 1))
    return out


def modal_demands(sent: Span, onto: Ontology) -> list[Found]:
    """"X said Russia must allow free passage": a demand from the speaker to the subject of the
    reported clause (a REQUEST whose frame is the verb of saying, mode ``modal_demand``)."""
    words = rules_data.words()
    request = onto.types.get("REQUEST")
    if request is None:
        return []
    out: list[Found] = []
    for tok in sent:
        if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in words.speech_verbs:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in words.demand_modals for c in tok.children):
            continue
        entry = Trigger(tok.lemma_.lower(), "verb", "REQUEST", "modal_demand", request.cameo, None, False,
                        request.target_preps)
        out.append(Found(tok, entry, tok.head, tok.i + 1))
    return out


def disapprovals(sent: Span, onto: Ontology, taken: set[int]) -> list[Found]:
    """A word of disapproval ("reckless", "blatant violation", "coercive behavior"): a candidate
    ACCUSE whose frame is the verb of saying above it (its subject speaks), else the nearest verb
    above it (mode ``disapproval``). One per sentence, skipped where a trigger already stands."""
    words = rules_data.words().disapproval_words
    accuse = onto.types.get("ACCUSE")
    if accuse is None:
        return []
    for tok in sent:
        if tok.lemma_.lower() not in words and tok.lower_ not in words:
            continue
        speech = rules_data.words().speech_verbs  # "X said Y's conduct was reckless": X speaks
        above = [tok, *tok.ancestors]
        frame = next((a for a in above if a.lemma_.lower() in speech),
                     next((a for a in above if a.pos_ in ("VERB", "AUX")), tok))
        if frame.i in taken or tok.i in taken:
            return []
        entry = Trigger(tok.lemma_.lower(), "noun", "ACCUSE", "disapproval", accuse.cameo, None, False,
                        accuse.target_preps)
        return [Found(tok, entry, frame, tok.i + 1)]
    return []
