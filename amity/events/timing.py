"""Dates for the events whose own words give none: the story's structure fills the gap.

``complete(events, published, sentence_starts, options) -> tuple[Event, ...]``

An event keeps the date its trigger's phrases give (basis ``stated`` or ``relative``, from
``amity.events.context.date``). One without (and not a background mention, not planned) takes,
in this order:

1. ``inherited`` from its sentence: the date of an event earlier in the same sentence ("On
   Nov. 15 Austin met Teodoro and the two welcomed ..."; a date later in the sentence often
   belongs to a clause about something else: "discussed the lines of effort agreed at the
   summit on August 18");
2. ``inherited`` from the story: the first day or month written in the story's lead (its first
   ``lead_sentences`` sentences: "convened a trilateral meeting on November 12, 2023"), else the
   date of the first dated, asserted event there. News reports one main happening, and its lead
   says when; what the rest of the story says of it without a date happened then ("The leaders
   discussed ..."). Not for a verb in the present tense ("The United States condemns", "We
   call on"): a statement's own acts happen the day it is published;
3. ``publication``: the day the report was published, a stand-in, shown as ``~DATE``;
4. nothing: undated, visibly so.

A background mention ("since Russia's invasion of Ukraine") keeps its own phrase's date or
none: it is never dated to the story or the publication. Planned events are never dated to the
publication. Pure function of its inputs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from amity.events import dates
from amity.events.options import CoderOptions
from amity.models import Event

OWN_BASES = frozenset({"stated", "relative"})


def _sentence_no(ev: Event, starts: Sequence[int]) -> int:
    return max(bisect.bisect_right(starts, ev.sentence_span[0]) - 1, 0)


def story_date(events: Sequence[Event], starts: Sequence[int], lead: int) -> Event | None:
    """The first asserted event of the lead with a date of its own, or None."""
    dated = [ev for ev in events if ev.date and ev.date_basis in OWN_BASES and ev.status == "asserted"
             and _sentence_no(ev, starts) < lead]
    return min(dated, key=lambda ev: (ev.sentence_span[0], ev.trigger.start), default=None)


_BACKGROUND = re.compile(r"\b(?:since|following|after|before)\s+(?:the\s+|a\s+)?$", re.IGNORECASE)


def lead_date(lead: str, published: str | None) -> dates.EventDate | None:
    """The first day or month written in the story's lead, not one that names an earlier
    happening ("since May 2019", "following the November 2018 attack"; a year alone in a lead is
    most often background too: "two years after the 2022 invasion")."""
    offset = 0
    while True:
        found = dates.resolve(lead[offset:], published)
        if found is None:
            return None
        earlier = _BACKGROUND.search(lead[:offset + found.start])
        if found.precision in ("day", "month") and not earlier:
            return found
        offset += found.end


def complete(events: Sequence[Event], published: str | None, starts: Sequence[int],
             options: CoderOptions | None = None, lead: str = "",
             present: frozenset[int] = frozenset()) -> tuple[Event, ...]:
    """``lead``: the text of the story's first ``options.lead_sentences`` sentences;
    ``present``: start offsets of triggers in the present tense."""
    options = options or CoderOptions()
    if not options.story_dates:
        return tuple(_fill(ev, [], None, published) for ev in events)
    dated = [ev for ev in events if ev.date and ev.date_basis in OWN_BASES]
    story: Event | dates.EventDate | None = lead_date(lead, published) if lead else None
    if story is None:
        story = story_date(events, starts, options.lead_sentences)
    return tuple(_fill(ev, dated, None if ev.trigger.start in present else story, published) for ev in events)


def _earlier_in_sentence(ev: Event, dated: Sequence[Event]) -> Event | None:
    same = [d for d in dated if d.sentence_span == ev.sentence_span and d.trigger.start < ev.trigger.start
            and d.status == ev.status]
    return max(same, key=lambda d: d.trigger.start, default=None)


def _fill(ev: Event, dated: Sequence[Event], story, published: str | None) -> Event:
    if ev.date or ev.date_basis == "background":
        return ev
    same = _earlier_in_sentence(ev, dated)
    if same is not None:
        return replace(ev, date=same.date, date_precision=same.date_precision, date_basis="inherited")
    if ev.status != "asserted":
        return ev
    if isinstance(story, Event):
        return replace(ev, date=story.date, date_precision=story.date_precision, date_basis="inherited")
    if story is not None:
        return replace(ev, date=story.value, date_precision=story.precision, date_basis="inherited")
    if published:
        return replace(ev, date=published[:10], date_precision="day", date_basis="publication")
    return ev
