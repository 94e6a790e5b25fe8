"""When two coded event instances can describe the same happening. Pure functions, no I/O.

Rules (docs/analytics.md, "Merging"):
- the same block: same actor pair (sorted when the event is symmetric, ordered when directed) and
  the same PLOVER type (the block key is computed by ``block_key``);
- subtypes equal, or one of them unknown;
- places compatible: the same country, or one of them unknown;
- dates that the texts give (basis stated, relative, inherited or background; see
  ``amity.events.dates.BASES``) compatible at the coarser precision: two days at most
  ``DAY_WINDOW`` days apart, a month and a day or month in that month, a year and anything in
  that year. Two such dates that disagree keep two reports apart whatever else they share;
- where a text gives no date (undated, or dated only by its publication: basis
  ``publication``), the report's time is its publication day: two reports whose times are more
  than ``UNDATED_PUBLISHED_WINDOW`` days apart are kept apart. A report whose time is unknown
  (no date in its text, no publication date) conflicts with none.

Whether two reports nothing keeps apart do join is decided from the evidence they share
(``amity.merge.evidence``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

DAY_WINDOW = 2
UNDATED_PUBLISHED_WINDOW = 3  # publication days this close are evidence of one happening
TEXT_BASES = frozenset({"stated", "relative", "inherited", "background"})
BASIS_RANK = {"stated": 0, "relative": 1, "inherited": 2, "background": 3, "merged": 4, "publication": 5}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
UNDATED_RANK = 3


@dataclass(frozen=True)
class Instance:
    """What the merger needs of one event_mentions row."""

    doc_id: str
    idx: int
    source: str
    target: str
    type: str
    symmetric: bool
    subtype: str | None = None
    date: str | None = None
    date_precision: str | None = None
    location_country: str | None = None
    published: dt.date | None = None
    confidence: float = 0.5
    date_basis: str | None = None  # how the text gave the date (None with a date: stated)
    text: str = ""  # the evidence sentence
    context: str = ""  # the report's title and lead

    @cached_property
    def ref(self) -> tuple[str, int]:
        return (self.doc_id, self.idx)

    @cached_property
    def span(self) -> tuple[dt.date, dt.date] | None:
        return _parse_range(self)

    @cached_property
    def time(self) -> tuple[dt.date, dt.date] | None:
        """``time_span``, worked out once (the clustering asks for it for every pair)."""
        span = self.span
        if span is not None:
            return span
        return (self.published, self.published) if self.published is not None else None

    @cached_property
    def precision_rank(self) -> int:
        return UNDATED_RANK if self.span is None else PRECISION_RANK[precision_of(self)]


def block_key(inst: Instance) -> tuple[str, str, str, bool]:
    """(actor, actor, type, directed): instances in different blocks never merge."""
    if inst.symmetric:
        a, b = sorted((inst.source, inst.target))
        return (a, b, inst.type, False)
    return (inst.source, inst.target, inst.type, True)


def text_dated(inst: Instance) -> bool:
    """Does the report's text give its date (not only the day it was published)?"""
    return bool(inst.date) and (inst.date_basis is None or inst.date_basis in TEXT_BASES)


def basis_rank(inst: Instance) -> int:
    """0 for a stated date ... 5 for a publication date, 6 for none: how much a date is worth."""
    if not inst.date:
        return len(BASIS_RANK)
    return BASIS_RANK.get(inst.date_basis or "stated", len(BASIS_RANK))


def precision_of(inst: Instance) -> str | None:
    """day | month | year, from date_precision or, when that is missing, the date's shape."""
    if not inst.date:
        return None
    if inst.date_precision in PRECISION_RANK:
        return inst.date_precision
    return {10: "day", 7: "month", 4: "year"}.get(len(inst.date))


def date_range(inst: Instance) -> tuple[dt.date, dt.date] | None:
    """First and last day the instance's date can mean; None when undated or unparsable."""
    return inst.span


def _parse_range(inst: Instance) -> tuple[dt.date, dt.date] | None:
    if not text_dated(inst):
        return None
    precision = precision_of(inst)
    try:
        if precision == "day":
            day = dt.date.fromisoformat(inst.date[:10])
            return day, day
        if precision == "month":
            year, month = int(inst.date[:4]), int(inst.date[5:7])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if precision == "year":
            year = int(inst.date[:4])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (ValueError, TypeError):
        return None
    return None


def rank(inst: Instance) -> int:
    """0 for day precision ... 3 for undated (or an unparsable date)."""
    return inst.precision_rank


def subtypes_compatible(a: Instance, b: Instance) -> bool:
    return a.subtype is None or b.subtype is None or a.subtype == b.subtype


def places_compatible(a: Instance, b: Instance) -> bool:
    return a.location_country is None or b.location_country is None or a.location_country == b.location_country


def time_span(inst: Instance) -> tuple[dt.date, dt.date] | None:
    """When a report places its happening: the range of the date its text gives, else its
    publication day; None when neither is known."""
    return inst.time


def time_gap(a: Instance, b: Instance) -> int | None:
    """Days between two reports' times (``time_span``; 0 when they overlap or the reports are
    in one document); None when either time is unknown."""
    if a.doc_id == b.doc_id:
        return 0
    ta, tb = time_span(a), time_span(b)
    if ta is None or tb is None:
        return None
    if ta[1] < tb[0]:
        return (tb[0] - ta[1]).days
    if tb[1] < ta[0]:
        return (ta[0] - tb[1]).days
    return 0


def dates_agree(a: Instance, b: Instance) -> bool:
    """Both texts give a date and the dates are compatible at the coarser precision."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return False
    coarser = max(rank(a), rank(b))
    if coarser == PRECISION_RANK["day"]:
        return abs((ra[0] - rb[0]).days) <= DAY_WINDOW
    # The finer range must lie inside the coarser one: a day in that month, a month in that year.
    outer, inner = (ra, rb) if rank(a) >= rank(b) else (rb, ra)
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def dates_conflict(a: Instance, b: Instance) -> bool:
    """Never one happening by their times: both texts date them and the dates disagree; or a
    text gives no date and the two times (a text's date, else the publication day) are more than
    ``UNDATED_PUBLISHED_WINDOW`` days apart. Unknown times never conflict."""
    if date_range(a) is not None and date_range(b) is not None:
        return not dates_agree(a, b)
    gap = time_gap(a, b)
    return gap is not None and gap > UNDATED_PUBLISHED_WINDOW


def compatible(a: Instance, b: Instance) -> bool:
    """Nothing rules out that a and b (already in the same block) are one happening: subtypes,
    places and dates given by the texts do not disagree."""
    return subtypes_compatible(a, b) and places_compatible(a, b) and not dates_conflict(a, b)


def distance(a: Instance, b: Instance) -> float:
    """How far apart two compatible instances are, in days (midpoints of their times)."""
    ra, rb = time_span(a), time_span(b)
    if ra is None or rb is None:
        return 0.0
    mid_a = ra[0].toordinal() + (ra[1] - ra[0]).days / 2
    mid_b = rb[0].toordinal() + (rb[1] - rb[0]).days / 2
    return abs(mid_a - mid_b)
