"""Event dates and their basis: the words around the trigger, the story, the publication."""

from __future__ import annotations

from dataclasses import replace

from events_support import code

from amity.events.options import CoderOptions
from amity.events.timing import complete
from amity.models import Actor, Event, Span


def _event(start: int, date=None, precision=None, basis=None, status="asserted", at: int = 0) -> Event:
    actor = Actor("USA")
    return Event(doc="d", doc_id="d", source="USA", target="JPN", source_actor=actor, target_actor=actor,
                 type="CONSULT", mode=None, subtype=None, cameo=None, date=date, date_precision=precision,
                 status=status, location=None, location_country=None, lat=None, lon=None, symmetric=True,
                 sentence="s", sentence_span=(start, start + 10), trigger=Span(start + at, start + at + 1, "m"),
                 date_basis=basis)


STARTS = [0, 100, 200, 300, 400, 500, 600]


def test_an_undated_event_takes_the_story_date_from_the_lead():
    lead = _event(0, "2023-11-12", "day", "stated")
    later = _event(300)
    out = complete([lead, later], "2023-11-14", STARTS)
    assert (out[1].date, out[1].date_precision, out[1].date_basis) == ("2023-11-12", "day", "inherited")


def test_an_event_later_in_a_dated_sentence_takes_that_date_before_the_story_date():
    lead = _event(0, "2023-11-12", "day", "stated")
    dated = _event(500, "2023-10", "month", "stated", at=2)
    later = _event(500, at=5)
    earlier = _event(500, at=0)  # "discussed the plan agreed at the summit in October"
    out = complete([lead, dated, later, earlier], "2023-11-14", STARTS)
    assert out[2].date == "2023-10" and out[2].date_basis == "inherited"
    assert out[3].date == "2023-11-12"  # the story's date, not the later clause's


def test_without_a_dated_event_the_lead_s_first_date_is_the_story_date():
    out = complete([_event(300)], None, STARTS, lead="The ministers convened on November 12, 2023, in Seoul.")
    assert (out[0].date, out[0].date_basis) == ("2023-11-12", "inherited")
    out = complete([_event(300)], "2024-06-12", STARTS, lead="The first such talks since May 2019 ended.")
    assert out[0].date_basis == "publication"


def test_without_a_dated_lead_the_publication_date_stands_in():
    late = _event(600, "2020-01", "month", "stated")  # outside the lead: not the story's date
    undated = _event(100)
    out = complete([late, undated], "2024-06-12", STARTS)
    assert (out[1].date, out[1].date_basis) == ("2024-06-12", "publication")


def test_no_publication_date_leaves_the_event_undated():
    out = complete([_event(100)], None, STARTS)
    assert out[0].date is None and out[0].date_basis is None


def test_background_and_planned_events_are_never_dated_by_the_story_or_publication():
    lead = _event(0, "2023-11-12", "day", "stated")
    background = _event(100, basis="background")
    planned = _event(200, status="planned")
    out = complete([lead, background, planned], "2023-11-14", STARTS)
    assert out[1].date is None and out[1].date_basis == "background"
    assert out[2].date is None


def test_story_dates_off_uses_only_the_publication_date():
    lead = _event(0, "2023-11-12", "day", "stated")
    out = complete([lead, _event(300)], "2023-11-14", STARTS, replace(CoderOptions(), story_dates=False))
    assert out[1].date_basis == "publication" and out[1].date == "2023-11-14"


def test_a_stated_date_keeps_its_basis():
    events = code("Japan and Australia signed a defence pact on June 10, 2024.")
    assert events and all(e.date == "2024-06-10" and e.date_basis == "stated" for e in events)


def test_yesterday_is_relative_to_publication():
    events = code("Japan and Australia signed a defence pact yesterday.", published="2024-06-12")
    assert events and all(e.date == "2024-06-11" and e.date_basis == "relative" for e in events)


def test_the_first_since_never_dates_the_event_itself():
    events = code("Japan and South Korea held defence talks in Tokyo, the first since March 2019.",
                  published="2024-06-12")
    assert events
    assert all(not (e.date or "").startswith("2019") for e in events)
    assert all(e.date_basis in ("publication", "inherited") for e in events)


def test_a_nominal_event_inside_since_is_background_with_its_own_date():
    events = code("Poland has bought tanks from South Korea since Russia's invasion of Ukraine in 2022.",
                  published="2024-06-12")
    invasion = [e for e in events if e.source == "RUS" and e.target == "UKR"]
    assert invasion and all(e.date_basis == "background" and e.date == "2022" for e in invasion)


def test_shift_counts_back_and_forth_at_the_coarser_precision():
    from amity.events.dates import EventDate, shift

    def moved(anchor, duration, direction):
        found = shift(anchor, duration, direction)
        return found.value, found.precision

    tuesday = EventDate("2024-10-08", "day", "on Tuesday")
    assert moved(tuesday, "Less than five months", -1) == ("2024-05", "month")
    assert moved(tuesday, "a day", -1) == ("2024-10-07", "day")
    assert moved(tuesday, "two weeks", 1) == ("2024-10-22", "day")
    assert moved(EventDate("2024-10", "month", "in October"), "a year", -1) == ("2023-10", "month")
    assert moved(EventDate("2024", "year", "in 2024"), "three days", -1) == ("2024", "year")
    assert shift(tuesday, "shortly", -1) is None
    assert shift(tuesday, "a day", -1).basis == "relative"


def test_an_after_clause_is_dated_from_the_clause_it_times():
    events = code("Less than five months after Vietnam and Japan signed a framework agreement, "
                  "the two countries held their first joint naval drill on Tuesday.", published="2024-10-10")
    by_type = {e.type: e for e in events}
    assert (by_type["COOPERATE"].date, by_type["COOPERATE"].date_basis) == ("2024-10-08", "stated")
    assert (by_type["AGREE"].date, by_type["AGREE"].date_precision, by_type["AGREE"].date_basis) == (
        "2024-05", "month", "relative")


def test_an_after_clause_without_a_length_of_time_is_the_same_day_as_what_it_times():
    events = code("Japan and India signed a logistics pact on Monday after they held talks.", published="2024-10-10")
    talks = [e for e in events if e.type == "CONSULT"]
    assert talks and all(e.date == "2024-10-07" for e in talks)


def test_a_nominal_event_after_a_dated_phrase_is_background():
    events = code("Poland turned to South Korea for tanks after Russia's invasion of Ukraine in 2022.",
                  published="2024-10-10")
    invasion = [e for e in events if e.source == "RUS"]
    assert invasion and all(e.date == "2022" and e.date_basis == "background" for e in invasion)
