"""Who did it and to whom: the actor mentions that fill an event word's roles.

A role is filled from a syntactic position (subject, object, "with X", "between X and Y",
possessive, "by X") by the actor mentions found there. A position without a mention of its own
may still name actors:
- a noun phrase around a mention: "the commander of the U.S. 7th Fleet", "Japan's forces";
- a pronoun ("he", "they") or a plural noun ("the ministers", "the two sides"): the actors the
  document last spoke about (the last single agent, or the last pair or group).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from amity.events import rules_data, syntax
from amity.events.syntax import NP_INNER
from amity.models import Mention


@lru_cache(maxsize=1)
def igo_codes() -> frozenset[str]:
    from amity.actors.gazetteer import builtin_entries

    return frozenset(e.code for e in builtin_entries() if e.kind == "igo" and e.code)


@dataclass(frozen=True)
class Arg:
    """One actor in one role."""

    mention: Mention
    via: str  # subj | obj | by | poss | compound | between | prep:<word> | anaphor
    anaphor: bool = False
    inferred: bool = False  # country filled from the document's dyad (see resolve_unknown)

    @property
    def code(self) -> str:
        return self.mention.actor.code


@dataclass
class Memory:
    """What the document said last: for pronouns and "the two ministers"."""

    agent: Mention | None = None
    group: tuple[Mention, ...] = ()
    joint_group: bool = False  # the group comes from a joint act
    igo: Mention | None = None  # the last organisation: "the bloc", "the alliance"
    against: dict[str, Mention] = field(default_factory=dict)  # code -> who last acted against it
    against_by_type: dict[tuple[str, str], Mention] = field(default_factory=dict)  # (code, type) -> who
    participants: Any = None  # the document's amity.events.participants.Participants, when kept

    def sized_group(self, tok: Token) -> list[Mention]:
        """A group word that gives its size ("the three nations", "both sides"): the story's most
        recent group of that size, from the participant model."""
        if self.participants is None:
            return []
        return self.participants.sized(tok)

    def remember_pair(self, a: Arg, b: Arg, joint: bool = True) -> None:
        """The two sides of the last event: "the two countries" in the next sentence. The parties
        of a joint act (a deal, talks) stay "the two sides" through a directed aside ("hosted by
        C") in the same sentence or after it."""
        if joint or not self.joint_group:
            self.group = (a.mention, b.mention)
            self.joint_group = joint

    def remember(self, args: list[Arg]) -> None:
        codes = {a.code for a in args}
        if len(codes) >= 2:
            self.group = tuple(a.mention for a in args)
            self.joint_group = False
        if args:
            self.agent = args[0].mention
        for a in args:
            if a.code in igo_codes():
                self.igo = a.mention


@dataclass
class MentionIndex:
    """The document's mentions, by token."""

    doc: Doc
    mentions: list[Mention]
    doc_id: str = ""
    by_token: dict[int, list[Mention]] = field(default_factory=dict)
    countries: frozenset[str] = frozenset()  # every code the document mentions
    dyad: tuple[str, str] | None = None  # see document_dyad

    @classmethod
    def build(cls, doc: Doc, mentions, doc_id: str = "") -> MentionIndex:
        mentions = list(mentions)
        index = cls(doc, mentions, doc_id, countries=frozenset(m.actor.code for m in mentions),
                    dyad=document_dyad(mentions))
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for tok in span or ():
                index.by_token.setdefault(tok.i, []).append(m)
        return index

    def at(self, tok: Token) -> list[Mention]:
        return self.by_token.get(tok.i, [])

    def in_span(self, span: Span) -> list[Mention]:
        seen, out = set(), []
        for tok in span:
            for m in self.by_token.get(tok.i, []):
                if id(m) not in seen:
                    seen.add(id(m))
                    out.append(m)
        return out


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        key = (m.start, m.end, m.actor.code)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def np_mentions(tok: Token, index: MentionIndex, deep: bool = False) -> list[Mention]:
    """The actor(s) a noun phrase headed by ``tok`` names: a mention over the head; else one in
    its modifiers ("Japan's", "U.S."), its apposition, or an "of" phrase; with ``deep``, any
    mention in the phrase ("the importance of cooperation with the United States")."""
    here = index.at(tok)
    if here:  # "forces from Egypt, Greece and Cyprus": the mention covers "forces from Egypt" only
        more = [m for _, obj in syntax.prep_objects(tok, {"of", "from"})
                for conj in syntax.conjuncts(obj)[1:] for m in np_mentions(conj, index)]
        more += [m for child in tok.children if child.dep_ == "poss"  # "Japan and Korea's leaders"
                 for conj in syntax.conjuncts(child)[1:] for m in np_mentions(conj, index) + index.at(child)]
        return _unique(here + more)
    for child in sorted(tok.children, key=lambda c: c.i):
        if child.dep_ in NP_INNER and child.i < tok.i:
            found = index.in_span(child.doc[child.left_edge.i:child.right_edge.i + 1])
            if found:
                return _unique(found)  # "Iranian and American negotiators": both
    for child in tok.children:
        if child.dep_ == "appos":  # "BANGKOK (Wire) - Thailand and Cambodia agreed": every conjunct
            found = [m for conj in syntax.conjuncts(child) for m in np_mentions(conj, index, deep)]
            if found:
                return _unique(found)
    # "the chiefs of Sweden, Finland and ...", "naval forces from Egypt and Greece", "a spokesman
    # for the Secretary-General" (for: only after a word for someone who speaks or acts for others)
    lemma = tok.lemma_.lower()
    preps = {"of", "from", "for"} if lemma in rules_data.words().agent_nouns else {"of", "from"}
    for prep, obj in syntax.prep_objects(tok, preps):
        found = [m for conj in syntax.conjuncts(obj) for m in np_mentions(conj, index, deep)]
        if found:
            return _unique(found)
    for child in tok.children:  # "the role played by Eritrean actors", "attacks carried out by Iran"
        if child.dep_ == "acl" and child.tag_ == "VBN":
            found = [m for _, obj in syntax.prep_objects(child, {"by"}) for conj in syntax.conjuncts(obj)
                     for m in np_mentions(conj, index)]
            if found:
                return _unique(found)
    if lemma in rules_data.words().resident_nouns:  # "officials and entities in Belarus": the state
        found = [m for _, obj in syntax.prep_objects(tok, {"in"}) for m in index.at(obj)
                 if m.actor.code not in igo_codes()]
        if found:
            return _unique(found)
    if deep:
        return _unique(_deep(tok, index))
    return []


def _deep(tok: Token, index: MentionIndex, top: bool = True) -> list[Mention]:
    """Mentions inside an object's noun phrase, following only the prepositions along which it
    still names who is addressed (``deep_preps`` in event_words.yaml): "the importance *of*
    cooperation *with* the United States"; not "in light of", "in Asia". The head's own
    conjuncts are phrases of their own (the callers read each one): "the launch and its
    disregard of UN resolutions" does not put the UN in "the launch"."""
    deep_preps = rules_data.words().deep_preps
    out: list[Mention] = list(index.at(tok))
    for child in sorted(tok.children, key=lambda c: c.i):
        if top and child.dep_ == "conj":
            continue
        if child.dep_ in NP_INNER or child.dep_ in ("appos", "conj", "pobj") or child.dep_ == "prep" and child.lower_ in deep_preps:
            out.extend(_deep(child, index, top=False))
    return out


FIRST_PERSON = frozenset({"we", "our", "us", "ours"})


def quoted_speaker(sent: Span, index: MentionIndex) -> list[Mention]:
    """Who says "we" in a quoted sentence: the actor named as the subject of its verb of saying
    ("'We will defend Israel,' Secretary Blinken said": the United States)."""
    speech = rules_data.words().speech_verbs
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in speech:
            found = [m for subj in syntax.children(tok, {"nsubj"}) for m in np_mentions(subj, index)]
            if found:
                return found[:1]
    return []


def anaphor(tok: Token, memory: Memory | None, index: MentionIndex | None = None) -> list[Mention]:
    """Mentions a pronoun or a plural group noun stands for. An object pronoun ("accusing *him*")
    is the nearest actor mentioned before it in its sentence; "we" in a quotation, its speaker."""
    lower = tok.lower_
    lexicon = rules_data.words()
    if index is not None and lower in FIRST_PERSON and tok.text not in ("US", "U.S."):
        return quoted_speaker(tok.sent, index)
    if index is not None and lower in lexicon.pronouns_object and tok.dep_ in ("dobj", "pobj", "dative"):
        for prev in reversed(tok.doc[tok.sent.start:tok.i]):
            if index.at(prev):
                return index.at(prev)[:1]
    if index is not None and lower in ("they", "their") and tok.i > tok.sent.start:
        group = _pair_before(tok, index)  # "Baku and Yerevan formalised it when they initialled ..."
        if group:
            return group
    if memory is None:
        return []
    if tok.lemma_.lower() in lexicon.igo_nouns and tok.tag_ == "NN" and any(c.lower_ == "the" for c in tok.children):
        return [memory.igo] if memory.igo else []  # "the bloc", "the alliance"
    if lower in lexicon.pronouns_one:
        return [memory.agent] if memory.agent else []
    if lower in lexicon.pronouns_it:  # "it", "its": a state or a body, never a person
        return [memory.agent] if memory.agent and memory.agent.actor.name is None else []
    if lower in lexicon.pronouns_many or _group_noun(tok):
        sized = memory.sized_group(tok)  # "the three countries": the last group of three
        if sized:
            return sized
        if memory.group:
            return list(memory.group)
        return [memory.agent] if memory.agent and lower in lexicon.pronouns_many else []
    return []


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_ANTECEDENT_SENTENCES = 3  # how far back "the launch" looks for its launch


def act_antecedent(tok: Token, index: MentionIndex) -> list[Mention]:
    """Who did the act a definite noun refers back to: "Japan condemned *the launch*" after
    "North Korea's launch of a missile" (or "the North Korean launch", "a launch by North
    Korea") earlier in the sentence or the two before it."""
    lemma = tok.lemma_.lower()
    if lemma not in rules_data.words().act_nouns or not any(
            c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return []
    first = tok.sent.start
    for _ in range(_ANTECEDENT_SENTENCES - 1):  # back to the start of the sentence before
        if first > 0:
            first = tok.doc[first - 1].sent.start
    for prev in reversed(tok.doc[first:tok.i]):
        if prev.lemma_.lower() != lemma or prev.pos_ != "NOUN":
            continue
        found = [m for c in prev.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < prev.i
                 for m in index.in_span(tok.doc[c.left_edge.i:c.right_edge.i + 1])]
        found += [m for _, obj in syntax.prep_objects(prev, {"by"}) for m in np_mentions(obj, index)]
        if found:
            return _unique(found)
    return []


def _pair_before(tok: Token, index: MentionIndex) -> list[Mention]:
    """The nearest "A and B" earlier in the pronoun's sentence, with two actors or more."""
    for prev in reversed(tok.doc[tok.sent.start:tok.i]):
        if prev.dep_ == "conj" or not any(c.dep_ == "conj" for c in prev.children):
            continue
        found = [m for conj in syntax.conjuncts(prev) for m in np_mentions(conj, index)]
        if len({m.actor.code for m in found}) >= 2:
            return _unique(found)
    return []


def _group_noun(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in rules_data.words().group_nouns


def fill(tokens: list[Token], via: str, index: MentionIndex, memory: Memory | None,
         deep: bool = False) -> list[Arg]:
    """Args for a role held by these tokens and their conjuncts."""
    args: list[Arg] = []
    for head in tokens:
        for tok in syntax.conjuncts(head):
            found = np_mentions(tok, index, deep)
            if found:
                args.extend(Arg(m, via) for m in found)
            else:
                refs = anaphor(tok, memory, index) or [m for c in tok.children if c.dep_ == "poss"
                                                       for m in anaphor(c, memory)]  # "its islands"
                refs = refs or act_antecedent(tok, index)
                args.extend(Arg(m, "anaphor", anaphor=True) for m in refs)
    return args


UNKNOWN = "---"  # an actor whose country the resolver could not tell ("President Joe Biden")


def known(code: str) -> bool:
    return bool(code) and code != UNKNOWN and not code.startswith("-")


def document_dyad(mentions) -> tuple[str, str] | None:
    """The two actors a bilateral story is about: the two most mentioned codes, when together
    they hold at least 60% of the known mentions."""
    counts = Counter(m.actor.code for m in mentions if known(m.actor.code))
    top = counts.most_common(2)
    if len(top) < 2 or (top[0][1] + top[1][1]) < 0.6 * sum(counts.values()):
        return None
    return (top[0][0], top[1][0])


def resolve_unknown(args: list[Arg], partners: list[Arg], dyad: tuple[str, str] | None) -> list[Arg]:
    """Actors of unknown country: in a bilateral story, an official acting with (or on) one
    side of the dyad is taken to belong to the other ("Biden and Japan's Kishida established
    ..." in a US-Japan story); otherwise they are dropped."""
    out = []
    partner_codes = {p.code for p in partners if known(p.code)}
    for a in args:
        if known(a.code):
            out.append(a)
        elif dyad and len(partner_codes) == 1 and partner_codes <= set(dyad):
            other = dyad[1] if dyad[0] in partner_codes else dyad[0]
            mention = replace(a.mention, actor=replace(a.mention.actor, code=other))
            out.append(replace(a, mention=mention, inferred=True))
    return out
