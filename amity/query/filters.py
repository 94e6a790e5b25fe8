"""Validated filters over merged events, shared by the CLI, the JSON API and the pages."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from amity.errors import InputError

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TYPE = re.compile(r"^[A-Z]{3,12}$")
_SUBTYPE = re.compile(r"^[a-z][a-z_]{1,39}$")
MAX_TEXT = 200


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # on either side
    pair: tuple[str, str] | None = None  # unordered
    type: str | None = None
    subtype: str | None = None
    since: str | None = None  # YYYY-MM-DD (YYYY or YYYY-MM are widened to the first day)
    until: str | None = None  # YYYY-MM-DD (YYYY or YYYY-MM are widened to the last day)
    text: str | None = None  # words in any source sentence
    min_sources: int | None = None
    min_confidence: float | None = None  # 0..1: the probability, as the coder scores it, that the event is right


def _blank(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def actor_code(value: str | None, what: str = "actor") -> str | None:
    value = _blank(value)
    if value is None:
        return None
    code = value.upper()
    if not _CODE.match(code):
        raise InputError(f"{what} {value!r} is not an actor code", hint="Use codes like USA, JPN or NATO.")
    return code


def parse_pair(value: str | None) -> tuple[str, str] | None:
    """'USA,JPN' (or 'USA-JPN', 'USA JPN') -> ('USA', 'JPN')."""
    value = _blank(value)
    if value is None:
        return None
    parts = [p for p in re.split(r"[,\s/-]+", value) if p]
    if len(parts) != 2:
        raise InputError(f"pair {value!r} needs two actor codes", hint="Write it as USA,JPN.")
    return actor_code(parts[0], "pair member"), actor_code(parts[1], "pair member")


def _date(value: str | None, end: bool) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    if not _DATE.match(value):
        raise InputError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 4:
        return f"{value}-12-31" if end else f"{value}-01-01"
    if len(value) == 7:
        import calendar

        last = calendar.monthrange(int(value[:4]), int(value[5:7]))[1] if 1 <= int(value[5:7]) <= 12 else 0
        if not last:
            raise InputError(f"date {value!r} has no such month")
        return f"{value}-{last:02d}" if end else f"{value}-01"
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"date {value!r} does not exist") from exc
    return value


def confidence_value(value: float | str | None, what: str = "min_confidence") -> float | None:
    """A confidence threshold from user input: None (no threshold) or a number from 0 to 1."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    hint = "Give a probability from 0 to 1, e.g. 0.8 keeps the events the coder is at least 80% sure of."
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{what} {value!r} is not a number", hint=hint) from exc
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise InputError(f"{what} {value!r} is not between 0 and 1", hint=hint)
    return number


def make_filter(actor: str | None = None, pair: str | tuple | None = None, type: str | None = None,
                subtype: str | None = None, since: str | None = None, until: str | None = None,
                text: str | None = None, min_sources: int | None = None,
                min_confidence: float | str | None = None) -> EventFilter:
    """An EventFilter from user input; InputError names the first bad value."""
    etype = _blank(type)
    if etype is not None and not _TYPE.match(etype.upper()):
        raise InputError(f"type {etype!r} is not a PLOVER type", hint="For example AGREE, CONSULT, ASSAULT.")
    sub = _blank(subtype)
    if sub is not None and not _SUBTYPE.match(sub.lower()):
        raise InputError(f"subtype {sub!r} is not a subtype name", hint="For example exercise, arms_transfer.")
    words = _blank(text)
    if words is not None and len(words) > MAX_TEXT:
        raise InputError(f"search text is longer than {MAX_TEXT} characters")
    if min_sources is not None and min_sources < 1:
        raise InputError("min_sources must be at least 1")
    pair_value = parse_pair(",".join(pair) if isinstance(pair, (tuple, list)) else pair)
    return EventFilter(actor=actor_code(actor), pair=pair_value, type=etype.upper() if etype else None,
                       subtype=sub.lower() if sub else None, since=_date(since, end=False),
                       until=_date(until, end=True), text=words, min_sources=min_sources,
                       min_confidence=confidence_value(min_confidence))
