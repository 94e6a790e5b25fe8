"""--min-confidence on the commands that code or list event reports: extract, ingest, events.

The coding itself is stood in for: these tests check what the commands hand the pipeline (the
threshold as a public CoderOptions value) and what they print, not the coder's scores."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from amity.cli import cli
from amity.errors import InputError
from amity.models import Actor, Event, Span
from amity.store import db
from amity.store import events as store_events


def _run(args, db_path=None):
    base = ["--db", str(db_path)] if db_path else []
    return CliRunner().invoke(cli, base + args, catch_exceptions=False)


def _event(doc_id: str, confidence: float, source: str = "KOR", target: str = "JPN") -> Event:
    return Event(doc=doc_id, doc_id=doc_id, source=source, target=target, source_actor=Actor(source),
                 target_actor=Actor(target), type="AGREE", mode="agree", subtype=None, cameo="030",
                 date="2025-11-02", date_precision="day", status="asserted", location=None,
                 location_country=None, lat=None, lon=None, symmetric=True,
                 sentence="South Korea and Japan agreed.", sentence_span=(0, 29),
                 trigger=Span(22, 28, "agreed"), confidence=confidence)


@pytest.fixture()
def coded(monkeypatch, tmp_path):
    """`amity extract` with the coding stood in for: events at four confidence levels."""
    seen: dict = {}

    def fake_code_paths(paths, actor_files=(), model=None, pipeline=None):
        seen["pipeline"] = pipeline
        return [_event(f"d{i}", c).to_json() for i, c in enumerate((0.2, 0.5, 0.8, 0.95))]

    monkeypatch.setattr("amity.events.eval.code_paths", fake_code_paths)
    art = tmp_path / "story.txt"
    art.write_text("Seoul and Tokyo\n\nSouth Korea and Japan agreed.\n", encoding="utf-8")
    return SimpleNamespace(seen=seen, path=str(art))


def _printed(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_extract_hands_the_threshold_to_the_coder_and_prints_only_events_above_it(coded):
    events = _printed(_run(["extract", coded.path, "--min-confidence", "0.8"]))
    assert [e["confidence"] for e in events] == [0.8, 0.95]
    options = coded.seen["pipeline"].options
    assert options.coder.min_confidence == 0.8  # the public option, before any model loads
    assert options.code_events


def test_extract_without_a_threshold_leaves_the_coder_default(coded):
    events = _printed(_run(["extract", coded.path]))
    assert len(events) == 4
    assert coded.seen["pipeline"] is None  # code_paths builds its default pipeline


def test_extract_table_is_filtered_too(coded):
    result = _run(["extract", coded.path, "--format", "table", "--min-confidence", "0.9"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[1:]
    assert len(rows) == 1 and rows[0].startswith("d3")


@pytest.mark.parametrize("bad", ["1.2", "-0.5", "nan"])
def test_extract_refuses_a_bad_threshold(coded, bad):
    with pytest.raises(InputError) as exc:
        _run(["extract", coded.path, "--min-confidence", bad])
    assert "--min-confidence" in str(exc.value) and "0 to 1" in exc.value.hint
    assert "pipeline" not in coded.seen  # refused before anything is coded


def test_ingest_passes_the_threshold_as_a_coder_option(monkeypatch, tmp_path):
    seen = {}

    def fake_ingest(inputs, db_path, options, progress=None):
        seen["options"] = options
        return SimpleNamespace(as_dict=lambda: {"new": 0}, exit_code=0)

    monkeypatch.setattr("amity.ingest.ingest", fake_ingest)
    art = tmp_path / "story.txt"
    art.write_text("text\n", encoding="utf-8")
    result = _run(["ingest", str(art), "--json", "--min-confidence", "0.6"], tmp_path / "a.duckdb")
    assert result.exit_code == 0, result.output
    assert seen["options"].pipeline.coder.min_confidence == 0.6
    _run(["ingest", str(art), "--json"], tmp_path / "a.duckdb")
    assert seen["options"].pipeline.coder is None  # the coder's own default threshold
    with pytest.raises(InputError):
        _run(["ingest", str(art), "--json", "--min-confidence", "2"], tmp_path / "a.duckdb")


@pytest.fixture()
def stored(tmp_path):
    path = tmp_path / "a.duckdb"
    con = db.connect(path)
    store_events.insert_events(con, "d1", [_event("d1", 0.3), _event("d1", 0.9, "USA", "JPN")])
    store_events.insert_events(con, "d2", [_event("d2", 0.7)])
    con.close()
    return path


def test_events_lists_reports_at_or_above_the_threshold(stored):
    assert len(_printed(_run(["events", "--json"], stored))) == 3
    events = _printed(_run(["events", "--json", "--min-confidence", "0.7"], stored))
    assert sorted(e["confidence"] for e in events) == [0.7, 0.9]
    events = _printed(_run(["events", "--json", "--actor", "KOR", "--min-confidence", "0.5"], stored))
    assert [(e["doc"], e["confidence"]) for e in events] == [("d2", 0.7)]
    assert _run(["events", "--min-confidence", "1"], stored).output.strip() == "(none)"


def test_events_refuses_a_bad_threshold(stored):
    with pytest.raises(InputError) as exc:
        _run(["events", "--min-confidence", "1.5"], stored)
    assert "not between 0 and 1" in str(exc.value)
    result = _run(["events", "--min-confidence", "high"], stored)  # not a number: a usage error
    assert result.exit_code == 2 and "--min-confidence" in result.output


@pytest.mark.parametrize("command", ["extract", "ingest", "events"])
def test_help_teaches_what_the_threshold_means(command):
    out = CliRunner().invoke(cli, [command, "--help"]).output
    assert "--min-confidence FLOAT" in out and "probability" in out
    if command in ("extract", "ingest"):
        assert "default threshold applies at coding time" in " ".join(out.split())
