"""Event dates: a date expression in a sentence, resolved against the publication date.

``resolve(text, published, future=False) -> EventDate | None`` finds the first date expression in
``text`` and turns it into a date with a precision:

- absolute: "June 10, 2024", "10 June 2024", "2024-06-10" (day); "June 2024" (month); "in 2017" (year)
- partly absolute, the year taken from publication: "Monday, June 10", "June 10" (day);
  "in April", "in early November" (month: the most recent such month not after publication)
- relative to publication: "on Sunday" (the most recent Sunday on or before it; the next one when
  the event is planned), "yesterday", "today", "tomorrow", "this month", "earlier this month",
  "last month", "this year", "last year", "next year"

Nothing found, or a relative expression with no publication date -> None (unknown stays null).

Each date says how the text gives it (``basis``): ``stated`` when the expression names the day,
month or year ("on Tuesday", "June 11", "in 2017"), ``relative`` when it counts from the
publication ("yesterday", "last week", "earlier this month"). The coder adds the bases that come
from the rest of the story (``inherited``, ``background``, ``publication``; docs/events.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"((?:19|20)\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"

# (name, pattern); tried in this order, the earliest match in the text wins among them.
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((n, re.compile(p, re.IGNORECASE)) for n, p in (
    ("iso", r"\b" + _YEAR + r"-(\d\d)-(\d\d)\b"),
    ("mdy", r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b"),
    ("dmy", r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"),
    ("md", r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?!,?\s*(?:19|20)\d\d)"),
    ("dm", r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"\b(?!,?\s*(?:19|20)\d\d)"),
    ("my", r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b"),
    ("month", r"\b(?:in|during|since|until|by|of|early|mid|late|mid-|end of|beginning of)\s*-?\s*(?:early\s+|mid-?\s*|late\s+)?" + _MONTH + r"\b(?!\s+\d)"),
    ("year", r"\b(?:in|during|since|until|by|of|early|late|mid-?)\s+" + _YEAR + r"\b"),
    ("weekday", r"\b(?:on|last|this|next|late|early)?\s*" + _WEEKDAY + r"\b"),
    ("relday", r"\b(yesterday|today|tomorrow)\b"),
    ("relmonth", r"\b(this|last|next|earlier this|later this|past)\s+month\b"),
    ("relyear", r"\b(this|last|next|earlier this|later this|past)\s+year\b"),
    ("relweek", r"\b(this|last|next|earlier this|later this|past)\s+week\b"),
))


BASES = ("stated", "relative", "inherited", "background", "publication", "merged")
"""How an event's date was found, from the text's own words to nothing better than the day the
report was published (docs/events.md, "Dates")."""

_RELATIVE_KINDS = frozenset({"relday", "relmonth", "relyear", "relweek"})


@dataclass(frozen=True)
class EventDate:
    value: str  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str  # day | month | year
    text: str  # the expression as written
    start: int = 0  # offsets of the expression in the text given to resolve()
    end: int = 0
    basis: str = "stated"  # one of BASES


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day(d: dt.date | None) -> tuple[str, str] | None:
    return (d.isoformat(), "day") if d else None


def _year_for(month: int, day: int, pub: dt.date, future: bool) -> int:
    """The year of a month/day written without one: publication's year, unless that puts it
    far on the wrong side of publication (a past event in "December" read in January)."""
    cand = _safe_date(pub.year, month, min(day, 28)) or pub
    if not future and (cand - pub).days > 31:
        return pub.year - 1
    if future and (pub - cand).days > 31:
        return pub.year + 1
    return pub.year


def _weekday(name: str, pub: dt.date, future: bool) -> dt.date:
    delta = (pub.weekday() - WEEKDAYS[name.lower()]) % 7
    if future:
        return pub + dt.timedelta(days=(WEEKDAYS[name.lower()] - pub.weekday()) % 7)
    return pub - dt.timedelta(days=delta)


def _shift_month(pub: dt.date, months: int) -> str:
    idx = pub.year * 12 + pub.month - 1 + months
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


def _relative(kind: str, g: tuple[str, ...], pub: dt.date, future: bool) -> tuple[str, str] | None:
    if kind == "weekday":
        return _day(_weekday(g[0], pub, future))
    if kind == "relday":
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[g[0].lower()]
        return _day(pub + dt.timedelta(days=offset))
    word = g[0].lower()
    step = -1 if word == "last" else 1 if word == "next" else 0
    if kind == "relmonth":
        return (_shift_month(pub, step), "month")
    if kind == "relyear":
        return (f"{pub.year + step:04d}", "year")
    if kind == "relweek":  # the week is not a day: the month it falls in (its middle)
        middle = pub + dt.timedelta(days=7 * step)
        return (f"{middle.year:04d}-{middle.month:02d}", "month")
    if kind == "md":
        m, d = _month(g[0]), int(g[1])
        return _day(_safe_date(_year_for(m, d, pub, future), m, d))
    if kind == "dm":
        m, d = _month(g[1]), int(g[0])
        return _day(_safe_date(_year_for(m, d, pub, future), m, d))
    if kind == "month":
        m = _month(g[0])
        year = pub.year if (m <= pub.month or future) else pub.year - 1
        if future and m < pub.month:
            year = pub.year + 1
        return (f"{year:04d}-{m:02d}", "month")
    return None


def _absolute(kind: str, g: tuple[str, ...]) -> tuple[str, str] | None:
    if kind == "iso":
        return _day(_safe_date(int(g[0]), int(g[1]), int(g[2])))
    if kind == "mdy":
        return _day(_safe_date(int(g[2]), _month(g[0]), int(g[1])))
    if kind == "dmy":
        return _day(_safe_date(int(g[2]), _month(g[1]), int(g[0])))
    if kind == "my":
        return (f"{int(g[1]):04d}-{_month(g[0]):02d}", "month")
    if kind == "year":
        return (g[0], "year")
    return None


def _candidates(text: str):
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # part of a fuller expression already found ("June 10, 2024")
            taken.append((m.start(), m.end()))
            found.append((m.start(), kind, m))
    found.sort(key=lambda f: f[0])
    return [f for i, f in enumerate(found) if not _weekday_before_date(f, found[i + 1:])]


def _weekday_before_date(cand, later) -> bool:
    """"Monday, June 10": the weekday only names the date that follows it."""
    return cand[1] == "weekday" and bool(later) and later[0][0] - cand[2].end() <= 3


def resolve(text: str, published: str | None, future: bool = False) -> EventDate | None:
    """The first resolvable date expression in ``text``; None when there is none."""
    pub = parse_published(published)
    for _, kind, m in _candidates(text):
        groups = m.groups()
        value = _absolute(kind, groups)
        if value is None and pub is not None:
            value = _relative(kind, groups, pub, future)
        if value is not None:
            basis = "relative" if kind in _RELATIVE_KINDS else "stated"
            return EventDate(value[0], value[1], m.group(0).strip(), m.start(), m.end(), basis)
    return None


def has_date(text: str) -> bool:
    """True when ``text`` holds any date expression, resolvable or not."""
    return bool(_candidates(text))


_NUMBERS = {w: i for i, w in enumerate(
    ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_NUMBERS["a"] = _NUMBERS["an"] = 1
_DURATION = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+"
                       r"(day|week|month|year)s?\b", re.IGNORECASE)
_UNIT_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "month"}


def shift(anchor: EventDate, duration: str, direction: int) -> EventDate | None:
    """The date ``duration`` ("less than five months", "a day", "two weeks") before (direction
    -1) or after (+1) ``anchor``, at the coarser of the anchor's precision and the unit's (a day
    or a week keeps a day; months and years give a month); basis ``relative``. None when
    ``duration`` names no length of time."""
    found = _DURATION.search(duration)
    if found is None:
        return None
    count = _NUMBERS.get(found.group(1).lower()) or int(found.group(1))
    unit = found.group(2).lower()
    precision = max(anchor.precision, _UNIT_PRECISION[unit], key=("day", "month", "year").index)
    try:
        start = dt.date.fromisoformat(anchor.value) if anchor.precision == "day" else dt.date(
            int(anchor.value[:4]), int(anchor.value[5:7]) if anchor.precision == "month" else 7, 1)
    except ValueError:
        return None
    if unit in ("day", "week"):
        moved = start + dt.timedelta(days=direction * count * (7 if unit == "week" else 1))
    else:
        months = direction * count * (12 if unit == "year" else 1)
        idx = start.year * 12 + start.month - 1 + months
        moved = dt.date(idx // 12, idx % 12 + 1, 1)
    value = {"day": moved.isoformat(), "month": f"{moved.year:04d}-{moved.month:02d}", "year": f"{moved.year:04d}"}[precision]
    return EventDate(value, precision, found.group(0), 0, 0, "relative")
