"""Cross-outlet identity when the texts give no dates: evidence, the merged date, explanations."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from amity.cli import cli
from amity.errors import NotFound
from amity.merge import evaluate, explain, merge
from amity.merge.cluster import cluster_block
from amity.merge.evidence import BlockEvidence, weights
from amity.merge.rules import Instance
from amity.store import db
from amity.store import documents as store_docs
from amity.store import merge as store_merge

KERCH = "Russian coast guard ships fired on two Ukrainian navy gunboats and rammed a tugboat near the Kerch Strait on Sunday, then seized all three vessels."
KERCH_2 = "Russian coast guard ships fired on two Ukrainian navy gunboats near the Kerch Strait on Sunday, rammed a tugboat and seized the three vessels, Kyiv said."
OTHER = "Russian artillery shelled Ukrainian positions near Bakhmut, the general staff in Kyiv said."


def inst(doc, text, **kw) -> Instance:
    base = {"doc_id": doc, "idx": 0, "source": "RUS", "target": "UKR", "type": "ASSAULT", "symmetric": False,
            "text": text, "context": ""}
    base.update(kw)
    return Instance(**base)


def test_undated_reports_that_say_the_same_thing_join():
    a, b = inst("a", KERCH), inst("b", KERCH_2)
    link = BlockEvidence([a, b]).link(a, b, explain=True)
    assert link.joined and link.reason == "evidence"
    assert {"kerch", "rammed"} <= set(link.shared)
    assert len(cluster_block([a, b])) == 1


def test_undated_reports_of_different_things_stay_apart():
    a, b = inst("a", KERCH), inst("b", OTHER)
    link = BlockEvidence([a, b]).link(a, b)
    assert not link.joined and link.reason == "too little evidence"
    assert len(cluster_block([a, b])) == 2


MEETING_TOKYO = ("U.S. Defense Secretary Hartley met Japanese Defense Minister Sato in Tokyo to discuss the "
                 "Pacific Shield exercise.")
MEETING_PENTAGON = ("U.S. Defense Secretary Hartley hosted Japanese Defense Minister Sato at the Pentagon to review "
                    "missile defense cooperation.")
CONTRACT = "Poland signed a contract with the United States for 12 Patriot batteries worth 4.8 billion dollars."
DELIVERY = "The United States delivered the first two Patriot batteries to Poland under the 2018 contract."


@pytest.mark.parametrize("first, second, pair, etype", [
    (MEETING_TOKYO, MEETING_PENTAGON, ("USA", "JPN"), "CONSULT"),  # the same ministers, two meetings
    (CONTRACT, DELIVERY, ("POL", "USA"), "AGREE"),  # an arms contract and a delivery under it
])
def test_undated_near_misses_sharing_their_names_stay_apart(first, second, pair, etype):
    """Undated reports that share their actors' names (and a weapon's) but say different things:
    shared names alone are no evidence of one happening (issue 13: a names feature weighted by
    rarity in the block joined as many different happenings as it found same ones)."""
    a = inst("a", first, source=pair[0], target=pair[1], type=etype, symmetric=True)
    b = inst("b", second, source=pair[0], target=pair[1], type=etype, symmetric=True)
    link = BlockEvidence([a, b]).link(a, b, explain=True)
    assert not link.joined and link.reason == "too little evidence"
    assert link.score < weights().threshold
    assert len(cluster_block([a, b])) == 2


def test_the_same_words_published_weeks_apart_stay_apart():
    """Two phone calls of the same ministers, a week apart, read out in the same words."""
    a = inst("a", KERCH, published=dt.date(2022, 3, 8))
    b = inst("b", KERCH, published=dt.date(2022, 3, 16))
    link = BlockEvidence([a, b]).link(a, b)
    assert not link.joined and link.reason == "conflict" and link.time_gap == 8


def test_publication_days_do_not_chain_into_a_months_long_event():
    """Daily reports without dates of their own, two years of them: no event spans more than
    the window, however each report links to the next."""
    start = dt.date(2024, 1, 1)
    reports = [inst(f"d{n}", KERCH, published=start + dt.timedelta(days=n)) for n in range(60)]
    groups = cluster_block(reports)
    assert all((max(m.published for m in g) - min(m.published for m in g)).days <= 3 for g in groups)
    assert len(groups) >= 15


def test_publication_days_close_together_are_evidence_on_their_own():
    a = inst("a", KERCH, published=dt.date(2018, 11, 26))
    b = inst("b", OTHER, published=dt.date(2018, 11, 27))
    assert BlockEvidence([a, b]).link(a, b).joined


def test_dates_the_texts_give_decide_before_the_wording():
    a = inst("a", KERCH, date="2018-11-25", date_precision="day", date_basis="stated")
    b = inst("b", KERCH, date="2019-11-25", date_precision="day", date_basis="relative")
    c = inst("c", OTHER, date="2018-11-25", date_precision="day", date_basis="inherited")
    ev = BlockEvidence([a, b, c])
    assert ev.link(a, b).reason == "conflict"
    assert ev.link(a, c).reason == "dates agree"


def test_a_publication_date_is_not_a_date_the_text_gives():
    a = inst("a", KERCH, date="2018-11-25", date_precision="day", date_basis="stated")
    b = inst("b", OTHER, date="2018-11-26", date_precision="day", date_basis="publication",
             published=dt.date(2018, 11, 26))
    link = BlockEvidence([a, b]).link(a, b)
    assert link.reason == "times close" and link.time_gap == 1  # not "dates agree": a publication day
    late = inst("c", KERCH, date="2018-12-20", date_precision="day", date_basis="publication",
                published=dt.date(2018, 12, 20))
    assert BlockEvidence([a, late]).link(a, late).reason == "conflict"  # published weeks after


def test_the_weights_file_is_read_whole():
    w = weights()
    assert w.sentence_weight > 0 and w.context_weight >= 0 and w.lead_chars > 0 and w.explain_terms > 0
    assert 0 < w.threshold <= w.time_close  # times known to be close are enough on their own


ARTICLES = [
    {"id": "wire", "text": "Russia seized Ukrainian ships.\n\n" + KERCH.replace("on Sunday", "on November 25, 2018"),
     "published": "2018-11-26", "outlet": "Wire"},
    {"id": "blog", "text": "Ships seized.\n\n" + KERCH_2, "outlet": "Blog"},
]


def _specs():
    return [
        {"doc": "wire", "sentence_no": 1, "trigger": "fired", "source": "RUS", "target": "UKR", "type": "ASSAULT",
         "symmetric": False, "date": "2018-11-25", "date_precision": "day", "date_basis": "stated"},
        {"doc": "blog", "sentence_no": 1, "trigger": "fired", "source": "RUS", "target": "UKR", "type": "ASSAULT",
         "symmetric": False},
    ]


def _load(c) -> None:
    """The two articles and their reports (the wire's dated by its text, the blog's not), merged."""
    for art in ARTICLES:
        store_docs.insert_document(c, evaluate.article_document(art))
    rows = evaluate.instance_rows(ARTICLES, _specs())
    rows[0]["date_basis"] = "stated"
    store_merge.insert_instance_rows(c, rows)
    merge(c)


@pytest.fixture
def con():
    with db.session(":memory:") as c:
        _load(c)
        yield c


def test_an_undated_report_joins_a_dated_happening_and_takes_its_date(con):
    events = con.execute("SELECT event_id, date, date_basis, n_sources FROM events").fetchall()
    assert len(events) == 1 and events[0][1:] == ("2018-11-25", "stated", 2)
    blog = con.execute("SELECT date, date_basis FROM event_mentions WHERE doc_id = 'blog'").fetchone()
    assert blog == ("2018-11-25", "merged")


def test_remerging_reads_reports_as_coded(con):
    first = con.execute("SELECT event_id FROM events").fetchall()
    merge(con)
    assert con.execute("SELECT event_id FROM events").fetchall() == first
    con.execute("DELETE FROM event_mentions WHERE doc_id = 'wire'")
    merge(con)
    blog = con.execute("SELECT date, date_basis FROM event_mentions WHERE doc_id = 'blog'").fetchone()
    assert blog == (None, None)  # its merged date went with the report that gave it


def test_explain_says_why_each_report_joined(con):
    event_id = con.execute("SELECT event_id FROM events").fetchone()[0]
    found = explain(con, event_id).as_dict()
    opened = [r for r in found["reports"] if r["joined_via"] is None]
    joined = [r for r in found["reports"] if r["joined_via"] is not None]
    assert [r["doc"] for r in opened] == ["wire"] and [r["doc"] for r in joined] == ["blog"]
    assert joined[0]["joined_via"]["reason"] == "evidence" and "kerch" in joined[0]["joined_via"]["shared"]
    with pytest.raises(NotFound):
        explain(con, "0000000000000000")


def test_merge_explain_on_the_command_line(tmp_path):
    path = str(tmp_path / "x.duckdb")
    with db.session(path) as c:
        _load(c)
        event_id = c.execute("SELECT event_id FROM events").fetchone()[0]
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", path, "merge", "--explain", event_id])
    assert out.exit_code == 0, out.output
    assert "opened the event" in out.output and "joined wire #0: evidence" in out.output
    assert "shared: " in out.output
    data = json.loads(runner.invoke(cli, ["--db", path, "merge", "--explain", event_id, "--json"]).output)
    assert len(data["reports"]) == 2
    missing = subprocess.run([sys.executable, "-m", "amity", "--db", path, "merge", "--explain", "nope"], check=False,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "error: no merged event 'nope'" in missing.stderr
    assert "hint: " in missing.stderr


def test_the_cluster_index_never_hides_a_cluster_that_could_accept(monkeypatch):
    """Clustering with the index gives what testing every cluster gives (random reports: some
    dated by their text, some only by publication, some with no date at all, similar wording)."""
    import random

    from amity.merge import cluster

    rng = random.Random(11)
    words = ["kerch", "strait", "rammed", "seized", "vessels", "tugboat", "navy", "fired", "sunday", "crew"]

    def report(n: int) -> Instance:
        day = dt.date(2018, 11, 1) + dt.timedelta(days=rng.randrange(40))
        kind = rng.random()
        return inst(f"d{n}", " ".join(rng.sample(words, rng.choice((4, 9)))), idx=0,
                    date=day.isoformat() if kind < 0.3 else None, date_precision="day" if kind < 0.3 else None,
                    date_basis="stated" if kind < 0.3 else None,
                    published=None if rng.random() < 0.25 else day + dt.timedelta(days=rng.randrange(3)))

    for _ in range(15):
        reports = [report(n) for n in range(25)]
        indexed = [[m.ref for m in g] for g in cluster_block(reports)]
        monkeypatch.setattr(cluster._Index, "candidates", lambda self, i: list(self.every))
        every = [[m.ref for m in g] for g in cluster_block(reports)]
        monkeypatch.undo()
        assert indexed == every


def test_reports_timed_close_together_join_without_reading_their_wording():
    a = inst("a", KERCH, published=dt.date(2018, 11, 26))
    b = inst("b", OTHER, published=dt.date(2018, 11, 27))
    evidence = BlockEvidence([a, b])
    link = evidence.link(a, b)
    assert link.reason == "times close" and link.joined and evidence._vectors is None  # nothing fitted
    shown = evidence.link(a, b, explain=True)
    assert shown.score == link.score and shown.joined == link.joined  # explaining decides nothing
