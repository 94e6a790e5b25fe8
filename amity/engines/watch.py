"""``amity watch``: poll feeds, and ingest the stories that are new.

One poll, for every feed (a URL, a feed file, or an OPML list of feeds):

1. a conditional GET with the ETag / Last-Modified the feed sent last time (``feed_state``);
   ``304 Not Modified`` costs nothing more;
2. entries whose canonical link amity already has (a stored document, or ``feed_items``) are
   dropped, so a URL is never fetched twice;
3. the new entries go through the ordinary ingest loop (``amity.ingest.ingest``), saved first to a
   temporary ``.entries.jsonl`` file that the feed reader turns into Articles (full text from the
   feed, or the link fetched);
4. links that became documents (or were refused for good) are remembered; a feed that is down is
   written to ``ingest_errors`` and tried again at the next poll, while the others go on.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from amity.errors import FetchError, InputError
from amity.ingest import IngestOptions, IngestReport, ingest
from amity.models import Rejection
from amity.sources.feeds import Entry, opml_feeds, parse_feed, write_entries
from amity.sources.urls import canonical_url, is_url
from amity.store import db as store_db
from amity.store import documents as store_docs
from amity.store import scale as store_scale

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """``15m`` -> 900.0; units s, m, h, d (seconds when none)."""
    match = _INTERVAL.match(text or "")
    if not match:
        raise InputError(f"cannot read the interval {text!r}", hint="Write it like 30s, 15m, 2h or 1d.")
    return float(match.group(1)) * _UNIT[match.group(2).lower()]


@dataclass
class FeedPoll:
    feed: str
    status: int | None = None  # 200, 304, or None when it failed
    new: int = 0
    error: str | None = None


@dataclass
class PollReport:
    feeds: list[FeedPoll] = field(default_factory=list)
    ingest: IngestReport | None = None

    @property
    def new_entries(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def down(self) -> list[FeedPoll]:
        return [f for f in self.feeds if f.error]


@dataclass
class _Fetched:
    feed: str
    entries: list[Entry]
    status: int
    etag: str | None = None
    last_modified: str | None = None


class Watcher:
    """Polls ``feeds`` into the database at ``db_path`` with ``options`` (engine, workers, ...)."""

    def __init__(self, feeds: Sequence[str], db_path: str | None, options: IngestOptions | None = None):
        from amity.engines.shards import read_options_for

        self.feeds = list(feeds)
        self.db_path = db_path
        self.options = options or IngestOptions()
        self.read_options = read_options_for(self.options.pipeline)

    # -- one poll ---------------------------------------------------------------------------
    def poll(self) -> PollReport:
        report = PollReport()
        fetched: list[_Fetched] = []
        for feed in self._expand(self.feeds, report):
            result = self._fetch(feed)
            if isinstance(result, FeedPoll):
                report.feeds.append(result)
            else:
                fetched.append(result)
        new = self._new_entries(fetched)
        if any(new.values()):
            report.ingest = self._ingest([e for entries in new.values() for e in entries])
        self._save(fetched, new, report)
        return report

    def _expand(self, sources: Sequence[str], report: PollReport) -> list[str]:
        """Feed sources, with OPML lists (files or URLs ending in .opml) replaced by their feeds."""
        feeds: list[str] = []
        for source in sources:
            if source.lower().endswith(".opml"):
                data = self._load(source)
                urls = opml_feeds(data, source) if isinstance(data, bytes) else data
                if isinstance(urls, Rejection):
                    report.feeds.append(self._failed(source, urls.reason))
                    continue
                feeds.extend(u for u in urls if u not in feeds)
            elif source not in feeds:
                feeds.append(source)
        return feeds

    def _load(self, source: str) -> bytes | Rejection:
        try:
            if is_url(source):
                from amity.sources.feeds import fetch_feed

                return fetch_feed(source, self.read_options).content
            return Path(source).read_bytes()
        except (FetchError, OSError) as exc:
            return Rejection(source, "fetch", str(exc))

    def _fetch(self, feed: str) -> _Fetched | FeedPoll:
        from amity.sources.feeds import fetch_feed

        etag = modified = None
        status = 200
        try:
            if is_url(feed):
                with store_db.session(self.db_path) as con:
                    old_etag, old_modified = store_scale.feed_validators(con, feed)
                response = fetch_feed(feed, self.read_options, old_etag, old_modified)
                if response.status == 304:
                    return _Fetched(feed, [], 304, response.etag, response.last_modified)
                data, etag, modified = response.content, response.etag, response.last_modified
            else:
                data = Path(feed).read_bytes()
        except (FetchError, OSError) as exc:
            return self._failed(feed, str(exc))
        entries = parse_feed(data, feed)
        if isinstance(entries, Rejection):
            return self._failed(feed, entries.reason)
        return _Fetched(feed, entries, status, etag, modified)

    def _failed(self, feed: str, reason: str) -> FeedPoll:
        with store_db.session(self.db_path) as con, store_db.transaction(con):
            store_docs.record_error(con, Rejection(feed, "fetch", f"feed unavailable: {reason}"))
            store_scale.save_feed_state(con, feed, status=None, error=reason)
        return FeedPoll(feed, None, 0, reason)

    def _new_entries(self, fetched: list[_Fetched]) -> dict[str, list[Entry]]:
        """Per feed, the entries whose link amity does not have yet (each link once per poll)."""
        links = [canonical_url(e.link) for f in fetched for e in f.entries if e.link]
        with store_db.session(self.db_path) as con:
            known = store_scale.known_links(con, links)
        new: dict[str, list[Entry]] = {}
        for f in fetched:
            new[f.feed] = []
            for entry in f.entries:
                link = canonical_url(entry.link) if entry.link else None
                if link is not None and link in known:
                    continue
                if link is not None:
                    known.add(link)
                new[f.feed].append(replace(entry, link=link))
        return new

    def _ingest(self, entries: list[Entry]) -> IngestReport:
        with tempfile.TemporaryDirectory(prefix="amity-watch-") as tmp:
            path = Path(tmp) / "poll.entries.jsonl"
            write_entries(entries, path)
            return ingest([str(path)], self.db_path, self.options)

    def _save(self, fetched: list[_Fetched], new: dict[str, list[Entry]], report: PollReport) -> None:
        failed = {r.origin for r in report.ingest.failures} if report.ingest else set()
        with store_db.session(self.db_path) as con, store_db.transaction(con):
            for f in fetched:
                taken = [e.link for e in new[f.feed] if e.link and e.link not in failed]
                store_scale.mark_taken(con, taken, f.feed)
                store_scale.save_feed_state(con, f.feed, status=f.status, etag=f.etag,
                                            last_modified=f.last_modified, new_entries=len(new[f.feed]))
                report.feeds.append(FeedPoll(f.feed, f.status, len(new[f.feed])))

    # -- polling ----------------------------------------------------------------------------
    def run(self, every: float, max_polls: int | None = None,
            on_poll: Callable[[int, PollReport], None] | None = None,
            sleep: Callable[[float], None] = time.sleep) -> int:
        """Poll every ``every`` seconds, ``max_polls`` times (forever when None). Returns polls done."""
        done = 0
        while max_polls is None or done < max_polls:
            started = time.monotonic()
            report = self.poll()
            done += 1
            if on_poll:
                on_poll(done, report)
            if max_polls is not None and done >= max_polls:
                break
            sleep(max(0.0, every - (time.monotonic() - started)))
        return done
