"""A partitioned Parquet dataset: what `amity ingest --out DIR` writes instead of a DuckDB file,
for corpora that a cluster codes, and that DuckDB, Spark or Polars read as they are.

Layout (Hive partitions by the document's publication month, ``month=unknown`` when undated)::

    DIR/documents/month=2024-05/b000001-0.parquet      one file per batch and month
    DIR/mentions/month=2024-05/b000001-0.parquet
    DIR/event_mentions/month=2024-05/b000001-0.parquet event_id and merged dates filled by the merge
    DIR/events/month=2024-05/events.parquet            merged events (rewritten by each merge)
    DIR/errors/b000001.parquet                         ingest errors
    DIR/shards_done/b000001.parquet                    inputs (or WARC ranges) finished
    DIR/_committed/b000001                             written last: the batch is whole

A batch's files count only once its marker exists, so a killed run leaves no half batch: the next
run deletes files without a marker and reads their shards again. Columns and types are those of
the DuckDB tables (amity/store/schema*.sql): one definition for both stores.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from amity.errors import InputError
from amity.models import Coded, Rejection
from amity.store import columnar
from amity.store import documents as store_docs
from amity.store import events as store_events
from amity.store import mentions as store_mentions
from amity.store import merge as store_merge

TABLES = ("documents", "mentions", "event_mentions")
UNDATED = "unknown"
_BATCH = re.compile(r"^b(\d{6})(?:-\d+)?$")


@cache
def _schema_types(table: str) -> tuple[tuple[str, str], ...]:
    """(column, SQL type) of a table of amity's schema (read once per process)."""
    from amity.store import db

    with db.session(":memory:") as con:
        return tuple(columnar.column_types(con, table).items())


def arrow_table(table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]):
    """Rows (values in ``names`` order) as an Arrow table with the DuckDB table's column types."""
    return columnar.arrow_table(dict(_schema_types(table)), names, rows)


def month_of(published: Any) -> str:
    text = str(published or "")
    return text[:7] if re.match(r"^\d{4}-\d{2}", text) else UNDATED


def _batches(root: Path) -> tuple[set[int], set[int]]:
    """(committed batch numbers, numbers with files but no marker)."""
    committed = {int(m.group(1)) for p in (root / "_committed").glob("b*") if (m := _BATCH.match(p.name))}
    seen = {int(m.group(1)) for p in root.rglob("b*.parquet") if (m := _BATCH.match(p.stem))}
    return committed, seen - committed


def prepare(root: str | os.PathLike) -> Path:
    """Make the dataset folder ready for writing: created if new; files of batches a killed run
    left without their marker are removed (their shards are read again)."""
    path = Path(root)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is not a folder", hint="--out takes a folder for the Parquet dataset.")
    (path / "_committed").mkdir(parents=True, exist_ok=True)
    _, partial = _batches(path)
    for p in path.rglob("b*.parquet"):
        m = _BATCH.match(p.stem)
        if m and int(m.group(1)) in partial:
            p.unlink()
    return path


def next_batch(root: Path) -> int:
    committed, _ = _batches(root)
    return max(committed, default=0) + 1


def _files(root: Path, table: str, committed: set[int]) -> list[str]:
    """The table's files of committed batches (``committed``: from ``_batches``, read once)."""
    return sorted(str(p) for p in (root / table).rglob("*.parquet")
                  if (m := _BATCH.match(p.stem)) is None or int(m.group(1)) in committed)


def reader(root: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables documents, mentions, event_mentions, events, errors and
    shards_done are views over the dataset's committed files (empty tables where none)."""
    from amity.store import db

    path = Path(root)
    committed, _ = _batches(path)
    con = db.connect(":memory:")
    for table in ("documents", "mentions", "event_mentions", "events", "shards_done"):
        files = _files(path, table, committed)
        if files:
            con.execute(f"DROP TABLE {table}")
            listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"CREATE VIEW {table} AS SELECT * EXCLUDE (month) FROM read_parquet([{listing}], "
                        "hive_partitioning = true, union_by_name = true)"
                        if table != "shards_done" else
                        f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listing}])")
    errors = _files(path, "errors", committed)
    if errors:
        con.execute("DROP TABLE ingest_errors")
        listing = ", ".join("'" + f.replace("'", "''") + "'" for f in errors)
        con.execute(f"CREATE VIEW ingest_errors AS SELECT * FROM read_parquet([{listing}])")
    return con


def known_ids(root: Path) -> frozenset[str]:
    with reader(root) as con:
        return frozenset(r[0] for r in con.execute("SELECT id FROM documents").fetchall())


def done_shards(root: Path) -> frozenset[str]:
    with reader(root) as con:
        return frozenset(r[0] for r in con.execute("SELECT key FROM shards_done").fetchall())


def _write(rows: list, table: str, names: Sequence[str], path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(arrow_table(table, names, rows), tmp)
    os.replace(tmp, path)


def _write_partitioned(rows: list, months: list[str], table: str, names: Sequence[str], folder: Path,
                       number: int) -> None:
    """Rows with their months as one Arrow table, split into month=... folders by pyarrow."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = arrow_table(table, names, rows).append_column("month", pa.array(months, pa.string()))
    pq.write_to_dataset(data, folder, partition_cols=["month"], basename_template=f"b{number:06d}-{{i}}.parquet",
                        existing_data_behavior="overwrite_or_ignore")


def write_batch(root: Path, number: int, items: Sequence[Coded], errors: Sequence[Rejection],
                shard_keys: Sequence[str], at: dt.datetime | None = None) -> None:
    """One batch: its documents, mentions and event reports by month, its errors and finished
    shards, then the marker that makes them count."""
    at = at or store_docs.now()
    name = f"b{number:06d}.parquet"
    tables: dict[str, tuple[list, list[str]]] = {t: ([], []) for t in TABLES}
    for c in items:
        month = month_of(c.document.published)
        for table, rows in (("documents", [store_docs.document_row(c.document, at)]),
                            ("mentions", [store_mentions.mention_row(c.document.id, i, m) for i, m in enumerate(c.mentions)]),
                            ("event_mentions", [store_events.event_row(c.document.id, i, e) for i, e in enumerate(c.events)])):
            tables[table][0].extend(rows)
            tables[table][1].extend([month] * len(rows))
    columns = {"documents": store_docs.DOC_COLUMNS, "mentions": store_mentions.COLUMNS,
               "event_mentions": store_events.ROW_COLUMNS}
    for table, (rows, months) in tables.items():
        if rows:
            _write_partitioned(rows, months, table, columns[table], root / table, number)
    if errors:
        _write([[r.origin, r.stage, r.reason, at] for r in errors], "ingest_errors",
               ("origin", "stage", "reason", "at"), root / "errors" / name)
    if shard_keys:
        _write([[k.encode("utf-8", "backslashreplace").decode("utf-8"), at] for k in shard_keys],
               "shards_done", ("key", "done_at"), root / "shards_done" / name)
    (root / "_committed" / f"b{number:06d}").touch()


# -- merging ---------------------------------------------------------------------------------
def blocks(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """Every (pair, type) block of the dataset's reports with its size, largest first."""
    return [(r[0], r[1]) for r in con.execute(
        f"SELECT {store_merge.BLOCK_SQL} AS block, count(*) AS n FROM event_mentions m "
        "GROUP BY block ORDER BY n DESC, block").fetchall()]


def write_merge(root: Path, events: Sequence[dict],
                assignments: Iterable[tuple[str, int, str]],
                dates: Iterable[tuple[str, int, str | None, str | None, str | None]]) -> None:
    """The merge's result: the events table (by the month of the event's first report) and every
    event_mentions file rewritten with its reports' event ids and merged dates."""
    import pyarrow.parquet as pq

    for old in (root / "events").rglob("*.parquet") if (root / "events").exists() else ():
        old.unlink()
    by_month: dict[str, list] = defaultdict(list)
    for e in events:
        by_month[month_of(e.get("first_published"))].append([e[c] for c in store_merge.EVENT_COLUMNS])
    for month, rows in sorted(by_month.items()):
        _write(rows, "events", store_merge.EVENT_COLUMNS, root / "events" / f"month={month}" / "events.parquet")
    ids = {(d, int(i)): eid for d, i, eid in assignments}
    new_dates = {(d, int(i)): rest for d, i, *rest in dates}
    for path in _files(root, "event_mentions", _batches(root)[0]):
        table = pq.read_table(path).to_pylist()
        names = store_events.ROW_COLUMNS
        rows = []
        for r in table:
            key = (r["doc_id"], int(r["idx"]))
            r["event_id"] = ids.get(key)
            if key in new_dates:
                r["date"], r["date_precision"], r["date_basis"] = new_dates[key]
            rows.append([r[n] for n in names])
        _write(rows, "event_mentions", names, Path(path))


def load(root: str | os.PathLike, con: duckdb.DuckDBPyConnection) -> tuple[list[str], bool]:
    """Copy the dataset's committed rows into a DuckDB database: documents not stored yet with
    their mentions and reports, and the errors. Into an empty database the merged events and
    event ids come as they are (returns True); otherwise the caller merges the new documents."""
    path = Path(root)
    if not (path / "_committed").is_dir():
        raise InputError(f"{path} is not an amity dataset (no _committed folder)",
                         hint="Make one with `amity ingest INPUTS --out DIR`.")
    empty = con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    ds = reader(path)
    try:
        stored = {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
        docs = ds.execute(f"SELECT {', '.join(store_docs.DOC_COLUMNS)} FROM documents ORDER BY id").fetchall()
        new = [d for d in docs if d[0] not in stored]
        new_ids = sorted({d[0] for d in new})
        columnar.insert_rows(con, "documents", store_docs.DOC_COLUMNS, new, ignore_conflicts=True)
        for table, names in (("mentions", store_mentions.COLUMNS), ("event_mentions", store_events.ROW_COLUMNS)):
            rows = ds.execute(f"SELECT {columnar.quoted(names)} FROM {table} "
                              "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id, idx",
                              [new_ids]).fetchall()
            if not empty and table == "event_mentions":  # event ids come from the merge here
                k = names.index("event_id")
                rows = [[*r[:k], None, *r[k + 1:]] for r in rows]
            columnar.insert_rows(con, table, names, rows)
        if empty:
            events = ds.execute(f"SELECT {columnar.quoted(store_merge.EVENT_COLUMNS)} FROM events").fetchall()
            columnar.insert_rows(con, "events", store_merge.EVENT_COLUMNS, events)
        for origin, stage, reason, _ in ds.execute("SELECT * FROM ingest_errors").fetchall():
            store_docs.record_error(con, Rejection(origin, stage, reason))
    finally:
        ds.close()
    return new_ids, empty
