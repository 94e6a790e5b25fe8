"""Every command is documented: it has help text, and docs/cli.md carries its current --help."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from amity.cli import COMMANDS, _register_optional, cli

_register_optional()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) >= 4
    assert COMMANDS[name][2], f"{name} needs a one-line summary"


def test_cli_reference_is_current(repo_dir):
    out = subprocess.run([sys.executable, "scripts/cli_docs.py", "--check"], cwd=repo_dir,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
