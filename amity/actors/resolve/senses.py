"""Rule 1, senses: a place name that is not an actor here ("Washington Post", "Michael Jordan",
"talks in Tokyo", "roast Turkey", "Georgia" with Atlanta) is dropped before the other rules."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from amity.actors.gazetteer import STATE_KINDS, Entry, Senses
from amity.actors.resolve.base import PLACE_SUFFIXES, Cand, DocContext


def _cue_hit(span: Span, words: frozenset[str]) -> bool:
    sent_text = span.sent.text.lower() if span.doc.has_annotation("SENT_START") else span.doc.text.lower()
    lowered = {t.lower_ for t in span.sent} if span.doc.has_annotation("SENT_START") else {t.lower_ for t in span.doc}
    return any((w in lowered) if " " not in w else (w in sent_text) for w in words)


def _context_blocks(doc: Doc, term: str, senses: Senses) -> bool:
    against = senses.context_against.get(term)
    if not against:
        return False
    text = doc.text
    hits_against = any(_has_word(text, w) for w in against)
    hits_for = any(_has_word(text, w) for w in senses.context_for.get(term, ()))
    return hits_against and not hits_for


def _has_word(text: str, word: str) -> bool:
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(word)] if i + len(word) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        i = text.find(word, i + 1)
    return False


def not_an_actor(span: Span, entry: Entry, senses: Senses, blocked_terms: set[str]) -> str | None:
    """Why this state-like match is not an actor here, or None when it is one."""
    doc = span.doc
    if entry.term in blocked_terms:
        return "context"
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text in senses.heads and nxt.is_title:
        return "head"
    if (nxt is not None and nxt.text == "-" and span.end + 1 < len(doc)
            and doc[span.end + 1].lower_ in PLACE_SUFFIXES and entry.kind in {"capital", "name"}):
        return "place"  # "a Seoul-based analyst", "the Tokyo-born envoy"
    if entry.kind in {"capital", "name"} and nxt is not None:
        two = (nxt.lower_ + " " + doc[span.end + 1].lower_) if span.end + 1 < len(doc) else ""
        if entry.kind == "capital" and (nxt.lower_ in senses.vessels or two in senses.vessels):
            return "vessel name"
    if entry.kind == "capital" and span.start > 0:
        prev = doc[span.start - 1]
        if prev.lower_ in senses.locatives:
            return "place"
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end and (ent.end - ent.start) > (span.end - span.start):
            others = [t for t in ent if t.i < span.start or t.i >= span.end]
            if any(t.is_title and t.pos_ == "PROPN" and t.tag_ != "POS" for t in others):
                return "person name"
    cue = senses.cues.get(entry.term)
    if cue and _cue_hit(span, cue):
        return "sense cue"
    return None


def actor_senses(ctx: DocContext, cands: list[Cand]) -> list[Cand]:
    """The candidates that may be actors: stop phrases out, and amity's own state-like terms
    that ``not_an_actor`` rules out here; a place ("talks in Tokyo") is kept in ``ctx.places``."""
    doc, senses = ctx.doc, ctx.senses
    blocked = {t for t in senses.context_against if _context_blocks(doc, t, senses)}
    kept: list[Cand] = []
    for start, end, entry in cands:
        if entry.kind == "stop":
            continue
        if entry.kind in STATE_KINDS and entry.source == "amity":
            why = not_an_actor(doc[start:end], entry, senses, blocked)
            if why == "place":
                ctx.places[start] = (start, end, entry)
            if why:
                continue
        kept.append((start, end, entry))
    return kept
