"""Turning gazetteer matches in a parsed spaCy Doc into actor mentions.

The rules, in the order they apply (each mention records the rule that made it):

1. Senses: a place name that is part of a longer non-actor name is dropped: a stop phrase
   ("Washington Post"), a name followed by a newspaper/street/team word ("Japan Times"), a person's
   name (inside a longer PERSON entity: "Michael Jordan"), a ship's name ("the Washington aircraft
   carrier"), a capital after a locative preposition ("talks in Tokyo": a place, not an actor),
   a sense cue in the sentence ("roast Turkey"), a document context ("Georgia" with Atlanta).
2. Ships: a prefix and the name after it ("USS George Washington") is a navy vessel.
3. Heads: a title or institution takes its country from the country words before it, possessive
   or adjectival, coordinated or not ("Japan's air self-defense forces", "South Korean and
   Japanese officials"), skips a posting ("Ambassador to Japan"), and takes the person's name
   after it ("Defense Minister Ahn Gyu-back").
4. "of" and appositions: "the president of South Korea"; "Masaki Fukasawa, head of Japan's ...";
   "Vice Admiral Patrick Hannifin, the commander of the U.S. 7th Fleet"; "his Japanese
   counterpart, Shinjiro Koizumi".
5. What is left: country names (the state), adjectives, capitals (the government), IGOs.
6. References that need the document ("Koizumi", "the ambassador", "the two ministers",
   "the junta") are left pending for amity.actors.memory.

One file per rule family: ``senses`` (1), ``states`` (2, 5 and the country words around a head),
``heads`` (3), ``links`` (4), ``names`` (people's names, most left for 6); ``base`` holds the rule
names (``Rule``), the mention being built (``Found``) and the per-document ``DocContext``;
``tokens`` the token helpers they share.
"""

from __future__ import annotations

from spacy.tokens import Doc

from amity.actors.gazetteer import STATE_KINDS, Entry, Senses
from amity.actors.resolve.base import (
    COORD,
    COUNT_WORDS,
    DETERMINERS,
    DIP_POSTING_ROLES,
    HEAD_WORDS,
    IN_EXCLUDED,
    PLACE_SUFFIXES,
    POSTING_PREPS,
    UNKNOWN,
    Cand,
    DocContext,
    Found,
    Rule,
)
from amity.actors.resolve.heads import head
from amity.actors.resolve.links import appositions, of_links
from amity.actors.resolve.names import bare_names
from amity.actors.resolve.senses import actor_senses, not_an_actor
from amity.actors.resolve.states import ship, ships, state
from amity.models import Actor

__all__ = ["COORD", "COUNT_WORDS", "DETERMINERS", "DIP_POSTING_ROLES", "HEAD_WORDS", "IN_EXCLUDED",
           "PLACE_SUFFIXES", "POSTING_PREPS", "UNKNOWN", "Cand", "DocContext", "Found", "Resolver", "Rule",
           "not_an_actor"]


class Resolver:
    """Applies the rules above to one Doc at a time. It holds only its configuration (the
    senses); each call builds its own DocContext, so one Resolver serves any number of
    documents, one after another or from several threads."""

    def __init__(self, senses: Senses):
        self.senses = senses

    def __call__(self, doc: Doc, cands: list[Cand], parts: list[Cand]) -> list[Found]:
        ctx = DocContext(
            doc, self.senses,
            # a person's name from the people table does not hide its words from document memory
            cand_tokens={i for s, e, en in cands if en.kind != "person" for i in range(s, e)},
            people_spans=[(s, e) for s, e, en in cands if en.kind == "person"])
        kept = ships(ctx, actor_senses(ctx, cands))
        ctx.by_start = {c[0]: c for c in kept}
        ctx.by_end = {c[1]: c for c in kept}
        found = ctx.found
        for start, end, entry in kept:
            if entry.kind in {"title", "institution"} and start not in ctx.used:
                f = head(ctx, start, end, entry)
                if f is not None:
                    found.append(f)
                    ctx.used.add(start)
        for start, end, entry in kept:
            if start in ctx.used:
                continue
            if entry.kind == "ship":
                found.append(ship(ctx, start, end, entry))
            elif entry.kind in STATE_KINDS or (entry.kind == "institution" and entry.code):
                found.append(state(ctx, start, end, entry))
        found.sort(key=_order)
        found = of_links(doc, found)
        found = appositions(doc, found)
        covered = {i for f in found for i in range(f.start, f.end)}
        found.extend(bare_names(ctx, covered, {f.start: f for f in found if f.start >= 0}))
        found = [f for f in found if id(f) not in ctx.dropped]
        found.extend(_part(s, e, entry) for s, e, entry in parts)
        found.sort(key=_order)
        return found


def _order(f: Found) -> tuple[int, int]:
    return (f.start_char, -f.end_char)


def _part(start_char: int, end_char: int, entry: Entry) -> Found:
    """A state named in part of a hyphenated token ("Japan" in "U.S.-Japan")."""
    return Found(start_char, end_char, Actor(entry.code, "GOV" if entry.kind == "capital" else None), Rule.COMPOUND)
