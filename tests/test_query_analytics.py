"""Dyads, timelines, the network and filters over merged events (tests/data/merge/)."""

import io
import json

import merge_data
import networkx as nx
import pytest

from amity import query
from amity.errors import InputError, NotFound
from amity.query.intensity import intensity, table
from amity.query.network import network, write_network


@pytest.fixture(scope="module")
def con():
    c = merge_data.merged_connection()
    yield c
    c.close()


def test_every_plover_type_has_a_score_in_range():
    types = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
    assert {t for t, m in table() if m == "*"} == types
    assert intensity("ASSAULT", "aerial").score == -10.0
    assert intensity("CONSULT", "no-such-mode").score == intensity("CONSULT").score
    assert intensity("NOPE") is None


def test_dyads_are_ranked_with_balance(con):
    rows = query.dyads(con)
    assert (rows[0]["pair_a"], rows[0]["pair_b"], rows[0]["events"]) == ("JPN", "KOR", 4)
    china = next(r for r in rows if (r["pair_a"], r["pair_b"]) == ("CHN", "JPN"))
    assert china["conflict"] == 2 and china["balance"] == -1.0 and china["reports"] == 3


def test_timeline_counts_events_per_month_by_type(con):
    rows = query.timeline(con, "usa", "JPN")
    assert [(r["month"], r["type"], r["events"]) for r in rows] == [
        ("2025-03", "AGREE", 1), ("2025-03", "CONSULT", 1), ("2025-04", "CONSULT", 1)]


def test_events_filters_combine(con):
    page = query.events(con, query.make_filter(pair="JPN,KOR", type="AGREE", subtype="exercise"))
    assert page["total"] == 1 and page["events"][0]["n_sources"] == 3
    assert query.events(con, query.make_filter(text="Jeju"))["total"] == 1
    assert query.events(con, query.make_filter(since="2025-07", until="2025-07"))["total"] == 2
    assert query.events(con, query.make_filter(actor="CHN"))["total"] == 2


def test_sql_in_filter_values_is_only_data(con):
    assert query.events(con, query.make_filter(text="x' OR '1'='1"))["total"] == 0
    with pytest.raises(InputError):
        query.make_filter(actor="USA' OR 1=1 --")
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 12


@pytest.mark.parametrize("bad", [{"since": "2025-13"}, {"until": "yesterday"}, {"pair": "USA"},
                                 {"type": "agree!"}, {"subtype": "x" * 80}, {"text": "y" * 500}])
def test_bad_filters_are_input_errors(bad):
    with pytest.raises(InputError):
        query.make_filter(**bad)


def test_event_detail_has_every_source(con):
    eid = query.events(con, query.make_filter(pair="FRA,IND"))["events"][0]["event_id"]
    ev = query.event(con, eid)
    assert ev["n_sources"] == 3 and {s["outlet"] for s in ev["sources"]} == {
        "Delhi Gazette", "Paris Evening", "Defense Weekly"}
    for s in ev["sources"]:
        assert s["sentence"][s["trigger_span"][0] - s["sentence_span"][0]:][:len(s["trigger"])] == s["trigger"]


def test_unknown_event_is_not_found(con):
    with pytest.raises(NotFound):
        query.event(con, "0000000000000000")


def test_network_has_weighted_edges(con):
    graph = network(con)
    assert graph.edges["JPN", "KOR"]["events"] == 4 and graph.nodes["JPN"]["events"] == 9
    assert graph.edges["CHN", "JPN"]["balance"] == -1.0


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_network_formats_read_back(con, fmt, tmp_path):
    path = tmp_path / f"n.{fmt}"
    write_network(network(con), fmt, path)
    if fmt == "graphml":
        back = nx.read_graphml(path)
    elif fmt == "gexf":
        back = nx.read_gexf(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text()), edges="links")
    assert back.number_of_edges() == 5


def test_network_to_a_stream(con):
    out = io.StringIO()
    write_network(network(con, min_events=3), "json", out)
    assert {lk["source"] for lk in json.loads(out.getvalue())["links"]} <= {"JPN", "USA", "KOR"}
