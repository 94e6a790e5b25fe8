"""Token helpers the rule families share: determiners, people's and organisations' names."""

from __future__ import annotations

from spacy.tokens import Doc

from amity.actors.resolve.base import HEAD_WORDS


def skip_det(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    return i


def person_after(doc: Doc, i: int, limit: int = 5) -> tuple[int, int] | None:
    """The person's name starting at token i: a PERSON entity, else a run of capitalised
    proper nouns (at most ``limit`` tokens, hyphenated parts included)."""
    if i >= len(doc):
        return None
    tok = doc[i]
    if tok.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= i < e.end), None)
        if ent is not None:
            end = hyphen_tail(doc, ent.end)
            while end > i and doc[end - 1].tag_ == "POS":
                end -= 1
            return (i, end) if end > i else None
    if not (tok.is_title and tok.pos_ == "PROPN"):
        return None
    end = i
    while end < len(doc) and end - i < limit:
        t = doc[end]
        if t.is_title and t.pos_ == "PROPN" and t.tag_ != "POS":
            end += 1
        elif t.text == "-" and end + 1 < len(doc) and end > i and not doc[end + 1].is_punct:
            end += 2
        else:
            break
    return (i, end) if end > i else None


def hyphen_tail(doc: Doc, end: int) -> int:
    """Extend a name cut at a hyphen: "Ahn Duk-" + "geun"."""
    while end < len(doc) and end > 0:
        if doc[end - 1].text.endswith("-") and doc[end].is_alpha and doc[end].whitespace_ in {"", " "} and doc[end - 1].whitespace_ == "":
            end += 1
        elif doc[end].text == "-" and doc[end - 1].whitespace_ == "" and end + 1 < len(doc) and doc[end + 1].is_alpha and doc[end].whitespace_ == "":
            end += 2
        else:
            break
    return end


def name_spans(doc: Doc, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """People's names in document order: names from the people table, and PERSON entities
    that do not overlap one ("Ursula von der Leyen" although spaCy tags "Ursula von der")."""
    taken = {i for s, e in people for i in range(s, e)}
    ents = [(e.start, e.end) for e in doc.ents
            if e.label_ == "PERSON" and not any(i in taken for i in range(e.start, e.end))]
    return sorted(people + ents)


def org_after(doc: Doc, i: int) -> tuple[int, int] | None:
    if i < len(doc) and doc[i].ent_type_ == "ORG" and doc[i].ent_iob_ == "B":
        ent = next((e for e in doc.ents if e.start == i), None)
        if ent is not None:
            return ent.start, ent.end
    return None


def appositive_role(doc: Doc, i: int) -> str | None:
    k = skip_det(doc, i)
    if k < len(doc) and doc[k].lower_ in HEAD_WORDS:
        return doc[k].lower_
    return None


def modifies_common_noun(doc: Doc, end: int) -> bool:
    """The title's last word modifies a common noun after it ("official visit")."""
    last = doc[end - 1]
    head = last.head
    return (last.dep_ in {"amod", "compound", "nmod"} and head.i >= end and head.pos_ == "NOUN"
            and head.is_lower and head.i - end <= 2)
