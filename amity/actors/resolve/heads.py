"""Rule 3, heads: a title or institution takes its country from the country words before it,
possessive or adjectival, coordinated or not ("Japan's air self-defense forces", "South Korean
and Japanese officials"), skips a posting ("Ambassador to Japan"), and takes the person's name
after it ("Defense Minister Ahn Gyu-back"). A head with no country is a body's title ("Kremlin
spokesman"), is located ("the junta in Niger"), or is left pending for document memory ("the
ambassador", "the two ministers") or for an "of" link ("the president of ...")."""

from __future__ import annotations

from amity.actors.gazetteer import STATE_KINDS, Entry
from amity.actors.resolve.base import (
    COUNT_WORDS,
    DETERMINERS,
    DIP_POSTING_ROLES,
    POSTING_PREPS,
    UNKNOWN,
    Cand,
    DocContext,
    Found,
    Rule,
)
from amity.actors.resolve.states import left_states, located
from amity.actors.resolve.tokens import modifies_common_noun, org_after, person_after, skip_det
from amity.models import Actor

Span = tuple[int, int]  # token start and end


def head(ctx: DocContext, start: int, end: int, entry: Entry) -> Found | None:
    """The mention a title or institution makes, or None when it makes none here."""
    states = left_states(ctx, start)
    if entry.kind == "institution" and entry.code:
        return _coded_institution(ctx, start, end, entry, states)
    if entry.kind == "institution":
        return _located_institution(ctx, start, end, entry)
    return _title(ctx, start, end, entry, states)


def _as(actor: Actor, code: str) -> Actor:
    return Actor(code, actor.sector, actor.name, actor.role)


def head_words(entry: Entry) -> tuple[str, ...]:
    return tuple(entry.term.lower().split())


def _with_head(ctx: DocContext, start: int, end: int, actor: Actor, rule: Rule, entry: Entry) -> Found:
    return ctx.make(start, end, actor, rule, head=head_words(entry))


# -- institutions ------------------------------------------------------------------------

def _coded_institution(ctx: DocContext, start: int, end: int, entry: Entry, states: list[Cand]) -> Found:
    """An institution whose country the gazetteer gives ("the Pentagon"); its own country word
    before it joins the mention ("Japan's Defense Ministry"); a dated code on the document's date."""
    code, sec = entry.code_on(ctx.doc.user_data.get("amity_date"))
    if (code, sec) != (entry.code, entry.sector):
        return ctx.make(start, end, Actor(code, sec, entry.name, entry.role), Rule.USER_DATED)
    same = [s for s in states if s[2].code == entry.code]
    if same and len(states) == 1:
        ctx.used.add(same[0][0])
        m_start = same[0][0]
    else:
        m_start = start
    actor = Actor(entry.code, entry.sector, entry.name, entry.role)
    rule = Rule.INSTITUTION if entry.source == "amity" else Rule.USER_INSTITUTION
    return _with_head(ctx, m_start, end, actor, rule, entry)


def _located_institution(ctx: DocContext, start: int, end: int, entry: Entry) -> Found | None:
    """An institution with no country of its own: "the Ministry of National Defense in Taipei"."""
    hit = located(ctx, end, entry)
    if hit is None:
        return None
    ctx.used.add(hit[0])
    return ctx.make(start, hit[1], Actor(hit[2].code, entry.sector, entry.name, entry.role), Rule.INSTITUTION_IN)


# -- titles --------------------------------------------------------------------------------

def _title(ctx: DocContext, start: int, end: int, entry: Entry, states: list[Cand]) -> Found | None:
    """A title: the sector from the title, the country from the words around it."""
    doc = ctx.doc
    if entry.person and modifies_common_noun(doc, end):
        return None  # "an official visit", "a general election", "leader board"
    role = entry.role or None  # "=": a counterpart
    sector = None if entry.sector == "STATE" else entry.sector
    j, posted = _posting(ctx, end, role)
    j = _for_person(ctx, j)
    name_span = _title_name(ctx, j, entry, sector, states)
    name = doc[name_span[0]:name_span[1]].text if name_span else None
    m_end = name_span[1] if name_span else (j if posted else end)
    if states:
        return _with_states(ctx, start, m_end, entry, states, Actor(UNKNOWN, sector, name, role))
    # no country in the phrase: a body before it, "in X", a name, "of ...", an apposition or
    # the document decide
    found = _body_title(ctx, start, m_end, sector, name, role)
    if found is None and role != "=":
        found = _title_in(ctx, start, m_end, entry, Actor(UNKNOWN, sector, name, role))
    if found is None and name:
        found = _title_name_pending(ctx, start, m_end, name_span, Actor(UNKNOWN, sector, name, role))
    if found is None:
        found = _reference(ctx, start, end, entry, Actor(UNKNOWN, sector, None, role))
    return found


def _posting(ctx: DocContext, end: int, role: str | None) -> tuple[int, bool]:
    """"Ambassador to Japan": the country of the posting is not the ambassador's; the mention
    takes it in and goes on after it. Where the title's words end, and whether it had one."""
    doc = ctx.doc
    if role in DIP_POSTING_ROLES and end < len(doc) and doc[end].lower_ in POSTING_PREPS:
        k = skip_det(doc, end + 1)
        if k in ctx.by_start and ctx.by_start[k][2].kind in STATE_KINDS:
            ctx.used.add(k)
            return ctx.by_start[k][1], True
    return end, False


def _for_person(ctx: DocContext, j: int) -> int:
    """"spokesman for Prime Minister Kishida": the name to take is the person's after "for"."""
    doc = ctx.doc
    if j < len(doc) and doc[j].lower_ == "for" and j + 1 < len(doc) and doc[j + 1].is_title:
        k = j + 1
        while k < len(doc) and doc[k].is_title and doc[k].ent_type_ != "PERSON" and k - j < 5:
            k += 1
        if k < len(doc) and doc[k].ent_type_ == "PERSON":
            return k
    return j


def _title_name(ctx: DocContext, j: int, entry: Entry, sector: str | None, states: list[Cand]) -> Span | None:
    """The person's name after a title ("Defense Minister Ahn Gyu-back"), or a company's after a
    business title."""
    doc, by_start = ctx.doc, ctx.by_start
    if entry.person:
        known = by_start.get(j)
        # a name from the people table is the person, whatever spaCy tagged
        name_span = known[:2] if known is not None and known[2].kind == "person" else person_after(doc, j)
        if name_span is None:
            return None
        inside = [by_start[s] for s in range(*name_span) if s in by_start and by_start[s][2].kind != "person"]
        country = states[0][2].code if states else None
        # a dictionary name after the title is the person when it codes the same country
        # ("Bree Prime Minister Romendacil"); a country word ends the name
        if any(c[2].kind != "adjective" and (c[2].source == "amity" or (country and c[2].code != country)) for c in inside):
            return None
        for c in inside:
            ctx.used.add(c[0])
        return name_span
    if sector == "BUS":
        return org_after(doc, j)
    return None


def _with_states(ctx: DocContext, start: int, m_end: int, entry: Entry, states: list[Cand], actor: Actor) -> Found:
    """The title with the country words before it: "Japan's Defense Minister", "South Korean and
    Japanese officials" (coordinated countries share the head: one actor per country, one span)."""
    doc = ctx.doc
    for s, _, _ in states:
        ctx.used.add(s)
    first_start, first_end, first = states[0]
    if len(states) > 1:
        found = ctx.make(first_start, m_end, _as(actor, first.code), Rule.COORDINATED)
        found.also = [_as(actor, s[2].code) for s in states[1:]]
        return found
    rule = Rule.POSSESSIVE if first_end < start and doc[first_end].tag_ == "POS" else Rule.MODIFIER
    if actor.name:
        rule = Rule.TITLE_NAME
    found = _with_head(ctx, first_start, m_end, _as(actor, first.code), rule, entry)
    found.pending = "counterpart" if actor.role == "=" else None
    return found


def _body_title(ctx: DocContext, start: int, m_end: int, sector: str | None, name: str | None,
                role: str | None) -> Found | None:
    """A title right after a body takes the body's country: "Kremlin spokesman Dmitry Peskov",
    "China's foreign ministry spokesperson Mao Ning", "South Korean military officials"."""
    prev = ctx.found[-1] if ctx.found else None
    if (prev is not None and prev.end == start and prev.actor is not None and prev.actor.code != UNKNOWN
            and prev.actor.name is None and prev.rule != Rule.COORDINATED and role and role != "="):
        ctx.found.pop()
        a = prev.actor
        return ctx.make(prev.start, m_end, Actor(a.code, a.sector or sector, name, role), Rule.BODY_TITLE)
    return None


def _title_in(ctx: DocContext, start: int, m_end: int, entry: Entry, actor: Actor) -> Found | None:
    """"the junta in Niger", "soldiers from Poland"."""
    hit = located(ctx, m_end, entry)
    if hit is None:
        return None
    ctx.used.add(hit[0])
    return _with_head(ctx, start, hit[1], _as(actor, hit[2].code), Rule.TITLE_IN, entry)


def _title_name_pending(ctx: DocContext, start: int, m_end: int, name_span: Span, actor: Actor) -> Found:
    """A titled name with no country ("President Lee Jae-myung"): memory or the people table
    finds it."""
    f = ctx.make(start, m_end, actor, Rule.TITLE_NAME, pending="name")
    f.key = tuple(t.text for t in ctx.doc[name_span[0]:name_span[1]] if t.is_alpha)
    if actor.role == "=":
        f.pending = "counterpart"
    return f


def _reference(ctx: DocContext, start: int, end: int, entry: Entry, actor: Actor) -> Found | None:
    """A title with a determiner ("the ambassador", "the two ministers", "the junta") is left to
    document memory; one with "of" after it ("the president of") to the "of" links."""
    doc, role = ctx.doc, actor.role
    det = doc[start - 1].lower_ if start > 0 else ""
    count = COUNT_WORDS.get(det, 1)
    plural = entry.name == "plural"
    if det in ("a", "an") and doc[end:end + 1].text.lower() == "for":
        return None  # "a spokesman for the Secretary-General": someone new, not the last spokesman
    if det in DETERMINERS or det in COUNT_WORDS:
        kind = "counterpart" if role == "=" else ("role" if entry.person or entry.name == "plural" and role else "group")
        f = ctx.make(start, end, actor, Rule.MEMORY, pending=kind, count=count if plural else 1,
                     head=head_words(entry), state=entry.sector == "STATE", plural=plural, det=det)
        f.key = tuple((role or entry.term).lower().split())
        return f
    if doc[end:end + 1].text.lower() == "of":
        return ctx.make(start, end, actor, Rule.TITLE, pending="of")
    return None
