"""Opening the DuckDB database and applying the schema. The only place that connects."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from amity.errors import StoreError

DEFAULT_DB = "amity.duckdb"
ENV_DB = "AMITY_DB"
ENV_LOCK_WAIT = "AMITY_LOCK_WAIT"
LOCK_WAIT = 10.0  # seconds to wait for another process's lock before giving up

# Extra schema files other store modules register (merge tables, ingest state, ...).
_SCHEMA_FILES = ("schema.sql",)


def default_path() -> str:
    """The database path: $AMITY_DB, else ./amity.duckdb."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def _schema_sql() -> str:
    pkg = resources.files("amity.store")
    parts = []
    for name in _SCHEMA_FILES:
        parts.append(pkg.joinpath(name).read_text(encoding="utf-8"))
    for extra in sorted(p.name for p in pkg.iterdir() if p.name.startswith("schema_") and p.name.endswith(".sql")):
        parts.append(pkg.joinpath(extra).read_text(encoding="utf-8"))
    return "\n".join(parts)


def connect(path: str | os.PathLike | None = None, read_only: bool = False,
            schema: bool = True) -> duckdb.DuckDBPyConnection:
    """Open (and create, unless read_only) the database, with the schema applied (``schema``
    False: the caller applied it on an earlier connection in this run, as the ingest writer does).

    Raises StoreError with a hint when the file is locked by another process or unreadable.
    """
    path = str(path or default_path())
    if read_only and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no database at {path}", hint="Run `amity ingest PATH` first, or pass --db.")
    if path != ":memory:":
        parent = Path(path).parent
        if not parent.exists():
            raise StoreError(f"folder {parent} does not exist", hint="Create it, or pass another --db.")
    try:
        con = _connect_waiting(path, read_only)
    except duckdb.IOException as exc:
        msg = str(exc).splitlines()[0]
        raise StoreError(f"cannot open {path}: {msg}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}", hint="Is it a DuckDB file made by amity?") from exc
    if schema and not read_only:
        con.execute(_schema_sql())
    return con


def _connect_waiting(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, waiting up to $AMITY_LOCK_WAIT seconds (default LOCK_WAIT) while another
    process holds a conflicting lock: the server copying a snapshot, or another short write."""
    deadline = time.monotonic() + float(os.environ.get(ENV_LOCK_WAIT) or LOCK_WAIT)
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


@contextmanager
def session(path: str | os.PathLike | None = None, read_only: bool = False,
            schema: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is closed on exit. Keep write sessions short: DuckDB allows one writer."""
    con = connect(path, read_only=read_only, schema=schema)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN ... COMMIT, rolled back on any exception."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
