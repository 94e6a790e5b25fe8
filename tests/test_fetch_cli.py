"""`amity ingest URL`: refused on a private address without --allow-private-hosts, read with it."""

from __future__ import annotations

from click.testing import CliRunner
from scale_support import html, redirect, serve

from amity.cli import cli
from amity.store import db

PAGE = ("<html><head><title>Seoul and Warsaw sign tank deal</title></head><body><article>"
        "<p>South Korea and Poland signed a contract on Friday for a second batch of K2 tanks, the "
        "defence ministries of both countries said in Warsaw.</p><p>The deal includes training and "
        "a maintenance centre to be built in Poland.</p></article></body></html>")


def test_ingest_url_needs_the_flag_for_a_private_host(tmp_path):
    dbfile = str(tmp_path / "u.duckdb")
    with serve({"/story": html(PAGE), "/old": redirect("/story", 301)}) as site:
        refused = CliRunner().invoke(cli, ["--db", dbfile, "ingest", site.url("/story"), "--no-events"])
        allowed = CliRunner().invoke(cli, ["--db", dbfile, "ingest", site.url("/old"), "--no-events",
                                           "--allow-private-hosts", "--json"])
        assert site.paths() == ["/robots.txt", "/old", "/story"]  # nothing reached it without the flag
    assert refused.exit_code == 1 and "loopback" in refused.output
    assert allowed.exit_code == 0, allowed.output
    with db.session(dbfile, read_only=True) as con:
        (url, title), = con.execute("SELECT url, title FROM documents").fetchall()
        errors = con.execute("SELECT stage, reason FROM ingest_errors").fetchall()
    assert url == site.url("/story") and "tank" in title
    assert len(errors) == 1 and errors[0][0] == "fetch" and "loopback" in errors[0][1]  # the refused run
