"""Hostile files through `amity ingest`, as a user meets them: one batch holding a gzip bomb, a
WARC record bomb, XML entity expansion, 100 MB single-line files, HTML nested 100,000 deep, NUL
bytes, legacy encodings with no declared charset, a symlink loop, odd file names and a feed whose
links point at private addresses. The run is bounded (address-space cap, timeout); every hostile
file gets a clear reason in `amity errors`, and every good article around them is stored.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import resource
import subprocess
import sys
import threading
import zlib
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest

REPO = Path(__file__).resolve().parent.parent
AMITY = [sys.executable, "-m", "amity"]
MEMORY_CAP = 4 * 1024 ** 3  # bytes of address space for the ingest process
TIMEOUT = 420

JA = "日本とフィリピンは月曜日、マニラで円滑化協定に署名した。両国の国防相が会談し、共同訓練の拡大で合意した。" * 3
KO = "한국과 일본의 국방장관이 월요일 서울에서 회담을 열고 국방 협력 강화에 합의했다고 밝혔다. 양국은 공동 훈련을 확대하기로 했다." * 3
EN = ("The minister\u2019s \u201cvisit\u201d to Caf\u00e9 Berlin cost \u20ac5 million \u2014 officials said {0} and "
      "France would sign a defence pact on Monday. ") * 4
PAGE = ("<html><body><article><p>" + "Japan and the Philippines signed a reciprocal access agreement in "
        "Manila on Monday. " * 5 + "</p></article></body></html>").encode()


def warc_record(uri: str, body: bytes, encoding: str | None = None) -> bytes:
    headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + (f"Content-Encoding: {encoding}\r\n" if encoding else "")
    http = (headers + "\r\n").encode() + body
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
            f"WARC-Date: 2024-06-12T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode() + http + b"\r\n\r\n"


def gzip_bomb(path: Path, megabytes: int) -> None:
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(megabytes):
            out.write(b"\0" * (1 << 20))


def deflate_bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(packer.compress(b"a" * (1 << 20)) for _ in range(megabytes)) + packer.flush()


def build(root: Path, private_url: str) -> dict[str, bytes]:
    """Write the hostile batch; returns the good articles' texts by file name."""
    good = (REPO / "examples" / "articles" / "balikatan-2024.txt").read_bytes()
    variants = {name: good.replace(b"Balikatan", b"Balikatan " + word) for name, word in
                (("new\nline.txt", b"exercise"), ("-rf.txt", b"drills"), ("latin1", b"manoeuvres"))}
    (root / "good.txt").write_bytes(good)
    gzip_bomb(root / "bomb.txt.gz", 200)
    (root / "bomb.warc").write_bytes(warc_record("http://example.org/bomb", deflate_bomb(100), "gzip")
                                     + warc_record("http://example.org/ok", PAGE))
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    (root / "laughs.rss").write_text(f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
                                     "<title>&a9;</title><item><title>&a9;</title></item></channel></rss>")
    with open(root / "oneline.txt", "wb") as out:
        out.writelines(b"word " * 209715 for _ in range(100))
    with open(root / "oneline.jsonl", "wb") as out:
        out.write(b'{"text": "')
        out.writelines(b"a" * (1 << 20) for _ in range(100))
        out.write(b'"}\n' + json.dumps({"text": good.decode().replace("Balikatan", "Balikatan wargame")}).encode() + b"\n")
    (root / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "<p>" + "Japan and Australia held talks "
                                    "in Tokyo on Monday about submarines. " * 4 + "</p>" + "</div>" * 100_000 + "</body></html>")
    (root / "nul.txt").write_bytes(good[:200] + b"\x00\x00\x00" + good[200:])
    (root / "nul.jsonl").write_text(json.dumps({"text": "Fiji and Tonga agreed to hold talks on fisheries in Suva "
                                                "on Monday.\u0000 Officials said more talks would follow."}) + "\n")
    (root / "sjis.txt").write_bytes(JA.encode("shift_jis"))
    (root / "euckr.txt").write_bytes(KO.encode("euc_kr"))
    (root / "cp1252.txt").write_bytes(EN.format("Japan").encode("cp1252"))
    (root / "utf16.txt").write_bytes(EN.format("Spain").encode("utf-16"))
    (root / "utf16-nobom.txt").write_bytes(EN.format("Italy").encode("utf-16-le"))
    (root / "sub").mkdir()
    (root / "sub" / "loop").symlink_to("..")
    (root / "selfloop.txt").symlink_to("selfloop.txt")
    (root / "new\nline.txt").write_bytes(variants["new\nline.txt"])
    (root / "-rf.txt").write_bytes(variants["-rf.txt"])
    with open(os.path.join(os.fsencode(root), b"latin1-\xe9t\xe9.txt"), "wb") as out:
        out.write(variants["latin1"])
    links = [private_url, "http://10.0.0.1/b", "http://169.254.169.254/latest/meta-data/", "http://[::1]/c",
             "http://localhost/d"]
    (root / "private.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>' + "".join(
        f"<item><title>x{i}</title><link>{u}</link></item>" for i, u in enumerate(links)) + "</channel></rss>")
    return variants


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def private_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/secret", _Recorder.hits
    server.shutdown()


def _capped():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(args, db: Path, cwd: Path = REPO):
    return subprocess.run(AMITY + ["--db", str(db)] + args, capture_output=True, timeout=TIMEOUT, cwd=cwd,
                          preexec_fn=_capped, check=False)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, private_server):
    root = tmp_path_factory.mktemp("hostile")
    batch = root / "batch"
    batch.mkdir()
    variants = build(batch, private_server[0])
    db = root / "h.duckdb"
    result = run(["ingest", str(batch), "--json"], db)
    for big in ("oneline.txt", "oneline.jsonl", "bomb.txt.gz"):
        (batch / big).unlink()  # free the disk early
    con = duckdb.connect(str(db), read_only=True)
    docs = con.execute("SELECT origin, url, language, text, flags FROM documents").fetchall()
    errors = con.execute("SELECT origin, stage, reason FROM ingest_errors").fetchall()
    dupes = con.execute("SELECT count(*) - count(DISTINCT id) FROM documents").fetchone()[0]
    con.close()
    return {"result": result, "docs": docs, "errors": errors, "root": batch, "variants": variants, "dupes": dupes}


def _error(run_, name: str) -> tuple[str, str]:
    found = [(stage, reason) for origin, stage, reason in run_["errors"] if origin.split("/")[-1].startswith(name)]
    assert found, f"no error recorded for {name}: {run_['errors']}"
    return found[0]


def _doc(run_, name: str):
    found = [d for d in run_["docs"] if d[0].split("/")[-1].startswith(name)]
    assert found, f"{name} was not stored: {[d[0] for d in run_['docs']]}"
    return found[0]


def test_the_batch_finishes_and_reports_failures(hostile_run):
    result = hostile_run["result"]
    assert result.returncode == 1, result.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in result.stderr
    summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert summary["failed"] >= 9 and summary["new"] >= 10
    assert hostile_run["dupes"] == 0


@pytest.mark.parametrize("name, words", [
    ("bomb.txt.gz", "cap"), ("bomb.warc#", "cap"), ("laughs.rss", "ENTITY"), ("oneline.txt", "too large"),
    ("oneline.jsonl:1", "cap"), ("nul.txt", "binary"), ("deep.html", "no article"),
])
def test_each_hostile_file_has_a_clear_reason(hostile_run, name, words):
    _stage, reason = _error(hostile_run, name)
    assert words in reason, reason


def test_the_good_parts_around_hostile_content_are_kept(hostile_run):
    assert _doc(hostile_run, "good.txt")
    assert "wargame" in _doc(hostile_run, "oneline.jsonl:2")[3]  # the line after a 100 MB line
    assert [d for d in hostile_run["docs"] if d[1] == "http://example.org/ok"]  # the record after a bomb
    assert "Fiji" in _doc(hostile_run, "nul.jsonl")[3]


@pytest.mark.parametrize("name, language, sample", [
    ("sjis.txt", "ja", "マニラ"), ("euckr.txt", "ko", "국방장관"), ("cp1252.txt", "en", "\u20ac5 million"),
    ("utf16.txt", "en", "Spain"), ("utf16-nobom.txt", "en", "Italy"),
])
def test_undeclared_encodings_decode(hostile_run, name, language, sample):
    _, _, lang, text, _ = _doc(hostile_run, name)
    assert lang == language and sample in text


def test_odd_file_names_and_a_symlink_loop(hostile_run):
    for name in ("new\nline.txt", "-rf.txt", "latin1-"):
        assert _doc(hostile_run, name)
    origins = [d[0] for d in hostile_run["docs"]]
    assert not any("/sub/loop/" in o for o in origins), "a folder reached through a loop was read twice"
    assert any("latin1-\ufffdt\ufffd" in o for o in origins)


def test_private_feed_links_are_refused_and_never_requested(hostile_run, private_server):
    _url, hits = private_server
    refused = [(o, r) for o, s, r in hostile_run["errors"] if s == "fetch"]
    assert len(refused) == 5 and all("refused" in r for _, r in refused), refused
    assert all("--allow-private-hosts" in r for _, r in refused), "the reason names the flag that allows it"
    assert hits == [], "the private server was requested"


def test_private_feed_links_are_fetched_with_the_flag(tmp_path, private_server):
    url, hits = private_server
    feed = tmp_path / "one.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><item><title>t</title>'
                    f"<link>{url}</link></item></channel></rss>")
    result = run(["ingest", str(feed), "--allow-private-hosts", "--json", "--no-events"], tmp_path / "p.duckdb")
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert "/secret" in hits  # (after /robots.txt)


def test_odd_names_given_on_the_command_line(hostile_run, tmp_path):
    root = hostile_run["root"]
    names = [b"-rf.txt", b"new\nline.txt", b"latin1-\xe9t\xe9.txt"]
    args = [b"ingest", b"--json", b"--no-events", b"--"] + [os.path.join(os.fsencode(root), n) for n in names]
    result = subprocess.run(AMITY + ["--db", str(tmp_path / "n.duckdb")] + args, capture_output=True,
                            timeout=TIMEOUT, cwd=REPO, preexec_fn=_capped, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert json.loads(result.stdout.decode().strip().splitlines()[-1])["new"] == 3


@pytest.mark.parametrize("charset", ["utf\x008", "no-such-codec", "ascii"])
def test_a_fetched_page_with_a_hostile_charset_keeps_its_bytes(charset):
    """A NUL in a declared charset made bytes.decode raise ValueError (found in the WARC reader
    by bench/fuzz.py; the fetcher had the same code)."""
    from amity.sources.fetch import Response, decoded

    body = "caf\u00e9 talks".encode("utf-8")
    result = decoded(Response(url="http://example.org/", status=200, content=body, content_type="text/html",
                              charset=charset))
    assert result == body
