"""amity's command line. The only place that prints.

Each command is a thin wrapper over one API call. Commands live in area modules
(`amity/cli/<area>.py`) and are registered in COMMANDS below; modules are imported only when a
command runs, so `amity --help` stays fast.

Errors: every amity.errors.AmityError becomes one line on stderr, `error: MESSAGE`, then
`hint: HINT`, and exit code 2 (1 means "ran, but some inputs failed": see `amity ingest --help`).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from amity.errors import AmityError

# command name -> (module, function name, one-line help shown in `amity --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ingest": ("amity.cli.ingest", "ingest", "Read, clean, code and store articles (files, folders, JSONL, stdin)."),
    "docs": ("amity.cli.ingest", "docs", "List stored documents."),
    "show": ("amity.cli.ingest", "show", "Show one stored document: metadata and cleaned text."),
    "errors": ("amity.cli.ingest", "errors", "List inputs that could not be ingested, with the reason."),
    "export": ("amity.cli.ingest", "export", "Export documents, mentions or events (CSV, JSONL, Parquet, ...)."),
    "summary": ("amity.cli.ingest", "summary", "Print what the database holds."),
}


def _register_optional() -> None:
    """Area modules add themselves here (see each module's AREA_COMMANDS)."""
    for mod in ("amity.cli.actors", "amity.cli.events", "amity.cli.analytics", "amity.cli.scale", "amity.cli.learn"):
        spec = importlib.util.find_spec(mod)
        if spec is None:
            continue
        # Each area module declares its commands without importing heavy code.
        module = importlib.import_module(mod)
        COMMANDS.update(getattr(module, "AREA_COMMANDS", {}))


NO_DATABASE = frozenset({"extract", "eval", "train-scorer"})  # commands that read no database


def _db_after_command(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)["db"] = value


def with_db_option(name: str, command: click.Command) -> click.Command:
    """`amity ingest --db X ...` as well as `amity --db X ingest ...`: every command that uses
    the database takes --db after its name too (it wins over the one before)."""
    if name in NO_DATABASE or any(p.name == "db_after_command" for p in command.params):
        return command
    command.params.append(click.Option(
        ["--db", "db_after_command"], metavar="FILE", expose_value=False, is_eager=True,
        callback=_db_after_command,
        help="DuckDB database file (the same as `amity --db FILE` before the command)."))
    return command


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        _register_optional()
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        _register_optional()
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return with_db_option(name, getattr(importlib.import_module(module), attr))

    def format_commands(self, ctx, formatter):
        _register_optional()
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar="AMITY_DB", default="amity.duckdb", show_default=True,
              help="DuckDB database file (also $AMITY_DB).")
@click.version_option(package_name="amity")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """amity turns news about international relations into a traceable database of events.

    \b
    A five-minute tour (from the repository's folder):
      amity ingest examples/articles/                  read, clean, code and store the samples
      amity docs                                       what was stored
      amity events --pair JPN,PHL                      who did what to whom, and the evidence
      amity extract examples/articles/k2-gdynia-2022.txt   the pipeline on files, no database
      amity serve                                      the dashboard on http://127.0.0.1:8000

    Every command has --help.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def main(argv: list[str] | None = None) -> None:
    try:
        rv = cli.main(args=argv, prog_name="amity", standalone_mode=False)
    except AmityError as exc:
        click.echo(f"error: {exc}", err=True)
        if exc.hint:
            click.echo(f"hint: {exc.hint}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    sys.exit(rv if isinstance(rv, int) else 0)
