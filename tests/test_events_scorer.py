"""Broad candidates, the learned scorer and its training command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actors_support import analyzer
from click.testing import CliRunner
from events_support import coder

from amity.errors import InputError
from amity.events import CoderOptions, scorer
from amity.events.candidates import FEATURES, key_features
from amity.events.coder import Coder, select
from amity.events.participants import group_word
from amity.models import Document

DATA = Path(__file__).parent / "data" / "events"


def _analysis(text: str, outlet: str | None = None, title: str | None = None):
    doc = Document(id="t", origin="t", text=text, name="t", published="2024-06-12", outlet=outlet, title=title)
    return next(analyzer(()).analyze([doc]))


def _candidates(text: str, **kw):
    return coder().candidates(_analysis(text, **kw))


# -- the weights file ---------------------------------------------------------------------------
def test_bundled_scorer_names_exactly_the_features_the_candidates_have():
    model = scorer.load()
    assert model.features == FEATURES
    assert 0.0 < model.threshold < 1.0
    info = model.info or {}
    assert {"cross_validated", "trained_on", "penalty"} <= set(info)
    from amity.cli.learn import DEFAULT_SETS
    from amity.events.train import TrainSet

    # trained by `amity train-scorer` on the repository's development sets, and on nothing else
    assert info["trained_on"] == sorted(TrainSet.parse(s).name for s in DEFAULT_SETS)


def test_scorer_json_round_trip_and_probability():
    model = scorer.Scorer(("a", "b"), (2.0, -1.0), -0.5, 0.4)
    again = scorer.from_json(json.loads(json.dumps(model.to_json())), "x")
    assert again.features == ("a", "b") and again.threshold == 0.4
    assert again.probability({"a": 1.0}) > again.probability({}) > again.probability({"b": 1.0})
    assert again.contributions({"a": 1.0, "b": 1.0})[0] == ("a", 2.0)


@pytest.mark.parametrize("data, message", [
    ({"format": "other"}, "not an amity scorer"),
    ({"format": scorer.FORMAT, "weights": {"a": "x"}, "bias": 0, "threshold": 0.5}, "weights"),
    ({"format": scorer.FORMAT, "weights": {"a": 1}, "threshold": 0.5}, "bias"),
])
def test_bad_weights_files_are_refused_with_a_reason(data, message):
    with pytest.raises(InputError, match=message):
        scorer.from_json(data, "w.json")


def test_a_missing_or_broken_scorer_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        scorer.load(str(tmp_path / "none.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    with pytest.raises(InputError, match="not valid JSON"):
        scorer.load(str(bad))


# -- candidates ---------------------------------------------------------------------------------
def test_every_candidate_feature_is_a_scorer_feature():
    cands = _candidates("Japan and the Philippines signed a reciprocal access agreement in Manila. "
                        "The two countries also agreed to hold joint patrols, while China criticised the deal.")
    assert cands
    for c in cands:
        assert set(c.features) <= set(FEATURES), set(c.features) - set(FEATURES)
        assert set(key_features([c])) <= set(FEATURES)


def test_broad_pass_pairs_each_counterpart_of_a_listed_call():
    text = ("Secretary of State Antony Blinken spoke with the foreign ministers of Egypt, Jordan, "
            "Qatar and Turkey on Sunday.")
    keys = {c.key for c in _candidates(text) if c.type == "CONSULT"}
    assert {("EGY", "USA", "CONSULT"), ("JOR", "USA", "CONSULT"), ("QAT", "USA", "CONSULT"),
            ("TUR", "USA", "CONSULT")} <= keys


def test_we_in_a_government_statement_is_that_government():
    text = "We condemn Russia's attack on the port of Odesa."
    cands = _candidates(text, outlet="U.S. Department of State")
    voiced = [c for c in cands if "voice" in c.role_rule]
    assert voiced and {c.key for c in voiced} >= {("RUS", "USA", "ACCUSE")}
    assert not [c for c in _candidates(text, outlet="Voice of America") if "voice" in c.role_rule]


def test_group_words_resolve_to_the_group_of_their_size():
    text = ("The United States, Japan and South Korea held a summit at Camp David. "
            "Separately, France and Germany met in Paris. "
            "The three countries condemned North Korea's missile launches.")
    accusers = {c.source for c in _candidates(text) if c.type == "ACCUSE" and c.target == "PRK"}
    assert accusers == {"USA", "JPN", "KOR"}


def test_group_word_finds_counted_and_pronoun_references():
    doc = _analysis("Both sides signed it. The two navies sailed. They met.").spacy_doc
    words = [group_word(s) for s in doc.sents]
    assert [w.lower_ if w is not None else None for w in words] == ["both", "navies", "they"]


def test_dictionary_verbs_the_lexicon_lacks_become_candidates_when_asked():
    with_cameo = Coder(CoderOptions(cameo_verbs=True))
    analysis = _analysis("France deported three Iranian diplomats on Monday.")
    cameo = [c for c in with_cameo.candidates(analysis)
             if c.features.get("trigger_cameo_pattern") or c.features.get("trigger_cameo_verb")]
    assert cameo and {c.key for c in cameo} == {("FRA", "IRN", "COERCE")}
    assert not [c for c in coder().candidates(analysis) if c.features.get("trigger_cameo_pattern")
                or c.features.get("trigger_cameo_verb")]  # off by default (docs/quality.md)
    said = with_cameo.candidates(_analysis("The minister said Japan and China met."))
    assert not [c for c in said if c.features.get("trigger_cameo_verb") or c.features.get("trigger_cameo_pattern")]


def test_a_reported_must_is_a_demand_from_the_speaker():
    cands = _candidates("NATO Secretary General Jens Stoltenberg said Russia must allow free passage.")
    assert [(c.source, c.target, c.type) for c in cands if c.features.get("trigger_modal_demand")] == [
        ("NATO", "RUS", "REQUEST")]


def test_refused_act_is_no_event_of_its_own():
    types = {c.type for c in _candidates("Turkey has refused to ratify Sweden's membership.")}
    assert "REJECT" in types and "AGREE" not in types


def test_selection_keeps_rules_events_and_threshold_orders_results():
    analysis = _analysis("Australia and Indonesia signed a defence agreement in Jakarta on Thursday. "
                         "Indonesia later bought two frigates from Italy.")
    everything = Coder(CoderOptions(min_confidence=0.0)).code(analysis)
    default = coder().code(analysis)
    assert {e.to_json()["trigger"] for e in default} <= {e.to_json()["trigger"] for e in everything}
    assert all(e.confidence >= coder().threshold for e in default)
    assert all(e.role_rule for e in everything)
    cands = coder().candidates(analysis)
    assert select(cands, coder().scorer, 1.01) == ()


# -- training -----------------------------------------------------------------------------------
def test_train_scorer_command_is_deterministic_and_reports_its_figures(tmp_path):
    from amity.cli.learn import train_scorer

    runner = CliRunner()
    outs = []
    for n in (1, 2):
        out = tmp_path / f"w{n}.json"
        result = runner.invoke(train_scorer, ["--set", str(DATA / "heldout"), "--set", str(DATA / "heldout2"),
                                              "--folds", "2", "-o", str(out), "--json"])
        assert result.exit_code == 0, result.output
        outs.append(out.read_text())
    assert outs[0] == outs[1]
    data = json.loads(outs[0])
    report = json.loads(result.output)
    assert set(report["cross_validated"]["per_set"]) == {"heldout", "heldout2"}
    assert report["cross_validated"]["reliability"] and len(report["cross_validated"]["curve"]) == 19
    assert report["coder_options"] == {"cameo_verbs": False}
    model = scorer.from_json(data, "w")
    assert model.features == FEATURES and 0 < model.threshold < 1


def test_train_scorer_refuses_a_folder_without_gold(tmp_path):
    from amity.cli.learn import train_scorer

    result = CliRunner().invoke(train_scorer, ["--set", str(tmp_path)])
    assert result.exit_code != 0 and "gold" in str(result.exception or result.output)


def test_eval_reports_threshold_and_curve():
    from amity.events.eval import evaluate
    from amity.pipeline import Pipeline, PipelineOptions

    everything = Pipeline(PipelineOptions(coder=CoderOptions(min_confidence=0.0)),
                          analyzer=analyzer(()))  # the session's model, loaded once
    result = evaluate(DATA / "heldout" / "gold.jsonl", DATA / "heldout" / "articles", pipeline=everything)
    assert result["threshold"] == scorer.load().threshold
    recalls = [row["recall"] for row in result["curve"]]
    assert recalls == sorted(recalls, reverse=True)  # a higher threshold never finds more
    assert result["f1"] >= 0.85


def test_allies_share_the_act_in_their_sentence_and_the_next():
    same = {(c.source, c.target, c.type) for c in _candidates(
        "The United States, joined by the United Kingdom and France, struck three sites in Syria on Friday.")}
    assert {("GBR", "SYR", "ASSAULT"), ("FRA", "SYR", "ASSAULT")} <= same
    assert not {("USA", "GBR", "ASSAULT"), ("GBR", "USA", "ASSAULT")} & same  # allies do not strike each other
    later = [c for c in _candidates("The United States struck three sites in Syria on Friday. "
                                    "It was joined by the United Kingdom and France.") if c.sentence == 1]
    assert {(c.source, c.target, c.type, c.role_rule.split(">")[0]) for c in later} == {
        ("GBR", "SYR", "ASSAULT", "coalition"), ("FRA", "SYR", "ASSAULT", "coalition")}


def test_the_complement_of_a_protest_is_the_other_sides_act():
    cands = _candidates("China protested to Argentina over the seizure. Buenos Aires rejected the complaint.")
    seizure = [(c.source, c.target) for c in cands if c.type == "COERCE"]
    assert seizure == [("ARG", "CHN")]  # Argentina seized; China protested


def test_words_of_disapproval_make_a_candidate_accusation_by_the_speaker():
    said = [c for c in _candidates("Secretary Blinken said China's coercive behavior in the South China Sea "
                                   "was unacceptable.") if c.type == "ACCUSE"]
    assert {(c.source, c.target) for c in said} == {("USA", "CHN")}
    assert all(c.features.get("trigger_disapproval") for c in said)
    voiced = [c for c in _candidates("We find China's coercive behavior unacceptable.",
                                     outlet="U.S. Department of State") if c.type == "ACCUSE"]
    assert ("USA", "CHN") in {(c.source, c.target) for c in voiced}
    plain = _candidates("Pakistan accused India of violating the ceasefire.")
    assert not [c for c in plain if c.features.get("trigger_disapproval")]  # a real trigger stands there
