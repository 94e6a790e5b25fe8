"""Rule 4, links after construction: "of" ("the president of South Korea", "the ambassadors of
Arnor, Osgiliath and Gondor") and appositions ("Vice Admiral Patrick Hannifin, the commander of
the U.S. 7th Fleet"; "his Japanese counterpart, Shinjiro Koizumi")."""

from __future__ import annotations

from spacy.tokens import Doc

from amity.actors.resolve.base import HEAD_WORDS, NAMED_STATES, UNKNOWN, Found, Rule
from amity.actors.resolve.tokens import person_after, skip_det
from amity.models import Actor


def of_links(doc: Doc, found: list[Found]) -> list[Found]:
    """'the president of South Korea', 'the defense ministries of both nations'. A title left
    pending for "of" that finds no state is dropped."""
    by_start = {f.start: f for f in found if f.start >= 0}
    out = []
    drop: set[int] = set()
    for f in found:
        if f.actor is not None and f.actor.code == UNKNOWN and f.end >= 0 and doc[f.end:f.end + 1].text.lower() == "of":
            k = skip_det(doc, f.end + 1)
            target = by_start.get(k)
            if target is not None and target.actor is not None and target.actor.code != UNKNOWN:
                a = f.actor
                f.actor = Actor(target.actor.code, a.sector or target.actor.sector, a.name, a.role)
                f.rule = Rule.TITLE_OF
                f.pending = None
                if target.rule in NAMED_STATES:
                    f.end, f.end_char = target.end, target.end_char
                    drop.add(id(target))
                    # "the ambassadors of Arnor, Osgiliath and Gondor": one actor per country
                    for other in _coordinated_after(doc, target, by_start):
                        f.also.append(Actor(other.actor.code, a.sector or other.actor.sector, a.name, a.role))
                        f.end, f.end_char = other.end, other.end_char
                        drop.add(id(other))
        out.append(f)
    return [f for f in out if id(f) not in drop and f.pending != "of"]


def _coordinated_after(doc: Doc, first: Found, by_start: dict[int, Found]) -> list[Found]:
    out = []
    cur = first
    while True:
        k = cur.end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ in {"and", "or"}:
            k += 1
        if k == cur.end:
            break
        nxt = by_start.get(skip_det(doc, k))
        if nxt is None or nxt.rule not in NAMED_STATES or nxt.actor is None:
            break
        out.append(nxt)
        cur = nxt
    return out


def appositions(doc: Doc, found: list[Found]) -> list[Found]:
    """'NAME, the commander of the U.S. 7th Fleet' and 'his Japanese counterpart, NAME'."""
    by_start = {f.start: f for f in found if f.start >= 0}
    for f in found:
        if f.start < 0 or f.actor is None:
            continue
        a = f.actor
        if (a.name is None and (a.role or f.pending == "counterpart") and f.end < len(doc) and doc[f.end].text == ","
                and _name_after_title(doc, f, found)):
            continue
        if a.code == UNKNOWN and a.name and f.end + 1 < len(doc) and doc[f.end].text == ",":
            target = appositive(doc, f.end + 1, by_start)
            if target is not None:
                t = target.actor
                f.actor = Actor(t.code, a.sector or t.sector, a.name, a.role or t.role)
                f.rule = Rule.APPOSITION
                f.pending = None
    return found


def _name_after_title(doc: Doc, f: Found, found: list[Found]) -> bool:
    """"his Japanese counterpart, Shinjiro Koizumi": the title (``f``, unnamed, a comma after it)
    takes the name after the comma. True when it did."""
    a = f.actor
    span = person_after(doc, f.end + 1)
    inner = next((g for g in found if g is not f and span is not None and span[0] <= g.start < span[1]), None)
    if inner is not None and inner.actor is not None:
        # "Pakistan's army chief, General Asim Munir": the titled name is its own mention
        b = inner.actor
        if b.code == UNKNOWN and a.code != UNKNOWN:
            inner.actor = Actor(a.code, b.sector or a.sector, b.name, b.role)
            inner.rule, inner.pending = Rule.APPOSITION, None
        f.actor = Actor(a.code, a.sector, b.name, a.role)
        return True
    if span is not None and (span[1] >= len(doc) or doc[span[1]].text in {",", ".", ";"} or doc[span[1]].pos_ in {"VERB", "AUX"}):
        name = doc[span[0]:span[1]].text
        f.actor = Actor(a.code, a.sector, name, a.role)
        f.end, f.end_char = span[1], doc[span[1] - 1].idx + len(doc[span[1] - 1])
        f.key = tuple(t.text for t in doc[span[0]:span[1]] if t.is_alpha)
        if f.pending == "role":
            f.pending = None if a.code != UNKNOWN else "name"
        return True
    return False


def appositive(doc: Doc, i: int, by_start: dict[int, Found]) -> Found | None:
    """The known actor an apposition starting at token ``i`` names: "the U.S. Navy", "head of
    Japan's ... Agency", "the commander of the U.S. 7th Fleet"."""
    k = skip_det(doc, i)
    target = by_start.get(k)
    if target is not None and target.actor is not None and target.actor.code != UNKNOWN:
        return target
    if k < len(doc) and doc[k].lower_ in HEAD_WORDS and k + 1 < len(doc) and doc[k + 1].lower_ == "of":
        target = by_start.get(skip_det(doc, k + 2))
        if target is not None and target.actor is not None and target.actor.code != UNKNOWN:
            return target
    return None
