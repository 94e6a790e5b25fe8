"""The analytics commands end to end on a database file: merge, dyads, timeline, network,
export-events, and serve's refusal to expose itself without a token."""

import json
import subprocess
import sys

import merge_data
import pytest
from click.testing import CliRunner

from amity.cli import cli
from amity.store import db


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "amity.duckdb"
    with db.session(path) as con:
        merge_data.load(con)
    return str(path)


def run(db_path, *args):
    result = CliRunner().invoke(cli, ["--db", db_path, *args], catch_exceptions=False)
    return result


def test_merge_then_dyads(db_path):
    assert "26 event reports -> 12 events" in run(db_path, "merge").output
    rows = [json.loads(line) for line in run(db_path, "dyads", "--json").output.splitlines()]
    assert (rows[0]["pair_a"], rows[0]["pair_b"], rows[0]["events"]) == ("JPN", "KOR", 4)
    table = run(db_path, "dyads", "--actor", "CHN").output
    assert table.splitlines()[0].split()[:3] == ["PAIR", "EVENTS", "REPORTS"] and "CHN-JPN" in table


def test_timeline_table_has_a_column_per_type(db_path):
    run(db_path, "merge")
    lines = run(db_path, "timeline", "USA", "JPN").output.splitlines()
    assert lines[0].split() == ["MONTH", "TOTAL", "AGREE", "CONSULT", "INTENSITY"]
    assert lines[1].split()[:4] == ["2025-03", "2", "1", "1"]


def test_network_and_exports(db_path, tmp_path):
    run(db_path, "merge")
    graph = json.loads(run(db_path, "network", "--format", "json").output)
    assert len(graph["links"]) == 5
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(cli, ["--db", db_path, "export-events", "--format", "parquet", "-o", str(out),
                                      "--pair", "USA,JPN"])
    assert result.exit_code == 0 and out.stat().st_size > 0
    lines = run(db_path, "export-events", "--format", "jsonl", "--type", "COOPERATE").output.splitlines()
    assert len(lines) == 3 and all(json.loads(x)["sources"] for x in lines)


def test_serve_refuses_a_public_address_without_flag_and_token(db_path):
    from amity.errors import InputError

    with pytest.raises(InputError):
        CliRunner().invoke(cli, ["--db", db_path, "serve", "--host", "0.0.0.0"], catch_exceptions=False,
                           standalone_mode=False)


@pytest.mark.parametrize("args,says", [
    (("events", "--since", "yesterday"), "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    (("events", "--type", "FOO"), "is not one of amity's types"),
    (("events", "--subtype", "exercises"), "did you mean exercise?"),
    (("dyads", "--subtype", "exercises"), "did you mean exercise?"),
    (("export-events", "--since", "yesterday"), "is not YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_bad_filters_are_refused_alike_by_every_command(db_path, args, says):
    out = subprocess.run([sys.executable, "-m", "amity", "--db", db_path, *args], capture_output=True, text=True,
                         timeout=120, check=False)
    assert out.returncode == 2 and says in out.stderr and "hint: " in out.stderr, out.stderr


def test_db_is_taken_after_the_command_too(db_path):
    before = run(db_path, "dyads", "--json").output
    after = CliRunner().invoke(cli, ["dyads", "--db", db_path, "--json"], catch_exceptions=False).output
    assert after == before and after.strip()
