"""The progress line of a long ingest: on a terminal it shows documents, their rate, events,
failures and (when the inputs' size is known) a bar with the time left; --quiet and a
non-terminal stderr show none."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _run_on_a_terminal(args: list[str], cwd: Path) -> str:
    """stderr of ``amity ARGS`` when it is a terminal (a pseudo-terminal), as text."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "amity", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=follower, env=dict(os.environ, COLUMNS="160", TERM="xterm"))
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower closed: the process ended
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(leader)
    return out.decode("utf-8", "replace")


def test_progress_on_a_terminal_and_quiet(tmp_path):
    shown = _run_on_a_terminal(["--db", str(tmp_path / "a.duckdb"), "ingest", str(REPO / "examples" / "articles")],
                               tmp_path)
    assert "documents (" in shown and "/s): " in shown and "events" in shown, shown[-2000:]
    quiet = _run_on_a_terminal(["--db", str(tmp_path / "b.duckdb"), "ingest", "--quiet",
                                str(REPO / "examples" / "articles")], tmp_path)
    assert "documents (" not in quiet and "starting" not in quiet


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    out = subprocess.run([sys.executable, "-m", "amity", "--db", str(tmp_path / "c.duckdb"), "ingest",
                          str(REPO / "examples" / "articles" / "balikatan-2024.txt")],
                         capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0 and "documents (" not in out.stderr and "starting" not in out.stderr
