"""Dates as scrapes write them: "Jun11,2024", "June 11, 2024", "Jul 27th, 2024", "11 June 2024",
"2024-06-11", "11.06.2024". Only full dates (day, month and year) are recognised; ambiguous
numeric forms such as "06/11/2024" are not guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s*{_DAY}\s*,?\s*{_YEAR}\b", re.IGNORECASE),  # Jun11,2024 / June 11, 2024
    re.compile(rf"\b{_DAY}\s*(?:of\s+)?{_MONTH},?\s*{_YEAR}\b", re.IGNORECASE),  # 11 June 2024
    re.compile(rf"\b{_YEAR}-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)\b"),  # 2024-06-11
    re.compile(rf"\b{_YEAR}/(?P<mon>[01]\d)/(?P<day>[0-3]\d)\b"),  # 2024/06/11
    re.compile(rf"\b(?P<day>[0-3]\d)\.(?P<mon>[01]\d)\.{_YEAR}\b"),  # 11.06.2024
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b|\s*[+-]\d{2}:?\d{2})?"
_DATE_LINE_REST = re.compile(
    rf"^(?:\s|[,|•·:/()–—-]|{_WEEKDAY}|{_TIME}|\bat\b|\bon\b|\b(?:published|posted|updated|"
    rf"last updated|modified|date)\b)*$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int


def _month_number(match: re.Match) -> int:
    groups = match.groupdict()
    if groups.get("month"):
        return _MONTHS[groups["month"][:3].lower()]
    return int(groups["mon"])


def find_dates(text: str) -> list[FoundDate]:
    """Every full date in ``text``, left to right, with its span; invalid days are skipped."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            try:
                day = dt.date(int(match["year"]), _month_number(match), int(match["day"]))
            except ValueError:
                continue
            taken.append(match.span())
            found.append(FoundDate(day.isoformat(), match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def first_date(text: str) -> str | None:
    dates = find_dates(text)
    return dates[0].iso if dates else None


def is_date_line(text: str) -> bool:
    """A line that is only a date, with perhaps a weekday, a time and a "Published" label."""
    dates = find_dates(text)
    if not dates:
        return False
    rest = text
    for found in reversed(dates):
        rest = rest[: found.start] + " " + rest[found.end:]
    return bool(_DATE_LINE_REST.match(rest))


_UPDATED = re.compile(r"\b(updated|modified|edited|last update)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(published|posted|first published|created)\b", re.IGNORECASE)


def publication_date_in(text: str) -> str | None:
    """The date a metadata line gives for publication, skipping one labelled as an update.

    "Published June 11, 2024, updated June 12" -> 2024-06-11; "Updated: June 12, 2024" alone
    -> None (the update is not the publication date).
    """
    for found in find_dates(text):
        before = text[: found.start]
        label_pub = list(_PUBLISHED.finditer(before))
        label_upd = list(_UPDATED.finditer(before))
        last_pub = label_pub[-1].end() if label_pub else -1
        last_upd = label_upd[-1].end() if label_upd else -1
        if last_upd > last_pub:
            continue
        return found.iso
    return None
