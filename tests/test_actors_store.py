"""Mentions in DuckDB and the `amity actors` command."""

from __future__ import annotations

import json

from click.testing import CliRunner

from amity.models import Actor, Document, Mention
from amity.store import db, documents, mentions


def _mention(i: int) -> Mention:
    return Mention(doc_id="d1", text="Japan", start=i * 10, end=i * 10 + 5, actor=Actor("JPN", "MIL", "X Y", "defense minister"),
                   rule="title+name", sentence=i)


def test_insert_and_read_back_replaces_rows(tmp_path):
    con = db.connect(str(tmp_path / "a.duckdb"))
    assert mentions.insert_mentions(con, "d1", [_mention(0), _mention(1)]) == 2
    assert mentions.insert_mentions(con, "d1", [_mention(2)]) == 1
    back = mentions.read_mentions(con, "d1")
    assert back == (_mention(2),)
    assert mentions.count_by_code(con)[0]["code"] == "JPN"
    assert mentions.insert_mentions(con, "d1", []) == 0
    assert mentions.read_mentions(con, "d1") == ()


def test_cli_actors_on_a_text_file(tmp_path):
    from amity.cli import cli

    f = tmp_path / "note.txt"
    f.write_text("Seoul's defence ministry said Japan's Defense Minister Shinjiro Koizumi would visit.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.duckdb"), "actors", str(f), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {(r["code"], r["sector"]) for r in rows} == {("KOR", "MIL"), ("JPN", "MIL")}


def test_cli_actors_shows_stored_mentions(tmp_path):
    from amity.cli import cli

    path = str(tmp_path / "s.duckdb")
    con = db.connect(path)
    text = "Japan protested."
    documents.insert_document(con, Document(id="abc123def", origin="x.txt", text=text, name="x"))
    mentions.insert_mentions(con, "abc123def", [Mention("abc123def", "Japan", 0, 5, Actor("JPN"), "country", 0)])
    con.close()
    result = CliRunner().invoke(cli, ["--db", path, "actors", "x"])
    assert result.exit_code == 0, result.output
    assert "JPN" in result.output and "country" in result.output
