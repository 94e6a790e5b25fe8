"""From event_mentions rows to Instances, and from a cluster of rows to its merged event row."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from amity.merge.rules import Instance, basis_rank, date_range, rank
from amity.query.intensity import intensity


def _ontology_types():
    """The event types of the one ontology loader (amity.events.ontology); a broken ontology
    file is a DictionaryError, never an empty table."""
    from amity.events import ontology

    return ontology.load().types


@lru_cache(maxsize=1)
def default_subtypes() -> dict[str, str]:
    """type -> the subtype the coder gives when no topic word sets one (event_ontology.yaml).

    Such a subtype says nothing about the happening, so the merger treats it as unknown."""
    return {t: spec.default_subtype for t, spec in _ontology_types().items() if spec.default_subtype}


@lru_cache(maxsize=1)
def joint_types() -> frozenset[str]:
    """Types the ontology marks joint (AGREE, CONSULT, COOPERATE): "A met B" and "B hosted A"
    report one meeting, so the merger pairs their actors unordered whatever the direction."""
    return frozenset(t for t, spec in _ontology_types().items() if spec.joint)


def informative_subtype(etype: str, subtype: str | None) -> str | None:
    if subtype is None or default_subtypes().get(etype) == subtype:
        return None
    return subtype


def to_instance(row: dict[str, Any]) -> Instance:
    published = row.get("published")
    if isinstance(published, dt.datetime):
        published = published.date()
    return Instance(
        doc_id=row["doc_id"], idx=int(row["idx"]), source=row["source"], target=row["target"],
        type=row["type"], symmetric=bool(row["symmetric"]) or row["type"] in joint_types(),
        subtype=informative_subtype(row["type"], row.get("subtype")),
        date=row.get("date"), date_precision=row.get("date_precision"),
        location_country=row.get("location_country"), published=published,
        confidence=float(row.get("confidence") or 0.0), date_basis=row.get("date_basis"),
        text=row.get("sentence") or "",
        context="\n".join(x for x in (row.get("doc_title"), row.get("doc_lead")) if x),
    )


def restore_own_date(row: dict[str, Any]) -> dict[str, Any]:
    """A report whose date an earlier merge gave it (basis ``merged``) back as its text left it:
    its publication date (basis ``publication``) or none. Merging reads reports as coded."""
    if row.get("date_basis") != "merged":
        return row
    published = row.get("published")
    if isinstance(published, dt.datetime):
        published = published.date()
    if published is None:
        return {**row, "date": None, "date_precision": None, "date_basis": None}
    return {**row, "date": published.isoformat(), "date_precision": "day", "date_basis": "publication"}


def report_dates(event: dict[str, Any], members: Sequence[Instance],
                 rows: dict[tuple[str, int], dict]) -> list[tuple[str, int, str | None, str | None, str | None]]:
    """The date each member report should carry after this merge: its own when its text gives
    one; the event's (basis ``merged``) when the event's date comes from another report's text."""
    out = []
    dated = event.get("date") and event.get("date_basis") not in (None, "publication", "merged")
    for m in members:
        row = rows[m.ref]
        own = (row.get("date"), row.get("date_precision"), row.get("date_basis"))
        if dated and date_range(m) is None:
            new = (event["date"], event["date_precision"], "merged")
        else:
            new = own
        out.append((m.doc_id, m.idx, *new))
    return out


def _representative(members: Sequence[Instance], rows: dict[tuple[str, int], dict]) -> dict[str, Any]:
    """The member whose text dates it best (basis, then precision, then the earliest date), then
    the most complete, most confident, earliest published."""
    def completeness(m: Instance) -> int:
        row = rows[m.ref]
        return sum(row.get(k) is not None for k in ("subtype", "location", "location_country", "mode"))

    def start(m: Instance) -> dt.date:
        span = date_range(m)
        return span[0] if span else dt.date.max

    best = min(members, key=lambda m: (basis_rank(m), rank(m), start(m), -completeness(m), -m.confidence,
                                       m.published or dt.date.max, m.doc_id, m.idx))
    return rows[best.ref]


def _first_non_null(values) -> Any:
    return next((v for v in values if v is not None), None)


def _most_common(values) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def event_row(event_id: str, members: Sequence[Instance], rows: dict[tuple[str, int], dict],
              merged_at: dt.datetime) -> dict[str, Any]:
    """The merged event: the representative's fields, completed from the other members."""
    rep = _representative(members, rows)
    member_rows = [rows[m.ref] for m in members]
    best_rank = min(rank(m) for m in members)
    starts = [date_range(m)[0] for m in members if rank(m) == best_rank and best_rank < 3]
    published = [m.published for m in members if m.published]
    subtype = _first_non_null(m.subtype for m in members) or _most_common(r["subtype"] for r in member_rows)
    located = rep if rep.get("location") else _first_non_null(r if r.get("location") else None
                                                                for r in member_rows)
    mode = rep.get("mode") or _most_common(r["mode"] for r in member_rows)
    score = intensity(rep["type"], mode)
    return {
        "event_id": event_id, "pair_a": min(rep["source"], rep["target"]),
        "pair_b": max(rep["source"], rep["target"]), "source": rep["source"], "target": rep["target"],
        "source_actor": rep.get("source_actor"), "target_actor": rep.get("target_actor"),
        "symmetric": bool(rep["symmetric"]), "type": rep["type"], "mode": mode, "subtype": subtype,
        "cameo": rep.get("cameo") or _most_common(r["cameo"] for r in member_rows),
        "date": rep.get("date"), "date_precision": rep.get("date_precision"),
        "first_date": min(starts) if starts else None, "last_date": max(starts) if starts else None,
        "status": "asserted" if any(r["status"] == "asserted" for r in member_rows) else rep["status"],
        "location": located["location"] if located else None,
        "location_country": rep.get("location_country") or _first_non_null(
            r["location_country"] for r in member_rows),
        "lat": located["lat"] if located else None, "lon": located["lon"] if located else None,
        "confidence": max(float(r["confidence"] or 0.0) for r in member_rows),
        "intensity": score.score if score else None, "quad_class": score.quad_class if score else None,
        "n_sources": len({m.doc_id for m in members}), "n_mentions": len(members),
        "rep_doc_id": rep["doc_id"], "rep_idx": int(rep["idx"]),
        "first_published": min(published) if published else None,
        "last_published": max(published) if published else None, "merged_at": merged_at,
        "doc": rep.get("doc"), "sentence": rep.get("sentence"),
        "date_basis": (rep.get("date_basis") or "stated") if rep.get("date") else None,
    }
