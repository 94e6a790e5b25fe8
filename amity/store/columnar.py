"""Columnar writes: many rows in one statement.

A batch of rows becomes an Arrow table (one array per column), which DuckDB reads in bulk in a
single ``INSERT ... SELECT``: one statement per table and batch instead of one per row, and no
per-value conversion through Python objects on DuckDB's side (an Arrow table of 19,000 mention
rows loads in about a third of the time the same rows take as unnested list parameters). Column
types are read from the table itself (the catalog), so the schema files stay the one definition
of them: Arrow infers each column's type from its values, and the SELECT casts it to the
column's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

_VIEW = "amity_columnar_batch"


def quoted(names: Sequence[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """The table's columns and their SQL types, in table order."""
    relation = con.table(table)  # a catalog lookup; much cheaper than information_schema
    return dict(zip(relation.columns, map(str, relation.dtypes)))


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, names: Sequence[str],
                rows: Sequence[Sequence[Any]], ignore_conflicts: bool = False) -> int:
    """Insert ``rows`` (values in ``names`` order) with one statement; returns the rows written.
    ``ignore_conflicts``: rows whose primary key is already stored are left out (not an error)."""
    if not rows:
        return 0
    types = column_types(con, table)
    unknown = [n for n in names if n not in types]
    if unknown:
        raise ValueError(f"{table} has no column {unknown[0]!r}")
    import pyarrow as pa

    batch = pa.table({f"c{k}": list(col) for k, col in enumerate(zip(*rows))})
    selects = ", ".join(f'CAST(c{k} AS {types[n]})' for k, n in enumerate(names))
    sql = f"INSERT INTO {table} ({quoted(names)}) SELECT {selects} FROM {_VIEW}"
    con.register(_VIEW, batch)
    try:
        if ignore_conflicts:
            return len(con.execute(sql + " ON CONFLICT DO NOTHING RETURNING 1").fetchall())
        con.execute(sql)
        return len(rows)
    finally:
        con.unregister(_VIEW)
