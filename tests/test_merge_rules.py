"""The compatibility rules of the merger, one behaviour per test."""

import datetime as dt

from amity.merge.rules import Instance, block_key, compatible, dates_agree, dates_conflict, time_gap


def inst(**kw) -> Instance:
    base = {"doc_id": "d1", "idx": 0, "source": "USA", "target": "JPN", "type": "CONSULT", "symmetric": True}
    base.update(kw)
    return Instance(**base)


def test_symmetric_pairs_share_a_block_in_either_order():
    assert block_key(inst()) == block_key(inst(source="JPN", target="USA"))


def test_directed_events_keep_their_direction():
    a = inst(type="ACCUSE", symmetric=False)
    b = inst(type="ACCUSE", symmetric=False, source="JPN", target="USA")
    assert block_key(a) != block_key(b)


def test_days_within_two_days_are_compatible_three_are_not():
    assert dates_agree(inst(date="2025-03-14"), inst(date="2025-03-16", doc_id="d2"))
    assert dates_conflict(inst(date="2025-03-14"), inst(date="2025-03-17", doc_id="d2"))


def test_month_precision_contains_its_days_only():
    month = inst(date="2025-03", date_precision="month")
    assert dates_agree(month, inst(date="2025-03-31", doc_id="d2"))
    assert dates_conflict(month, inst(date="2025-04-01", doc_id="d2"))


def test_year_precision_contains_its_months():
    year = inst(date="2025", date_precision="year")
    assert dates_agree(year, inst(date="2025-12", date_precision="month", doc_id="d2"))
    assert dates_conflict(year, inst(date="2024-12-31", doc_id="d2"))


def test_without_a_date_of_its_own_a_report_is_timed_by_its_publication():
    undated = inst(published=dt.date(2025, 3, 15))
    dated = inst(doc_id="d2", date="2025-03-14", published=dt.date(2025, 3, 20))
    assert time_gap(undated, dated) == 1 and not dates_conflict(undated, dated)
    later = inst(doc_id="d3", published=dt.date(2025, 3, 20))
    assert time_gap(later, dated) == 6 and dates_conflict(later, dated)
    assert time_gap(undated, later) == 5 and dates_conflict(undated, later)


def test_a_publication_date_is_not_a_date_the_text_gives():
    by_text = inst(date="2025-03-14", date_basis="stated")
    by_publication = inst(doc_id="d2", date="2025-03-16", date_basis="publication", published=dt.date(2025, 3, 16))
    assert not dates_agree(by_text, by_publication)  # not both dated by their texts
    assert not dates_conflict(by_text, by_publication)  # two days apart: close enough


def test_unknown_times_never_conflict():
    assert time_gap(inst(), inst(doc_id="d2", date="2025-03-14")) is None
    assert not dates_conflict(inst(), inst(doc_id="d2", date="2025-03-14"))


def test_undated_in_the_same_document_is_compatible():
    assert not dates_conflict(inst(), inst(idx=1, date="2025-03-14"))
    assert time_gap(inst(published=dt.date(2025, 1, 1)), inst(idx=1, date="2025-03-14")) == 0


def test_subtypes_must_agree_unless_one_is_unknown():
    assert compatible(inst(subtype="exercise"), inst(idx=1, subtype=None))
    assert not compatible(inst(subtype="exercise"), inst(idx=1, subtype="intelligence"))


def test_places_must_agree_unless_one_is_unknown():
    assert compatible(inst(location_country="JPN"), inst(idx=1))
    assert not compatible(inst(location_country="JPN"), inst(idx=1, location_country="USA"))


def test_bad_date_counts_as_undated():
    assert not dates_agree(inst(date="2025-13-40"), inst(doc_id="d2", date="2025-03-14"))
    assert time_gap(inst(date="2025-13-40"), inst(doc_id="d2", date="2025-03-14")) is None
