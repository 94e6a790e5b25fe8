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
def progress_reporter(label: str, enabled: bool = True, total: int | None = None) -> Iterator[Any]:
    """A progress line on stderr (only when stderr is a terminal), fed by a callback: documents
    done, their rate, events found, failures, and with a known ``total`` a bar and an ETA."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}")]
    if total:
        columns += [BarColumn(bar_width=24), TimeRemainingColumn()]
    columns += [TextColumn("{task.fields[counts]}"), TimeElapsedColumn()]
    started = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, counts="starting (loading the language model)...")

        def update(kind: str, report: Any) -> None:
            done = report.new + report.skipped + report.failed
            rate = done / max(time.perf_counter() - started, 1e-6)
            bar.update(task, completed=min(done, total) if total else done,
                       counts=f"{done} documents ({rate:.1f}/s): {report.new} new, {report.skipped} skipped, "
                              f"{report.failed} failed, {report.events} events")

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
