"""The min_confidence filter: validation, merged events (their most confident report), event
reports, analytics, exports, and the analytics commands' --min-confidence."""

from __future__ import annotations

import json
import math

import merge_data
import pytest
from click.testing import CliRunner

from amity import query
from amity.cli import cli
from amity.errors import InputError
from amity.merge import evaluate, merge
from amity.query.export import export_events
from amity.query.filters import confidence_value, make_filter
from amity.query.network import network
from amity.store import db
from amity.store import documents as store_docs
from amity.store import events as store_events
from amity.store import merge as store_merge

LEVELS = (0.15, 0.35, 0.55, 0.75, 0.95)  # the reports' confidence, in turn


def spread_specs() -> list[dict]:
    return [{**spec, "confidence": LEVELS[i % len(LEVELS)]} for i, spec in enumerate(merge_data.specs())]


def build_db(path):
    """The merge test articles, their reports scored at LEVELS in turn, merged; returns path."""
    with db.session(path) as con:
        for art in merge_data.articles():
            store_docs.insert_document(con, evaluate.article_document(art))
        store_merge.insert_instance_rows(con, evaluate.instance_rows(merge_data.articles(), spread_specs()))
        merge(con)
    return path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("confidence") / "amity.duckdb")


@pytest.fixture()
def con(db_path):
    with db.session(db_path, read_only=True) as c:
        yield c


def best_report(con) -> dict[str, float]:
    """Each merged event's most confident report, worked out here from the reports."""
    best: dict[str, float] = {}
    for event_id, conf in con.execute("SELECT event_id, confidence FROM event_mentions").fetchall():
        best[event_id] = max(best.get(event_id, 0.0), conf)
    return best


def _ids(con, threshold) -> set[str]:
    page = query.events(con, make_filter(min_confidence=threshold), limit=query.MAX_PAGE)
    assert page["total"] == len(page["events"])
    return {e["event_id"] for e in page["events"]}


# -- validation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [(None, None), ("", None), ("  ", None), (0, 0.0), (1, 1.0),
                                            ("0.8", 0.8), (0.25, 0.25)])
def test_confidence_values_accepted(value, expected):
    assert confidence_value(value) == expected
    assert make_filter(min_confidence=value).min_confidence == expected


@pytest.mark.parametrize("value", [-0.01, 1.01, 80, "high", "0,8", math.nan, math.inf, "nan", [0.5]])
def test_confidence_values_refused_with_a_hint(value):
    with pytest.raises(InputError) as exc:
        make_filter(min_confidence=value)
    assert "min_confidence" in str(exc.value) and "0 to 1" in exc.value.hint


# -- merged events ------------------------------------------------------------------------------

def test_the_test_data_spreads_confidence_across_events(con):
    best = best_report(con)
    assert len(best) == 12 and len(set(best.values())) >= 3
    stored = dict(con.execute("SELECT event_id, confidence FROM events").fetchall())
    assert stored == pytest.approx(best)  # a merged event carries its most confident report's score


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.55, 0.8, 0.95, 1.0])
def test_events_keep_those_with_a_report_at_or_above_the_threshold(con, threshold):
    best = best_report(con)
    assert _ids(con, threshold) == {e for e, c in best.items() if c >= threshold - 1e-9}


def test_no_threshold_is_every_event(con):
    assert _ids(con, None) == set(best_report(con))
    assert query.events(con, make_filter())["total"] == 12


def test_an_event_counts_its_most_confident_report(con):
    """A happening told by a doubtful and a sure report passes on the sure one."""
    rows = con.execute("""SELECT event_id, min(confidence), max(confidence) FROM event_mentions
                          GROUP BY event_id HAVING min(confidence) < 0.5 AND max(confidence) >= 0.9""").fetchall()
    assert rows, "the test data needs an event with a doubtful and a sure report"
    assert rows[0][0] in _ids(con, 0.9)


def test_threshold_combines_with_other_filters(con):
    flt = make_filter(pair="USA,JPN", min_confidence=0.5)
    page = query.events(con, flt, limit=100)
    best = best_report(con)
    assert page["events"] and all({e["source"], e["target"]} == {"USA", "JPN"} for e in page["events"])
    assert all(best[e["event_id"]] >= 0.5 for e in page["events"])
    assert page["total"] < query.events(con, make_filter(pair="USA,JPN"))["total"]


def test_dyads_timeline_and_network_follow_the_threshold(con):
    flt = make_filter(min_confidence=0.9)
    kept = _ids(con, 0.9)
    assert sum(d["events"] for d in query.dyads(con, flt, limit=1000)) == len(kept)
    assert sum(d["events"] for d in query.dyads(con, limit=1000)) == 12
    graph = network(con, flt)
    assert sum(d["events"] for _, _, d in graph.edges(data=True)) == len(kept)
    usjp_all = sum(r["events"] for r in query.timeline(con, "USA", "JPN"))
    usjp_sure = sum(r["events"] for r in query.timeline(con, "USA", "JPN", flt))
    assert usjp_sure < usjp_all


@pytest.mark.parametrize("fmt", ["jsonl", "plover", "gdelt", "csv", "parquet"])
def test_every_export_format_follows_the_threshold(con, tmp_path, fmt):
    flt = make_filter(min_confidence=0.7)
    expected = len(_ids(con, 0.7))
    assert 0 < expected < 12
    out = tmp_path / f"events.{fmt}"
    assert export_events(con, fmt, out, flt) == expected
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == expected and all(r["confidence"] >= 0.7 for r in rows)
    elif fmt == "csv":
        assert len(out.read_text(encoding="utf-8").splitlines()) == expected + 1  # a header line


# -- event reports (amity events) ---------------------------------------------------------------

def test_event_reports_are_filtered_on_their_own_confidence(con):
    every = store_events.query(con)
    sure = store_events.query(con, min_confidence=0.75)
    assert len(every) == 26
    assert sure and all(r["confidence"] >= 0.75 for r in sure)
    assert len(sure) == sum(1 for r in every if r["confidence"] >= 0.75)
    assert store_events.query(con, min_confidence=1.0) == []


# -- the analytics commands ---------------------------------------------------------------------

def _run(db_path, *args):
    return CliRunner().invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)


def test_export_events_command_takes_min_confidence(db_path, con):
    lines = _run(db_path, "export-events", "--min-confidence", "0.7").output.splitlines()
    assert {json.loads(x)["event_id"] for x in lines} == _ids(con, 0.7)


def test_dyads_network_and_timeline_commands_take_min_confidence(db_path, con):
    kept = len(_ids(con, 0.9))
    rows = [json.loads(x) for x in _run(db_path, "dyads", "--json", "--min-confidence", "0.9").output.splitlines()]
    assert sum(r["events"] for r in rows) == kept
    graph = json.loads(_run(db_path, "network", "--format", "json", "--min-confidence", "0.9").output)
    assert sum(link["events"] for link in graph["links"]) == kept
    every = _run(db_path, "timeline", "USA", "JPN", "--json").output.splitlines()
    sure = _run(db_path, "timeline", "USA", "JPN", "--json", "--min-confidence", "0.9").output.splitlines()
    assert sum(json.loads(x)["events"] for x in sure) < sum(json.loads(x)["events"] for x in every)


@pytest.mark.parametrize("command", [["export-events"], ["dyads"], ["network"], ["timeline", "USA", "JPN"]])
def test_a_bad_threshold_is_an_input_error(db_path, command):
    with pytest.raises(InputError) as exc:
        _run(db_path, *command, "--min-confidence", "1.5")
    assert "--min-confidence" in str(exc.value) and exc.value.hint


def test_help_says_what_the_number_means():
    out = CliRunner().invoke(cli, ["export-events", "--help"]).output
    assert "--min-confidence FLOAT" in out and "probability" in out
