"""`amity extract`, `amity events`, `amity eval` from the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from events_support import pipeline

from amity.cli import cli


@pytest.fixture(autouse=True)
def _shared_model(monkeypatch):
    """The commands reuse the session's pipeline instead of loading the model again."""
    monkeypatch.setattr("amity.events.eval._pipeline", lambda *a, **k: pipeline())


def _run(args, db=None):
    base = ["--db", str(db)] if db else []
    result = CliRunner().invoke(cli, base + args, catch_exceptions=False)
    return result


def test_extract_prints_event_json_named_after_the_file(tmp_path):
    art = tmp_path / "border-talks.txt"
    art.write_text("Border talks\n\nGhana and Togo signed a memorandum on border security on 4 March 2024.\n",
                   encoding="utf-8")
    result = _run(["extract", str(art)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [(e["doc"], e["source"], e["target"], e["type"], e["date"]) for e in events] == [
        ("border-talks", "GHA", "TGO", "AGREE", "2024-03-04")]


def test_events_lists_stored_rows_with_filters(tmp_path):
    from amity.models import Actor, Event, Span
    from amity.store import db
    from amity.store import events as store_events

    path = tmp_path / "a.duckdb"
    con = db.connect(path)
    ev = Event(doc="d", doc_id="d1", source="KOR", target="JPN", source_actor=Actor("KOR"), target_actor=Actor("JPN"),
               type="AGREE", mode="agree", subtype="exercise", cameo="030", date="2025-11", date_precision="month",
               status="asserted", location=None, location_country=None, lat=None, lon=None, symmetric=True,
               sentence="South Korea and Japan agreed.", sentence_span=(0, 29), trigger=Span(22, 28, "agreed"))
    store_events.insert_events(con, "d1", [ev])
    con.close()
    result = _run(["events", "--pair", "JPN,KOR", "--json"], db=path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["subtype"] == "exercise"
    assert _run(["events", "--type", "ASSAULT", "--json"], db=path).output == ""


def test_events_rejects_a_bad_pair(tmp_path):
    from amity.errors import InputError
    from amity.store import db

    path = tmp_path / "a.duckdb"
    db.connect(path).close()
    try:
        _run(["events", "--pair", "USA"], db=path)
    except InputError as exc:
        assert "needs two actor codes" in str(exc) and "USA,JPN" in exc.hint
    else:  # pragma: no cover
        raise AssertionError("a one-code pair was accepted")


def test_eval_json_on_seeds(shared_dir, seeds_dir):
    result = _run(["eval", "--gold", str(shared_dir / "gold" / "seeds.jsonl"), "--corpus", str(seeds_dir), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["recall"] == 1.0 and report["misses"] == []
