"""Merging on the hand-written clustered articles in tests/data/merge/ (instances built from a
spec, so these tests do not depend on the event coder)."""

import merge_data
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amity.merge import MergeReport, evaluate, merge
from amity.store import db
from amity.store import documents as store_docs
from amity.store import merge as store_merge


@pytest.fixture()
def con():
    c = db.connect(":memory:")
    yield c
    c.close()


def clustering(assign):
    """Order-free form of an assignment: the set of groups of refs."""
    groups = {}
    for ref, eid in assign.items():
        groups.setdefault(eid, set()).add(ref)
    return {frozenset(g) for g in groups.values()}


def test_merge_matches_the_gold_clustering(con):
    merge_data.load(con)
    report = merge(con, doc_ids=[a["id"] for a in merge_data.articles()])
    assert isinstance(report, MergeReport) and report.events == len(set(merge_data.gold_labels().values()))
    s = evaluate.scores(merge_data.assignment(con), merge_data.gold_labels())
    assert s["pairwise_precision"] == 1.0 and s["pairwise_recall"] == 1.0


def test_events_table_keeps_source_counts(con):
    merge_data.load(con)
    merge(con)
    row = con.execute("SELECT n_sources, n_mentions, subtype, date FROM events "
                      "WHERE type = 'CONSULT' AND date = '2025-03-14'").fetchone()
    assert row == (4, 5, "defense_industry", "2025-03-14")


def test_same_event_twice_in_one_article_is_one_event(con):
    merge_data.load(con, ["usjp-tokyo-pacificwire"])
    merge(con)
    assert con.execute("SELECT count(DISTINCT event_id) FROM event_mentions").fetchone()[0] == 1


def test_near_misses_stay_apart(con):
    merge_data.load(con)
    merge(con)
    ids = merge_data.assignment(con)
    assert ids[("auph-patrol-manila", 0)] != ids[("auph-patrol2-manila", 0)]  # two weeks later
    assert ids[("usjp-tokyo-harbor", 0)] != ids[("usjp-dc-harbor", 0)]  # a month later
    assert ids[("kojp-sar-seoul", 0)] != ids[("kojp-intel-seoul", 0)]  # next day, other subtype
    assert ids[("cnjp-accuse-eastern", 0)] != ids[("cnjp-accuse-eastern", 1)]  # other direction


def test_a_new_article_joins_an_existing_event(con):
    first = ["usjp-tokyo-harbor", "usjp-tokyo-eastern"]
    merge_data.load(con, first)
    merge(con, doc_ids=first)
    merge_data.load(con, ["usjp-tokyo-capital"])
    report = merge(con, doc_ids=["usjp-tokyo-capital"])
    assert report.blocks == 1
    ids = merge_data.assignment(con)
    assert ids[("usjp-tokyo-capital", 0)] == ids[("usjp-tokyo-harbor", 0)]
    n = con.execute("SELECT n_sources FROM events WHERE event_id = ?", [ids[("usjp-tokyo-harbor", 0)]]).fetchone()
    assert n == (3,)


def test_merge_is_idempotent(con):
    merge_data.load(con)
    merge(con)
    before = con.execute("SELECT * EXCLUDE (merged_at) FROM events ORDER BY event_id").fetchall()
    assert merge(con, doc_ids=[]).events == 0
    merge(con)
    assert con.execute("SELECT * EXCLUDE (merged_at) FROM events ORDER BY event_id").fetchall() == before


def test_removed_instances_repair_their_events(con):
    merge_data.load(con)
    merge(con)
    store_merge.delete_document_instances(con, ["usjp-tokyo-harbor"])
    merge(con, doc_ids=[])
    left = con.execute("SELECT n_sources FROM events WHERE type = 'CONSULT' AND first_date = '2025-03-14'").fetchall()
    assert left == [(3,)]
    orphans = con.execute("SELECT count(*) FROM events e WHERE NOT EXISTS "
                          "(SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id)").fetchone()[0]
    assert orphans == 0


def test_merge_inside_the_callers_transaction(con):
    merge_data.load(con)
    with db.transaction(con):
        merge(con, doc_ids=["infr-rafale-delhi"])
    assert con.execute("SELECT n_sources FROM events WHERE type = 'AGREE' AND pair_a = 'FRA'").fetchone() == (3,)


def test_merge_accepts_a_path(tmp_path):
    path = tmp_path / "m.duckdb"
    with db.session(path) as c:
        merge_data.load(c)
    assert merge(path).events == 12


@settings(max_examples=12, deadline=None)
@given(st.permutations(merge_data.articles()), st.integers(min_value=1, max_value=6))
def test_ingest_order_and_batching_do_not_change_the_result(order, batch):
    with db.session(":memory:") as c:
        ids = [a["id"] for a in order]
        for i in range(0, len(ids), batch):
            merge_data.load(c, ids[i:i + batch])
            merge(c, doc_ids=ids[i:i + batch])
        incremental = merge_data.assignment(c)
    with db.session(":memory:") as c:
        merge_data.load(c)
        merge(c)
        full = merge_data.assignment(c)
    assert incremental == full


def test_joint_types_merge_whatever_the_direction(con):
    """'A hosted B' and 'B met A' the same day are one meeting (CONSULT is joint in the ontology);
    an accusation keeps its direction."""
    arts = [{"id": f"d{i}", "published": "2025-03-14", "text": text} for i, text in enumerate(
        ["Japan hosted the U.S. defense chief on Friday.", "The U.S. defense chief met Japan's minister on Friday.",
         "China accused Japan on Friday.", "Japan accused China on Friday."])]
    base = {"sentence_no": 0, "date": "2025-03-14", "date_precision": "day", "symmetric": False}
    specs = [dict(base, doc="d0", trigger="hosted", source="JPN", target="USA", type="CONSULT"),
             dict(base, doc="d1", trigger="met", source="USA", target="JPN", type="CONSULT"),
             dict(base, doc="d2", trigger="accused", source="CHN", target="JPN", type="ACCUSE"),
             dict(base, doc="d3", trigger="accused", source="JPN", target="CHN", type="ACCUSE")]
    for art in arts:
        store_docs.insert_document(con, evaluate.article_document(art))
    store_merge.insert_instance_rows(con, evaluate.instance_rows(arts, specs))
    merge(con)
    ids = merge_data.assignment(con)
    assert ids[("d0", 0)] == ids[("d1", 0)]
    assert ids[("d2", 0)] != ids[("d3", 0)]


def test_default_subtype_does_not_split_a_happening(con):
    """The coder's fallback subtype (CONSULT: dialogue) says nothing, so it joins a specific one."""
    arts = [{"id": f"d{i}", "published": "2025-04-18", "text": "Japan and the U.S. held talks on Friday."}
            for i in range(2)]
    base = {"sentence_no": 0, "trigger": "held talks", "source": "JPN", "target": "USA", "type": "CONSULT",
            "date": "2025-04-18", "date_precision": "day", "symmetric": True}
    specs = [dict(base, doc="d0", subtype="dialogue"), dict(base, doc="d1", subtype="maintenance")]
    for art in arts:
        store_docs.insert_document(con, evaluate.article_document(art))
    store_merge.insert_instance_rows(con, evaluate.instance_rows(arts, specs))
    merge(con)
    assert con.execute("SELECT n_sources, subtype FROM events").fetchall() == [(2, "maintenance")]


def test_the_merger_reads_the_one_ontology_loader_and_a_broken_file_is_an_error(monkeypatch):
    """Joint types and default subtypes come from amity.events.ontology.load: when it fails, the
    merger fails with it instead of merging with an empty table."""
    from amity.errors import DictionaryError
    from amity.events import ontology
    from amity.merge import build

    def broken():
        raise DictionaryError("event_ontology.yaml: broken")

    monkeypatch.setattr(ontology, "load", broken)
    build.joint_types.cache_clear()
    build.default_subtypes.cache_clear()
    try:
        with pytest.raises(DictionaryError):
            build.joint_types()
        with pytest.raises(DictionaryError):
            build.default_subtypes()
    finally:
        build.joint_types.cache_clear()
        build.default_subtypes.cache_clear()
