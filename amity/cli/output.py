"""Printing helpers for the CLI: tables, JSON lines, progress. Only the CLI imports this."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=_default))


def _cell(value: Any, width: int | None) -> str:
    if value is None:
        text = ""
    elif isinstance(value, (list, tuple)):
        text = ",".join(str(v) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def table(rows: Sequence[dict], columns: Sequence[str], widths: dict[str, int] | None = None) -> None:
    """A plain, aligned text table (pipe-friendly: no colours, no box drawing)."""
    widths = widths or {}
    if not rows:
        click.echo("(none)")
        return
    cells = [[_cell(r.get(c), widths.get(c)) for c in columns] for r in rows]
    sizes = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.upper().ljust(sizes[i]) for i, c in enumerate(columns)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(sizes[i]) for i, v in enumerate(row)).rstrip())


@contextmanager
def progress_reporter(label: str, enabled: bool = True) -> Iterator[Any]:
    """A progress line on stderr (only when stderr is a terminal), fed by a callback."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), TextColumn("{task.fields[counts]}"),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, counts="starting (loading the language model)...")

        def update(kind: str, report: Any) -> None:
            bar.update(task, counts=f"{report.new} new, {report.skipped} skipped, {report.failed} failed, "
                                    f"{report.events} events")

        yield update


@contextmanager
def status_line(label: str, enabled: bool = True) -> Iterator[Any]:
    """A one-line progress display on stderr (only when stderr is a terminal): call the yielded
    function with what is being worked on; it counts the calls."""
    if not enabled or not sys.stderr.isatty():
        yield lambda _what: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), TextColumn("{task.completed} done: {task.fields[what]}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, what="starting (loading the language model)...")
        yield lambda what: bar.update(task, advance=1, what=what)
