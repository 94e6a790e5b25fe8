"""Answers shared by pages and API, cached per snapshot where they depend on nothing else."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from amity import query
from amity.store import analytics as store

MEMO_SIZE = 1024  # filtered answers kept per snapshot (least recently used dropped first)
_LOCK = threading.Lock()


def cached(snap, key: str, compute):
    """snap.cache[key], computed once per snapshot (the data cannot change under it)."""
    if key not in snap.cache:
        snap.cache[key] = compute()
    return snap.cache[key]


def memo(snap, key: Hashable, compute):
    """A filtered answer, kept in a bounded per-snapshot LRU: a snapshot never changes, so an
    answer stays right until the server moves to a newer snapshot (which starts empty)."""
    with _LOCK:
        lru = snap.cache.setdefault("_lru", OrderedDict())
        if key in lru:
            lru.move_to_end(key)
            return lru[key]
    value = compute()  # outside the lock: two requests may compute the same answer once each
    with _LOCK:
        lru[key] = value
        while len(lru) > MEMO_SIZE:
            lru.popitem(last=False)
    return value


def events(con, snap, flt, limit: int, offset: int) -> dict[str, Any]:
    return memo(snap, ("events", flt, limit, offset), lambda: query.events(con, flt, limit=limit, offset=offset))


def dyads(con, snap, flt, limit: int) -> list[dict[str, Any]]:
    return memo(snap, ("dyads", flt, limit), lambda: query.dyads(con, flt, limit=limit))


def pair_articles(con, snap, a: str, b: str) -> int:
    return memo(snap, ("pair_articles", a, b), lambda: store.pair_articles(con, a, b))


def timeline(con, snap, a: str, b: str, flt=None) -> list[dict[str, Any]]:
    return memo(snap, ("timeline", a, b, flt), lambda: query.timeline(con, a, b, flt))


def overview(con, snap) -> dict[str, Any]:
    return cached(snap, "overview", lambda: query.overview(con, top=10, newest=10))


def all_months(con, snap) -> list[dict[str, Any]]:
    return cached(snap, "months_by_type", lambda: store.timeline(con))


def menus(con, snap) -> dict[str, list[str]]:
    """Types and subtypes present, for the filter form."""
    return cached(snap, "menus", lambda: {"types": store.distinct_values(con, "type"),
                                           "subtypes": store.distinct_values(con, "subtype")})
