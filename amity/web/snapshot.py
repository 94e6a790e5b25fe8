"""Serving from snapshots of the database, so that `amity ingest` can write meanwhile.

DuckDB lets one process write a file and, while it does, no other process may open it; and a
reader's lock would in turn stop `amity ingest` from opening it. The server therefore never opens
the live file. It copies the file (and its WAL) into a private folder, without any lock, and
keeps the copy only when it is consistent: the file had not changed for ``QUIET`` seconds before
the copy and did not change during it (size and modification time of both files). The copy is
then opened read-write once (amity's schema applied, its WAL folded in, as after a crash) and
served read-only. Before a request it checks, at most every ``min_interval`` seconds, whether
the file changed; if so and it is quiet, it takes a new snapshot and swaps it in; otherwise it
keeps answering from the current one. Old snapshots are closed and deleted when their last
request finishes. Each snapshot carries a cache for answers that only depend on its data.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from amity.errors import StoreError
from amity.store import db as store_db


class Snapshot:
    def __init__(self, path: Path, generation: int, signature: tuple):
        self.path = path
        self.generation = generation
        self.signature = signature
        self.con = duckdb.connect(str(path), read_only=True)
        self.cache: dict[str, Any] = {}
        self.refs = 0
        self.retired = False

    def close(self) -> None:
        self.con.close()
        for p in (self.path, Path(f"{self.path}.wal")):
            p.unlink(missing_ok=True)


QUIET = 0.1  # seconds the file must have been left alone before it is copied


def _changed_within(signature: tuple, seconds: float) -> bool:
    newest = max((part[1] for part in signature if part), default=0)
    return time.time_ns() - newest < seconds * 1e9


def _signature(path: Path) -> tuple:
    """What changes when a writer commits: size and mtime of the file and its WAL."""
    parts = []
    for p in (path, Path(f"{path}.wal")):
        try:
            st = p.stat()
            parts.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            parts.append(None)
    return tuple(parts)


class Snapshots:
    """Hands out read-only cursors on the newest snapshot that could be taken."""

    def __init__(self, source: str | os.PathLike, min_interval: float = 1.0, workdir: str | None = None):
        self.source = Path(source)
        self.min_interval = min_interval
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="amity-serve-"))
        self._current: Snapshot | None = None
        self._lock = threading.Lock()  # guards _current and refcounts
        self._refreshing = threading.Lock()
        self._checked = 0.0
        self._generation = 0
        # Called with (cursor, snapshot) on each new snapshot before it is swapped in, to fill its
        # cache, so that requests never pay for a cold overview.
        self.warmers: list[Callable[[duckdb.DuckDBPyConnection, Snapshot], Any]] = []

    def start(self, wait: float = 10.0) -> None:
        """Take the first snapshot, retrying while a writer holds the file."""
        deadline = time.monotonic() + wait
        while True:
            try:
                self._refresh(force=True)
                return
            except StoreError:
                if not self.source.exists() or time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)

    def _copy(self, signature: tuple) -> Snapshot:
        if not self.source.exists():
            raise StoreError(f"no database at {self.source}", hint="Run `amity ingest PATH` first, or pass --db.")
        if _changed_within(signature, QUIET):
            raise StoreError(f"{self.source} is being written", hint="Retry in a moment.")
        self._generation += 1
        self.workdir.mkdir(parents=True, exist_ok=True)  # again, after close()
        target = self.workdir / f"snapshot-{self._generation}.duckdb"
        wal = Path(f"{self.source}.wal")
        try:
            shutil.copyfile(self.source, target)
            if wal.exists():
                shutil.copyfile(wal, Path(f"{target}.wal"))
            if _signature(self.source) != signature:
                raise StoreError(f"{self.source} changed while it was copied", hint="Retry in a moment.")
            # Apply amity's schema to the private copy (tables an older file lacks), fold its WAL.
            with store_db.session(target) as con:
                con.execute("CHECKPOINT")
        except (OSError, StoreError, duckdb.Error) as exc:
            for p in (target, Path(f"{target}.wal")):
                p.unlink(missing_ok=True)
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot snapshot {self.source}: {str(exc).splitlines()[0]}") from exc
        return Snapshot(target, self._generation, signature)

    def _refresh(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._checked < self.min_interval:
            return
        if not self._refreshing.acquire(blocking=force):
            return  # another request is refreshing; answer from the current snapshot
        try:
            self._checked = now
            signature = _signature(self.source)
            if self._current is not None and signature == self._current.signature:
                return
            try:
                fresh = self._copy(signature)
            except StoreError:
                if self._current is None:
                    raise
                return  # a writer holds the file: keep serving the current snapshot
            self._warm(fresh)
            self._swap(fresh)
        finally:
            self._refreshing.release()

    def _warm(self, fresh: Snapshot) -> None:
        cursor = fresh.con.cursor()
        try:
            for warm in self.warmers:
                warm(cursor, fresh)
        finally:
            cursor.close()

    def _swap(self, fresh: Snapshot) -> None:
        with self._lock:
            old, self._current = self._current, fresh
            if old is not None:
                old.retired = True
                if old.refs == 0:
                    old.close()

    @property
    def current(self) -> Snapshot | None:
        """The snapshot now being served (None before the first); no check for a newer one."""
        return self._current

    def due(self) -> bool:
        """Whether refresh() has work to do now (a stat of the file, perhaps a copy). Callers on an
        event loop run refresh() in a thread only then, and lease(refresh=False) after it."""
        return self._current is None or time.monotonic() - self._checked >= self.min_interval

    def refresh(self) -> None:
        """Take the first snapshot (waiting briefly for a quiet file), or a newer one if due."""
        if self._current is None:
            self.start(wait=5.0)
        else:
            self._refresh()

    @contextmanager
    def lease(self, refresh: bool = True) -> Iterator[tuple[duckdb.DuckDBPyConnection, Snapshot]]:
        """A cursor on the newest snapshot, and the snapshot (for its cache)."""
        if refresh:
            self.refresh()
        with self._lock:
            snap = self._current
            if snap is None:
                raise StoreError("the database is not available yet", hint="Retry in a few seconds.")
            snap.refs += 1
        cursor = snap.con.cursor()
        try:
            yield cursor, snap
        finally:
            cursor.close()
            with self._lock:
                snap.refs -= 1
                if snap.retired and snap.refs == 0:
                    snap.close()

    def close(self) -> None:
        """Drop the current snapshot and the private folder (a later request starts again)."""
        with self._lock:
            current, self._current = self._current, None
            if current is not None:
                current.retired = True
                if current.refs == 0:
                    current.close()
        if current is None or current.refs == 0:
            shutil.rmtree(self.workdir, ignore_errors=True)
