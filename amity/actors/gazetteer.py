"""The actor gazetteer: amity's data tables plus user dictionaries, as one list of entries.

Entry kinds:
- ``name``: a country's name ("Japan", "the U.S."): the state itself;
- ``adjective``: an adjective or demonym ("Japanese", "Nigerien");
- ``capital``: a capital used for the government ("Tokyo said ...");
- ``igo``: an international organisation (NATO, UN, ...);
- ``institution``: a named body or company with a fixed country ("the Pentagon" -> USA MIL);
- ``title``: a title or generic actor noun that sets a sector; its country comes from context;
- ``ship``: a ship prefix ("USS"): the name after it is a navy vessel;
- ``person``: a named office holder from people_recent.tsv ("Antony J. Blinken"); the name is
  found even where spaCy does not tag it, and amity.actors.people gives its code;
- ``stop``: a phrase that is never an actor ("Washington Post").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from amity.actors import people as recent_people
from amity.actors import petrarch
from amity.errors import DictionaryError

STATE_KINDS = frozenset({"name", "adjective", "capital", "igo"})


@dataclass(frozen=True)
class Entry:
    term: str
    kind: str
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    person: bool = False  # a title that may stand before a person's name
    name: str | None = None  # a person's name, for entries that name one
    case: bool = True  # matched case-sensitively
    stem: bool = False  # the last word matches any word it starts (PETRARCH stems)
    source: str = "amity"
    dated: tuple[tuple[str, int, int], ...] = ()  # (code, from, to) as YYYYMMDD; first match wins

    def code_on(self, date: int | None) -> tuple[str | None, str | None]:
        """(code, sector) that hold on a date (YYYYMMDD), for dictionary entries with date limits."""
        if date and self.dated:
            for code, lo, hi in self.dated:
                if lo <= date <= hi:
                    if "/" in code:
                        return code.upper(), None
                    return petrarch.split_actor_code(code)
        return self.code, self.sector


@dataclass
class Senses:
    """The rules that keep place names that are not actors out (amity/data/actors/senses.tsv)."""

    heads: frozenset[str]
    vessels: frozenset[str]
    locatives: frozenset[str]
    cues: dict[str, frozenset[str]]
    context_against: dict[str, tuple[str, ...]]
    context_for: dict[str, tuple[str, ...]]


def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("amity.data").joinpath("actors").joinpath(name).read_text(encoding="utf-8")
    return _tsv_rows(text.splitlines())


def _tsv_rows(lines) -> list[list[str]]:
    rows = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.rstrip("\n").split("\t")])
    return rows


def _plural_forms(term: str) -> list[str]:
    if term.endswith(("s", ".")) or " of " in term:
        # "minister of defense" -> "ministers of defense"
        if " of " in term:
            head, rest = term.split(" of ", 1)
            return [petrarch.regular_plurals(head)[0] + " of " + rest]
        return []
    return petrarch.regular_plurals(term)


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[Entry, ...]:
    """Every entry shipped in amity/data/actors/."""
    out: list[Entry] = []
    for code, kind, term in (r[:3] for r in _data_rows("countries.tsv")):
        out.append(Entry(term, kind, code=code, sector="GOV" if kind == "capital" else None))
        if term.startswith("the "):
            out.append(Entry("The " + term[4:], kind, code=code))
    for row in _data_rows("igos.tsv"):
        for term in row[1].split("|"):
            if term.startswith("@"):  # a seat: "Brussels" for the EU, a place after "in"
                out.append(Entry(term[1:], "capital", code=row[0], sector="GOV"))
            elif term:
                out.append(Entry(term, "igo", code=row[0]))
    for name in ("institutions.tsv", "phoenix_institutions.tsv"):
        try:
            rows = _data_rows(name)
        except FileNotFoundError:
            continue
        for row in rows:
            row += [""] * 4
            out.append(Entry(row[0], "institution", code=row[1] or None, sector=row[2] or None,
                             role=row[3] or None, case=False))
    for row in _data_rows("titles.tsv"):
        row += [""] * 4
        term, sector, role, kind = row[0], row[1] or None, row[2] or None, row[3]
        person = kind == "person"
        forms = [term] + _plural_forms(term)
        for i, form in enumerate(forms):
            out.append(Entry(form, "title", sector=sector, role=role, person=person and i == 0,
                             case=False, name="plural" if i else None))
    for row in _data_rows("ships.tsv"):
        out.append(Entry(row[0], "ship", code=row[1], sector="MIL", role="vessel"))
    for row in _data_rows("senses.tsv"):
        if row[0] == "phrase":
            out.append(Entry(row[1], "stop"))
    for term, code in recent_people.matcher_names():
        out.append(Entry(term, "person", code=code, name=term))
    return tuple(out)


@lru_cache(maxsize=1)
def senses() -> Senses:
    heads: set[str] = set()
    vessels: set[str] = set()
    locatives: set[str] = set()
    cues: dict[str, frozenset[str]] = {}
    against: dict[str, tuple[str, ...]] = {}
    favour: dict[str, tuple[str, ...]] = {}
    for row in _data_rows("senses.tsv"):
        row += ["", ""]
        kind, term, words = row[0], row[1], [w for w in row[2].split("|") if w]
        if kind == "head":
            heads.update(words)
        elif kind == "vessel":
            vessels.update(w.lower() for w in words)
        elif kind == "locative":
            locatives.update(w.lower() for w in words)
        elif kind == "cue":
            cues[term] = frozenset(w.lower() for w in words)
        elif kind == "context":
            against[term] = tuple(words)
        elif kind == "state":
            favour[term] = tuple(words)
    return Senses(frozenset(heads), frozenset(vessels), frozenset(locatives), cues, against, favour)


@lru_cache(maxsize=1)
def people() -> dict[str, str]:
    """Lower-cased person name -> country (amity/data/actors/phoenix_people.tsv)."""
    try:
        rows = _data_rows("phoenix_people.tsv")
    except FileNotFoundError:
        return {}
    return {r[0]: r[1] for r in rows if len(r) >= 2}


# -- user dictionaries ----------------------------------------------------------------------

def load_user_file(path: str | Path) -> list[Entry]:
    """A user's actor file: amity's TSV (``.tsv``) or a PETRARCH / Phoenix dictionary."""
    p = Path(path)
    if not p.is_file():
        raise DictionaryError(f"actor dictionary not found: {p}")
    text = p.read_text(encoding="utf-8", errors="replace")
    if p.suffix.lower() in {".tsv", ".tab"} or (text.lstrip()[:5].lower().startswith("term\t")):
        return load_user_tsv(text.splitlines(), p.name)
    return load_petrarch(text.splitlines(), p.name)


def load_user_tsv(lines, source: str = "user") -> list[Entry]:
    """amity's user TSV: ``term<TAB>code<TAB>sector<TAB>role<TAB>name`` (header optional).

    An empty code makes the term a title: its country then comes from context ("Arnorian minister").
    A term with an upper-case letter is matched case-sensitively.
    """
    out: list[Entry] = []
    for n, row in enumerate(_tsv_rows(lines), 1):
        if n == 1 and row[0].lower() == "term":
            continue
        if len(row) < 2 or not row[0]:
            raise DictionaryError(f"{source}: row {n} needs at least a term and a code: {row!r}")
        row += [""] * 5
        term, code, sector, role, name = row[:5]
        case = any(ch.isupper() for ch in term)
        if code:
            kind = "name" if not sector and not name and len(code) == 3 else "institution"
            out.append(Entry(term, kind, code=code.upper(), sector=sector or None,
                             role=role or None, name=name or None, case=case, source=source))
        elif sector:
            out.append(Entry(term, "title", sector=sector, role=role or None, person=bool(role),
                             case=case, source=source))
        else:
            raise DictionaryError(f"{source}: row {n} has neither a code nor a sector")
    return out


def _adjectives(word: str) -> list[str]:
    """Likely adjective forms of a state's one-word name ('Arnor' -> 'Arnorian', ...)."""
    w = word
    base = w[:-1] if w[-1:].lower() in "aeiouy" else w
    return sorted({w + "ian", base + "ian", base + "an", w + "ese", base + "ese", base + "i"})


def load_petrarch(lines, source: str = "user") -> list[Entry]:
    """A PETRARCH / Phoenix actor or agent dictionary as entries (case-insensitive)."""
    out: list[Entry] = []
    for entry in petrarch.parse_actor_lines(lines):
        if entry.agent:
            sector = petrarch.agent_sector(next((c for c, _ in entry.codes if "~" in c), ""))
            for phrase, stem in zip(entry.phrases, entry.stems):
                title = phrase.title()
                out.append(Entry(title, "title", sector=sector, role=phrase.lower(), person=True,
                                 case=False, stem=False, source=source))
                plurals = entry.plurals if entry.plurals is not None else petrarch.regular_plurals(phrase)
                for plural in plurals:
                    out.append(Entry(plural.title(), "title", sector=sector, role=phrase.lower(),
                                     case=False, name="plural", source=source))
            continue
        code = petrarch.pick_code(entry.codes)
        if not code:
            continue
        if "/" in code:  # several actors at once ("[FRO/BIL/SAM]")
            actor_code, sector = code.upper(), None
        else:
            actor_code, sector = petrarch.split_actor_code(code)
        dated = petrarch.dated_codes(entry.codes)
        for phrase, stem in zip(entry.phrases, entry.stems):
            term = phrase.title()
            kind = "name" if sector is None and (len(actor_code) == 3 or "/" in actor_code) else "institution"
            if dated:
                kind = "institution"  # its sector may change with the date
            out.append(Entry(term, kind, code=actor_code, sector=sector, case=False,
                             stem=stem and len(phrase.split()[-1]) >= 4, source=source, dated=dated))
            words = phrase.split()
            if sector is None and len(words) <= 2 and len(actor_code) == 3 and words[-1].isalpha():
                for adj in _adjectives(words[-1].title()):
                    adj_term = " ".join([w.title() for w in words[:-1]] + [adj])
                    out.append(Entry(adj_term, "adjective", code=actor_code, case=False, source=source))
    return out
