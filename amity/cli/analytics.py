"""Commands over merged events: merge, dyads, timeline, network, export-events, serve."""

from __future__ import annotations

import os

import click

from amity.cli.options import min_confidence_option
from amity.cli.output import echo_json, table

AREA_COMMANDS = {
    "merge": ("amity.cli.analytics", "merge_cmd", "Re-run merging: reports of one happening share an event id."),
    "dyads": ("amity.cli.analytics", "dyads", "Actor pairs ranked by events, with cooperation/conflict balance."),
    "timeline": ("amity.cli.analytics", "timeline", "Events per month by type between two actors."),
    "network": ("amity.cli.analytics", "network", "The actor network as GraphML, GEXF or JSON."),
    "export-events": ("amity.cli.analytics", "export_events",
                      "Export merged events: CSV, Parquet, JSONL, PLOVER JSON, GDELT-style TSV."),
    "serve": ("amity.cli.analytics", "serve", "The dashboard and JSON API on http://127.0.0.1:8000 (read-only)."),
}


def _filter_options(func):
    """--actor --pair --type --subtype --since --until --text --min-confidence, shared by several commands."""
    options = [
        click.option("--actor", help="An actor on either side (ISO3 or IGO code, e.g. JPN)."),
        click.option("--pair", help="Two actors, either direction: USA,JPN."),
        click.option("--type", "etype", help="PLOVER type, e.g. AGREE."),
        click.option("--subtype", help="Defense subtype, e.g. exercise."),
        click.option("--since", help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--until", help="Latest date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--text", help="Words in any source sentence."),
        min_confidence_option(),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _make_filter(kw: dict):
    from amity.query import make_filter
    from amity.query.filters import confidence_value

    threshold = confidence_value(kw.get("min_confidence"), "--min-confidence")
    return make_filter(actor=kw.get("actor"), pair=kw.get("pair"), type=kw.get("etype"),
                       subtype=kw.get("subtype"), since=kw.get("since"), until=kw.get("until"),
                       text=kw.get("text"), min_confidence=threshold)


@click.command("merge")
@click.option("--explain", "explain_id", metavar="EVENT_ID",
              help="Do not merge: say why each report of this event joined it.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def merge_cmd(ctx, explain_id, as_json):
    """Recompute every merged event from the stored event reports.

    `amity ingest` merges as it goes; run this after changing the merge rules
    (amity/data/merge_evidence.yaml) or the intensity table (amity/data/intensity.tsv). The result
    does not depend on the order articles came in.

    Reports of one actor pair and type join when the dates their texts give agree, or, when a
    text gives none, when they share enough: wording of the evidence sentences and the leads,
    and publication days close together (docs/analytics.md, "Merging").

    \b
    Examples:
      amity merge
      amity merge --explain EVENT_ID      # why each report joined (ids: amity events --json)
    """
    if explain_id:
        from amity.merge import explain

        result = explain(ctx.obj["db"], explain_id)
        if as_json:
            echo_json(result.as_dict())
            return
        click.echo(_explanation_text(result.as_dict()))
        return
    from amity.merge import merge

    report = merge(ctx.obj["db"])
    if as_json:
        echo_json(report.as_dict())
        return
    click.echo(f"{report.instances} event reports -> {report.events} events "
               f"({report.blocks} actor pair/type blocks)")


def _explanation_text(data: dict) -> str:
    lines = [f"event {data['event_id']}: {len(data['reports'])} report(s)"]
    for r in data["reports"]:
        date = r["date"] or "undated"
        if r["date"] and r["date_basis"] == "publication":
            date = f"~{r['date']}"
        lines.append(f"- {r['doc']} #{r['idx']} ({r['outlet'] or 'no outlet'}, published {r['published'] or 'unknown'}) "
                     f"{r['source']}->{r['target']} date {date} [{r['date_basis'] or 'none'}]")
        lines.append(f"    \"{(r['sentence'] or '').strip()[:160]}\"")
        via = r["joined_via"]
        if via is None:
            lines.append("    opened the event")
            continue
        detail = f"score {via['score']:.2f}"
        if via["reason"] in ("evidence", "times close"):
            detail += (f" (sentences {via['sentence_similarity']:.2f}, leads {via['context_similarity']:.2f}, "
                       f"times {via['time_gap_days'] if via['time_gap_days'] is not None else 'unknown'}"
                       f"{' days apart' if via['time_gap_days'] is not None else ''})")
        lines.append(f"    joined {via['doc']} #{via['idx']}: {via['reason']}, {detail}")
        if via["shared"]:
            lines.append(f"    shared: {', '.join(via['shared'])}")
    return "\n".join(lines)


@click.command()
@_filter_options
@click.option("--limit", type=click.IntRange(1, 100000), default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per pair.")
@click.pass_context
def dyads(ctx, limit, as_json, **kw):
    """Actor pairs ranked by merged events.

    BALANCE is (cooperative - conflictual events) / events, from -1 to 1; MEAN is the mean
    intensity (-10..+10, amity/data/intensity.tsv, docs/analytics.md).

    \b
    Examples:
      amity dyads
      amity dyads --actor JPN --since 2024
    """
    from amity import query
    from amity.store import db

    with db.session(ctx.obj["db"], read_only=True) as con:
        rows = query.dyads(con, _make_filter(kw), limit=limit)
    if as_json:
        for row in rows:
            echo_json(row)
        return
    for row in rows:
        row["pair"] = f"{row['pair_a']}-{row['pair_b']}"
    table(rows, ["pair", "events", "reports", "cooperation", "conflict", "balance", "mean_intensity",
                 "first_date", "last_date"])


@click.command()
@click.argument("actor_a")
@click.argument("actor_b")
@click.option("--since", help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Latest date.")
@min_confidence_option()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per month and type.")
@click.pass_context
def timeline(ctx, actor_a, actor_b, since, until, min_confidence, as_json):
    """Events per month by type between ACTOR_A and ACTOR_B (either direction).

    An event counts in the month its text dates it to, else in the month it was published.
    Events dated only to a year have no month: they are listed below the table (and left out
    of --json, which has one object per month and type).

    \b
    Example:
      amity timeline AUS USA
    """
    from amity import query
    from amity.store import db

    flt = _make_filter({"since": since, "until": until, "min_confidence": min_confidence})
    with db.session(ctx.obj["db"], read_only=True) as con:
        rows = query.timeline(con, actor_a, actor_b, flt)
        years = query.year_only(con, actor_a, actor_b, flt)
    if as_json:
        for row in rows:
            echo_json(row)
        return
    _print_timeline(rows)
    if years:
        listed = ", ".join(f"{y['year']}: {y['events']}" for y in years)
        click.echo(f"\nDated only to a year (no month): {listed}")


def _print_timeline(rows: list[dict]) -> None:
    """One line per month, a column per type."""
    types = sorted({r["type"] for r in rows})
    months: dict[str, dict] = {}
    for r in rows:
        months.setdefault(r["month"], {"month": r["month"], "total": 0, "intensity": 0.0})
        months[r["month"]][r["type"]] = r["events"]
        months[r["month"]]["total"] += r["events"]
        months[r["month"]]["intensity"] = round(months[r["month"]]["intensity"] + (r["intensity"] or 0), 1)
    table(list(months.values()), ["month", "total", *types, "intensity"])


@click.command()
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default="graphml",
              show_default=True)
@click.option("--min-events", type=click.IntRange(1, None), default=1, show_default=True,
              help="Leave out pairs with fewer events.")
@click.option("-o", "--output", default="-", help="File to write (default: standard output).")
@click.pass_context
def network(ctx, fmt, min_events, output, **kw):
    """The actor network: nodes are actors, edges carry events, cooperation, conflict, balance.

    \b
    Examples:
      amity network --format gexf -o network.gexf    (opens in Gephi)
      amity network --format json --actor CHN
    """
    import sys

    from amity.query.network import network as build
    from amity.query.network import write_network
    from amity.store import db

    with db.session(ctx.obj["db"], read_only=True) as con:
        graph = build(con, _make_filter(kw), min_events=min_events)
    write_network(graph, fmt, sys.stdout if output == "-" else output)
    if output != "-":
        click.echo(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} pairs to {output}", err=True)


@click.command("export-events")
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "jsonl", "plover", "gdelt"]),
              default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", help="File to write; csv and parquet need one.")
@click.option("--header", is_flag=True, help="gdelt: write a header line (GDELT's own files have none).")
@click.pass_context
def export_events(ctx, fmt, output, header, **kw):
    """Export merged events, one row per happening, with every source.

    \b
    Formats (columns in docs/analytics.md):
      jsonl    the event JSON contract plus n_sources and "sources" (every report)
      csv      flat columns (DuckDB COPY)
      parquet  the same columns, zstd-compressed (DuckDB COPY)
      plover   a JSON array of PLOVER-style events (event, mode, context, source, target)
      gdelt    GDELT 2.0-style tab-separated events (CAMEO code, QuadClass, Goldstein-like score)

    \b
    Examples:
      amity export-events -o events.jsonl
      amity export-events --format parquet -o events.parquet --pair JPN,PHL
      amity export-events --format gdelt --min-confidence 0.8 -o sure.tsv
    """
    from amity.query.export import export_events as run_export
    from amity.store import db

    with db.session(ctx.obj["db"], read_only=True) as con:
        n = run_export(con, fmt, output, _make_filter(kw), header=header)
    if output != "-":
        click.echo(f"wrote {n} events to {output}", err=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-remote", is_flag=True,
              help="Allow a non-loopback --host; then every request needs the --token.")
@click.option("--token", envvar="AMITY_TOKEN", default=None,
              help="Access token (also $AMITY_TOKEN): send it as `Authorization: Bearer TOKEN`, or open "
                   "/?token=TOKEN once in a browser.")
@click.option("--cache-mb", type=click.IntRange(0, 65536), default=64, show_default=True,
              help="Memory for whole answers kept per snapshot (replayed until the data changes); 0 turns it off.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes. Each keeps its own snapshot (a copy of the database file) and cache.")
@click.pass_context
def serve(ctx, host, port, allow_remote, token, cache_mb, workers):
    """The dashboard and JSON API (read-only).

    It serves a snapshot of the database, refreshed when the file changes and no ingest is
    writing, so `amity ingest` can run meanwhile; new events appear after each batch commits.
    A snapshot never changes, so each answer is kept (up to --cache-mb) and replayed to the
    next request for the same URL until a newer snapshot comes in.

    \b
    Examples:
      amity serve                                  http://127.0.0.1:8000
      amity serve --host 0.0.0.0 --allow-remote --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from amity.web.app import SETTINGS_ENV, create_app, worker_settings
    from amity.web.cache import CacheOptions
    from amity.web.security import check_bind

    check_bind(host, allow_remote, token)
    cache = CacheOptions(max_bytes=cache_mb * 2**20)
    app = create_app(ctx.obj["db"], token=token, cache=cache)
    app.state.snapshots.start(wait=10.0)  # fails now, with a hint, when there is no database
    click.echo(f"amity: serving {ctx.obj['db']} on http://{host}:{port}/ with {workers} "
               f"process{'es' if workers > 1 else ''} (Ctrl-C stops)", err=True)
    if token:
        click.echo("amity: a token is required for every request", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.snapshots.close()  # each worker takes its own
    os.environ[SETTINGS_ENV] = worker_settings(ctx.obj["db"], cache)
    if token:
        os.environ["AMITY_TOKEN"] = token
    uvicorn.run("amity.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")
