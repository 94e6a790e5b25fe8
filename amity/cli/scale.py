"""Commands of the scale area: watch (poll feeds and ingest what is new)."""

from __future__ import annotations

import click

from amity.cli.output import echo_json

AREA_COMMANDS = {
    "load": ("amity.cli.scale", "load", "Bring a Parquet dataset (`amity ingest --out DIR`) into the database."),
    "watch": ("amity.cli.scale", "watch", "Poll feeds (RSS, Atom, OPML) and ingest new stories as they appear."),
}


def _poll_line(number: int, report) -> str:
    parts = [f"poll {number}: {report.new_entries} new entries from {len(report.feeds)} feeds"]
    if report.ingest is not None:
        r = report.ingest
        parts.append(f"{r.new} stored, {r.skipped} skipped, {r.failed} failed, {r.events} events")
    if report.down:
        parts.append(f"{len(report.down)} feeds down (retried next poll)")
    return "  |  ".join(parts)


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 2h, 1d.")
@click.option("--max-polls", type=click.IntRange(1), default=None,
              help="Stop after this many polls (default: run until interrupted).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the pipeline runs for each poll's new stories.")
@click.option("--workers", type=click.IntRange(1, 512), default=1, show_default=True,
              help="Worker processes (local engine) or CPUs (ray).")
@click.option("--address", default=None, help="Ray cluster address; none starts a local one.")
@click.option("--no-events", is_flag=True, help="Store documents and actor mentions only.")
@click.option("--allow-private-hosts", is_flag=True,
              help="Let feeds and their links reach loopback and private-network addresses (refused by default).")
@click.option("--json", "as_json", is_flag=True, help="One JSON summary line per poll.")
@click.pass_context
def watch(ctx, feeds, every, max_polls, engine, workers, address, no_events, allow_private_hosts, as_json):
    """Poll FEEDS and ingest new stories as they appear.

    FEEDS are feed URLs (RSS 0.9x-2.0, Atom), feed files, or OPML files listing feeds. Each poll
    asks every feed with a conditional GET (ETag, Last-Modified), so an unchanged feed costs one
    small request; a story whose link amity already has is never fetched again. A feed that is
    down is recorded in `amity errors` and tried again at the next poll; the others go on.

    \b
    Examples:
      amity watch feeds.opml --every 15m
      amity watch https://example.org/world/rss.xml --every 1h --max-polls 24
    """
    from amity.engines.watch import Watcher, parse_interval
    from amity.ingest import IngestOptions
    from amity.pipeline import PipelineOptions, ReaderOptions

    interval = parse_interval(every)
    options = IngestOptions(
        engine=engine, workers=workers, address=address,
        pipeline=PipelineOptions(code_events=not no_events,
                                 read=ReaderOptions(allow_private_hosts=allow_private_hosts)),
    )

    def on_poll(number, report):
        if as_json:
            echo_json({"poll": number, "new_entries": report.new_entries,
                       "feeds": [f.__dict__ for f in report.feeds],
                       "ingest": report.ingest.as_dict() if report.ingest else None})
            return
        click.echo(_poll_line(number, report))
        for feed in report.down:
            click.echo(f"  down: {feed.feed}: {feed.error}", err=True)

    watcher = Watcher(list(feeds), ctx.obj["db"], options)
    try:
        watcher.run(interval, max_polls, on_poll=on_poll)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@click.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def load(ctx, dataset, as_json):
    """Bring a Parquet dataset that `amity ingest --out DATASET` wrote (on a cluster, say) into the
    database, for the dashboard, queries and exports.

    Documents already in the database are left as they are. Into an empty database the dataset's
    merged events and event ids come as they are; into one that holds documents, the new reports
    are merged with the stored ones (the same rules, the same ids as one ingest of everything).
    One transaction: a failed load leaves the database as it was.

    \b
    Examples:
      amity ingest examples/articles/ --out dataset/
      amity load dataset/
    """
    from amity.merge.dataset import load_dataset

    report = load_dataset(dataset, ctx.obj["db"])
    if as_json:
        echo_json(report.as_dict())
    else:
        if not report.documents:
            click.echo(f"nothing new: every document of {dataset} is in {ctx.obj['db']} already")
            return
        how = "merged with the stored events" if report.merged else "with the dataset's events"
        click.echo(f"{report.documents} new documents loaded, {how}  ->  {ctx.obj['db']}")
