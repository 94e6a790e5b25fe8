"""The relevance gate (issue 14): a document whose words name fewer than two actors is stored
unparsed. It may never cost an event: every event the ungated pipeline codes on every evaluation
corpus is between actor codes the gate's cheap screen found, so a gated run codes the same events
(every set's precision, recall and F1 unchanged, not merely within 0.005)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from actors_support import analyzer
from events_support import coder

from amity.models import Article, Coded
from amity.pipeline import GATED_FLAG, Pipeline, PipelineOptions, relevant
from amity.sources import iter_articles

REPO = Path(__file__).resolve().parent.parent
CORPORA = sorted({p.parent for p in (REPO / "tests" / "data" / "events").rglob("gold.jsonl")}
                 | {REPO / "examples"})

SPORT = ("Late goal lifts United past City\n\nA header in stoppage time gave United a 2-1 win on "
         "Saturday. The manager praised his defenders, and the captain said the team had deserved "
         "the points after a difficult month.")
ONE_STATE = ("Exports rose in May\n\nJapanese shipments of cars and chips grew for a third month, the "
             "finance ministry said on Tuesday, as the yen stayed weak.")


def _pipeline(gate: bool) -> Pipeline:
    return Pipeline(PipelineOptions(gate=gate), analyzer=analyzer(()), coder=coder())


def _articles(corpus: Path):
    folder = corpus / "articles"
    return iter_articles([str(folder)]) if folder.is_dir() else iter(())


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_every_event_is_between_codes_the_screen_found(corpus):
    ungated = _pipeline(gate=False)
    coded = [c for c in ungated.process(_articles(corpus)) if isinstance(c, Coded)]
    assert coded, f"no articles in {corpus}"
    for c in coded:
        if not c.events:
            continue
        codes = ungated.analyzer.screen(c.document).codes
        assert relevant(codes), c.document.name
        for ev in c.events:
            assert {ev.source, ev.target} <= codes, (c.document.name, ev.sentence, sorted(codes))


def test_gated_run_codes_the_same_events_and_flags_the_rest():
    articles = list(_articles(REPO / "examples"))
    extra = [Article("sport.txt", SPORT), Article("exports.txt", ONE_STATE)]
    gated = [c for c in _pipeline(True).process(articles + extra) if isinstance(c, Coded)]
    full = [c for c in _pipeline(False).process(articles + extra) if isinstance(c, Coded)]
    assert [c.events for c in gated] == [c.events for c in full]
    flagged = [c for c in gated if GATED_FLAG in c.document.flags]
    assert [c.document.origin for c in flagged] == ["sport.txt", "exports.txt"]
    assert all(not c.mentions and not c.events for c in flagged)
    assert all(GATED_FLAG not in c.document.flags for c in full)


def test_ingest_reports_gated_documents_and_no_gate_analyses_them(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "sport.txt").write_text(SPORT, encoding="utf-8")
    (corpus / "exports.txt").write_text(ONE_STATE, encoding="utf-8")
    amity = [sys.executable, "-m", "amity"]
    out = subprocess.run(amity + ["--db", str(tmp_path / "a.duckdb"), "ingest", str(corpus)], check=False,
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "2 stored but not coded" in out.stdout and "fewer than two actors" in out.stdout
    subprocess.run(amity + ["--db", str(tmp_path / "b.duckdb"), "ingest", str(corpus), "--no-gate"],
                   capture_output=True, text=True, cwd=REPO, timeout=300, check=True)
    with duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM documents WHERE list_contains(flags, ?)",
                           [GATED_FLAG]).fetchone()[0] == 2
    with duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT code) FROM mentions").fetchone()[0] >= 1  # Japan
        assert con.execute("SELECT count(*) FROM documents WHERE list_contains(flags, ?)",
                           [GATED_FLAG]).fetchone()[0] == 0
