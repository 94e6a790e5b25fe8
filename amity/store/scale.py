"""Feed polling state for ``amity watch``: validators per feed, and entry links already taken."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from amity.store import columnar
from amity.store.documents import now


def feed_validators(con: duckdb.DuckDBPyConnection, url: str) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) the feed sent last time, for a conditional GET."""
    row = con.execute("SELECT etag, last_modified FROM feed_state WHERE url = ?", [url]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_feed_state(con: duckdb.DuckDBPyConnection, url: str, *, status: int | None,
                    etag: str | None = None, last_modified: str | None = None,
                    error: str | None = None, new_entries: int = 0) -> None:
    """Record a poll. A failed poll keeps the previous validators."""
    old_etag, old_modified = feed_validators(con, url)
    if status is None or status == 304:
        etag, last_modified = etag or old_etag, last_modified or old_modified
    con.execute("DELETE FROM feed_state WHERE url = ?", [url])
    con.execute(
        "INSERT INTO feed_state (url, etag, last_modified, polled_at, status, error, new_entries) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [url, etag, last_modified, now(), status, error, new_entries],
    )


def known_links(con: duckdb.DuckDBPyConnection, links: Iterable[str]) -> set[str]:
    """Which of these canonical URLs amity already has (a stored document or a taken entry)."""
    links = list(dict.fromkeys(links))
    if not links:
        return set()
    rows = con.execute(
        "SELECT url FROM feed_items WHERE url IN (SELECT unnest(?)) "
        "UNION SELECT url FROM documents WHERE url IN (SELECT unnest(?))",
        [links, links],
    ).fetchall()
    return {r[0] for r in rows}


def mark_taken(con: duckdb.DuckDBPyConnection, links: Iterable[str], feed: str) -> None:
    at = now()
    for link in dict.fromkeys(links):
        con.execute("INSERT INTO feed_items (url, feed, first_seen) VALUES (?, ?, ?) "
                    "ON CONFLICT (url) DO NOTHING", [link, feed, at])


def feed_states(con: duckdb.DuckDBPyConnection) -> list[dict]:
    cur = con.execute("SELECT url, status, error, new_entries, polled_at FROM feed_state ORDER BY url")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def done_shards(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Keys of the shards an earlier run finished (``ShardDone`` markers the writer stored)."""
    return frozenset(r[0] for r in con.execute("SELECT key FROM shards_done").fetchall())


def mark_shard_done(con: duckdb.DuckDBPyConnection, key: str) -> None:
    mark_shards_done(con, [key])


def mark_shards_done(con: duckdb.DuckDBPyConnection, keys: Iterable[str]) -> None:
    """Record finished shards in one statement. A non-UTF-8 file name reaches here with lone
    surrogates, which DuckDB cannot store; such a key is stored escaped (it then never matches, so
    that shard is read again: nothing is skipped wrongly)."""
    at = now()
    rows = [[key.encode("utf-8", "backslashreplace").decode("utf-8"), at] for key in dict.fromkeys(keys)]
    columnar.insert_rows(con, "shards_done", ("key", "done_at"), rows, ignore_conflicts=True)
