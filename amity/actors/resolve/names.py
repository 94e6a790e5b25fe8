"""People's names outside any mention: later references ("Koizumi said") and people introduced
by an apposition ("Masaki Fukasawa, head of Japan's ...") or a possessive ("New Zealand's
Christopher Luxon"); also a capitalised word that is part of a name the document introduced
("Wang"). Most are left pending for document memory (rule 6)."""

from __future__ import annotations

from amity.actors.people import is_common_short
from amity.actors.resolve.base import DocContext, Found, Rule
from amity.actors.resolve.links import appositive
from amity.actors.resolve.tokens import appositive_role, hyphen_tail, name_spans
from amity.models import Actor

POSSESSOR_RULES = frozenset({Rule.COUNTRY, Rule.CAPITAL, Rule.USER_COUNTRY})


def bare_names(ctx: DocContext, covered: set[int], by_start: dict[int, Found]) -> list[Found]:
    """The mentions of names no other mention covers (``covered``: its tokens); ``by_start``:
    the mentions so far by start token. A possessor merged into a name goes to ``ctx.dropped``."""
    names = name_spans(ctx.doc, ctx.people_spans)
    out = _name_words(ctx, covered, by_start, names)
    for start, ent_end in names:
        if any(i in covered for i in range(start, ent_end)):
            continue
        f = _bare_name(ctx, start, ent_end, by_start)
        if f is not None:
            out.append(f)
    return out


def _known_words(ctx: DocContext, by_start: dict[int, Found]) -> set[str]:
    """The capitalised words of the people's names the document introduced, less words that are
    gazetteer terms, and surnames that are also common words or places ("May", "Austin"): those
    need spaCy's PERSON tag."""
    doc = ctx.doc
    known = {w for f in by_start.values() if f.actor is not None and f.actor.name and f.actor.role != "vessel"
             for w in f.actor.name.replace("-", " ").split() if len(w) > 1 and w[0].isupper()}
    known |= {w for s, e in ctx.people_spans for w in doc[s:e].text.replace("-", " ").split()
              if len(w) > 1 and w[0].isupper()}
    known -= {doc[i].text for i in ctx.cand_tokens}
    return {w for w in known if not is_common_short(w)}


def _name_words(ctx: DocContext, covered: set[int], by_start: dict[int, Found],
                names: list[tuple[int, int]]) -> list[Found]:
    """A word of a known name standing alone outside any name or mention ("Wang said")."""
    known = _known_words(ctx, by_start)
    in_ents = {i for s, e in names for i in range(s, e)}
    out = []
    for tok in ctx.doc:
        if (tok.text in known and tok.i not in covered and tok.i not in in_ents and tok.is_title
                and not tok.is_stop and len(tok.text) >= 3 and tok.pos_ in {"PROPN", "NOUN", "ADJ"}):
            out.append(ctx.make(tok.i, tok.i + 1, None, Rule.MEMORY, pending="name", key=(tok.text,)))
    return out


def _bare_name(ctx: DocContext, start: int, ent_end: int, by_start: dict[int, Found]) -> Found | None:
    """A name: a state's ("New Zealand's Christopher Luxon"), an apposition's ("Masaki Fukasawa,
    head of Japan's ..."), else left pending for memory."""
    doc = ctx.doc
    end = hyphen_tail(doc, ent_end)
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if end <= start:
        return None
    name = doc[start:end].text
    key = tuple(t.text for t in doc[start:end] if t.is_alpha)
    owner = _possessor(ctx, start, by_start)
    if owner is not None:
        ctx.dropped.add(id(owner))
        return ctx.make(owner.start, end, Actor(owner.actor.code, None, name, None), Rule.POSSESSIVE_NAME, key=key)
    f = ctx.make(start, end, None, Rule.MEMORY, pending="name", key=key, name=name)
    if end < len(doc) and doc[end].text == ",":
        target = appositive(doc, end + 1, by_start)
        if target is not None:
            t = target.actor
            role = appositive_role(doc, end + 1) or t.role
            f.actor = Actor(t.code, t.sector, name, role)
            f.rule, f.pending = Rule.APPOSITION, None
    return f


def _possessor(ctx: DocContext, i: int, by_start: dict[int, Found]) -> Found | None:
    """The state in "New Zealand's Christopher Luxon" (a state, then 's, then the name)."""
    doc = ctx.doc
    if i < 2 or doc[i - 1].tag_ != "POS":
        return None
    for f in by_start.values():
        if f.end == i - 1 and f.rule in POSSESSOR_RULES and f.actor is not None:
            return f
    return None
