"""Validated filters over merged events, shared by the CLI, the JSON API and the pages."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from amity.errors import InputError
from amity.models import PLOVER_TYPES, SUBTYPES

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
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


def one_of(value: str, valid: Sequence[str], what: str) -> str:
    """``value`` if it is one of ``valid``; else InputError naming the valid values and, when
    one is close, suggesting it ("did you mean exercise?")."""
    if value in valid:
        return value
    close = difflib.get_close_matches(value.lower(), [v.lower() for v in valid], n=1, cutoff=0.6)
    guess = next((v for v in valid if close and v.lower() == close[0]), None)
    message = f"{what} {value!r} is not one of amity's {what}s" + (f": did you mean {guess}?" if guess else "")
    raise InputError(message, hint=f"{what.capitalize()}s: {', '.join(valid)}.")


def event_type(value: str | None) -> str | None:
    """A PLOVER type from user input (any case), or None."""
    value = _blank(value)
    return None if value is None else one_of(value.upper(), PLOVER_TYPES, "type")


def event_subtype(value: str | None) -> str | None:
    """A defense subtype from user input (any case), or None."""
    value = _blank(value)
    return None if value is None else one_of(value.lower(), SUBTYPES, "subtype")


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
        raise InputError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                         hint="For example 2024, 2024-06 or 2024-06-11.")
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
    etype = event_type(type)
    sub = event_subtype(subtype)
    words = _blank(text)
    if words is not None and len(words) > MAX_TEXT:
        raise InputError(f"search text is longer than {MAX_TEXT} characters")
    if min_sources is not None and min_sources < 1:
        raise InputError("min_sources must be at least 1")
    pair_value = parse_pair(",".join(pair) if isinstance(pair, (tuple, list)) else pair)
    return EventFilter(actor=actor_code(actor), pair=pair_value, type=etype,
                       subtype=sub, since=_date(since, end=False),
                       until=_date(until, end=True), text=words, min_sources=min_sources,
                       min_confidence=confidence_value(min_confidence))
