"""An event's topic (defense subtype), date and place, read from the words around its trigger.

Each looks first in the trigger's own phrase (its objects and prepositional phrases, and those
of triggers folded into it), then in the clauses that govern it ("said *on Monday* that ..."),
so that a date or place stated for another event of the sentence is not borrowed.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from amity.events import dates, places, rules_data, syntax
from amity.events.ontology import Ontology
from amity.events.syntax import PLACE_ENTS, TIME_DEPS
from amity.events.triggers import Found, idiom


def _phrase_words(f: Found) -> list[Token]:
    words: dict[int, Token] = {}
    for found in [f, *f.inner]:
        for head in {found.word, found.frame}:
            for tok in syntax.clause_words(head):
                words[tok.i] = tok
        if found.frame.dep_ == "acl":  # "the forum, established by ...": the forum is the topic
            for tok in syntax.np_left(found.frame.head):
                words[tok.i] = tok
    return [words[i] for i in sorted(words)]


def _cue_at(tokens: list[Token], i: int, cue: tuple[str, ...]) -> bool:
    if i + len(cue) > len(tokens):
        return False
    return all(w in (tokens[i + k].lemma_.lower(), tokens[i + k].lower_) for k, w in enumerate(cue))


def _cue_here(tokens: list[Token], i: int, onto: Ontology, weak: bool = False) -> tuple[str, int] | None:
    tok = tokens[i]
    if tok.pos_ == "VERB" and idiom(tok, onto):
        return None
    lemma, lower = tok.lemma_.lower(), tok.lower_
    candidates = onto.cues_starting(lemma) + (onto.cues_starting(lower) if lower != lemma else ())
    for cue, subtype in sorted(candidates, key=lambda c: -len(c[0])):
        if cue in onto.weak_cues and not weak:
            continue
        if _cue_at(tokens, i, cue) and tokens[i + len(cue) - 1].i - tokens[i].i == len(cue) - 1:
            return subtype, i + len(cue) - 1
    return None


def first_cue(tokens: list[Token], onto: Ontology, weak: bool = False) -> str | None:
    """The subtype of the earliest topic cue among these tokens (contiguous runs only); a cue
    that modifies another cue yields to it ("tank *maintenance*", "ammunition *production*"),
    and "agreement" ("a memorandum of understanding on submarine maintenance") to any topic.
    ``weak``: weak cues count too (platform words such as "missile")."""
    generic_subtype = rules_data.rules().generic_subtype  # the form of a deal, not its topic
    position = {t.i: k for k, t in enumerate(tokens)}
    generic = None
    for i in range(len(tokens)):
        hit = _cue_here(tokens, i, onto, weak)
        if hit is None:
            continue
        last = tokens[hit[1]]
        found = hit[0]
        if last.dep_ in ("compound", "amod", "nmod") and last.head.i in position:
            head_hit = _cue_here(tokens, position[last.head.i], onto, weak)
            if head_hit is not None:
                found = head_hit[0]
        if found != generic_subtype:
            return found
        generic = generic or found
    return generic


def subtype(f: Found, sent: Span, onto: Ontology, sentence_fallback: bool = True) -> str | None:
    etype = onto.types[f.entry.type]
    if not etype.cooperative:
        return None
    implied = [g.entry.subtype for g in f.inner if g.entry.subtype] + [f.entry.subtype]
    phrase = _phrase_words(f)
    rules = rules_data.rules()
    return (first_cue(phrase, onto)  # the topic the trigger's own phrase names
            or next((s for s in implied if s and s != rules.generic_subtype), None)  # "refuel": logistics, "agreed to *develop*"
            or (first_cue(list(sent), onto) if sentence_fallback else None)
            or (first_cue(phrase, onto, weak=True) if f.entry.type in rules.goods_types else None)  # "took delivery of *missiles*"
            or next((s for s in implied if s), None)  # "signed a contract": agreement
            or etype.default_subtype)


def _ancestors(tok: Token) -> list[Token]:
    out, cur = [], tok
    while cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
    return out


def _attached(f: Found) -> list[Token]:
    """Modifier phrases of the trigger, then of the clauses above it, nearest first."""
    heads = [f.word] + ([f.frame] if f.light else []) + [g.word for g in f.inner]
    out: list[Token] = []
    for head in heads:
        out.extend(c for c in head.children if c.dep_ in TIME_DEPS)
    for obj in (c for c in f.frame.children if c.dep_ == "dobj"):
        out.extend(c for c in obj.children if c.dep_ == "prep")
    for prep in (c for head in heads for c in head.children if c.dep_ == "prep" and not _dated(c)):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):  # "recalled him for consultations *on 13 November*"
            out.extend(c for c in pobj.children if c.dep_ == "prep" and _dated(c))
    for subj in (c for c in f.frame.children if c.dep_ in syntax.SUBJECTS):
        out.extend(c for c in subj.children if c.dep_ == "prep" and _dated(c))  # "Poland on Friday signed"
    path = {f.word.i, f.frame.i}
    for anc in _ancestors(f.frame):
        if anc.ent_type_ == "DATE":  # "... last month, where the two sides signed ..."
            out.append(anc)
        out.extend(c for c in anc.children if c.dep_ in TIME_DEPS and c.i not in path)
        for obj in (c for c in anc.children if c.dep_ == "dobj" and c.i not in path):
            out.extend(c for c in obj.children if c.dep_ == "prep")  # "made a stop in Okinawa"
        path.add(anc.i)
    return out


def _dated(prep: Token) -> bool:
    return any(t.ent_type_ == "DATE" for t in prep.subtree)


def _entity_text(tok: Token) -> str:
    """The whole date entity a token is part of ("last month" for "month")."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _text(tok: Token) -> str:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


_DATING_PREPS = frozenset({"on", "in", "during", "at", "by", "until", "from", "over"})
"""Prepositions whose date is the event's own. "since May" and "the first since 2019" never date
the event itself: they name when something earlier began."""

_BACKGROUND_PREPS = frozenset({"since", "following"})
_SEQUENCE_PREPS = frozenset({"after", "before"})
_SINCE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?\s*)?$", re.IGNORECASE)


def background(f: Found) -> bool:
    """An event named inside "since ..." or "following ...": another happening the story times
    its own by ("since Russia's invasion of Ukraine in 2022", "following the November 2018
    attack"); inside "after ..." or "before ..." when the phrase gives its own date ("after the
    2022 invasion"); or one in a clause "N months after ..." that times another ("five months
    after Vietnam and Japan signed a framework agreement, the two held a drill"). Without a date
    or a length of time, "after the dialogue", "after the ministers held talks" are taken to be
    the same day as what they time, and dated with it."""
    if f.nominal:
        preps = [a for a in _ancestors(f.word) if a.dep_ == "prep"]
        if any(a.lower_ in _BACKGROUND_PREPS for a in preps):
            return True
        if any(a.lower_ in _SEQUENCE_PREPS for a in preps) and _background_date(f, None) is not None:
            return True
    return _timing_clause(f) is not None


def _timing_clause(f: Found) -> tuple[Token, int] | None:
    """(the clause the trigger's clause times, -1 for "after", +1 for "before") when it says how
    long before or after ("five months after ..."), else None."""
    verb = f.frame
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "advcl":
        return None
    if not any(c.dep_ in ("npadvmod", "tmod") for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "mark" and c.lower_ in ("after", "before"):
            return verb, -1 if c.lower_ == "after" else 1
    return None


def _relative_to_clause(f: Found, published: str | None, future: bool) -> dates.EventDate | None:
    """"less than five months after Vietnam and Japan signed ..., the two held a drill on
    Tuesday": Tuesday less five months, at month precision (basis relative); None when either
    the other clause's date or the length of time is missing."""
    clause, direction = _timing_clause(f)
    duration = [c for c in clause.children if c.dep_ in ("npadvmod", "tmod")]
    main = clause.head
    anchor = None
    for phrase in (c for c in main.children if c.dep_ in TIME_DEPS and c.i != clause.i):
        if phrase.dep_ == "prep" and phrase.lower_ not in _DATING_PREPS:
            continue
        text = _entity_text(phrase) if phrase.ent_type_ == "DATE" else _text(phrase)
        anchor = dates.resolve(text, published, future=future or _will(main))
        if anchor is not None:
            break
    if anchor is None or not duration:
        return None
    return dates.shift(anchor, _text(duration[0]), direction)


def date(f: Found, published: str | None, future: bool) -> dates.EventDate | None:
    """The event's own date (basis stated or relative), or for a background event the date its
    phrase gives (basis background); None when the words around the trigger give none."""
    if _timing_clause(f) is not None:
        return _relative_to_clause(f, published, future)
    if background(f):
        return _background_date(f, published)
    for phrase in _attached(f):
        if phrase.dep_ == "prep" and phrase.lower_ not in _DATING_PREPS:
            continue
        text = _entity_text(phrase) if phrase.ent_type_ == "DATE" else _text(phrase)
        hit = dates.resolve(text, published, future=future or _will(phrase.head))
        if hit is not None and _SINCE.search(text[:hit.start]):
            continue  # "the first since March 2019": when something earlier began
        if hit is not None:
            return _that_year(hit, text, phrase)
    return None


def _will(verb: Token) -> bool:
    """"On Wednesday, they *will* be joined by ...": the phrase's own clause is in the future."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children)


def _background_date(f: Found, published: str | None) -> dates.EventDate | None:
    """The date the event's own phrase gives ("invasion of Ukraine in 2022"), basis background."""
    words = f.word.doc[f.word.left_edge.i:f.word.right_edge.i + 1]
    hit = dates.resolve(words.text, published)
    if hit is None:
        return None
    return dates.EventDate(hit.value, hit.precision, hit.text, hit.start, hit.end, "background")


_THAT_YEAR = re.compile(r"\b(?:that|the same|the following|the next|the previous)\s+year\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _that_year(hit: dates.EventDate, text: str, phrase: Token) -> dates.EventDate:
    """"in April that year": the year is the last one the story named before the phrase, not the
    publication year ("... in January 2024 ... expelled the ambassador in April that year")."""
    found = _THAT_YEAR.search(text) or _THAT_YEAR.search(_text(phrase.head) if phrase.dep_ != "ROOT" else "")
    if found is None:
        return hit
    before = phrase.doc.text[:phrase.idx]
    years = _YEAR.findall(before)
    if not years:
        return hit
    year = int(years[-1]) + {"following": 1, "next": 1, "previous": -1}.get(found.group(0).split()[-2].lower(), 0)
    return dates.EventDate(f"{year}{hit.value[4:]}", hit.precision, hit.text, hit.start, hit.end, hit.basis)


def _place_candidates(f: Found) -> list[Token]:
    out = []
    if f.frame.dep_ == "relcl" and any(c.lower_ == "where" for c in f.frame.children):
        out.append(f.frame.head)
    for phrase in _attached(f):
        if phrase.dep_ == "prep" and phrase.lower_ in rules_data.words().locative_preps:
            out.extend(c for c in phrase.children if c.dep_ == "pobj")
    return out


def place(f: Found, context: frozenset[str]) -> places.Place | None:
    for obj in _place_candidates(f):
        if obj.ent_type_ == "DATE" or not (obj.ent_type_ in PLACE_ENTS or obj.pos_ == "PROPN"
                                            or any(t.pos_ == "PROPN" for t in obj.lefts)):
            continue
        hit = places.lookup(syntax.np_left(obj).text, context)
        if hit is not None:
            return hit
    return None
