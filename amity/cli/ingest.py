"""Commands over documents: ingest, docs, show, errors, export, summary."""

from __future__ import annotations

import json
import sys

import click

from amity.cli.options import min_confidence_option
from amity.cli.output import echo_json, progress_reporter, table


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the pipeline runs: this machine, or a Ray cluster.")
@click.option("--workers", type=click.IntRange(1, 512), default=1, show_default=True,
              help="Worker processes (local engine) or CPUs (ray).")
@click.option("--address", default=None, help="Ray cluster address (e.g. auto or 10.0.0.5:6379); none starts a local one.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (amity TSV or PETRARCH format); repeatable.")
@click.option("--model", default=None, help="spaCy model name (default: $AMITY_SPACY_MODEL or the pinned one).")
@click.option("--commit-every", type=click.IntRange(1, 10000), default=200, show_default=True,
              help="Documents per transaction (and one at least every 5 s): a killed ingest loses at "
                   "most these, and a rerun resumes.")
@click.option("--merge-every", type=click.IntRange(0), default=2000, show_default=True,
              help="Documents stored between two merges of events (0: merge once, at the end). "
                   "Fewer merges cost less; the events and their ids are the same.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write a Parquet dataset into this folder instead of the database (partitioned by "
                   "publication month; DuckDB, Spark or Polars read it as is; `amity load DIR` brings it "
                   "into a database). Merging runs once, at the end, on the engine's workers.")
@click.option("--no-events", is_flag=True, help="Store documents and actor mentions only.")
@click.option("--no-gate", is_flag=True,
              help="Analyse every document. By default one whose words name fewer than two actors (sport, "
                   "business, local news) is stored unparsed, flagged few_actors, with no mentions: it "
                   "cannot hold an event, and skipping the parser makes general news several times cheaper.")
@min_confidence_option(at_coding=True)
@click.option("--allow-private-hosts", is_flag=True,
              help="Let URLs and feeds reach loopback and private-network addresses (refused by default).")
@click.option("--quiet", "-q", is_flag=True, help="No progress line (it is off anyway when stderr is not a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest(ctx, inputs, engine, workers, address, actor_files, model, commit_every, merge_every, out_dir,
           no_events, no_gate,
           min_confidence, allow_private_hosts, quiet, as_json):
    """Read, clean, code and store articles.

    INPUTS are files, folders (read recursively), `-` for standard input, and whatever the
    installed readers accept (.txt scrapes, .html/.htm pages, .jsonl with one article a line:
    `text` or `html`, optional `url`, `title`, `date`, `outlet`, `author`).

    Ingest is idempotent: an article already stored (same cleaned text) is skipped and counted.
    It commits every --commit-every documents, so a killed run can simply be started again.
    Events below --min-confidence are not stored; articles already stored are not coded again.

    \b
    Exit codes:
      0  every input was stored (or was already there)
      1  some inputs could not be read; each is in `amity errors` with its reason
      2  nothing ran: a usage error or a database/model problem (the message says what to do)

    \b
    Examples:
      amity ingest examples/articles/
      amity ingest examples/articles/ --workers 2
      cat examples/articles/balikatan-2024.txt | amity ingest -
      amity ingest examples/articles/ --out dataset/ && amity load dataset/
    """
    from amity.ingest import IngestOptions
    from amity.ingest import ingest as run_ingest
    from amity.pipeline import PipelineOptions, ReaderOptions
    from amity.query.filters import confidence_value

    threshold = confidence_value(min_confidence, "--min-confidence")
    coder = None
    if threshold is not None:
        from amity.events import CoderOptions

        coder = CoderOptions(min_confidence=threshold)
    options = IngestOptions(
        engine=engine, workers=workers, address=address, commit_every=commit_every,
        merge_every=merge_every, out=out_dir,
        pipeline=PipelineOptions(model=model, actor_files=tuple(actor_files), code_events=not no_events,
                                 coder=coder, gate=not (no_gate or no_events),
                                 read=ReaderOptions(allow_private_hosts=allow_private_hosts)),
    )
    with progress_reporter("ingest", enabled=not (as_json or quiet), total=_count_files(inputs)) as on_progress:
        report = run_ingest(list(inputs), ctx.obj["db"], options, progress=on_progress)
    if as_json:
        echo_json(report.as_dict())
    else:
        click.echo(
            f"{report.new} new, {report.skipped} skipped (already stored), {report.failed} failed"
            f"  |  {report.mentions} actor mentions, {report.events} events"
            f"  |  {report.seconds:.1f}s  ->  {out_dir or ctx.obj['db']}"
        )
        if report.shards_skipped:
            click.echo(f"{report.shards_skipped} inputs were finished by an earlier run and not read again")
        if report.flagged:
            click.echo(f"{report.flagged} stored but not coded (not English, no article, or fewer than two "
                       "actors named): see `amity docs`")
        for failure in report.failures[:10]:
            click.echo(f"  failed: {failure.origin}: {failure.reason}", err=True)
        if report.failed > 10:
            click.echo(f"  ... and {report.failed - 10} more: `amity errors`", err=True)
    ctx.exit(report.exit_code)


@click.command()
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--search", default=None, help="Only documents whose title or text contains this.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def docs(ctx, limit, search, as_json):
    """List stored documents, newest first: the name `show`, `actors` and `events --doc` take
    (the file's name, or the JSONL record's id), date, outlet, title and counts. The id column
    is the stored id (a prefix of it works too)."""
    from amity.store import db, documents

    with db.session(ctx.obj["db"], read_only=True) as con:
        rows = documents.list_documents(con, limit=limit, search=search)
    if as_json:
        for row in rows:
            echo_json(row)
        return
    table(rows, ["name", "published", "outlet", "mentions", "events", "title", "id"],
          widths={"name": 34, "title": 50, "id": 16})


@click.command()
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx, doc, as_json):
    """Show one document: metadata and cleaned text. DOC is an id, an id prefix or a name."""
    from amity.store import db, documents

    with db.session(ctx.obj["db"], read_only=True) as con:
        row = documents.get_document(con, doc)
    if as_json:
        echo_json(row)
        return
    for key in ("id", "name", "title", "author", "published", "published_source", "outlet",
                "language", "flags", "origin", "url", "ingested_at", "pipeline_version"):
        if row.get(key) not in (None, [], ""):
            click.echo(f"{key:>17}: {row[key]}")
    click.echo("")
    click.echo(row["text"])


@click.command()
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def errors(ctx, limit, as_json):
    """List inputs that could not be ingested, with the stage and the reason."""
    from amity.store import db, documents

    with db.session(ctx.obj["db"], read_only=True) as con:
        rows = documents.list_errors(con, limit=limit)
    if as_json:
        for row in rows:
            echo_json(row)
        return
    if not rows:
        click.echo("no ingest errors")
        return
    table(rows, ["origin", "stage", "reason"], widths={"origin": 50, "reason": 70})


@click.command()
@click.option("--table", "what", type=click.Choice(["documents", "mentions", "errors"]),
              default="documents", show_default=True, help="What to export (events: `amity export-events`).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write.")
@click.pass_context
def export(ctx, what, fmt, output):
    """Export stored documents, actor mentions or ingest errors.

    \b
    Examples:
      amity export --format parquet -o docs.parquet
      amity export --table mentions --format csv -o mentions.csv
    """
    from amity.store import db, documents

    with db.session(ctx.obj["db"], read_only=True) as con:
        n = documents.export_table(con, what, fmt, output)
    click.echo(f"wrote {n} {what} rows to {output}")


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def summary(ctx, as_json):
    """Print what the database holds: counts, and the newest events."""
    from amity.store import db, documents

    with db.session(ctx.obj["db"], read_only=True) as con:
        counts = documents.counts(con)
        latest = _latest_events(con)
    if as_json:
        echo_json({"counts": counts, "latest_events": latest})
        return
    click.echo(f"{ctx.obj['db']}: {counts['documents']} documents, {counts['mentions']} actor mentions, "
               f"{counts['events']} events from {counts['event_mentions']} event reports, "
               f"{counts['ingest_errors']} ingest errors")
    if latest:
        click.echo("")
        table(latest, ["date", "source", "type", "target", "subtype", "sources", "sentence"],
              widths={"sentence": 70})
        click.echo("\n(~DATE: the text gives no date; the report's publication date is shown.)")


def _latest_events(con) -> list[dict]:
    """The newest merged events (one row per happening, with its number of sources)."""
    from amity.query import date_label
    from amity.store import analytics

    rows = analytics.events(con, limit=15)
    out = []
    for r in rows:
        # An event whose date the text does not give is shown at its report's publication date.
        when = date_label(r["date"], r.get("date_basis"), r.get("first_published"))
        out.append({**r, "date": when, "sources": r["n_sources"]})
    return out


def _count_files(inputs) -> int | None:
    """How many documents the inputs hold when that is cheap to know: plain files and folders
    of .txt/.html pages (one document each). None when any input is a stream, a feed, a URL, a
    JSONL or WARC file (their documents are known only once read): no ETA then."""
    import os

    single = (".txt", ".html", ".htm")
    total = 0
    for item in inputs:
        if os.path.isfile(item) and item.lower().endswith(single):
            total += 1
        elif os.path.isdir(item):
            for _, _, files in os.walk(item):
                for name in files:
                    if not name.lower().endswith(single):
                        return None
                    total += 1
        else:
            return None
    return total or None


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


__all__ = ["docs", "errors", "export", "ingest", "json", "show", "summary"]
