"""Document memory: later references resolve to the actors a document introduced earlier.

- a person's name alone ("Koizumi", "Ahn") -> the person introduced with that name ("Japan's
  Defense Minister Shinjiro Koizumi"); a name with a title but no country ("President Lee Jae
  Myung") takes the country the document gave that person, else the people table's
  (amity.actors.people: "Jens Stoltenberg" -> NATO, "Secretary Blinken" -> USA);
- a role with a determiner ("the ambassador", "the minister") -> the latest person with that role;
  a counted or plural role ("the two ministers", "both ministers") -> that many distinct people;
- "counterpart" -> the sector and role of the person it is the counterpart of (the latest person
  of another country in the sentence or before);
- a group noun with a determiner ("the junta") -> the latest group with that role, else the
  document's main country when one country clearly dominates it.
Anything still unresolved is dropped (a pending reference is not a mention).
"""

from __future__ import annotations

from collections import Counter

from amity.actors import people as recent_people
from amity.actors.resolve import UNKNOWN, Found, Rule
from amity.models import Actor

# the rules that name a state in the document itself (a name from the people table must agree)
STATE_NAMING_RULES = frozenset({Rule.COUNTRY, Rule.ADJECTIVE, Rule.CAPITAL, Rule.INSTITUTION, Rule.MODIFIER,
                                Rule.POSSESSIVE, Rule.TITLE_NAME, Rule.COORDINATED, Rule.COMPOUND})
DOMINANT_SHARE = 0.5  # the main country must hold more than half of the country mentions


def _known(f: Found) -> bool:
    return f.actor is not None and f.actor.code != UNKNOWN and f.pending is None


def _name_match(key: tuple[str, ...], actor: Actor) -> bool:
    if not actor.name or not key:
        return False
    words = {w for w in actor.name.replace("-", " ").split() if len(w) > 1}
    return all(k in words for k in key) or (len(key) == 1 and key[0] in words)


IGO_ROLES = {"secretary-general"}  # offices of international organisations
GENERIC_ROLES = {("leader",), ("official",)}  # "the two leaders": any two people named before


def _role_match(key: tuple[str, ...], role: str | None, counted: bool = False) -> bool:
    if counted and key in GENERIC_ROLES and role:
        return True
    if not role or not key:
        return False
    words = role.split()
    return all(k in words for k in key)


def _igo_codes() -> set[str]:
    from amity.actors.gazetteer import builtin_entries

    return {e.code for e in builtin_entries() if e.kind == "igo" and e.code}


def _people_country(name: str | None) -> str | None:
    """The country the gazetteer's people table gives a full name ("Joe Biden" -> USA)."""
    if not name or " " not in name.strip():
        return None
    from amity.actors.gazetteer import people

    table = people()
    key = " ".join(name.lower().replace("’", "'").split())
    return table.get(key) or table.get(key.replace(" jr.", "").replace(" jr", ""))


def _doc_countries(found: list[Found]) -> set[str]:
    """The states the document itself mentions: a name from the people table must agree."""
    return {f.actor.code for f in found if f.actor is not None and f.actor.code != UNKNOWN
            and f.pending is None and f.rule in STATE_NAMING_RULES}


def dominant_country(found: list[Found]) -> str | None:
    counts = Counter(f.actor.code for f in found if _known(f) and len(f.actor.code) == 3)
    total = sum(counts.values())
    if not total:
        return None
    code, n = counts.most_common(1)[0]
    return code if n / total > DOMINANT_SHARE else None


def resolve_memory(found: list[Found], date: int | None = None) -> list[Found]:
    """Resolve pending references in document order; drop those that stay unresolved.
    ``date`` (YYYYMMDD, the document's publication date) picks a person's office in the people table."""
    out: list[Found] = []
    people: list[Found] = []  # resolved mentions with a person's name or role, in order
    main = dominant_country(found)
    for f in found:
        if f.pending is None:
            out.append(f)
            if f.actor is not None and (f.actor.name or f.actor.role):
                people.append(f)
            continue
        resolved = _resolve_one(f, people, found, main, date)
        for r in resolved:
            out.append(r)
            if r.actor is not None and (r.actor.name or r.actor.role):
                people.append(r)
    return out


def _states(f: Found, found: list[Found]) -> list[Found]:
    """'the two countries', 'both nations', 'the two sides': the last N distinct states named
    before; only with a count (two, both, three), never for a singular 'the country'."""
    if f.count < 2:
        return []
    codes = _sentence_group(f, found) or []
    for g in [] if codes else reversed([g for g in found if g.start_char < f.start_char]):
        b = g.actor
        if b is None or g.pending is not None or b.code == UNKNOWN or b.code in codes:
            continue
        codes.append(b.code)
        if len(codes) == f.count:
            break
    if len(codes) < f.count:
        return []
    return [Found(f.start_char, f.end_char, Actor(c), Rule.MEMORY_STATES, f.start, f.end, sent=f.sent)
            for c in reversed(codes)]


GROUP_LOOKBACK = 5  # sentences searched for a group of the right size


def _sentence_group(f: Found, found: list[Found]) -> list[str]:
    """The states of the latest earlier sentence (within GROUP_LOOKBACK) that names exactly as
    many as the reference counts: "The US, Japan and South Korea met. France and Germany met.
    The three countries ..." are the first three, not the last three named."""
    by_sentence: dict[int, list[str]] = {}
    for g in found:
        b = g.actor
        if g.start_char >= f.start_char or b is None or g.pending is not None or b.code == UNKNOWN:
            continue
        if len(b.code) == 3 and g.sent is not None:
            codes = by_sentence.setdefault(g.sent, [])
            if b.code not in codes:
                codes.append(b.code)
    for sent in sorted(by_sentence, reverse=True)[:GROUP_LOOKBACK]:
        if len(by_sentence[sent]) == f.count:
            return by_sentence[sent][::-1]  # latest first, as the caller collects them
    return []


def _later_people(f: Found, found: list[Found]) -> list[Found]:
    return [g for g in found if g.start_char > f.start_char and _known(g) and g.actor.name]


def _titled_as(a: Actor, b: Actor) -> Actor:
    """A titled name (``a``) that is a person named elsewhere (``b``): b's country; the sector
    and role of the title, unless it is as general as "Secretary" ("Secretary Blinken")."""
    if a.role in recent_people.GENERIC_TITLES and b.role:
        return Actor(b.code, b.sector or a.sector, a.name, b.role)
    return Actor(b.code, a.sector or b.sector, a.name, a.role or b.role)


def _mentioned_codes(found: list[Found]) -> set[str]:
    """States and organisations the document names as such (not through a person)."""
    return {f.actor.code for f in found if f.pending is None and f.actor is not None
            and f.actor.code != UNKNOWN and f.actor.name is None}


def _from_people_table(f: Found, found: list[Found], date: int | None) -> bool:
    """A name the people table knows (people_recent.tsv): a full name, or a surname after a title.
    A bare name takes the office's sector and role when it held it on the date (or no date is
    known); a generic title ("Minister Marles") takes the office's too."""
    a = f.actor
    name = a.name if a is not None else f.name
    term = recent_people.lookup(name, date, _mentioned_codes(found), titled=a is not None,
                                role=a.role if a is not None else None)
    if term is None:
        return False
    current = date is None or term.covers(date)
    sector, role = term.sector_role() if current else (None, None)
    if a is None:
        f.actor, f.rule = Actor(term.code, sector, name, role), Rule.PEOPLE
    elif current and (a.role in recent_people.GENERIC_TITLES or a.role is None or a.role == role):
        # "Minister Marles" -> defense minister; "Spokesman Wu Qian" -> the defence ministry's (MIL)
        f.actor, f.rule = Actor(term.code, sector or a.sector, a.name, role or a.role), Rule.TITLE_NAME_PEOPLE
    else:
        f.actor, f.rule = Actor(term.code, a.sector, a.name, a.role), Rule.TITLE_NAME_PEOPLE
    f.pending = None
    return True


def _resolve_one(f: Found, people: list[Found], found: list[Found], main: str | None,
                 date: int | None = None) -> list[Found]:
    a = f.actor
    if f.pending == "name":
        # a known country first; else the same person whose country is unknown ("---")
        candidates = [g for g in reversed(people) if _known(g)] + [
            g for g in reversed(people) if not _known(g) and g.actor is not None and g.actor.name]
        for g in candidates:
            if _name_match(f.key, g.actor):
                b = g.actor
                if a is None:
                    f.actor = b
                    f.rule = Rule.MEMORY_NAME
                else:
                    f.actor = _titled_as(a, b)
                    f.rule = Rule.TITLE_NAME_MEMORY
                f.pending = None
                return [f]
        for g in _later_people(f, found):
            if _name_match(f.key, g.actor):
                b = g.actor
                if a is None:
                    f.actor, f.rule = b, Rule.MEMORY_NAME
                else:  # "President Trump ... (later) U.S. President Donald Trump"
                    f.actor, f.rule = _titled_as(a, b), Rule.TITLE_NAME_MEMORY
                f.pending = None
                return [f]
        if _from_people_table(f, found, date):
            return [f]
        if a is not None and a.role:
            # "the French ambassador ... Ambassador Sylvain Itte": the latest unnamed holder of the role
            for g in reversed(people):
                b = g.actor
                if b.code != UNKNOWN and b.name is None and b.role == a.role and g.sent >= f.sent - 3:
                    f.actor = Actor(b.code, a.sector or b.sector, a.name, a.role)
                    f.rule, f.pending = Rule.TITLE_NAME_MEMORY, None
                    return [f]
        if a is not None and a.role in IGO_ROLES:
            # "NATO ... Secretary General Mark Rutte": the organisation just named
            for g in reversed([g for g in found if g.start_char < f.start_char and g.sent >= f.sent - 2]):
                if g.actor is not None and g.actor.code in _igo_codes():
                    f.actor = Actor(g.actor.code, a.sector, a.name, a.role)
                    f.rule, f.pending = Rule.TITLE_NAME_IGO, None
                    return [f]
        if a is not None and a.role == "spokesperson":
            # "China's Defense Ministry said ... Spokesman Wu Qian urged": the body just named
            for g in reversed(found[: found.index(f)] if f in found else []):
                b = g.actor
                if g.sent < f.sent - 1:
                    break
                if b is not None and b.code != UNKNOWN and b.name is None and b.role is None and b.sector:
                    f.actor = Actor(b.code, b.sector, a.name, a.role)
                    f.rule, f.pending = Rule.TITLE_NAME_BODY, None
                    return [f]
        known_country = _people_country(a.name if a is not None else f.name)
        if known_country and known_country in _doc_countries(found):
            if a is None:
                f.actor = Actor(known_country, None, f.name, None)
                f.rule = Rule.PEOPLE
            else:
                f.actor = Actor(known_country, a.sector, a.name, a.role)
                f.rule = Rule.TITLE_NAME_PEOPLE
            f.pending = None
            return [f]
        if a is not None:  # a titled person whose country nobody states: keep, code unknown
            f.pending = None
            f.rule = Rule.TITLE_NAME
            return [f]
        return []
    if f.pending == "counterpart":
        for g in reversed(people):
            b = g.actor
            if b.code != UNKNOWN and b.code != (a.code if a else None) and b.role and b.role != "=":
                f.actor = Actor(a.code, b.sector, a.name, b.role)
                f.rule = Rule.COUNTERPART
                f.pending = None
                if f.actor.code == UNKNOWN:
                    f.pending = "name" if f.actor.name else None
                    return _resolve_one(f, people, found, main) if f.actor.name else []
                return [f]
        if a and a.code != UNKNOWN:  # whose counterpart is not known: the country still is
            f.actor = Actor(a.code, None, a.name, "counterpart")
            f.pending, f.rule = None, Rule.COUNTERPART
            return [f]
        return []
    if f.pending in {"role", "group"} and f.state:
        return _states(f, found)
    if f.pending == "role" and a is not None and a.role in IGO_ROLES:
        # "the Secretary-General" with no name: the organisation named just before
        for g in reversed([g for g in found if g.start_char < f.start_char and g.sent >= f.sent - 2]):
            if g.actor is not None and g.actor.code in _igo_codes():
                return [Found(f.start_char, f.end_char, Actor(g.actor.code, a.sector, None, a.role),
                              Rule.MEMORY_IGO, f.start, f.end, sent=f.sent)]
    if f.pending == "role":
        matches: list[Found] = []
        seen: set[tuple] = set()
        for g in reversed(people):
            b = g.actor
            if b.code == UNKNOWN or not _role_match(f.key, b.role, counted=f.count >= 2):
                continue
            ident = (b.code, b.name, b.role)
            if ident in seen:
                continue
            seen.add(ident)
            matches.append(g)
            if len(matches) >= max(f.count, 1) and not (f.plural and f.count == 1):
                break
        if not matches:
            return []
        if not f.plural:
            matches = matches[:1]
        out = []
        for g in matches[: max(f.count, 1) if f.count > 1 else 4]:
            b = g.actor
            out.append(Found(f.start_char, f.end_char, Actor(b.code, b.sector or a.sector, b.name, b.role),
                             Rule.MEMORY_ROLE, f.start, f.end, sent=f.sent))
        return out
    if f.pending == "group":
        for g in reversed(people):
            b = g.actor
            if b.code != UNKNOWN and a.role and b.role == a.role:
                f.actor, f.rule, f.pending = Actor(b.code, a.sector, None, a.role), Rule.MEMORY_GROUP, None
                return [f]
        # "Britain's Ministry of Defence said ... The ministry added": the latest body with that head
        head = f.head
        earlier = [g for g in found if g.start_char < f.start_char and g.sent >= f.sent - 3]
        for g in reversed(earlier):
            b = g.actor
            if (b is not None and g.pending is None and b.code != UNKNOWN and b.name is None and head
                    and set(head) <= set(g.head)):
                f.actor, f.rule, f.pending = Actor(b.code, b.sector, None, b.role), Rule.MEMORY_GROUP, None
                return [f]
        if main and a.role:  # "the junta" in a story about one country
            f.actor, f.rule, f.pending = Actor(main, a.sector, None, a.role), Rule.MEMORY_MAIN_COUNTRY, None
            return [f]
        return []
    return []
