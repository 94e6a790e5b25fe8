"""Who a story is about: the document-level participant model of the broad pass.

A news story names its parties once and then refers to them as a group: "the two countries",
"both sides", "the three nations", "the trio", "the allies", "they". ``Participants`` follows
the document sentence by sentence and keeps

- the groups of actors that acted together (the parties of a joint act the rules coded, "A and
  B agreed") or were named together ("A, B and C"), most recent last;
- how often, and where last, each actor was named.

``resolve(sentence)`` answers which actors a group word of the sentence refers to: the most
recent group of the size the words give ("two", "both", "three", "trilateral", "trio"), else the
most recent group, else the story's most named actors. Each resolved actor comes back as its
latest mention before the group word, so the evidence points at a real place in the text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from amity.events.arguments import MentionIndex, known
from amity.models import Mention

# Words that give the size of the group they refer to.
GROUP_SIZES = {"two": 2, "both": 2, "pair": 2, "bilateral": 2, "three": 3, "trilateral": 3, "trio": 3,
               "four": 4, "quadrilateral": 4, "quad": 4, "five": 5}
# Plural nouns that, with "the" or a number, refer to parties already named.
GROUP_HEADS = frozenset({"countries", "nations", "sides", "states", "governments", "allies", "partners",
                         "neighbours", "neighbors", "ministers", "leaders", "militaries", "navies",
                         "delegations", "counterparts", "capitals", "chiefs", "trio", "powers"})
PRONOUNS = frozenset({"they", "their", "them", "both"})


@dataclass
class Participants:
    groups: list[tuple[str, ...]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    last: dict[str, Mention] = field(default_factory=dict)

    def observe(self, sent: Span, index: MentionIndex, joint_pairs: list[tuple[str, str]]) -> None:
        """Learn from one sentence: the actors it names, the groups it forms."""
        named: list[str] = []
        for m in index.in_span(sent):
            if known(m.actor.code):
                self.counts[m.actor.code] += 1
                self.last[m.actor.code] = m
                if m.actor.code not in named:
                    named.append(m.actor.code)
        joint: list[str] = []
        for a, b in joint_pairs:
            for code in (a, b):
                if code not in joint:
                    joint.append(code)
        if len(joint) >= 2:
            self.groups.append(tuple(joint))
        elif _listed_together(sent, index):
            self.groups.append(tuple(named))

    def resolve(self, sent: Span) -> tuple[Token, list[Mention]] | None:
        """The group word of the sentence and the actors it refers to, or None."""
        ref = group_word(sent)
        if ref is None:
            return None
        size = _size(ref)
        group = next((g for g in reversed(self.groups) if size is None or len(g) == size), None)
        if group is None:
            top = [code for code, _ in self.counts.most_common(size or 2)]
            group = tuple(top) if len(top) >= 2 else None
        if group is None:
            return None
        mentions = [self.last[c] for c in group if c in self.last]
        return (ref, mentions) if len(mentions) >= 2 else None


    def sized(self, ref: Token) -> list[Mention]:
        """For a group word that gives a size, the latest group of that size (else nothing)."""
        size = _size(ref)
        group = next((g for g in reversed(self.groups) if len(g) == size), None) if size else None
        mentions = [self.last[c] for c in group or () if c in self.last]
        return mentions if len(mentions) >= 2 else []


def group_word(sent: Span) -> Token | None:
    """"the two countries", "both sides", "the trio", "they" (the first such word)."""
    for tok in sent:
        lower = tok.lower_
        if lower in PRONOUNS and tok.pos_ in ("PRON", "DET"):
            return tok
        if lower in GROUP_HEADS and (tok.tag_ in ("NNS", "NNPS") or lower == "trio") and any(
                c.lower_ in ("the", "both", "all") or c.lower_ in GROUP_SIZES for c in tok.children):
            return tok
    return None


def _size(ref: Token) -> int | None:
    words = [ref.lower_] + [c.lower_ for c in ref.children]
    return next((GROUP_SIZES[w] for w in words if w in GROUP_SIZES), None)


def _listed_together(sent: Span, index: MentionIndex) -> bool:
    """Two or more actors joined by "and" or commas in one phrase ("A, B and C")."""
    for tok in sent:
        if tok.dep_ == "conj" and index.at(tok) and index.at(tok.head):
            return True
    return False
