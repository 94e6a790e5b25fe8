"""Event dates resolved against the publication date."""

from __future__ import annotations

import pytest

from amity.events.dates import resolve

PUB = "2024-06-11"  # a Tuesday


@pytest.mark.parametrize("text,future,expected", [
    ("on Sunday", False, ("2024-06-09", "day")),
    ("on Tuesday", False, ("2024-06-11", "day")),  # the day of publication itself
    ("on Friday", True, ("2024-06-14", "day")),  # a planned event: the next Friday
    ("on Monday, June 10", False, ("2024-06-10", "day")),
    ("June 10, 2024", False, ("2024-06-10", "day")),
    ("3 May 2021", False, ("2021-05-03", "day")),
    ("earlier this month", False, ("2024-06", "month")),
    ("last month", False, ("2024-05", "month")),
    ("in early November", False, ("2023-11", "month")),  # the most recent November
    ("in April", False, ("2024-04", "month")),
    ("in March 2023", False, ("2023-03", "month")),
    ("last year", False, ("2023", "year")),
    ("which last took place in 2017", False, ("2017", "year")),
    ("yesterday", False, ("2024-06-10", "day")),
    ("last week", False, ("2024-06", "month")),  # a week is no day: the month it falls in
    ("next week", True, ("2024-06", "month")),
])
def test_resolves(text, future, expected):
    hit = resolve(text, PUB, future=future)
    assert (hit.value, hit.precision) == expected


@pytest.mark.parametrize("text", ["recently", "in the past", "for the first time in nine years"])
def test_unknown_is_none(text):
    assert resolve(text, PUB) is None


def test_without_publication_only_absolute_dates_resolve():
    assert resolve("on Sunday", None) is None
    assert resolve("earlier this month", None) is None
    assert resolve("in April", None) is None
    assert resolve("on June 10, 2024", None).value == "2024-06-10"
    assert resolve("in 2017", None).value == "2017"


def test_a_month_later_than_publication_is_last_years():
    assert resolve("in December", PUB).value == "2023-12"
