"""Answers shared by pages and API, cached per snapshot where they depend on nothing else."""

from __future__ import annotations

from typing import Any

from amity import query
from amity.store import analytics as store


def cached(snap, key: str, compute):
    """snap.cache[key], computed once per snapshot (the data cannot change under it)."""
    if key not in snap.cache:
        snap.cache[key] = compute()
    return snap.cache[key]


def overview(con, snap) -> dict[str, Any]:
    return cached(snap, "overview", lambda: query.overview(con, top=10, newest=10))


def all_months(con, snap) -> list[dict[str, Any]]:
    return cached(snap, "months_by_type", lambda: store.timeline(con))


def menus(con, snap) -> dict[str, list[str]]:
    """Types and subtypes present, for the filter form."""
    return cached(snap, "menus", lambda: {"types": store.distinct_values(con, "type"),
                                           "subtypes": store.distinct_values(con, "subtype")})
