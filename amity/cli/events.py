"""`amity extract`, `amity events`, `amity eval`: coded events from files, the database, gold."""

from __future__ import annotations

import click

from amity.cli.options import min_confidence_option

AREA_COMMANDS = {
    "extract": ("amity.cli.events", "extract", "Run the whole pipeline on files and print the events (no database)."),
    "events": ("amity.cli.events", "events",
               "List stored events, filtered by actor, pair, type, subtype, date or confidence."),
    "eval": ("amity.cli.events", "eval_cmd", "Score the event coder against hand-coded gold events."),
}

TABLE_COLUMNS = ["doc", "date", "source", "type", "target", "subtype", "status", "location", "trigger", "sentence"]
_WIDTHS = {"sentence": 60, "trigger": 22, "doc": 24}


def _table_rows(events: list[dict]) -> list[dict]:
    from amity.query import date_label

    rows = []
    for e in events:
        row = dict(e)
        row["type"] = e["type"] + ("" if not e["symmetric"] else " (joint)")
        row["date"] = date_label(e.get("date"), e.get("date_basis"))
        rows.append(row)
    return rows


def coding_pipeline(actor_files: tuple[str, ...], model: str | None, min_confidence: float):
    """A pipeline whose coder keeps the events it is at least ``min_confidence`` sure of."""
    from amity.events import CoderOptions
    from amity.pipeline import Pipeline, PipelineOptions

    return Pipeline(PipelineOptions(model=model, actor_files=tuple(actor_files),
                                    coder=CoderOptions(min_confidence=min_confidence)))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (amity TSV or PETRARCH format); repeatable.")
@click.option("--model", default=None, help="spaCy model name (default: the pinned one).")
@min_confidence_option(at_coding=True)
def extract(paths, fmt, actor_files, model, min_confidence):
    """Read, clean, analyse and code PATHS (files, folders, JSONL); print one event per line.

    Nothing is stored. `doc` in each event is the file name without extension.

    \b
    Examples:
      amity extract examples/articles/k2-gdynia-2022.txt
      amity extract examples/articles/ --format table
      amity extract examples/articles/k2-gdynia-2022.txt --actors examples/actors.tsv
      amity extract examples/articles/ --min-confidence 0.8
    """
    from amity.cli.output import echo_json, table
    from amity.events.eval import code_paths
    from amity.query.filters import confidence_value

    threshold = confidence_value(min_confidence, "--min-confidence")
    pipeline = None if threshold is None else coding_pipeline(tuple(actor_files), model, threshold)
    events = code_paths(list(paths), actor_files=tuple(actor_files), model=model, pipeline=pipeline)
    if threshold is not None:  # every printed event shows a confidence at or above the threshold
        events = [e for e in events if e["confidence"] >= threshold]
    if fmt == "jsonl":
        for e in events:
            echo_json(e)
    else:
        table(_table_rows(events), TABLE_COLUMNS, widths=_WIDTHS)


@click.command()
@click.option("--actor", default=None, help="Events with this actor (ISO3 or IGO code) on either side.")
@click.option("--pair", default=None, help="Events between two actors, e.g. USA,JPN (either direction).")
@click.option("--type", "etype", default=None, help="PLOVER type, e.g. AGREE.")
@click.option("--subtype", default=None, help="Defense subtype, e.g. exercise.")
@click.option("--since", default=None, help="Events dated on or after YYYY[-MM[-DD]].")
@click.option("--doc", default=None, help="Events of one document (id or name).")
@min_confidence_option()
@click.option("--limit", default=100, show_default=True, type=int, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="One event JSON object per line (docs/events.md).")
@click.pass_context
def events(ctx, actor, pair, etype, subtype, since, doc, min_confidence, limit, as_json):
    """List stored events, newest first, each with the sentence that reports it.

    \b
    Examples:
      amity events --pair JPN,PHL
      amity events --actor KOR --type AID --since 2022-01
      amity events --subtype exercise --json
      amity events --actor IND --min-confidence 0.9
    """
    from amity.cli.output import echo_json, table
    from amity.query.filters import confidence_value, make_filter
    from amity.store import db
    from amity.store import events as store_events

    # The one validation every command, the API and the dashboard share (amity.query.filters).
    flt = make_filter(actor=actor, pair=pair, type=etype, subtype=subtype, since=since)
    threshold = confidence_value(min_confidence, "--min-confidence")
    with db.session(ctx.obj["db"], read_only=True) as con:
        rows = store_events.query(con, actor=flt.actor, pair=flt.pair, etype=flt.type, subtype=flt.subtype,
                                  since=since.strip() if flt.since else None, doc=doc, limit=limit or None,
                                  min_confidence=threshold)
    if as_json:
        for r in rows:
            echo_json(r)
        return
    table(_table_rows(rows), TABLE_COLUMNS, widths=_WIDTHS)


@click.command("eval")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold events, one JSON object per line (format: docs/events.md, 'Evaluation'; "
                   "examples/gold.jsonl is one).")
@click.option("--corpus", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder of the articles the gold codes (file name without extension = article).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary; repeatable.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
              help="Score the events at this probability (default: the threshold stored with the scorer).")
@click.option("--curve/--no-curve", default=True, show_default=True,
              help="Print precision and recall at each threshold from 0.05 to 0.95.")
@click.option("--json", "as_json", is_flag=True, help="The scores, curve, misses and spurious events as one JSON object.")
def eval_cmd(gold_path, corpus, actor_files, min_confidence, curve, as_json):
    """Code CORPUS and score the events against GOLD: precision, recall, F1, and subtype, date and
    direction accuracy on the matched events; misses and spurious events are listed.

    Matching is on (article, unordered actor pair, type); optional gold events are neither
    required nor spurious (docs/events.md, "Evaluation"). The corpus is coded once with every
    scored candidate kept; the figures are for the events at or above the threshold, and the
    curve shows what other thresholds would give.

    \b
    Example:
      amity eval --gold examples/gold.jsonl --corpus examples/articles
    """
    from amity.cli.output import echo_json
    from amity.events.eval import evaluate

    result = evaluate(gold_path, corpus, tuple(actor_files), min_confidence)
    if as_json:
        echo_json(result)
        return
    click.echo(f"threshold {result['threshold']:.2f}  gold {result['gold']}  found {result['found']}  "
               f"predicted {result['predicted']}  correct {result['correct']}")
    click.echo(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  f1 {result['f1']:.3f}")
    click.echo(f"subtype {result['subtype_accuracy']:.3f}  date {result['date_accuracy']:.3f}  "
               f"direction {result['direction_accuracy']:.3f}  (accuracy on found gold events; "
               f"date: on the {result['dated_gold']} whose gold has a date)")
    if curve:
        click.echo("\nthreshold  precision  recall  f1     (the precision/recall curve)")
        for row in result["curve"]:
            mark = "  <- used" if abs(row["threshold"] - result["threshold"]) < 1e-9 else ""
            click.echo(f"  {row['threshold']:.2f}     {row['precision']:.3f}      {row['recall']:.3f}   "
                       f"{row['f1']:.3f}{mark}")
    for title, key in (("missed", "misses"), ("spurious", "spurious"), ("found, with differences", "wrong")):
        if result[key]:
            click.echo(f"\n{title}:")
            for line in result[key]:
                click.echo(f"  {line}")
