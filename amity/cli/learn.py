"""`amity train-scorer`: fit the event scorer on the hand-coded development sets."""

from __future__ import annotations

import json
from pathlib import Path

import click

AREA_COMMANDS = {
    "train-scorer": ("amity.cli.learn", "train_scorer",
                     "Train the event scorer on hand-coded gold sets (cross-validated by article)."),
}

# The development sets in this repository (gold coded by hand, each with its articles). A blind
# round joins them only after its first run is recorded (docs/quality.md); the rounds still blind
# are not here: they judge the model and never train it.
DEFAULT_SETS = (
    "tests/data/events/gold.jsonl:tests/data/events/articles",
    "tests/data/events/heldout",
    "tests/data/events/heldout2",
    "tests/data/events/heldout3",
    "tests/data/events/heldout4",
    "tests/data/events/real1",
    "tests/data/events/real2",
    "tests/data/events/real3",
    "tests/data/events/real4",
    "tests/data/events/real5",
    "tests/data/events/real6",
    "tests/data/events/real7",
    "tests/data/events/real8",
    "tests/data/events/real9",
    "tests/data/events/real10",
    "tests/data/events/real11",
    "tests/data/events/real12",
    "tests/data/events/real13",
    "tests/data/events/real14",
)


@click.command("train-scorer")
@click.option("--set", "sets", multiple=True, metavar="DIR|GOLD:CORPUS",
              help="A development set: a folder with gold.jsonl and articles/, or GOLD.jsonl:CORPUS_DIR. "
                   "Repeatable. Default: the repository's development sets (run from the repository root).")
@click.option("-o", "--out", "out", default="amity/data/event_scorer.json", show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the weights (JSON).")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20),
              help="Cross-validation folds; an article's candidates are always scored by a model that did not see them.")
@click.option("--cameo-verbs", is_flag=True,
              help="Also propose verbs found only in the CAMEO verb dictionary (off by default: it lowered "
                   "the cross-validated F1); a scorer trained so should be used with CoderOptions(cameo_verbs=True).")
@click.option("--model", default=None, help="spaCy model name (default: the pinned one).")
@click.option("--json", "as_json", is_flag=True, help="Print the training report as JSON.")
def train_scorer(sets, out, folds, cameo_verbs, model, as_json):
    """Fit the learned event scorer and write its weights as readable JSON.

    Every article of each set is parsed and the coder proposes its candidate events (the
    syntactic rules and the broad pass). A candidate is an event when a required gold record has
    its (article, unordered actor pair, type). A logistic model is fitted; its penalty and the
    default threshold are chosen by cross-validation by article, and the report gives, per set,
    the cross-validated precision, recall and F1, the precision/recall curve and a reliability
    table (predicted probability against observed rate).

    \b
    Examples:
      amity train-scorer                                 # the repository's sets -> amity/data/event_scorer.json
      amity train-scorer --set examples/gold.jsonl:examples/articles -o my_scorer.json
      amity extract examples/articles/k2-gdynia-2022.txt # uses amity/data/event_scorer.json
    """
    from amity.cli.output import echo_json, status_line
    from amity.events import CoderOptions
    from amity.events.train import TrainSet, candidates_with, collect, describe, train
    from amity.pipeline import Pipeline, PipelineOptions

    specs = [TrainSet.parse(s) for s in (sets or DEFAULT_SETS)]
    pipe = Pipeline(PipelineOptions(model=model, coder=CoderOptions(min_confidence=0.0, cameo_verbs=cameo_verbs)))
    with status_line("parsing the development sets", enabled=not as_json) as step:
        examples, golds = collect(specs, candidates_with(pipe), progress=step)
    trained = train(examples, golds, folds=folds)
    trained.report["coder_options"] = {"cameo_verbs": cameo_verbs}
    Path(out).write_text(json.dumps(trained.scorer.to_json(), indent=1) + "\n", encoding="utf-8")
    if as_json:
        echo_json(trained.report)
        return
    cv = trained.report["cross_validated"]
    click.echo(f"{trained.report['examples']} (article, actor pair, type) keys ({trained.report['positives']} events) from "
               f"{len(specs)} sets; penalty {trained.report['penalty']}, threshold {trained.scorer.threshold}")
    click.echo("cross-validated by article (precision / recall / F1):")
    for name, s in [("pooled", cv["pooled"]), *cv["per_set"].items()]:
        click.echo(f"  {name:<12} {s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}")
    click.echo(f"Brier score {cv['brier']}; reliability (predicted -> observed):")
    for row in cv["reliability"]:
        click.echo(f"  {row['bin']}: {row['predicted']:.2f} -> {row['observed']:.2f} (n={row['n']})")
    click.echo("heaviest weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in describe(trained.scorer)))
    click.echo(f"wrote {out}")
