"""Reading merged events for analytics, exports and the dashboard. All analytics SQL.

Every filter value is a bound parameter; only fixed SQL fragments are ever joined into a query.
``flt`` arguments are amity.query.filters.EventFilter objects (read attribute by attribute).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from amity.contract import EXPORT_COLUMNS

# The representative instance gives a merged event its evidence sentence and spans.
_EVENT_SELECT = """
SELECT e.* EXCLUDE (doc, sentence), m.doc, m.sentence, m.sentence_start, m.sentence_end, m.trigger, m.trigger_start,
       m.trigger_end, m.source_start, m.source_end, m.target_start, m.target_end, m.coder_version
FROM events e JOIN event_mentions m ON m.doc_id = e.rep_doc_id AND m.idx = e.rep_idx
"""

# Export columns taken from the representative report (contract.EXPORT_COLUMNS); the others are
# the events row's.
_EXPORT_FROM_REPORT = {"sentence": "rtrim(m.sentence, chr(10) || chr(13) || ' ') AS sentence", "trigger": "m.trigger"}

_DAY = "coalesce(e.first_date, e.first_published)"

# An event's date as an analyst reads it: at the precision its text gives ("2023", "2023-06",
# "2023-06-11"), or "~" and the publication day where no text dates it.
_DATE_LABEL = ("CASE WHEN e.first_date IS NOT NULL THEN coalesce(e.date, strftime(e.first_date, '%Y-%m-%d')) "
               "WHEN e.first_published IS NOT NULL THEN '~' || strftime(e.first_published, '%Y-%m-%d') END")
# Sort keys for the first and last of a pair's events: by day, a date from a text before a
# publication day on the same day.
_DAY_KEY_FIRST = f"strftime({_DAY}, '%Y-%m-%d') || CASE WHEN e.first_date IS NULL THEN '1' ELSE '0' END"
_DAY_KEY_LAST = f"strftime({_DAY}, '%Y-%m-%d') || CASE WHEN e.first_date IS NULL THEN '0' ELSE '1' END"


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def where(flt: Any) -> tuple[str, list[Any]]:
    """WHERE clause (or "") and its parameters for an EventFilter."""
    parts: list[str] = []
    params: list[Any] = []
    if flt is None:
        return "", params
    if flt.actor:
        parts.append("(e.source = ? OR e.target = ?)")
        params += [flt.actor, flt.actor]
    if flt.pair:
        parts.append("e.pair_a = ? AND e.pair_b = ?")
        params += sorted(flt.pair)
    for column in ("type", "subtype"):
        value = getattr(flt, column)
        if value:
            parts.append(f"e.{column} = ?")
            params.append(value)
    if flt.since:
        parts.append(f"{_DAY} >= ?::DATE")
        params.append(flt.since)
    if flt.until:
        parts.append(f"{_DAY} <= ?::DATE")
        params.append(flt.until)
    if flt.min_sources:
        parts.append("e.n_sources >= ?")
        params.append(flt.min_sources)
    if flt.min_confidence is not None:  # a merged event's confidence is the highest of its reports'
        parts.append("e.confidence >= ?")
        params.append(flt.min_confidence)
    if flt.text:
        parts.append("EXISTS (SELECT 1 FROM event_mentions t WHERE t.event_id = e.event_id "
                     "AND contains(lower(t.sentence), lower(?)))")
        params.append(flt.text)
    return ("WHERE " + " AND ".join(parts)) if parts else "", params


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = con.execute(
        """SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM event_mentions),
                  (SELECT count(*) FROM events),
                  (SELECT count(*) FROM (SELECT DISTINCT pair_a, pair_b FROM events)),
                  (SELECT count(*) FROM (SELECT pair_a AS c FROM events UNION SELECT pair_b FROM events)),
                  (SELECT count(*) FROM events WHERE n_sources > 1)"""
    ).fetchone()
    keys = ("documents", "event_mentions", "events", "dyads", "actors", "multi_source_events")
    return dict(zip(keys, (int(v) for v in row)))


def dyads(con: duckdb.DuckDBPyConnection, flt: Any = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actor pairs ranked by merged events, with cooperation/conflict counts and intensity."""
    clause, params = where(flt)
    cur = con.execute(
        f"""SELECT e.pair_a, e.pair_b, count(*) AS events, sum(e.n_sources) AS reports,
                   count(*) FILTER (WHERE e.intensity > 0) AS cooperation,
                   count(*) FILTER (WHERE e.intensity < 0) AS conflict,
                   round(avg(e.intensity), 2) AS mean_intensity,
                   round(sum(e.intensity), 1) AS total_intensity,
                   arg_min({_DATE_LABEL}, {_DAY_KEY_FIRST}) AS first_date,
                   arg_max({_DATE_LABEL}, {_DAY_KEY_LAST}) AS last_date
            FROM events e {clause}
            GROUP BY e.pair_a, e.pair_b
            ORDER BY events DESC, reports DESC, e.pair_a, e.pair_b LIMIT ?""",
        params + [limit],
    )
    return _dicts(cur)


_YEAR_ONLY = "(e.first_date IS NOT NULL AND e.date_precision = 'year')"


def timeline(con: duckdb.DuckDBPyConnection, flt: Any = None) -> list[dict[str, Any]]:
    """Merged events per month and type, oldest month first: events whose month is known (a text
    date at day or month precision, else the publication day). An event dated only to a year
    has no month to be counted in: see ``year_only``."""
    clause, params = where(flt)
    clause = (clause + " AND " if clause else "WHERE ") + f"{_DAY} IS NOT NULL AND NOT {_YEAR_ONLY}"
    cur = con.execute(
        f"""SELECT strftime({_DAY}, '%Y-%m') AS month, e.type, count(*) AS events,
                   round(sum(e.intensity), 1) AS intensity
            FROM events e {clause}
            GROUP BY month, e.type ORDER BY month, e.type""",
        params,
    )
    return _dicts(cur)


def pair_articles(con: duckdb.DuckDBPyConnection, a: str, b: str) -> int:
    """Distinct articles reporting any event between two actors (either direction)."""
    lo, hi = sorted((a, b))
    return con.execute("""SELECT count(DISTINCT m.doc_id) FROM event_mentions m JOIN events e USING (event_id)
                          WHERE e.pair_a = ? AND e.pair_b = ?""", [lo, hi]).fetchone()[0]


def document_marks(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """A stored document's actor mentions and event reports (with their merged event ids), in
    text order, for marking up its text."""
    mentions = _dicts(con.execute(
        """SELECT idx, start, "end", text, code, sector, name, role, rule FROM mentions
           WHERE doc_id = ? ORDER BY start, idx""", [doc_id]))
    reports = _dicts(con.execute(
        """SELECT m.idx, m.event_id, m.source, m.target, m.type, m.subtype, m."symmetric", m.date,
                  m.date_basis, m.confidence, m.trigger, m.trigger_start, m.trigger_end,
                  m.sentence_start, m.sentence_end, m.sentence
           FROM event_mentions m WHERE m.doc_id = ? ORDER BY m.sentence_start, m.idx""", [doc_id]))
    return {"mentions": mentions, "reports": reports}


def actor_profile(con: duckdb.DuckDBPyConnection, code: str, flt: Any = None) -> dict[str, Any]:
    """One actor: its events by type and its partners, with cooperation and conflict counts."""
    clause, params = where(flt)
    clause = (clause + " AND " if clause else "WHERE ") + "(e.pair_a = ? OR e.pair_b = ?)"
    params = params + [code, code]
    by_type = _dicts(con.execute(f"""SELECT e.type, count(*) AS events FROM events e {clause}
                                     GROUP BY e.type ORDER BY events DESC, e.type""", params))
    partners = _dicts(con.execute(
        f"""SELECT CASE WHEN e.pair_a = ? THEN e.pair_b ELSE e.pair_a END AS partner, count(*) AS events,
                   count(*) FILTER (WHERE e.intensity > 0) AS cooperation,
                   count(*) FILTER (WHERE e.intensity < 0) AS conflict,
                   min({_DAY}) AS first_day, max({_DAY}) AS last_day
            FROM events e {clause} GROUP BY partner ORDER BY events DESC, partner LIMIT 100""",
        [code] + params))
    return {"by_type": by_type, "partners": partners}


def country_counts(con: duckdb.DuckDBPyConnection, flt: Any = None) -> dict[str, int]:
    """Merged events the filter selects, per actor code on either side."""
    clause, params = where(flt)
    rows = con.execute(f"""SELECT code, count(*) FROM (
                               SELECT e.pair_a AS code FROM events e {clause}
                               UNION ALL SELECT e.pair_b FROM events e {clause}) GROUP BY code""",
                       params + params).fetchall()
    return {code: n for code, n in rows}


def located_events(con: duckdb.DuckDBPyConnection, flt: Any = None, limit: int = 5000) -> list[dict[str, Any]]:
    """Merged events with coordinates (their place), newest first."""
    clause, params = where(flt)
    clause = (clause + " AND " if clause else "WHERE ") + "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    return _dicts(con.execute(
        f"""SELECT e.event_id, e.type, e.source, e.target, e.location, e.lat, e.lon FROM events e {clause}
            ORDER BY {_DAY} DESC NULLS LAST, e.event_id LIMIT ?""", params + [limit]))


def year_only(con: duckdb.DuckDBPyConnection, flt: Any = None) -> list[dict[str, Any]]:
    """Merged events whose text dates them only to a year, per year (left out of ``timeline``)."""
    clause, params = where(flt)
    clause = (clause + " AND " if clause else "WHERE ") + _YEAR_ONLY
    cur = con.execute(f"""SELECT e.date AS year, count(*) AS events FROM events e {clause}
                          GROUP BY e.date ORDER BY e.date""", params)
    return _dicts(cur)


def network_edges(con: duckdb.DuckDBPyConnection, flt: Any = None, min_events: int = 1,
                  limit: int = 500) -> list[dict[str, Any]]:
    """The heaviest pairs (undirected), enough for a network."""
    return [d for d in dyads(con, flt, limit) if d["events"] >= min_events]


def events(con: duckdb.DuckDBPyConnection, flt: Any = None, limit: int = 50,
           offset: int = 0) -> list[dict[str, Any]]:
    """Merged events (with the representative sentence, no spans), newest first."""
    clause, params = where(flt)
    cur = con.execute(
        f"""SELECT e.* FROM events e {clause}
            ORDER BY {_DAY} DESC NULLS LAST, e.n_sources DESC, e.event_id LIMIT ? OFFSET ?""",
        params + [limit, offset],
    )
    return _dicts(cur)


def count_events(con: duckdb.DuckDBPyConnection, flt: Any = None) -> int:
    clause, params = where(flt)
    return int(con.execute(f"SELECT count(*) FROM events e {clause}", params).fetchone()[0])


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _dicts(con.execute(f"{_EVENT_SELECT} WHERE e.event_id = ?", [event_id]))
    return rows[0] if rows else None


def sources(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every instance of these events with its document's metadata, oldest report first."""
    cur = con.execute(
        """SELECT m.event_id, m.doc_id, m.idx, m.doc, m.sentence, m.sentence_start, m.sentence_end,
                  m.trigger, m.trigger_start, m.trigger_end, m.source_start, m.source_end,
                  m.target_start, m.target_end, m.source, m.target, m.date, m.date_precision, m.date_basis,
                  m.status, m.confidence, d.title, d.outlet, d.url, d.origin, d.published
           FROM event_mentions m LEFT JOIN documents d ON d.id = m.doc_id
           WHERE m.event_id IN (SELECT unnest(?::VARCHAR[]))
           ORDER BY m.event_id, d.published NULLS LAST, m.doc_id, m.idx""",
        [list(event_ids)],
    )
    return _dicts(cur)


def iter_events(con: duckdb.DuckDBPyConnection, flt: Any = None, batch: int = 5000) -> Iterator[list[dict]]:
    """All matching events in batches (exports), in a stable order."""
    clause, params = where(flt)
    cur = con.execute(f"{_EVENT_SELECT} {clause} ORDER BY {_DAY} NULLS LAST, e.event_id", params)
    names = [d[0] for d in cur.description]
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        yield [dict(zip(names, r)) for r in rows]


def copy_events(con: duckdb.DuckDBPyConnection, path: str, fmt: str, flt: Any = None) -> int:
    """COPY the matching events (flat columns) to a CSV or Parquet file; returns the row count."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(fmt)
    clause, params = where(flt)
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
    columns = ", ".join(_EXPORT_FROM_REPORT.get(c, f'e."{c}"') for c in EXPORT_COLUMNS)
    query = f"""SELECT {columns}
                FROM events e JOIN event_mentions m ON m.doc_id = e.rep_doc_id AND m.idx = e.rep_idx
                {clause} ORDER BY {_DAY} NULLS LAST, e.event_id"""
    escaped = path.replace("'", "''")
    con.execute(f"COPY ({query}) TO '{escaped}' ({options})", params)
    return count_events(con, flt)


def actor_totals(con: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> dict[str, int]:
    """Merged events per actor (either side)."""
    cur = con.execute(
        """SELECT code, count(*) FROM (SELECT pair_a AS code FROM events UNION ALL
                                        SELECT pair_b FROM events WHERE pair_b <> pair_a)
           WHERE code IN (SELECT unnest(?::VARCHAR[])) GROUP BY code""",
        [list(codes)],
    )
    return {c: int(n) for c, n in cur.fetchall()}


def distinct_values(con: duckdb.DuckDBPyConnection, column: str) -> list[str]:
    """The types or subtypes present (for filter menus)."""
    if column not in ("type", "subtype"):
        raise ValueError(column)
    return [r[0] for r in con.execute(
        f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL ORDER BY 1").fetchall()]
