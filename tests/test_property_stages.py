"""Property tests (hypothesis) for the stages after cleaning: the date resolver, the actor resolver,
the event coder and the merger.

Model-backed properties share the session's one spaCy pipeline (tests/actors_support.py) and run
few examples; the merger's properties are pure and run more.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from regressions.contracts import _SHAPES, check_analysis, check_event

from amity.events.dates import resolve
from amity.merge import cluster_all
from amity.merge.rules import Instance
from amity.models import Document

MODEL = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PURE = settings(max_examples=150, deadline=None)

# -- dates -------------------------------------------------------------------------------------
DATE_WORDS = st.sampled_from([
    "on", "in", "Monday", "Sunday", "June", "Feb.", "sept", "10", "31st", "29", "2024", "2023", "1999", "9999",
    "yesterday", "today", "tomorrow", "last", "next", "this", "month", "year", "early", "mid-", "late",
    "of", "by", "since", "the", "talks", "2024-02-30", "2024-06-10", "earlier", ",", "-", "0"])
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat),
                      st.sampled_from(["2024", "2024-06", "", "garbage", "2024-13-45"]))


@PURE
@given(st.lists(DATE_WORDS, max_size=14).map(" ".join), PUBLISHED, st.booleans())
def test_date_resolver_values_match_their_precision_and_span(text, published, future):
    found = resolve(text, published, future)
    if found is None:
        return
    assert _SHAPES[found.precision].match(found.value), (found.value, found.precision)
    if found.precision == "day":
        dt.date.fromisoformat(found.value)  # a real calendar day
    if found.precision == "month":
        assert 1 <= int(found.value[5:]) <= 12
    assert text[found.start:found.end].strip() == found.text


@PURE
@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), PUBLISHED)
def test_an_iso_date_resolves_to_itself(day, published):
    found = resolve(f"The ministers met on {day.isoformat()} in Geneva.", published)
    assert found is not None and (found.value, found.precision) == (day.isoformat(), "day")


@PURE
@given(st.text(max_size=300), PUBLISHED, st.booleans())
def test_date_resolver_takes_any_text(text, published, future):
    found = resolve(text, published, future)
    if found is not None:
        assert _SHAPES[found.precision].match(found.value)


# -- actors and events (spaCy) -----------------------------------------------------------------
ACTORS = ["Japan", "the Philippines", "Russia", "NATO", "the European Union", "Chinese", "South Korean",
          "President Joe Biden", "Indian Defense Minister Rajnath Singh", "the French navy", "Kremlin spokesman",
          "the UN", "Turkey's", "Australia", "they", "its", "the two ministers", "Ukrainian forces", "Washington"]
VERBS = ["signed", "met", "accused", "attacked", "will discuss", "did not sign", "agreed to", "supplied",
         "praised", "condemned", "held talks with", "deployed troops near", "imposed sanctions on", "visited"]
OBJECTS = ["an agreement", "a defense pact", "the border", "exercises", "ammunition", "", "of violating the truce",
           "on cybersecurity", "in Manila", "with air defense systems"]
TAILS = ["", " on Monday", " last month", " on June 10, 2024", " in early November", " yesterday", " in 2019"]


@st.composite
def sentences(draw):
    subject = draw(st.sampled_from(ACTORS))
    if draw(st.booleans()):
        subject += " and " + draw(st.sampled_from(ACTORS))
    parts = [subject, draw(st.sampled_from(VERBS)), draw(st.sampled_from(ACTORS)), draw(st.sampled_from(OBJECTS))]
    sentence = " ".join(p for p in parts if p) + draw(st.sampled_from(TAILS)) + draw(st.sampled_from([".", "!", "", ";"]))
    return sentence[0].upper() + sentence[1:]


TEXTS = st.lists(sentences(), min_size=1, max_size=4).flatmap(
    lambda ss: st.sampled_from([" ", "\n", "  \n\n", " \u00a0"]).map(lambda sep: sep.join(ss)))


@pytest.fixture(scope="module")
def nlp():
    from actors_support import analyzer

    from amity.events import Coder

    return analyzer(), Coder()


def _analyse(nlp, text, published="2024-06-12"):
    analyzer, _ = nlp
    return next(analyzer.analyze([Document(id="p", origin="p", text=text, name="p", published=published)]))


@MODEL
@given(text=TEXTS)
def test_actor_mentions_point_into_the_text(nlp, text):
    check_analysis(_analyse(nlp, text))


@MODEL
@given(text=st.one_of(TEXTS, st.text(max_size=200)))
def test_every_event_keeps_the_contract_and_its_spans(nlp, text):
    analysis = _analyse(nlp, text)
    check_analysis(analysis)
    for event in nlp[1].code(analysis):
        check_event(event, text)


@MODEL
@given(text=TEXTS, pad=st.text(alphabet=" \n", min_size=1, max_size=5))
def test_spans_stay_true_when_the_text_is_shifted(nlp, text, pad):
    """Leading whitespace moves every span; each must still point at its text. (The events
    themselves may differ: spaCy's parse, and so sentence boundaries, can change with a leading
    whitespace token. The cleaner never leaves one, so ingest does not meet this.)"""
    moved = nlp[1].code(_analyse(nlp, pad + text))
    for event in moved:
        check_event(event, pad + text)
        assert event.trigger.start >= len(pad), "a trigger inside the padding"


# -- merger ------------------------------------------------------------------------------------
CODES = st.sampled_from(["AUS", "IDN", "JPN", "PHL", "USA"])
TYPES = st.sampled_from(["AGREE", "CONSULT", "COOPERATE", "ACCUSE"])
DAYS = st.dates(dt.date(2024, 5, 25), dt.date(2024, 6, 15))


@st.composite
def instances(draw):
    count = draw(st.integers(1, 25))
    docs = [f"d{n}" for n in range(draw(st.integers(1, 8)))]
    published = {d: draw(st.one_of(st.none(), DAYS)) for d in docs}
    result = []
    for n in range(count):
        doc = draw(st.sampled_from(docs))
        precision = draw(st.sampled_from([None, "day", "month", "year"]))
        day = draw(DAYS)
        date = {None: None, "day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
        result.append(Instance(doc_id=doc, idx=n, source=draw(CODES), target=draw(CODES), type=draw(TYPES),
                               symmetric=draw(st.booleans()), subtype=draw(st.sampled_from([None, "agreement", "exercise"])),
                               date=date, date_precision=precision,
                               location_country=draw(st.sampled_from([None, "AUS", "IDN"])),
                               published=published[doc], confidence=draw(st.floats(0, 1))))
    return result


def _as_sets(clusters):
    return {eid: frozenset(m.ref for m in members) for eid, members in clusters.items()}


@PURE
@given(instances(), st.randoms(use_true_random=False))
def test_merging_is_independent_of_input_order(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert _as_sets(cluster_all(items)) == _as_sets(cluster_all(shuffled))


@PURE
@given(instances())
def test_every_instance_lands_in_exactly_one_event(items):
    refs = [ref for members in _as_sets(cluster_all(items)).values() for ref in members]
    assert sorted(refs) == sorted(i.ref for i in items)


def test_incremental_merges_in_any_order_equal_one_full_merge():
    """The store-level merger on tests/data/merge: documents arriving in five random orders,
    merged batch by batch as ingest does, end with the events of one merge over everything."""
    import merge_data

    from amity.merge import merge
    from amity.store import db

    def events(con):
        return con.execute("SELECT * EXCLUDE (merged_at) FROM events ORDER BY event_id").fetchall()

    full = db.connect(":memory:")
    merge_data.load(full)
    merge(full)
    expected = events(full)
    ids = [a["id"] for a in merge_data.articles()]
    for seed in range(5):
        order = ids[:]
        random.Random(seed).shuffle(order)
        con = db.connect(":memory:")
        for start in range(0, len(order), 3):
            batch = order[start:start + 3]
            merge_data.load(con, batch)
            merge(con, doc_ids=batch)
        assert events(con) == expected, f"order seed {seed}"
        con.close()
