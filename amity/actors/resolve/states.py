"""Rules 2 and 5: ships ("USS George Washington"), and what names a state or body outright
(country names, adjectives, capitals, IGOs, coded institutions); and the country words the
heads rules look for, before a head ("Japan's", "South Korean and Japanese") or after it
("in Niger", "from Poland")."""

from __future__ import annotations

from amity.actors.gazetteer import STATE_KINDS, Entry
from amity.actors.resolve.base import (
    COORD,
    IN_EXCLUDED,
    STATE_RULES,
    USER_RULES,
    Cand,
    DocContext,
    Found,
    Rule,
)
from amity.actors.resolve.tokens import skip_det
from amity.models import Actor


def ships(ctx: DocContext, kept: list[Cand]) -> list[Cand]:
    """A ship prefix takes the capitalised words after it as the ship's name; "USS" alone is none."""
    doc = ctx.doc
    out = []
    skip_until = -1
    for start, end, entry in kept:
        if start < skip_until:
            continue
        if entry.kind == "ship":
            j = end
            while j < len(doc) and doc[j].is_title and doc[j].pos_ in {"PROPN", "NOUN"} and doc[j].lower_ not in ctx.senses.vessels:
                j += 1
            if j == end:  # "USS" alone is not a ship
                continue
            out.append((start, j, entry))
            skip_until = j
            continue
        out.append((start, end, entry))
    return out


def ship(ctx: DocContext, start: int, end: int, entry: Entry) -> Found:
    return ctx.make(start, end, Actor(entry.code, "MIL", ctx.doc[start:end].text, "vessel"), Rule.SHIP)


def state(ctx: DocContext, start: int, end: int, entry: Entry) -> Found:
    """A country name, adjective, capital (the government), IGO or coded institution."""
    sector = entry.sector
    if entry.kind == "capital":
        sector = "GOV"
    rule = STATE_RULES.get(entry.kind, Rule.INSTITUTION)
    if entry.source != "amity":
        rule = USER_RULES[rule]
    name = entry.name if entry.kind == "institution" else None
    codes = entry.code.split("/") if entry.code and "/" in entry.code else [entry.code]
    found = ctx.make(start, end, Actor(codes[0], sector, name, entry.role), rule)
    if len(codes) > 1:  # PETRARCH "[FRO/BIL/SAM]": one actor per code
        found.also = [Actor(c, sector, name, entry.role) for c in codes[1:]]
    return found


def left_states(ctx: DocContext, start: int) -> list[Cand]:
    """Country words that modify the head starting at ``start``: possessive ("Japan's"),
    adjectival ("Japanese"), coordinated ("South Korean and Japanese"), with up to two plain
    modifiers between ("Japanese senior officials")."""
    j = _modifiers_start(ctx, start)
    doc, ends = ctx.doc, ctx.by_end
    states: list[Cand] = []
    if j > 0 and doc[j - 1].tag_ == "POS":
        j -= 1
    while j in ends:
        s, e, en = ends[j]
        if en.kind not in STATE_KINDS or s in ctx.used:
            break
        states.append((s, e, en))
        k = s
        # coordination: "South Korean and Japanese", "U.S., Japanese and Australian"
        if k > 0 and doc[k - 1].lower_ in COORD and (k - 1) in ends:
            j = k - 1
            continue
        if k > 1 and doc[k - 1].lower_ in COORD and doc[k - 2].tag_ == "POS" and (k - 2) in ends:
            j = k - 2
            continue
        if k > 1 and doc[k - 1].lower_ in {"and", "or"} and doc[k - 2].text == "," and (k - 2) in ends:
            j = k - 2
            continue
        break
    states.reverse()
    return states


def _modifiers_start(ctx: DocContext, start: int) -> int:
    """Where the plain modifiers before the head start ("senior" in "Japanese senior officials")."""
    doc, ends = ctx.doc, ctx.by_end
    i = start
    gap = 0
    while i > 0 and gap <= 4:
        prev = doc[i - 1]
        if prev.tag_ == "POS" and (i - 1) in ends:
            i -= 1
            continue
        if i in ends or (i - 1) in ends:
            break
        if prev.pos_ in {"ADJ", "NOUN"} and prev.is_lower and not prev.is_punct:
            i -= 1
            gap += 1
            continue
        # "Ithilen's awful and evil minister": coordinated plain adjectives
        if (prev.lower_ in {"and", ","} and gap and i > 1 and doc[i - 2].pos_ == "ADJ"
                and doc[i - 2].is_lower and (i - 2) not in ends):
            i -= 1
            gap += 1
            continue
        break
    return i


def located(ctx: DocContext, end: int, entry: Entry | None = None) -> Cand | None:
    """'the junta in Niger', 'the Ministry of National Defense in Taipei', 'soldiers from
    Poland'. "in" only for governing bodies: troops or an embassy in a country are often
    another country's."""
    doc = ctx.doc
    preps = {"from"}
    if (entry is None or (entry.sector or "")[:3] not in IN_EXCLUDED
            or any(w in entry.term.lower() for w in ("ministr", "department", "government"))):
        preps.add("in")
    if end < len(doc) and doc[end].lower_ in preps:
        k = skip_det(doc, end + 1)
        hit = ctx.places.get(k) or ctx.by_start.get(k)
        if hit is not None and hit[2].kind in STATE_KINDS and hit[2].kind != "igo":
            nxt = doc[hit[1]] if hit[1] < len(doc) else None
            if nxt is None or nxt.tag_ != "POS":
                return hit
    return None
