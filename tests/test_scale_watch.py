"""amity watch: conditional GET, no URL fetched twice, a dead feed logged and retried."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from scale_support import html, serve

from amity.cli import cli
from amity.engines.watch import Watcher, parse_interval
from amity.errors import InputError
from amity.ingest import IngestOptions
from amity.pipeline import PipelineOptions, ReaderOptions
from amity.store import db

BODY = ("<p>The navies of Japan and the Philippines held their first joint patrol in the South China Sea "
        "on Saturday, officials in Manila and Tokyo said. The exercise followed the reciprocal access "
        "agreement the two governments signed in July, and included a destroyer and two patrol ships. "
        "Both defence ministries described the patrol as a step toward regular cooperation at sea.</p>")


def story(n: int) -> tuple:
    return html(f"<html><head><title>Story {n}</title></head><body><article><p>Defence officials of "
                f"Australia and India met for round {n} of talks on maritime security in Canberra.</p>"
                f"<p>They agreed to share more information about ships in the Indian Ocean.</p>"
                f"</article></body></html>")


class Feed:
    """A feed whose entries grow; answers 304 to its own ETag."""

    def __init__(self, base_path: str):
        self.links = ["/s1"]
        self.base = ""

    def etag(self) -> str:
        return f'"{len(self.links)}"'

    def __call__(self, headers):
        if headers.get("if-none-match") == self.etag():
            return 304, {"ETag": self.etag()}, b""
        items = "".join(f"<item><title>t{p}</title><link>{self.base}{p}</link>"
                        f"<pubDate>Sat, 15 Jun 2024 10:00:00 GMT</pubDate></item>" for p in self.links)
        full = (f"<item><title>Patrol</title><link>{self.base}/full</link>"
                f"<content:encoded><![CDATA[{BODY}]]></content:encoded></item>")
        body = (f'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Pacific Desk</title>{full}{items}</channel></rss>")
        return 200, {"Content-Type": "application/rss+xml", "ETag": self.etag()}, body.encode()


def options() -> IngestOptions:
    return IngestOptions(pipeline=PipelineOptions(code_events=False, read=ReaderOptions(allow_private_hosts=True,
                                                                                       fetch_delay=0.0)))


def test_parse_interval():
    assert parse_interval("15m") == 900 and parse_interval("2h") == 7200 and parse_interval("30") == 30
    with pytest.raises(InputError):
        parse_interval("soon")


def test_polls_are_conditional_and_never_refetch(tmp_path):
    feed = Feed("/feed")
    routes = {"/feed": feed, "/dead": (503, {}, b""), "/s1": story(1), "/s2": story(2), "/s3": story(3)}
    dbfile = str(tmp_path / "w.duckdb")
    with serve(routes) as site:
        feed.base = site.base
        watcher = Watcher([site.url("/feed"), site.url("/dead")], dbfile, options())
        first = watcher.poll()
        second = watcher.poll()  # unchanged: 304
        feed.links = ["/s1", "/s2", "/s3"]
        third = watcher.poll()
    assert first.new_entries == 2 and first.ingest.new == 2
    assert [f.status for f in second.feeds if f.feed.endswith("/feed")] == [304] and second.ingest is None
    assert third.new_entries == 2 and third.ingest.new == 2
    paths = site.paths()
    assert paths.count("/s1") == 1 and paths.count("/s2") == 1 and "/full" not in paths
    assert paths.count("/dead") == 3  # retried at every poll
    with db.session(dbfile, read_only=True) as con:
        docs = con.execute("SELECT outlet, published FROM documents ORDER BY url").fetchall()
        errors = con.execute("SELECT origin, stage FROM ingest_errors").fetchall()
    assert len(docs) == 4 and {d[0] for d in docs} == {"Pacific Desk"}
    assert ("2024-06-15" in {str(d[1]) for d in docs})
    assert errors == [(site.url("/dead"), "fetch")]


def test_watch_command_runs_bounded_polls(tmp_path):
    feed = Feed("/feed")
    with serve({"/feed": feed, "/s1": story(1)}) as site:
        feed.base = site.base
        dbfile = str(tmp_path / "c.duckdb")
        refused = CliRunner().invoke(cli, ["--db", dbfile, "watch", site.url("/feed"), "--max-polls", "1",
                                           "--no-events", "--every", "0s"])
        allowed = CliRunner().invoke(cli, ["--db", dbfile, "watch", site.url("/feed"), "--max-polls", "2",
                                           "--no-events", "--every", "0s", "--allow-private-hosts"])
    assert refused.exit_code == 0 and "1 feeds down" in refused.output
    assert "poll 1: 2 new entries" in allowed.output and "poll 2: 0 new entries" in allowed.output
