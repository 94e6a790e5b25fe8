"""The tour runs as written: every command of the README's five-minute tour and every example in
a command's --help, on the demo database (`make demo`: examples/articles/ ingested), from a
folder that has the repository's examples/ in it. Each must exit 0 and print (or write)
something: an example that answers "(none)" teaches nothing.

Left out, each for a reason said here: `amity serve` (a server; the web tests run it), `amity
watch` (polls feeds on the network), `amity train-scorer` on every gold set (minutes of parsing;
tests of its own); `amity train-scorer --set` on the example gold runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from amity.cli import cli

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOT_RUN = {"serve": "a server: the web tests start it", "watch": "polls feeds on the network",
           "train-scorer": "parses every gold set for minutes: tests/test_events_scorer.py"}
RUNS_ANYWAY = ("--set ",)  # a train-scorer example on the example gold takes seconds
pytestmark = pytest.mark.slow


def readme_tour() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## A five-minute tour", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip().startswith("amity ")]


def help_examples() -> list[str]:
    """Example lines of `amity --help` and of every command's --help: indented lines that run
    an amity command (alone or at the end of a pipe)."""
    ctx = click.Context(cli)
    names = set(cli.list_commands(ctx))
    docs = [cli.help or ""] + [cli.get_command(ctx, name).help or "" for name in sorted(names)]
    found = [line.strip() for doc in docs for line in doc.splitlines()
             if re.match(r"\s+(amity|cat) ", line) and _command_name(line.strip()) in names]
    return [re.split(r"\s{2,}", line)[0].split(" #", 1)[0].strip() for line in found]


def _command_name(line: str) -> str:
    words = [w for w in line.split("|")[-1].split() if not w.startswith("-")]
    return words[1] if len(words) > 1 else ""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A working folder with examples/ and the demo database in it."""
    work = tmp_path_factory.mktemp("tour")
    os.symlink(REPO / "examples", work / "examples")
    env = dict(os.environ, AMITY_DB=str(work / "amity.duckdb"), PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    out = subprocess.run(["amity", "ingest", "examples/articles/"], cwd=work, env=env, capture_output=True,
                         text=True, timeout=600, check=False)
    assert out.returncode == 0, out.stderr
    return work, env


def _event_id(work: Path, env: dict) -> str:
    out = subprocess.run(["amity", "events", "--pair", "JPN,PHL", "--json"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    return next(line for line in out.stdout.splitlines() if line).split('"event_id": "', 1)[1].split('"', 1)[0]


COMMANDS = sorted(set(readme_tour()) | set(help_examples()))


def test_the_tour_and_the_examples_are_found():
    assert len(readme_tour()) >= 12 and len(help_examples()) >= 25
    assert "amity extract examples/articles/k2-gdynia-2022.txt" in COMMANDS


@pytest.mark.parametrize("line", COMMANDS)
def test_each_example_runs_and_answers(demo, line):
    name = _command_name(line)
    if name in NOT_RUN and not any(flag in line for flag in RUNS_ANYWAY):
        pytest.skip(f"amity {name}: {NOT_RUN[name]}")
    work, env = demo
    if "EVENT_ID" in line:
        line = line.replace("EVENT_ID", _event_id(work, env))
    before = {p.name for p in work.iterdir()}
    out = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True,
                         timeout=600, check=False)
    assert out.returncode == 0, f"{line}\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}"
    written = [p for p in work.iterdir() if p.name not in before and p.is_file() and p.stat().st_size > 0]
    assert out.stdout.strip() or written, f"{line} printed nothing and wrote nothing"
    assert "(none)" not in out.stdout, f"{line} found nothing on the demo data:\n{out.stdout[-1000:]}"
    for p in written:
        p.unlink() if p.is_file() else shutil.rmtree(p)
