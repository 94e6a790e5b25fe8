"""Write docs/cli.md from the commands' own --help, so the reference cannot drift.

    python scripts/cli_docs.py          # rewrite docs/cli.md
    python scripts/cli_docs.py --check  # exit 1 if docs/cli.md is out of date (the test suite runs this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render() -> str:
    from amity.cli import COMMANDS, _register_optional, cli

    _register_optional()
    parts = ["# amity command reference", "",
             "Generated from each command's `--help` by `python scripts/cli_docs.py`; do not edit by hand.", ""]
    ctx = click.Context(cli, info_name="amity", terminal_width=100, max_content_width=100)
    parts += ["## amity", "", "```", cli.get_help(ctx), "```", ""]
    for name in sorted(COMMANDS):
        command = cli.get_command(ctx, name)
        sub = click.Context(command, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
        parts += [f"## amity {name}", "", "```", command.get_help(sub), "```", ""]
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run `python scripts/cli_docs.py`", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
