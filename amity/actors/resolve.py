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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from amity.actors.gazetteer import STATE_KINDS, Entry, Senses
from amity.actors.people import is_common_short
from amity.models import Actor

UNKNOWN = "---"  # PETRARCH's code for an actor whose country is not known
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "both", "two", "three", "these", "those", "all"}
COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}
POSTING_PREPS = {"to", "in", "at"}
COORD = {"and", "or", ",", "&"}
HEAD_WORDS = {"head", "chief", "director", "commander", "chairman", "chair", "leader", "spokesman",
              "spokeswoman", "spokesperson", "secretary-general", "secretary general", "deputy",
              "president", "minister", "member", "officer"}
PLACE_SUFFIXES = {"based", "born", "headquartered", "area", "region", "bound", "style", "made", "listed"}
IN_EXCLUDED = {"MIL", "DIP", "SPY"}  # "the junta in Niger" is Niger's; "troops in Niger" may not be
DIP_POSTING_ROLES = {"ambassador", "envoy", "consul", "chargé d'affaires", "diplomat"}


@dataclass
class Found:
    """A mention being built: token span (or char span for parts of a token), actor, rule."""

    start_char: int
    end_char: int
    actor: Actor | None
    rule: str
    start: int = -1  # token index, -1 for a part of a token ("Japan" in "U.S.-Japan")
    end: int = -1
    pending: str | None = None  # name | role | group | counterpart
    count: int = 1  # "the two ministers" refers to two actors
    key: tuple[str, ...] = ()  # name tokens or role words for memory look-ups
    sent: int = 0
    extra: dict = field(default_factory=dict)


# -- senses --------------------------------------------------------------------------------

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


# -- helpers -------------------------------------------------------------------------------

def _skip_det(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    return i


def _person_after(doc: Doc, i: int, limit: int = 5) -> tuple[int, int] | None:
    """The person's name starting at token i: a PERSON entity, else a run of capitalised
    proper nouns (at most ``limit`` tokens, hyphenated parts included)."""
    if i >= len(doc):
        return None
    tok = doc[i]
    if tok.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= i < e.end), None)
        if ent is not None:
            end = _hyphen_tail(doc, ent.end)
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


def _hyphen_tail(doc: Doc, end: int) -> int:
    """Extend a name cut at a hyphen: "Ahn Duk-" + "geun"."""
    while end < len(doc) and end > 0:
        if doc[end - 1].text.endswith("-") and doc[end].is_alpha and doc[end].whitespace_ in {"", " "} and doc[end - 1].whitespace_ == "":
            end += 1
        elif doc[end].text == "-" and doc[end - 1].whitespace_ == "" and end + 1 < len(doc) and doc[end + 1].is_alpha and doc[end].whitespace_ == "":
            end += 2
        else:
            break
    return end


def _name_spans(doc: Doc, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """People's names in document order: names from the people table, and PERSON entities
    that do not overlap one ("Ursula von der Leyen" although spaCy tags "Ursula von der")."""
    taken = {i for s, e in people for i in range(s, e)}
    ents = [(e.start, e.end) for e in doc.ents
            if e.label_ == "PERSON" and not any(i in taken for i in range(e.start, e.end))]
    return sorted(people + ents)


def _org_after(doc: Doc, i: int) -> tuple[int, int] | None:
    if i < len(doc) and doc[i].ent_type_ == "ORG" and doc[i].ent_iob_ == "B":
        ent = next((e for e in doc.ents if e.start == i), None)
        if ent is not None:
            return ent.start, ent.end
    return None


def _appositive_role(doc: Doc, i: int) -> str | None:
    k = _skip_det(doc, i)
    if k < len(doc) and doc[k].lower_ in HEAD_WORDS:
        return doc[k].lower_
    return None


def _modifies_common_noun(doc: Doc, end: int) -> bool:
    """The title's last word modifies a common noun after it ("official visit")."""
    last = doc[end - 1]
    head = last.head
    return (last.dep_ in {"amod", "compound", "nmod"} and head.i >= end and head.pos_ == "NOUN"
            and head.is_lower and head.i - end <= 2)


def _role(entry: Entry, span: Span) -> str | None:
    if entry.role == "=":
        return "="
    if entry.role:
        return entry.role
    return None


class Resolver:
    """Applies the rules above to one Doc; pure, no state between documents."""

    def __init__(self, senses: Senses):
        self.senses = senses

    def __call__(self, doc: Doc, cands: list[tuple[int, int, Entry]], parts: list[tuple[int, int, Entry]]) -> list[Found]:
        blocked = {t for t in self.senses.context_against if _context_blocks(doc, t, self.senses)}
        kept: list[tuple[int, int, Entry]] = []
        # a person's name from the people table does not hide its words from document memory
        self.cand_tokens = {i for s, e, en in cands if en.kind != "person" for i in range(s, e)}
        self.people_spans = [(s, e) for s, e, en in cands if en.kind == "person"]
        self.places: dict[int, tuple[int, int, Entry]] = {}
        for start, end, entry in cands:
            if entry.kind == "stop":
                continue
            if entry.kind in STATE_KINDS and entry.source == "amity":
                why = not_an_actor(doc[start:end], entry, self.senses, blocked)
                if why == "place":
                    self.places[start] = (start, end, entry)
                if why:
                    continue
            kept.append((start, end, entry))
        kept = self._ships(doc, kept)
        by_start = {s: (s, e, en) for s, e, en in kept}
        self._ends = {e: (s, e, en) for s, e, en in kept}
        used: set[int] = set()  # start tokens of candidates consumed by a larger mention
        found: list[Found] = []
        self._found = found
        for start, end, entry in kept:
            if entry.kind in {"title", "institution"} and start not in used:
                f = self._head(doc, start, end, entry, by_start, used)
                if f is not None:
                    found.append(f)
                    used.add(start)
        for start, end, entry in kept:
            if start in used:
                continue
            if entry.kind == "ship":
                found.append(self._make(doc, start, end, Actor(entry.code, "MIL", doc[start:end].text, "vessel"), "ship"))
            elif entry.kind in STATE_KINDS or (entry.kind == "institution" and entry.code):
                found.append(self._state(doc, start, end, entry))
        found.sort(key=lambda f: (f.start_char, -f.end_char))
        found = self._of_links(doc, found)
        found = self._appositions(doc, found)
        covered = {i for f in found for i in range(f.start, f.end)}
        self._dropped: set[int] = set()
        found.extend(self._bare_names(doc, covered, {f.start: f for f in found if f.start >= 0}))
        found = [f for f in found if id(f) not in self._dropped]
        for s, e, entry in parts:
            found.append(Found(s, e, Actor(entry.code, "GOV" if entry.kind == "capital" else None), "compound"))
        found.sort(key=lambda f: (f.start_char, -f.end_char))
        return found

    # -- construction ----------------------------------------------------------------------
    def _make(self, doc: Doc, start: int, end: int, actor: Actor | None, rule: str, **kw) -> Found:
        span = doc[start:end]
        return Found(span.start_char, span.end_char, actor, rule, start, end, **kw)

    def _head_found(self, doc: Doc, start: int, end: int, actor: Actor | None, rule: str, entry: Entry, **kw) -> Found:
        f = self._make(doc, start, end, actor, rule, **kw)
        f.extra["head"] = tuple(entry.term.lower().split())
        return f

    def _ships(self, doc: Doc, kept):
        out = []
        skip_until = -1
        for start, end, entry in kept:
            if start < skip_until:
                continue
            if entry.kind == "ship":
                j = end
                while j < len(doc) and doc[j].is_title and doc[j].pos_ in {"PROPN", "NOUN"} and doc[j].lower_ not in self.senses.vessels:
                    j += 1
                if j == end:  # "USS" alone is not a ship
                    continue
                out.append((start, j, entry))
                skip_until = j
                continue
            out.append((start, end, entry))
        return out

    def _state(self, doc: Doc, start: int, end: int, entry: Entry) -> Found:
        sector = entry.sector
        if entry.kind == "capital":
            sector = "GOV"
        rule = {"name": "country", "adjective": "adjective", "capital": "capital", "igo": "igo"}.get(entry.kind, "institution")
        if entry.source != "amity":
            rule = f"user:{rule}"
        name = entry.name if entry.kind == "institution" else None
        codes = entry.code.split("/") if entry.code and "/" in entry.code else [entry.code]
        found = self._make(doc, start, end, Actor(codes[0], sector, name, entry.role), rule)
        if len(codes) > 1:  # PETRARCH "[FRO/BIL/SAM]": one actor per code
            found.extra["also"] = [Actor(c, sector, name, entry.role) for c in codes[1:]]
        return found

    def _left_states(self, doc: Doc, start: int, by_start, used) -> list[tuple[int, int, Entry]]:
        """Country words that modify the head starting at ``start``: possessive ("Japan's"),
        adjectival ("Japanese"), coordinated ("South Korean and Japanese"), with up to two plain
        modifiers between ("Japanese senior officials")."""
        ends = self._ends
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
        states: list[tuple[int, int, Entry]] = []
        j = i
        if j > 0 and doc[j - 1].tag_ == "POS":
            j -= 1
        while j in ends:
            s, e, en = ends[j]
            if en.kind not in STATE_KINDS or s in used:
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

    def _head(self, doc: Doc, start: int, end: int, entry: Entry, by_start, used) -> Found | None:
        states = self._left_states(doc, start, by_start, used)
        if entry.kind == "institution" and entry.code:
            code, sec = entry.code_on(doc.user_data.get("amity_date"))
            if (code, sec) != (entry.code, entry.sector):
                return self._make(doc, start, end, Actor(code, sec, entry.name, entry.role), "user:dated")
            same = [s for s in states if s[2].code == entry.code]
            if same and len(states) == 1:
                used.add(same[0][0])
                m_start = same[0][0]
            else:
                m_start = start
            actor = Actor(entry.code, entry.sector, entry.name, entry.role)
            rule = "institution" if entry.source == "amity" else "user:institution"
            return self._head_found(doc, m_start, end, actor, rule, entry)
        if entry.kind == "institution":
            located = self._located(doc, end, by_start, used, entry)
            if located is None:
                return None
            used.add(located[0])
            return self._make(doc, start, located[1], Actor(located[2].code, entry.sector, entry.name, entry.role), "institution in")
        # a title: sector from the title, country from context
        if entry.person and _modifies_common_noun(doc, end):
            return None  # "an official visit", "a general election", "leader board"
        role = _role(entry, doc[start:end])
        sector = None if entry.sector == "STATE" else entry.sector
        j = end
        posting = None
        if role in DIP_POSTING_ROLES and j < len(doc) and doc[j].lower_ in POSTING_PREPS:
            k = _skip_det(doc, j + 1)
            if k in by_start and by_start[k][2].kind in STATE_KINDS:
                posting = by_start[k]
                used.add(k)
                j = posting[1]
        if j < len(doc) and doc[j].lower_ == "for" and j + 1 < len(doc) and doc[j + 1].is_title:
            k = j + 1
            while k < len(doc) and doc[k].is_title and doc[k].ent_type_ != "PERSON" and k - j < 5:
                k += 1
            if k < len(doc) and doc[k].ent_type_ == "PERSON":
                j = k
        name_span = None
        if entry.person:
            known = by_start.get(j)
            # a name from the people table is the person, whatever spaCy tagged
            name_span = known[:2] if known is not None and known[2].kind == "person" else _person_after(doc, j)
            if name_span is not None:
                inside = [by_start[s] for s in range(*name_span) if s in by_start and by_start[s][2].kind != "person"]
                country = states[0][2].code if states else None
                # a dictionary name after the title is the person when it codes the same country
                # ("Bree Prime Minister Romendacil"); a country word ends the name
                if any(c[2].kind != "adjective" and (c[2].source == "amity" or (country and c[2].code != country)) for c in inside):
                    name_span = None
                else:
                    for c in inside:
                        used.add(c[0])
        elif sector == "BUS":
            name_span = _org_after(doc, j)
        name = doc[name_span[0]:name_span[1]].text if name_span else None
        m_end = name_span[1] if name_span else (j if posting else end)
        det_i = start - 1 if not states else states[0][0] - 1
        det = doc[det_i].lower_ if det_i >= 0 else ""
        if states:
            for s, _, _ in states:
                used.add(s)
            if len(states) > 1:
                # coordinated countries share the head: one mention per country, same span
                first = self._make(doc, states[0][0], m_end, Actor(states[0][2].code, sector, name, role), "coordinated")
                first.extra["also"] = [Actor(s[2].code, sector, name, role) for s in states[1:]]
                return first
            code = states[0][2].code
            rule = "possessive" if states[0][1] < start and doc[states[0][1]].tag_ == "POS" else "modifier"
            if name:
                rule = "title+name"
            found = self._head_found(doc, states[0][0], m_end, Actor(code, sector, name, role), rule, entry)
            found.pending = "counterpart" if role == "=" else None
            return found
        # a title right after a body: "Kremlin spokesman Dmitry Peskov", "China's foreign
        # ministry spokesperson Mao Ning", "South Korean military officials"
        prev = self._found[-1] if self._found else None
        if (prev is not None and prev.end == start and prev.actor is not None and prev.actor.code != UNKNOWN
                and prev.actor.name is None and prev.rule not in {"coordinated"} and role and role != "="):
            self._found.pop()
            a = prev.actor
            return self._make(doc, prev.start, m_end, Actor(a.code, a.sector or sector, name, role), "body+title")
        # no country in the phrase: "in X", a name, "of ...", an apposition or the document decide
        located = self._located(doc, m_end, by_start, used, entry) if role != "=" else None
        if located is not None:
            used.add(located[0])
            return self._head_found(doc, start, located[1], Actor(located[2].code, sector, name, role), "title in", entry)
        if name:
            f = self._make(doc, start, m_end, Actor(UNKNOWN, sector, name, role), "title+name", pending="name")
            f.key = tuple(t.text for t in doc[name_span[0]:name_span[1]] if t.is_alpha)
            if role == "=":
                f.pending = "counterpart"
            return f
        count = COUNT_WORDS.get(det, 1)
        plural = entry.name == "plural"
        if det in ("a", "an") and doc[end:end + 1].text.lower() == "for":
            return None  # "a spokesman for the Secretary-General": someone new, not the last spokesman
        if det in DETERMINERS or (start > 0 and doc[start - 1].lower_ in COUNT_WORDS):
            if start > 0 and doc[start - 1].lower_ in COUNT_WORDS:
                count = COUNT_WORDS[doc[start - 1].lower_]
            kind = "counterpart" if role == "=" else ("role" if entry.person or entry.name == "plural" and role else "group")
            f = self._make(doc, start, end, Actor(UNKNOWN, sector, None, role), "memory", pending=kind,
                           count=count if plural else 1)
            f.key = tuple((role or entry.term).lower().split())
            f.extra["head"] = tuple(entry.term.lower().split())
            f.extra["state"] = entry.sector == "STATE"
            f.extra["plural"] = plural
            f.extra["det"] = det
            return f
        if doc[end:end + 1].text.lower() == "of":
            f = self._make(doc, start, end, Actor(UNKNOWN, sector, None, role), "title", pending="of")
            return f
        return None

    def _located(self, doc: Doc, end: int, by_start, used, entry: Entry | None = None) -> tuple[int, int, Entry] | None:
        """'the junta in Niger', 'the Ministry of National Defense in Taipei', 'soldiers from
        Poland'. "in" only for governing bodies: troops or an embassy in a country are often
        another country's."""
        preps = {"from"}
        if (entry is None or (entry.sector or "")[:3] not in IN_EXCLUDED
                or any(w in entry.term.lower() for w in ("ministr", "department", "government"))):
            preps.add("in")
        if end < len(doc) and doc[end].lower_ in preps:
            k = _skip_det(doc, end + 1)
            hit = self.places.get(k) or by_start.get(k)
            if hit is not None and hit[2].kind in STATE_KINDS and hit[2].kind != "igo":
                nxt = doc[hit[1]] if hit[1] < len(doc) else None
                if nxt is None or nxt.tag_ != "POS":
                    return hit
        return None

    # -- links after construction ----------------------------------------------------------
    def _of_links(self, doc: Doc, found: list[Found]) -> list[Found]:
        """'the president of South Korea', 'the defense ministries of both nations'."""
        by_start = {f.start: f for f in found if f.start >= 0}
        out = []
        drop: set[int] = set()
        for f in found:
            if f.actor is not None and f.actor.code == UNKNOWN and f.end >= 0 and doc[f.end:f.end + 1].text.lower() == "of":
                k = _skip_det(doc, f.end + 1)
                target = by_start.get(k)
                if target is not None and target.actor is not None and target.actor.code != UNKNOWN:
                    a = f.actor
                    f.actor = Actor(target.actor.code, a.sector or target.actor.sector, a.name, a.role)
                    f.rule = "title of"
                    f.pending = None
                    if target.rule in {"country", "capital", "igo", "user:country"}:
                        f.end, f.end_char = target.end, target.end_char
                        drop.add(id(target))
                        # "the ambassadors of Arnor, Osgiliath and Gondor": one actor per country
                        for other in self._coordinated_after(doc, target, by_start):
                            f.extra.setdefault("also", []).append(
                                Actor(other.actor.code, a.sector or other.actor.sector, a.name, a.role))
                            f.end, f.end_char = other.end, other.end_char
                            drop.add(id(other))
            out.append(f)
        return [f for f in out if id(f) not in drop and f.pending != "of"]

    def _coordinated_after(self, doc: Doc, first: Found, by_start) -> list[Found]:
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
            nxt = by_start.get(_skip_det(doc, k))
            if nxt is None or nxt.rule not in {"country", "capital", "igo", "user:country"} or nxt.actor is None:
                break
            out.append(nxt)
            cur = nxt
        return out

    def _appositions(self, doc: Doc, found: list[Found]) -> list[Found]:
        """'NAME, the commander of the U.S. 7th Fleet' and 'his Japanese counterpart, NAME'."""
        by_start = {f.start: f for f in found if f.start >= 0}
        for f in found:
            if f.start < 0 or f.actor is None:
                continue
            a = f.actor
            if a.name is None and (a.role or f.pending == "counterpart") and f.end < len(doc) and doc[f.end].text == ",":
                span = _person_after(doc, f.end + 1)
                inner = next((g for g in found if g is not f and span is not None and span[0] <= g.start < span[1]), None)
                if inner is not None and inner.actor is not None:
                    # "Pakistan's army chief, General Asim Munir": the titled name is its own mention
                    b = inner.actor
                    if b.code == UNKNOWN and a.code != UNKNOWN:
                        inner.actor = Actor(a.code, b.sector or a.sector, b.name, b.role)
                        inner.rule, inner.pending = "apposition", None
                    f.actor = Actor(a.code, a.sector, b.name, a.role)
                    continue
                if span is not None and (span[1] >= len(doc) or doc[span[1]].text in {",", ".", ";"} or doc[span[1]].pos_ in {"VERB", "AUX"}):
                    name = doc[span[0]:span[1]].text
                    f.actor = Actor(a.code, a.sector, name, a.role)
                    f.end, f.end_char = span[1], doc[span[1] - 1].idx + len(doc[span[1] - 1])
                    f.key = tuple(t.text for t in doc[span[0]:span[1]] if t.is_alpha)
                    if f.pending == "role":
                        f.pending = None if a.code != UNKNOWN else "name"
                    continue
            if a.code == UNKNOWN and a.name and f.end + 1 < len(doc) and doc[f.end].text == ",":
                target = self._appositive(doc, f.end + 1, by_start)
                if target is not None:
                    t = target.actor
                    f.actor = Actor(t.code, a.sector or t.sector, a.name, a.role or t.role)
                    f.rule = "apposition"
                    f.pending = None
        return found

    def _appositive(self, doc: Doc, i: int, by_start) -> Found | None:
        k = _skip_det(doc, i)
        target = by_start.get(k)
        if target is not None and target.actor is not None and target.actor.code != UNKNOWN:
            return target
        # "head of Japan's ... Agency", "the commander of the U.S. 7th Fleet"
        if k < len(doc) and doc[k].lower_ in HEAD_WORDS and k + 1 < len(doc) and doc[k + 1].lower_ == "of":
            target = by_start.get(_skip_det(doc, k + 2))
            if target is not None and target.actor is not None and target.actor.code != UNKNOWN:
                return target
        return None

    def _possessor(self, doc: Doc, i: int, by_start) -> Found | None:
        """The state in "New Zealand's Christopher Luxon" (a state, then 's, then the name)."""
        if i < 2 or doc[i - 1].tag_ != "POS":
            return None
        for f in by_start.values():
            if f.end == i - 1 and f.rule in {"country", "capital", "user:country"} and f.actor is not None:
                return f
        return None

    def _bare_names(self, doc: Doc, covered: set[int], by_start) -> list[Found]:
        """PERSON entities outside any mention: later references to people ("Koizumi said")
        and people introduced by an apposition ("Masaki Fukasawa, head of Japan's ...");
        also a capitalised word that is part of a name the document introduced ("Wang")."""
        out = []
        known = {w for f in by_start.values() if f.actor is not None and f.actor.name and f.actor.role != "vessel"
                 for w in f.actor.name.replace("-", " ").split() if len(w) > 1 and w[0].isupper()}
        known |= {w for s, e in self.people_spans for w in doc[s:e].text.replace("-", " ").split()
                  if len(w) > 1 and w[0].isupper()}
        known -= {doc[i].text for i in self.cand_tokens}
        # a surname that is also a common word or a place ("May", "Austin") needs spaCy's PERSON tag
        known = {w for w in known if not is_common_short(w)}
        names = _name_spans(doc, self.people_spans)
        in_ents = {i for s, e in names for i in range(s, e)}
        for tok in doc:
            if (tok.text in known and tok.i not in covered and tok.i not in in_ents and tok.is_title
                    and not tok.is_stop and len(tok.text) >= 3 and tok.pos_ in {"PROPN", "NOUN", "ADJ"}):
                f = self._make(doc, tok.i, tok.i + 1, None, "memory", pending="name")
                f.key = (tok.text,)
                out.append(f)
        for start, ent_end in names:
            if any(i in covered for i in range(start, ent_end)):
                continue
            end = _hyphen_tail(doc, ent_end)
            while end > start and doc[end - 1].tag_ == "POS":
                end -= 1
            if end <= start:
                continue
            name = doc[start:end].text
            owner = self._possessor(doc, start, by_start)
            if owner is not None:
                self._dropped.add(id(owner))
                f = self._make(doc, owner.start, end, Actor(owner.actor.code, None, name, None), "possessive name")
                f.key = tuple(t.text for t in doc[start:end] if t.is_alpha)
                out.append(f)
                continue
            f = self._make(doc, start, end, None, "memory", pending="name")
            f.key = tuple(t.text for t in doc[start:end] if t.is_alpha)
            f.extra["name"] = name
            if end < len(doc) and doc[end].text == ",":
                target = self._appositive(doc, end + 1, by_start)
                if target is not None:
                    t = target.actor
                    role = _appositive_role(doc, end + 1) or t.role
                    f.actor = Actor(t.code, t.sector, name, role)
                    f.rule, f.pending = "apposition", None
            out.append(f)
        return out
