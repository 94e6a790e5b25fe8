"""Clustering one block of instances into happenings. Deterministic: the result depends only on
the set of instances, never on the order they arrive in.

Instances are visited in a canonical order (precise dates first, then by date, document, index),
so that precisely dated reports form the clusters and vaguer ones join the best of them. An
instance joins a cluster only when it is compatible with every member (complete link); among the
clusters it fits it picks one that already holds a report from the same document, then the
nearest in time, then the largest, then the oldest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from amity.merge.rules import Instance, block_key, compatible, date_range, distance, rank

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


def cluster_block(instances: Iterable[Instance]) -> list[list[Instance]]:
    """Group the instances of one block; each group is sorted by ``earliest_order``."""
    clusters: list[_Cluster] = []
    for inst in sorted(instances, key=canonical_order):
        fits = [c for c in clusters if c.accepts(inst)]
        if fits:
            min(fits, key=lambda c: c.preference(inst)).add(inst)
        else:
            clusters.append(_Cluster(inst, len(clusters)))
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
