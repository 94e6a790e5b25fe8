"""Coverage-guided fuzzing of amity's readers, cleaners, date resolver and event coder.

    .venv/bin/python bench/fuzz.py TARGET --minutes N [--seed S] [--out DIR] [--max-execs K]
    .venv/bin/python bench/fuzz.py --list

TARGET: text | html | jsonl | feed | warc | dates | coder | all (all: N minutes each).

How it works (atheris is not a pinned dependency, so the loop is amity's own): a corpus of seed
inputs is mutated (bit flips, byte/word insertions, deletions, duplications, splices, tokens from a
per-target dictionary); each input runs under ``sys.settrace`` restricted to amity's own source
files, which records line-to-line edges; an input that reaches an edge never seen before joins the
corpus. A crash is any exception that is not an ``amity.errors.AmityError``, a broken contract
(tests/regressions/contracts.py: spans into the text, the event JSON contract), more than
``--timeout`` seconds on one input, or a MemoryError under the address-space cap. Each distinct
crash (exception type + innermost amity frame) is written to ``OUT/TARGET/crash-HASH.bin`` with a
``.txt`` traceback beside it; copy it to tests/regressions/TARGET/ to make it a regression test
(tests/test_hardening_regressions.py replays every file there).

Prints one JSON line per target: executions, corpus size, edges, crashes, slow inputs.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

AMITY_DIR = str(REPO / "amity")
MAX_LEN = 64 * 1024


class Hang(BaseException):
    """One input ran longer than --timeout (BaseException: library ``except Exception`` can't eat it)."""


# -- coverage: line-to-line edges in amity's own files ---------------------------------------
class EdgeTracer:
    def __init__(self) -> None:
        self.seen: set[tuple] = set()
        self._new = 0
        self._last: dict[int, int] = {}

    def _local(self, frame, event, arg):
        if event == "line":
            key = id(frame)
            edge = (frame.f_code, self._last.get(key, -1), frame.f_lineno)
            self._last[key] = frame.f_lineno
            if edge not in self.seen:
                self.seen.add(edge)
                self._new += 1
        return self._local

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename.startswith(AMITY_DIR):
            return self._local
        return None

    def run(self, fn: Callable[[bytes], None], data: bytes) -> int:
        """Run ``fn(data)`` traced; the number of new edges it reached (exceptions propagate)."""
        self._new = 0
        self._last.clear()
        sys.settrace(self._global)
        try:
            fn(data)
        finally:
            sys.settrace(None)
        return self._new


# -- targets ---------------------------------------------------------------------------------
def _no_network() -> None:
    """Feed entries with links would be fetched: replace the fetchers with a refusal."""
    from amity.models import Rejection
    from amity.sources import feeds, fetch

    fetch.fetch_page = lambda url, options, **meta: Rejection(url, "read", "fuzz: no network")
    feeds.read_url = lambda source, options: iter([Rejection(source, "read", "fuzz: no network")])


def target_text(data: bytes) -> None:
    from regressions.contracts import check_document

    from amity.clean import clean
    from amity.models import Article

    check_document(clean(Article(origin="fuzz.txt", content=data, kind="text", name="fuzz")))


def target_html(data: bytes) -> None:
    from regressions.contracts import check_document

    from amity.clean import clean
    from amity.models import Article

    check_document(clean(Article(origin="fuzz.html", content=data, kind="html", name="fuzz")))


def target_jsonl(data: bytes) -> None:
    from regressions.contracts import check_document, check_item

    from amity.clean import clean
    from amity.models import Article
    from amity.sources.jsonl import iter_jsonl_stream
    from amity.sources.registry import ReadOptions

    cleaned = 0
    for item in iter_jsonl_stream(io.BytesIO(data), "fuzz.jsonl", "fuzz", ReadOptions(max_bytes=16 * 1024)):
        check_item(item)
        if isinstance(item, Article) and cleaned < 3:
            cleaned += 1
            check_document(clean(item))


def target_feed(data: bytes) -> None:
    from regressions.contracts import check_item

    from amity.sources.feeds import read_feed_bytes

    for item in read_feed_bytes(data, "fuzz.xml", None):
        check_item(item)


_WARC_DIR: list[str] = []  # made on first use


def target_warc(data: bytes) -> None:
    from regressions.contracts import check_item

    from amity.sources.registry import ReadOptions
    from amity.sources.warc import read_warc_file

    name = "f.warc.gz" if data.startswith(b"\x1f\x8b") else "f.warc"
    if not _WARC_DIR:
        _WARC_DIR.append(tempfile.mkdtemp(prefix="amity-fuzz-warc-"))
    path = Path(_WARC_DIR[0], name)
    path.write_bytes(data)
    for n, item in enumerate(read_warc_file(path, ReadOptions())):
        check_item(item)
        assert n < 100_000, "WARC reader does not end"


def target_dates(data: bytes) -> None:
    from regressions.contracts import _SHAPES

    from amity.events.dates import resolve

    text = data.decode("utf-8", "replace")[:2000]
    published = (None, "2024-06-12", "2024-02-29", "1999-12-31", "2024", "nonsense")[data[0] % 6 if data else 0]
    found = resolve(text, published, future=bool(data and data[-1] & 1))
    if found is not None:
        assert _SHAPES[found.precision].match(found.value), f"{found.value!r} / {found.precision}"
        assert text[found.start:found.end].strip() == found.text, "date span does not match its text"


_CODER: dict = {}


def target_coder(data: bytes) -> None:
    from regressions.contracts import check_analysis, check_event

    from amity.models import Document

    if not _CODER:
        from amity.events import Coder
        from amity.nlp import Analyzer

        _CODER["analyzer"], _CODER["coder"] = Analyzer(), Coder()
    text = data.decode("utf-8", "replace")[:1500]
    if not text.strip():
        return
    doc = Document(id="fuzz", origin="fuzz", text=text, name="fuzz", published="2024-06-12")
    analysis = next(_CODER["analyzer"].analyze([doc]))
    check_analysis(analysis)
    for event in _CODER["coder"].code(analysis):
        check_event(event, text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "text": target_text, "html": target_html, "jsonl": target_jsonl, "feed": target_feed,
    "warc": target_warc, "dates": target_dates, "coder": target_coder,
}
WORD_TARGETS = {"dates", "coder"}  # mutated as words as well as bytes


# -- seeds and dictionaries ------------------------------------------------------------------
def _examples(*suffixes: str) -> list[bytes]:
    return [p.read_bytes()[:MAX_LEN] for p in sorted((REPO / "examples" / "articles").glob("*"))
            if p.is_file() and p.suffix in suffixes]


def warc_record(uri: str, body: bytes, encoding: str | None = None, status: int = 200) -> bytes:
    headers = [f"HTTP/1.1 {status} OK", "Content-Type: text/html; charset=utf-8"]
    if encoding:
        headers.append(f"Content-Encoding: {encoding}")
    http = ("\r\n".join(headers) + "\r\n\r\n").encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:{hashlib.md5(uri.encode()).hexdigest()}>\r\n"
            f"WARC-Date: 2024-06-12T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


_PAGE = (b"<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>Japan and the "
         b"Philippines signed a reciprocal access agreement in Manila on Monday, officials said.</p>"
         b"</article></body></html>")
_RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>A</title>'
        b"<link>https://example.org/a</link><pubDate>Wed, 12 Jun 2024 10:00:00 GMT</pubDate>"
        b"<description>Short.</description></item><item><title>B</title><content:encoded><![CDATA[<p>"
        + b"Poland and Korea agreed to build tanks together. " * 8 + b"</p>]]></content:encoded></item>"
        b"</channel></rss>")
_ATOM = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
         b"<entry><title>E</title><link href=\"http://10.0.0.1/x\"/><updated>2024-06-12T00:00:00Z</updated>"
         b"<content type=\"html\">" + b"India and France held naval drills. " * 10 + b"</content></entry></feed>")
_OPML = b'<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="https://example.org/rss"/></body></opml>'


def seeds(target: str) -> list[bytes]:
    if target == "text":
        return _examples(".txt") + [b"By Jane Doe\nJune 12, 2024\nHeadline\n" + b"A sentence with several words in it. " * 5]
    if target == "html":
        return _examples(".html") + [_PAGE, b"<div>" * 50 + b"x" + b"</div>" * 50]
    if target == "jsonl":
        return _examples(".jsonl") + [b'{"text": "Fiji and Tonga agreed to talks.", "date": "June 2024"}\n[1]\n{"html": "<p>x</p>"}\n']
    if target == "feed":
        return [_RSS, _ATOM, _OPML]
    if target == "warc":
        plain = warc_record("http://example.org/a", _PAGE)
        zipped = warc_record("http://example.org/b", gzip.compress(_PAGE), "gzip")
        return [plain + zipped, gzip.compress(plain) + gzip.compress(zipped)]
    if target == "dates":
        return [s.encode() for s in (
            "on Monday, June 10 the ministers met", "in early November 2023", "2024-02-30 and 2024-06-01",
            "last month", "29 February 2023", "by mid-2025", "next Sunday's summit", "the 31st of June")]
    if target == "coder":
        from test_events_coder import CASES

        return [case[1].encode() for case in CASES[:60]]
    raise SystemExit(f"unknown target {target}")


DICTIONARY: dict[str, list[bytes]] = {
    "text": [b"\n", b"By ", b"Updated ", b"Advertisement", b"Share this", b"\x00", b"\r", b"\xff\xfe",
             b"June 12, 2024", b"Related posts", b"Comments (12)", b"\xe2\x80\x8b", b"\t" * 40],
    "html": [b"<div>", b"</div>", b"<p>", b"<script>", b"<!--", b"-->", b"<meta charset=\"shift_jis\">",
             b"<time datetime=\"2024-06-12\">", b"<article>", b"&amp;", b"&#0;", b"<![CDATA[", b"<table><tr><td>"],
    "jsonl": [b'{"text": "', b'"}', b'"html": ', b"\n", b'"date": "', b"null", b"1e999", b'"\\ud800"',
              b'"id": ', b"[", b"{", b"\xef\xbb\xbf"],
    "feed": [b"<item>", b"</item>", b"<entry>", b"<!DOCTYPE x [<!ENTITY a \"aaa\">]>", b"&a;", b"<link>",
             b"http://127.0.0.1/", b"<opml>", b"<outline xmlUrl=\"", b"<![CDATA[", b"\xff\xfe", b"<rdf:RDF>"],
    "warc": [b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"\r\n\r\n", b"\x1f\x8b\x08",
             b"Content-Encoding: gzip\r\n", b"HTTP/1.1 200 OK\r\n", b"Content-Type: text/html\r\n", b"charset=x-bogus"],
    "dates": [b" June ", b" 31 ", b" 2024 ", b" yesterday ", b" last ", b" next ", b" Sunday ", b" of ",
              b" 9999 ", b" mid-", b" early this month ", b"-02-29", b" sept. "],
    "coder": [b" Russia ", b" and ", b" signed ", b" it ", b" its ", b" the minister ", b" will ", b" not ",
              b" with ", b" on Monday ", b" between ", b", ", b" NATO ", b" accused ", b" \n "],
}


# -- mutation --------------------------------------------------------------------------------
def mutate(data: bytes, corpus: list[bytes], words: list[bytes], rng: random.Random, word_mode: bool) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 5))):
        choice = rng.randrange(9 if word_mode else 8)
        pos = rng.randrange(len(buf) + 1)
        if choice == 0 and buf:
            buf[min(pos, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:
            buf[pos:pos] = bytes([rng.randrange(256)])
        elif choice == 2 and buf:
            del buf[pos:pos + rng.randint(1, 64)]
        elif choice == 3 and buf:
            chunk = buf[pos:pos + rng.randint(1, 256)]
            buf[pos:pos] = chunk * rng.randint(1, 8)
        elif choice == 4:
            buf[pos:pos] = rng.choice(words)
        elif choice == 5:
            other = rng.choice(corpus)
            cut = rng.randrange(len(other) + 1)
            buf = buf[:pos] + other[cut:cut + rng.randint(1, 4096)]
        elif choice == 6 and buf:
            buf = buf[:pos]
        elif choice == 7 and buf:
            buf[pos:pos + 1] = rng.choice((b"\xff", b"\x00", b"\x80", b"\xc3", b"\xed\xa0\x80", b"9" * 20))
        elif choice == 8:
            tokens = bytes(buf).split(b" ")
            i, j = rng.randrange(len(tokens)), rng.randrange(len(tokens))
            tokens[i], tokens[j] = tokens[j], tokens[i]
            buf = bytearray(b" ".join(tokens))
    return bytes(buf[:MAX_LEN])


# -- the loop --------------------------------------------------------------------------------
def _crash_key(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(AMITY_DIR)
              or "regressions" in f.filename]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "outside amity"
    return f"{type(exc).__name__} at {where.replace(str(REPO) + '/', '')}"


def fuzz(target: str, seconds: float, seed: int, out: Path, timeout: int, max_execs: int | None) -> dict:
    from amity.errors import AmityError

    _no_network()
    fn = TARGETS[target]
    rng = random.Random(seed)
    corpus = [s for s in seeds(target) if s] or [b"x"]
    tracer = EdgeTracer()
    crashes: dict[str, str] = {}
    slow = execs = 0
    crash_dir = out / target
    started = time.monotonic()
    for data in list(corpus):  # calibrate: every seed once
        try:
            tracer.run(fn, data)
        except (Exception, Hang) as exc:  # noqa: BLE001 - a seed that crashes is reported too
            if not isinstance(exc, AmityError):
                crashes.setdefault(_crash_key(exc), _save(crash_dir, data, exc))
    while time.monotonic() - started < seconds and (max_execs is None or execs < max_execs):
        data = mutate(rng.choice(corpus), corpus, DICTIONARY[target], rng, target in WORD_TARGETS)
        execs += 1
        t0 = time.monotonic()
        signal.alarm(timeout)
        try:
            if tracer.run(fn, data):
                corpus.append(data)
        except AmityError:
            pass
        except (Exception, Hang) as exc:  # noqa: BLE001 - every other exception is a finding
            signal.alarm(0)
            if isinstance(exc, Hang) and _finishes_untraced(fn, data, timeout):
                slow += 1  # a one-time cost (a library's first use, under the tracer), not a hang
                continue
            key = _crash_key(exc)
            if key not in crashes:
                crashes[key] = _save(crash_dir, data, exc)
        finally:
            signal.alarm(0)
        if time.monotonic() - t0 > timeout / 2:
            slow += 1
    return {"target": target, "seconds": round(time.monotonic() - started, 1), "executions": execs,
            "corpus": len(corpus), "edges": len(tracer.seen), "crashes": len(crashes),
            "slow_inputs": slow, "crash_kinds": crashes}


def _finishes_untraced(fn: Callable[[bytes], None], data: bytes, timeout: int) -> bool:
    """Run a timed-out input again without the tracer: True when it now ends within the timeout."""
    signal.alarm(timeout)
    try:
        fn(data)
    except Hang:
        return False
    except Exception:  # noqa: BLE001 - an error on the rerun is judged by the caller's crash path
        return False
    finally:
        signal.alarm(0)
    return True


def _save(folder: Path, data: bytes, exc: BaseException) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    name = "crash-" + hashlib.sha1(data).hexdigest()[:12]
    (folder / f"{name}.bin").write_bytes(data)
    (folder / f"{name}.txt").write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    return str(folder / f"{name}.bin")


def _on_alarm(signum, frame):
    raise Hang("input ran past the --timeout")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", choices=[*TARGETS, "all"])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "amity-fuzz")
    parser.add_argument("--timeout", type=int, default=20, help="seconds one input may take")
    parser.add_argument("--max-execs", type=int, default=None, help="stop after this many executions")
    parser.add_argument("--memory-gb", type=float, default=4.0, help="address-space cap")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    if args.list or not args.target:
        print("\n".join(TARGETS))
        return 0
    cap = int(args.memory_gb * 1024 ** 3)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    signal.signal(signal.SIGALRM, _on_alarm)
    failed = 0
    for target in TARGETS if args.target == "all" else [args.target]:
        result = fuzz(target, args.minutes * 60, args.seed, args.out, args.timeout, args.max_execs)
        print(json.dumps(result), flush=True)
        failed += result["crashes"]
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
