"""The compatibility rules of the merger, one behaviour per test."""

import datetime as dt

from amity.merge.rules import Instance, block_key, compatible, dates_compatible


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
    assert dates_compatible(inst(date="2025-03-14"), inst(date="2025-03-16", doc_id="d2"))
    assert not dates_compatible(inst(date="2025-03-14"), inst(date="2025-03-17", doc_id="d2"))


def test_month_precision_contains_its_days_only():
    month = inst(date="2025-03", date_precision="month")
    assert dates_compatible(month, inst(date="2025-03-31", doc_id="d2"))
    assert not dates_compatible(month, inst(date="2025-04-01", doc_id="d2"))


def test_year_precision_contains_its_months():
    year = inst(date="2025", date_precision="year")
    assert dates_compatible(year, inst(date="2025-12", date_precision="month", doc_id="d2"))
    assert not dates_compatible(year, inst(date="2024-12-31", doc_id="d2"))


def test_undated_joins_only_when_publication_dates_are_close():
    undated = inst(published=dt.date(2025, 3, 15))
    assert dates_compatible(undated, inst(doc_id="d2", date="2025-03-14", published=dt.date(2025, 3, 14)))
    assert not dates_compatible(undated, inst(doc_id="d2", date="2025-03-14", published=dt.date(2025, 3, 20)))
    assert not dates_compatible(inst(), inst(doc_id="d2", date="2025-03-14"))  # publication unknown


def test_undated_in_the_same_document_is_compatible():
    assert dates_compatible(inst(), inst(idx=1, date="2025-03-14"))


def test_subtypes_must_agree_unless_one_is_unknown():
    assert compatible(inst(subtype="exercise"), inst(idx=1, subtype=None))
    assert not compatible(inst(subtype="exercise"), inst(idx=1, subtype="intelligence"))


def test_places_must_agree_unless_one_is_unknown():
    assert compatible(inst(location_country="JPN"), inst(idx=1))
    assert not compatible(inst(location_country="JPN"), inst(idx=1, location_country="USA"))


def test_bad_date_counts_as_undated():
    assert not dates_compatible(inst(date="2025-13-40"), inst(doc_id="d2", date="2025-03-14"))
