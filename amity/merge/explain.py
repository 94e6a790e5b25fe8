"""Why the reports of a merged event are one happening: ``explain(con_or_path, event_id)``.

The event's block is clustered again (the result is the same as the stored one: merging is
deterministic) with explanations on: for each report, the report it joined through and the link
(``amity.merge.evidence.Link``): the reason, the score, the similarities, the publication gap and
the terms both share. The report that opened the event has no link.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import duckdb

from amity.errors import NotFound
from amity.merge.build import restore_own_date, to_instance
from amity.merge.cluster import explain_block
from amity.merge.evidence import weights
from amity.store import db as store_db
from amity.store import merge as store_merge


@dataclass(frozen=True)
class Explanation:
    event_id: str
    reports: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "reports": list(self.reports)}


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def explain(target: duckdb.DuckDBPyConnection | str | os.PathLike | None, event_id: str) -> Explanation:
    """The reports of ``event_id`` and why each joined. NotFound when there is no such event."""
    if isinstance(target, (str, os.PathLike)) or target is None:
        with store_db.session(target, read_only=True) as con:
            return explain(con, event_id)
    con = target
    block = store_merge.event_block(con, event_id)
    if block is None:
        raise NotFound(f"no merged event {event_id!r}", hint="list events with `amity events` (ids in --json)")
    rows = [restore_own_date(r) for r in store_merge.load_instances(con, [block], weights().lead_chars)]
    by_ref = {(r["doc_id"], int(r["idx"])): r for r in rows}
    members = explain_block(to_instance(r) for r in rows).get(event_id)
    if members is None:
        raise NotFound(f"event {event_id!r} is out of date with its reports",
                       hint="run `amity merge` to recompute merged events")
    sources = store_merge.report_sources(con, sorted({ref[0] for ref in members}))
    reports = []
    for ref, via in members.items():
        row, src = by_ref[ref], sources.get(ref[0], {})
        reports.append({
            "doc": row["doc"], "doc_id": ref[0], "idx": ref[1], "outlet": src.get("outlet"),
            "title": src.get("title"), "published": _iso(src.get("published")),
            "source": row["source"], "target": row["target"], "sentence": row["sentence"],
            "date": row.get("date"), "date_precision": row.get("date_precision"),
            "date_basis": row.get("date_basis"),
            "joined_via": None if via is None else {"doc": by_ref[via[0]]["doc"], "idx": via[0][1],
                                                     **via[1].as_dict()},
        })
    return Explanation(event_id, tuple(reports))
