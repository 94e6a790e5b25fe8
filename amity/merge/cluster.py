"""Clustering one block of instances into happenings. Deterministic: the result depends only on
the set of instances, never on the order they arrive in.

Instances are visited in a canonical order (precise dates first, then by date, document, index),
so that precisely dated reports form the clusters and vaguer ones join the best of them. An
instance joins a cluster only when nothing rules it out against any member (subtypes, places and
text-given dates: complete link on conflicts) and the evidence links it to at least one member
(``amity.merge.evidence``); among the clusters it fits it picks one that already holds a report
from the same document, then the strongest link, then the nearest in time, then the largest,
then the oldest.

Only clusters that could accept an instance are tested (a superset of them): those with a
member from its document, with a member whose time (``rules.time_span``: a text's date, else the
publication day) lies within a few days of its own, or with a member whose time is unknown; every
cluster only for an instance whose own time is unknown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator

from amity.merge.evidence import BlockEvidence, Link
from amity.merge.rules import (
    DAY_WINDOW,
    UNDATED_PUBLISHED_WINDOW,
    Instance,
    block_key,
    compatible,
    date_range,
    distance,
    rank,
    time_span,
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
    __slots__ = ("docs", "links", "members", "serial")

    def __init__(self, first: Instance, serial: int):
        self.members = [first]
        self.docs = {first.doc_id}
        self.serial = serial
        self.links: dict[tuple[str, int], tuple[tuple[str, int], Link]] = {}

    def link(self, inst: Instance, evidence: BlockEvidence, explain: bool) -> tuple[Instance, Link] | None:
        """The strongest link from inst to a member, or None when any member rules it out or
        none links to it."""
        if not all(compatible(inst, m) for m in self.members):
            return None
        best = None
        for m in self.members:
            found = evidence.link(inst, m, explain, checked=True)
            if found.joined and (best is None or found.score > best[1].score):
                best = (m, found)
        return best

    def preference(self, inst: Instance, link: Link) -> tuple:
        nearest = min(distance(inst, m) for m in self.members)
        return (inst.doc_id not in self.docs, -link.score, nearest, -len(self.members), self.serial)

    def add(self, inst: Instance, via: tuple[Instance, Link] | None = None) -> None:
        self.members.append(inst)
        self.docs.add(inst.doc_id)
        if via is not None:
            self.links[inst.ref] = (via[0].ref, via[1])


def _months(first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


class _Index:
    """Where to look for clusters that may accept an instance."""

    PAD = dt.timedelta(days=max(DAY_WINDOW, UNDATED_PUBLISHED_WINDOW))

    def __init__(self):
        self.by_time: dict[tuple[int, int], list[_Cluster]] = defaultdict(list)
        self.by_doc: dict[str, list[_Cluster]] = defaultdict(list)
        self.every: list[_Cluster] = []
        self.untimed: dict[int, _Cluster] = {}  # clusters with a member whose time is unknown

    def add(self, cluster: _Cluster, inst: Instance, new: bool) -> None:
        if new:
            self.every.append(cluster)
        span = time_span(inst)
        if span is None:
            self.untimed[cluster.serial] = cluster
        else:
            for month in _months(*span):
                self.by_time[month].append(cluster)
        self.by_doc[inst.doc_id].append(cluster)

    def candidates(self, inst: Instance) -> list[_Cluster]:
        span = time_span(inst)
        if span is None:
            return list(self.every)
        found: dict[int, _Cluster] = dict(self.untimed)
        for month in _months(span[0] - self.PAD, span[1] + self.PAD):
            found.update((c.serial, c) for c in self.by_time.get(month, ()))
        found.update((c.serial, c) for c in self.by_doc.get(inst.doc_id, ()))
        return [found[k] for k in sorted(found)]


def _clusters(instances: Iterable[Instance], explain: bool = False) -> list[_Cluster]:
    instances = list(instances)
    evidence = BlockEvidence(instances)
    clusters: list[_Cluster] = []
    index = _Index()
    for inst in sorted(instances, key=canonical_order):
        fits = []
        for c in index.candidates(inst):
            found = c.link(inst, evidence, explain)
            if found is not None:
                fits.append((c, found))
        if fits:
            chosen, via = min(fits, key=lambda f: f[0].preference(inst, f[1][1]))
            chosen.add(inst, via)
            index.add(chosen, inst, new=False)
        else:
            chosen = _Cluster(inst, len(clusters))
            clusters.append(chosen)
            index.add(chosen, inst, new=True)
    return clusters


def cluster_block(instances: Iterable[Instance]) -> list[list[Instance]]:
    """Group the instances of one block; each group is sorted by ``earliest_order``."""
    groups = [sorted(c.members, key=earliest_order) for c in _clusters(instances)]
    return sorted(groups, key=lambda g: earliest_order(g[0]))


def explain_block(instances: Iterable[Instance]) -> dict[str, dict[tuple[str, int], tuple[tuple[str, int], Link] | None]]:
    """event_id -> {member ref -> (the member it joined through, the link) or None for the
    report that opened the event}."""
    out = {}
    for c in _clusters(instances, explain=True):
        group = sorted(c.members, key=earliest_order)
        out[event_id(group)] = {m.ref: c.links.get(m.ref) for m in group}
    return out


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
