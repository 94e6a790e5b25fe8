"""Office holders from 2015 on (amity/data/actors/people_recent.tsv): name -> country or IGO.

The table gives a person the text names a code when the text does not state one: a full name
("Jens Stoltenberg" -> NATO, "Secretary of State Antony J. Blinken" -> USA), or a surname after a
title ("Secretary Blinken", "President Yoon") when every row with that surname agrees on the code.
A person with several offices (Mark Rutte: NLD, then NATO) takes the row whose term covers the
document's date; without a date, a code the document itself mentions, else the row that started
last. Names compare folded: case, accents and full stops do not matter ("Erdoğan" = "Erdogan").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

OPEN_END = 99991231
SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
# letters NFKD does not decompose
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
                       "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'", "ʻ": "'", "‘": "'"})

# table role -> (sector, the role words an Actor carries, as in titles.tsv)
ROLES: dict[str, tuple[str, str]] = {
    "head_of_state": ("GOV", "head of state"),
    "acting_head_of_state": ("GOV", "head of state"),
    "head_of_government": ("GOV", "head of government"),
    "vice_president": ("GOV", "vice president"),
    "crown_prince": ("GOV", "crown prince"),
    "party_general_secretary": ("GOV", "general secretary"),
    "senior_official": ("GOV", "official"),
    "chief_cabinet_secretary": ("GOV", "chief cabinet secretary"),
    "presidential_chief_of_staff": ("GOV", "chief of staff"),
    "national_security_adviser": ("GOV", "national security adviser"),
    "security_council_secretary": ("GOV", "security council secretary"),
    "foreign_affairs_commission_director": ("DIP", "foreign affairs director"),
    "spokesperson": ("GOV", "spokesperson"),
    "foreign_minister": ("DIP", "foreign minister"),
    "foreign_minister_of_state": ("DIP", "foreign minister"),
    "deputy_foreign_minister": ("DIP", "deputy foreign minister"),
    "foreign_ministry_spokesperson": ("DIP", "spokesperson"),
    "secretary_of_state": ("DIP", "secretary of state"),
    "deputy_secretary_of_state": ("DIP", "deputy secretary of state"),
    "un_ambassador": ("DIP", "ambassador"),
    "special_envoy": ("DIP", "envoy"),
    "defense_minister": ("MIL", "defense minister"),
    "defense_secretary": ("MIL", "defense secretary"),
    "deputy_defense_secretary": ("MIL", "deputy defense secretary"),
    "defense_ministry_spokesperson": ("MIL", "spokesperson"),
    "army_chief": ("MIL", "army chief"),
    "military_chief": ("MIL", "military chief"),
    "finance_minister": ("GOV", "finance minister"),
    "treasury_secretary": ("GOV", "treasury secretary"),
    "deputy_treasury_secretary": ("GOV", "deputy treasury secretary"),
    # heads of international organisations
    "secretary_general": ("GOV", "secretary-general"),
    "commission_president": ("GOV", "president"),
    "council_president": ("GOV", "president"),
    "parliament_president": ("LEG", "president"),
    "high_representative": ("DIP", "high representative"),
    "commission_chair": ("GOV", "chairperson"),
    "director_general": ("GOV", "director general"),
    "managing_director": ("GOV", "managing director"),
}
# a title this general takes the office from the table ("Minister Marles" -> defense minister)
GENERIC_TITLES = {"minister", "secretary", "official", "leader"}
# a title in the text -> the table roles it names ("Prime Minister Mark Rutte" is NLD's, not NATO's)
TITLE_ROLES = {
    "prime minister": {"head_of_government"}, "chancellor": {"head_of_government"},
    "premier": {"head_of_government"}, "president": {"head_of_state", "commission_president",
                                                    "council_president", "parliament_president"},
    "king": {"head_of_state"}, "queen": {"head_of_state"}, "emir": {"head_of_state"},
    "sultan": {"head_of_state"}, "monarch": {"head_of_state"},
    "foreign minister": {"foreign_minister", "secretary_of_state"},
    "defense minister": {"defense_minister", "defense_secretary"},
    "defense secretary": {"defense_minister", "defense_secretary"},
    "ambassador": {"un_ambassador"}, "envoy": {"un_ambassador", "special_envoy"},
}


@dataclass(frozen=True)
class Term:
    """One row: a person in one office."""

    name: str
    code: str
    role: str
    start: int  # YYYYMMDD
    end: int  # YYYYMMDD; OPEN_END while in office
    short: str | None  # the name used alone; None: none
    common: bool  # the short name is a common word or a place ("~May")
    line: int

    def covers(self, date: int | None) -> bool:
        return date is not None and self.start <= date <= self.end

    def sector_role(self) -> tuple[str | None, str]:
        return ROLES.get(self.role, (None, self.role.replace("_", " ")))


@dataclass(frozen=True)
class Table:
    by_name: dict[str, tuple[Term, ...]]
    by_short: dict[str, tuple[Term, ...]]
    common: frozenset[str]  # short names marked "~", as written


def fold(text: str) -> str:
    """Lower case, no accents, no full stops, single spaces: the key names are compared by."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace(".", " ").lower().split())


def ascii_form(name: str) -> str:
    """The name without accents, case kept ("Recep Tayyip Erdoğan" -> "Recep Tayyip Erdogan")."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def parse_date(text: str, end: bool = False) -> int:
    """'2019' or '2019-07' as YYYYMMDD: the first day, or with ``end`` the last one."""
    text = text.strip()
    if not text:
        if end:
            return OPEN_END
        raise ValueError("a start date is required")
    parts = text.split("-")
    if len(parts) > 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"not YYYY or YYYY-MM: {text!r}")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) == 2 else (12 if end else 1)
    if not 1 <= month <= 12:
        raise ValueError(f"bad month: {text!r}")
    return year * 10000 + month * 100 + (31 if end else 1)


def default_short(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in SUFFIXES]
    return words[-1] if words else name


def parse_row(row: list[str], line: int) -> Term:
    """A TSV row as a Term; ValueError names what is wrong."""
    row = row + [""] * (6 - len(row))
    name, code, role, start, end, short = (c.strip() for c in row[:6])
    if not name or not code or not role:
        raise ValueError(f"line {line}: name, code and role are required")
    lo, hi = parse_date(start), parse_date(end, end=True)
    if hi < lo:
        raise ValueError(f"line {line}: {name} ends before it starts")
    common = short.startswith("~")
    short = short.lstrip("~")
    if short == "-":
        short_name = None
    else:
        short_name = short or default_short(name)
    return Term(name, code, role, lo, hi, short_name, common, line)


def parse_lines(lines: Iterable[str]) -> list[Term]:
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(parse_row(line.rstrip("\n").split("\t"), n))
    return out


@lru_cache(maxsize=1)
def table() -> Table:
    from importlib import resources

    try:
        text = resources.files("amity.data").joinpath("actors").joinpath("people_recent.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return Table({}, {}, frozenset())
    return build(parse_lines(text.splitlines()))


def build(terms: list[Term]) -> Table:
    by_name: dict[str, list[Term]] = {}
    by_short: dict[str, list[Term]] = {}
    common: set[str] = set()
    for t in terms:
        by_name.setdefault(fold(t.name), []).append(t)
        if t.short:
            by_short.setdefault(fold(t.short), []).append(t)
            if t.common:
                common.update({t.short, ascii_form(t.short)})
    return Table({k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_short.items()},
                 frozenset(common))


def matcher_names() -> list[tuple[str, str]]:
    """(surface form, code) for the gazetteer: every name, and its form without accents."""
    seen: dict[str, str] = {}
    for rows in table().by_name.values():
        for t in rows:
            for form in (t.name, ascii_form(t.name)):
                seen.setdefault(form, t.code)
    return sorted(seen.items())


def _title_matches(t: Term, title: str | None) -> bool:
    if not title:
        return False
    return t.role in TITLE_ROLES.get(title, ()) or t.sector_role()[1] == title


def _choose(rows: tuple[Term, ...], date: int | None, doc_codes: set[str], title: str | None = None) -> Term | None:
    """The row for this document: term covers the date, else the office the text's title names,
    else a code the document mentions, else the nearest term to the date, else the latest start."""
    if not rows:
        return None
    covering = [t for t in rows if t.covers(date)]
    if covering:
        return next((t for t in covering if _title_matches(t, title)), covering[0])
    titled = [t for t in rows if _title_matches(t, title)]
    if titled and len({t.code for t in titled}) == 1:
        rows = tuple(titled)
    named = [t for t in rows if t.code in doc_codes]
    if len({t.code for t in named}) == 1:
        return max(named, key=lambda t: t.start)
    if date is not None:
        return min(rows, key=lambda t: (min(abs(date - t.start), abs(date - t.end)), -t.start))
    return max(rows, key=lambda t: (t.start, -t.line))


def lookup(name: str | None, date: int | None = None, doc_codes: Iterable[str] = (),
           titled: bool = False, role: str | None = None) -> Term | None:
    """The row for a name the text gives: a full name, or (``titled``) a surname after a title;
    ``role`` is the title's role ("prime minister"), when the text gives one.

    A surname resolves only when all its rows (those in office on the date, when some are) have
    one code; the person's own rows then choose as for a full name."""
    if not name:
        return None
    key = fold(name)
    tab = table()
    codes = set(doc_codes)
    rows = tab.by_name.get(key)
    if rows and (" " in key or len(rows[0].name.split()) == 1):
        return _choose(rows, date, codes, role)
    if not titled:
        return None
    rows = tab.by_short.get(key)
    if not rows:
        return None
    current = [t for t in rows if t.covers(date)] or list(rows)
    if len({t.code for t in current}) != 1 and len({_given(t) for t in current}) != 1:
        return None  # several people with this surname in different countries
    return _choose(tuple(current), date, codes, role)


def _given(t: Term) -> str:
    """What tells people with one surname apart: the first other word of the name ("Donald"
    for both of Donald Tusk's offices, "Jong" and "Yo" for Kim Jong Un and Kim Yo Jong)."""
    short = fold(t.short or "")
    return next((w for w in fold(t.name).split() if w != short), fold(t.name))


def is_common_short(word: str) -> bool:
    """A surname in the table that is also a common word or a place ("May", "Austin")."""
    return word in table().common
