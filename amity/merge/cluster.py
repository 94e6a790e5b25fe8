"""Clustering one block of instances into happenings. Deterministic: the result depends only on
the set of instances, never on the order they arrive in.

Instances are visited in a canonical order (precise dates first, then by date, document, index),
so that precisely dated reports form the clusters and vaguer ones join the best of them. An
instance joins a cluster only when it is compatible with every member (complete link); among the
clusters it fits it picks one that already holds a report from the same document, then the
nearest in time, then the largest, then the oldest.

Only clusters that could accept an instance are tested: an index by month of their members'
dates, by month of their publication dates and by document finds every cluster with a member
near the instance in time or from its document (a superset of those that can accept it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator

from amity.merge.rules import (
    DAY_WINDOW,
    UNDATED_PUBLISHED_WINDOW,
    Instance,
    block_key,
    compatible,
    date_range,
    distance,
    rank,
)

_FAR = dt.date.max


def canonical_order(inst: Instance) -> tuple:
    """Precision rank, start date, document, index: the order instances are clustered in."""
    span = date_range(inst)
    return (rank(inst), span[0] if span else (inst.published or _FAR), inst.doc_id, inst.idx)


def earliest_order(inst: Instance) -> tuple:
    """(precision, date, doc_id, idx), undated last: the first member names the cluster."""
    span = date_range(inst)
    return (rank(inst), span[0] if span else _FAR, inst.doc_id, inst.idx)


class _Cluster:
    __slots__ = ("docs", "members", "serial")

    def __init__(self, first: Instance, serial: int):
        self.members = [first]
        self.docs = {first.doc_id}
        self.serial = serial

    def accepts(self, inst: Instance) -> bool:
        return all(compatible(inst, m) for m in self.members)

    def preference(self, inst: Instance) -> tuple:
        nearest = min(distance(inst, m) for m in self.members)
        return (inst.doc_id not in self.docs, nearest, -len(self.members), self.serial)

    def add(self, inst: Instance) -> None:
        self.members.append(inst)
        self.docs.add(inst.doc_id)


def _months(first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


class _Index:
    """Where to look for clusters that may accept an instance."""

    def __init__(self):
        self.by_date: dict[tuple[int, int], list[_Cluster]] = defaultdict(list)
        self.by_published: dict[tuple[int, int], list[_Cluster]] = defaultdict(list)
        self.by_doc: dict[str, list[_Cluster]] = defaultdict(list)

    def add(self, cluster: _Cluster, inst: Instance) -> None:
        span = date_range(inst)
        if span:
            for month in _months(*span):
                self.by_date[month].append(cluster)
        if inst.published:
            self.by_published[(inst.published.year, inst.published.month)].append(cluster)
        self.by_doc[inst.doc_id].append(cluster)

    def candidates(self, inst: Instance) -> list[_Cluster]:
        found: dict[int, _Cluster] = {}
        span = date_range(inst)
        if span:
            pad = dt.timedelta(days=DAY_WINDOW)
            for month in _months(span[0] - pad, span[1] + pad):
                found.update((c.serial, c) for c in self.by_date.get(month, ()))
        if inst.published:
            pad = dt.timedelta(days=UNDATED_PUBLISHED_WINDOW)
            for month in _months(inst.published - pad, inst.published + pad):
                found.update((c.serial, c) for c in self.by_published.get(month, ()))
        found.update((c.serial, c) for c in self.by_doc.get(inst.doc_id, ()))
        return [found[k] for k in sorted(found)]


def cluster_block(instances: Iterable[Instance]) -> list[list[Instance]]:
    """Group the instances of one block; each group is sorted by ``earliest_order``."""
    clusters: list[_Cluster] = []
    index = _Index()
    for inst in sorted(instances, key=canonical_order):
        fits = [c for c in index.candidates(inst) if c.accepts(inst)]
        if fits:
            chosen = min(fits, key=lambda c: c.preference(inst))
            chosen.add(inst)
        else:
            chosen = _Cluster(inst, len(clusters))
            clusters.append(chosen)
        index.add(chosen, inst)
    groups = [sorted(c.members, key=earliest_order) for c in clusters]
    return sorted(groups, key=lambda g: earliest_order(g[0]))


def event_id(group: list[Instance]) -> str:
    """A stable id: a hash of the block and the earliest member's date and reference."""
    first = min(group, key=earliest_order)
    a, b, etype, directed = block_key(first)
    key = "|".join([a, b, etype, "directed" if directed else "symmetric", first.date or "",
                    first.doc_id, str(first.idx)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def cluster_all(instances: Iterable[Instance]) -> dict[str, list[Instance]]:
    """Every instance, split by block and clustered: event_id -> members."""
    blocks: dict[tuple, list[Instance]] = {}
    for inst in instances:
        blocks.setdefault(block_key(inst), []).append(inst)
    result: dict[str, list[Instance]] = {}
    for key in sorted(blocks):
        for group in cluster_block(blocks[key]):
            result[event_id(group)] = group
    return result
