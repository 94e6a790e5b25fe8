"""Exporting merged events: CSV and Parquet (DuckDB COPY), JSONL (event JSON + sources),
PLOVER-style JSON and a GDELT 2.0-style tab-separated file. Columns: docs/analytics.md."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import duckdb

from amity.errors import InputError
from amity.query import event_json
from amity.query.filters import EventFilter
from amity.store import analytics as store

FORMATS = ("csv", "parquet", "jsonl", "plover", "gdelt")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "PLOVERType", "PLOVERMode", "Subtype", "DatePrecision", "AmityEventID",
    "DateBasis",
)


def _with_sources(con: duckdb.DuckDBPyConnection, flt: EventFilter | None) -> Iterator[tuple[dict, list[dict]]]:
    """Each matching event row with its source rows, in batches of queries."""
    for batch in store.iter_events(con, flt):
        by_event: dict[str, list[dict]] = {}
        for src in store.sources(con, [r["event_id"] for r in batch]):
            by_event.setdefault(src["event_id"], []).append(src)
        for row in batch:
            yield row, by_event.get(row["event_id"], [])


def _jsonl(con, flt, out: TextIO) -> int:
    n = 0
    for row, sources in _with_sources(con, flt):
        out.write(json.dumps(event_json(row, sources), ensure_ascii=False) + "\n")
        n += 1
    return n


def _actor(value: Any) -> dict:
    return json.loads(value) if isinstance(value, str) else (value or {})


def plover_event(row: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """A merged event in PLOVER's shape: event, mode, context, source/target actors, location."""
    src, tgt = _actor(row["source_actor"]), _actor(row["target_actor"])
    return {
        "id": row["event_id"], "date": row["first_date"].isoformat() if row["first_date"] else None,
        "date_resolution": _precision(row), "date_basis": _basis(row), "event": row["type"], "mode": row["mode"] or "",
        "context": [row["subtype"]] if row["subtype"] else [],
        "source": {"code": row["source"], "sector": src.get("sector"), "name": src.get("name")},
        "target": {"code": row["target"], "sector": tgt.get("sector"), "name": tgt.get("name")},
        "symmetric": row["symmetric"], "status": row["status"], "cameo": row["cameo"],
        "location": {"name": row["location"], "country": row["location_country"],
                     "lat": row["lat"], "lon": row["lon"]},
        "intensity": row["intensity"], "quad_class": row["quad_class"],
        "event_text": row["sentence"], "n_sources": row["n_sources"],
        "sources": [{"doc_id": s["doc_id"], "url": s["url"], "outlet": s["outlet"],
                     "published": s["published"].isoformat() if s["published"] else None,
                     "sentence": s["sentence"]} for s in sources],
        "version": row["coder_version"],
    }


def _plover(con, flt, out: TextIO) -> int:
    n = 0
    out.write("[")
    for row, sources in _with_sources(con, flt):
        out.write(("\n" if n == 0 else ",\n") + json.dumps(plover_event(row, sources), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def _gdelt_id(event_id: str) -> int:
    return int(event_id[:15], 16)


def _country(code: str) -> str:
    return code if len(code) == 3 and code.isalpha() else ""


def _fraction(day: dt.date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"


def _geo_type(row: dict) -> int:
    if row["location"] and row["lat"] is not None:
        return 4
    return 1 if row["location_country"] else 0


def gdelt_row(row: dict[str, Any], sources: list[dict[str, Any]]) -> list[Any]:
    """One event as a GDELT 2.0-style row (GDELT_COLUMNS order); empty cells where unknown."""
    day = row["first_date"] or row["first_published"]
    src, tgt = _actor(row["source_actor"]), _actor(row["target_actor"])
    cameo = row["cameo"] or ""
    url = next((s["url"] for s in sources if s.get("url")), "")
    return [
        _gdelt_id(row["event_id"]), day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
        day.year if day else "", _fraction(day) if day else "",
        row["source"] + (src.get("sector") or ""), src.get("name") or row["source"], _country(row["source"]),
        src.get("sector") or "",
        row["target"] + (tgt.get("sector") or ""), tgt.get("name") or row["target"], _country(row["target"]),
        tgt.get("sector") or "",
        1, cameo, cameo[:3], cameo[:2], row["quad_class"] or "",
        row["intensity"] if row["intensity"] is not None else "",
        row["n_mentions"], row["n_sources"], row["n_sources"], "",
        _geo_type(row), row["location"] or "", row["location_country"] or "",
        row["lat"] if row["lat"] is not None else "", row["lon"] if row["lon"] is not None else "",
        row["merged_at"].strftime("%Y%m%d%H%M%S") if row["merged_at"] else "", url,
        row["type"], row["mode"] or "", row["subtype"] or "", _precision(row) or "", row["event_id"],
        _basis(row) or "",
    ]


def _basis(row: dict[str, Any]) -> str | None:
    """How the event's date was found; "publication" where SQLDATE is only the day a report came
    out (no date in any report's text)."""
    if row.get("first_date"):
        return row.get("date_basis") or "stated"
    return "publication" if row.get("first_published") else None


def _precision(row: dict[str, Any]) -> str | None:
    return row["date_precision"] if row.get("first_date") else None


def _clean_cell(value: Any) -> str:
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def _gdelt(con, flt, out: TextIO, header: bool = False) -> int:
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row, sources in _with_sources(con, flt):
        out.write("\t".join(_clean_cell(v) for v in gdelt_row(row, sources)) + "\n")
        n += 1
    return n


@contextmanager
def _open_text(out: str | Path | TextIO | None) -> Iterator[TextIO]:
    if out is None or out == "-":
        yield sys.stdout
    elif hasattr(out, "write"):
        yield out  # type: ignore[misc]
    else:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle


_STREAMED: dict[str, Callable[..., int]] = {"jsonl": _jsonl, "plover": _plover, "gdelt": _gdelt}


def export_events(con: duckdb.DuckDBPyConnection, fmt: str, out: str | Path | TextIO | None = None,
                  flt: EventFilter | None = None, header: bool = False) -> int:
    """Write the matching merged events; returns how many. csv and parquet need a file path;
    ``header`` adds a header line to the GDELT file (GDELT's own files have none)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint=f"Use one of: {', '.join(FORMATS)}.")
    if fmt in ("csv", "parquet"):
        if out is None or out == "-" or hasattr(out, "write"):
            raise InputError(f"{fmt} export needs an output file", hint="Pass -o FILE.")
        return store.copy_events(con, str(out), fmt, flt)
    with _open_text(out) as handle:
        if fmt == "gdelt":
            return _gdelt(con, flt, handle, header=header)
        return _STREAMED[fmt](con, flt, handle)
