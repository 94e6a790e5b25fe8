"""The ingest writer's columnar batches: what a batch stores, that batch sizes and merge
intervals never change the result, and that a run killed between two merges is repaired by the
next run (issue 14, columnar hand-off)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import duckdb
import pytest
from events_support import pipeline
from store_support import dump

import amity.ingest as ingest_mod
from amity.models import Actor, Coded, Document, Event, Mention, Span
from amity.store import batches, columnar
from amity.store import db as store_db

REPO = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def coded_examples() -> tuple[Coded, ...]:
    """The bundled examples through the real pipeline, each twice (a second copy with its own
    id and its events a week later): about 18 documents with mentions and events."""
    from amity.sources import iter_articles

    first = [c for c in pipeline().process(iter_articles([str(REPO / "examples" / "articles")]))
             if isinstance(c, Coded)]
    out = list(first)
    for c in first:
        doc = dataclasses.replace(c.document, id=c.document.id + "-b", origin=c.document.origin + "#b")
        out.append(dataclasses.replace(
            c, document=doc, mentions=tuple(dataclasses.replace(m, doc_id=doc.id) for m in c.mentions),
            events=tuple(dataclasses.replace(e, doc=e.doc + "#b") for e in c.events)))
    return tuple(out)


class Replay:
    """An engine handing the writer ready results; ``fail_after`` items, it raises (a kill)."""

    def __init__(self, items, fail_after: int | None = None):
        self.items, self.fail_after = list(items), fail_after
        self.skipped_shards: list[str] = []

    def map_calls(self, fn, calls):
        return [fn(*args) for args in calls]

    def run(self, inputs, known_ids, done_shards=None):
        for n, item in enumerate(self.items):
            if self.fail_after is not None and n == self.fail_after:
                raise KeyboardInterrupt("killed")
            yield item


def replay(monkeypatch, db: Path, items, fail_after=None, **options):
    monkeypatch.setattr(ingest_mod, "get_engine", lambda name, opts: Replay(items, fail_after))
    return ingest_mod.ingest(["(replay)"], str(db), ingest_mod.IngestOptions(**options))


def test_columnar_insert_keeps_every_type(tmp_path):
    with store_db.session(tmp_path / "t.duckdb") as con:
        doc = Document(id="d1", origin="o", text="Japan and Korea.", published="2024-05-06",
                       flags=("part", "x"), title=None)
        event = Event(doc="d1", doc_id="d1", source="JPN", target="KOR", source_actor=Actor("JPN", "GOV"),
                      target_actor=Actor("KOR"), type="COOPERATE", mode=None, subtype=None, cameo=None,
                      date="2024-05", date_precision="month", status="asserted", location=None,
                      location_country=None, lat=35.0, lon=None, symmetric=True,
                      sentence="Japan and Korea.", sentence_span=(0, 16), trigger=Span(6, 9, "and"),
                      confidence=0.75)
        coded = Coded(document=doc, mentions=(Mention("d1", "Japan", 0, 5, Actor("JPN", "GOV"), "name", 0),),
                      events=(event,))
        written = batches.write_batch(con, [coded, coded])  # the same content twice: stored once
        assert written == batches.Written(("d1",), 1, 1)
        assert batches.write_batch(con, [coded]) == batches.Written((), 0, 0)  # already stored
        row = con.execute("SELECT published, flags, title FROM documents").fetchone()
        assert row == (dt.date(2024, 5, 6), ["part", "x"], None)
        ev = con.execute('SELECT source_actor, "symmetric", confidence, lat, lon, sentence_start '
                         "FROM event_mentions").fetchone()
        assert json.loads(ev[0]) == {"code": "JPN", "sector": "GOV", "name": None, "role": None}
        assert ev[1:] == (True, 0.75, 35.0, None, 0)
        with pytest.raises(ValueError, match="no column 'nope'"):
            columnar.insert_rows(con, "documents", ("nope",), [[1]])


@pytest.mark.slow
def test_batch_size_and_merge_interval_never_change_the_result(tmp_path, monkeypatch):
    items = coded_examples()
    assert sum(len(c.events) for c in items) > 10
    replay(monkeypatch, tmp_path / "one.duckdb", items, commit_every=1, merge_every=1)
    replay(monkeypatch, tmp_path / "big.duckdb", items, commit_every=200, merge_every=0)
    replay(monkeypatch, tmp_path / "mid.duckdb", items, commit_every=3, merge_every=5)
    one = dump(tmp_path / "one.duckdb")
    assert one["events"]
    assert dump(tmp_path / "big.duckdb") == one
    assert dump(tmp_path / "mid.duckdb") == one


@pytest.mark.slow
def test_a_run_killed_between_merges_is_repaired_by_the_next(tmp_path, monkeypatch):
    items = coded_examples()
    replay(monkeypatch, tmp_path / "clean.duckdb", items)
    db = tmp_path / "killed.duckdb"
    with pytest.raises(KeyboardInterrupt):
        replay(monkeypatch, db, items, fail_after=len(items) - 3, commit_every=2, merge_every=0)
    con = duckdb.connect(str(db), read_only=True)
    pending = con.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0]
    dangling = con.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NOT NULL "
                           "AND event_id NOT IN (SELECT event_id FROM events)").fetchone()[0]
    con.close()
    assert pending > 0 and dangling == 0  # stored, awaiting their merge; nothing points nowhere
    report = replay(monkeypatch, db, items)
    assert report.skipped == len(items) - 3 - (len(items) - 3) % 2  # what the kill had committed
    assert dump(db) == dump(tmp_path / "clean.duckdb")
