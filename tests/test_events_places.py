"""Places resolved offline to a country and coordinates."""

from __future__ import annotations

import pytest

from amity.events.places import lookup


@pytest.mark.parametrize("phrase,context,name,country", [
    ("the Yokosuka base", (), "Yokosuka", "JPN"),
    ("Nara", ("KOR", "JPN"), "Nara", "JPN"),
    ("Kuala Lumpur", (), "Kuala Lumpur", "MYS"),
    ("Okinawa", (), "Okinawa", "JPN"),
])
def test_city(phrase, context, name, country):
    place = lookup(phrase, context)
    assert (place.name, place.country) == (name, country)
    assert place.lat is not None and place.lon is not None


def test_country_has_no_coordinates():
    place = lookup("Saudi Arabia")
    assert place.country == "SAU" and place.lat is None


@pytest.mark.parametrize("phrase", ["April", "the region", "talks", "the base"])
def test_not_a_place(phrase):
    assert lookup(phrase) is None
