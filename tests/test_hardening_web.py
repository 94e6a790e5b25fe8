"""Web security, tried on purpose: hostile values stored in every field a page shows (text,
attributes, menus, JSON), reflected query parameters, path traversal on the static route, the
read-only snapshot connection, the loopback-only default, and the token on a live server.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import httpx
import merge_data
import pytest
from fastapi.testclient import TestClient

from amity.merge import evaluate, merge
from amity.store import db
from amity.store import documents as store_docs
from amity.store import merge as store_merge
from amity.web.app import create_app

REPO = Path(__file__).resolve().parent.parent
AMITY = [sys.executable, "-m", "amity"]
MARK = "zq9"  # every hostile payload carries it, so the test can find where it landed
PAYLOADS = [f'"><script>alert("{MARK}")</script>', f"' onmouseover='alert({MARK})", f"<img src=x onerror=alert('{MARK}')>",
            f"</script><script>alert('{MARK}')</script>", f"javascript:alert('{MARK}')"]
ARTICLE = {"id": "evil-doc", "outlet": PAYLOADS[2], "published": "2025-05-02", "url": PAYLOADS[4], "title": PAYLOADS[0],
           "text": f"Japan and Norway held talks on Friday {PAYLOADS[3]} in Oslo {PAYLOADS[1]}."}
SPEC = {"doc": "evil-doc", "sentence_no": 0, "trigger": "held talks", "source": "JPN", "target": "NOR", "type": "CONSULT",
        "subtype": PAYLOADS[1], "date": "2025-05-02", "date_precision": "day", "location": PAYLOADS[2],
        "location_country": "NOR", "symmetric": True}


def build(path: Path) -> None:
    with db.session(path) as con:
        merge_data.load(con)
        store_docs.insert_document(con, evaluate.article_document(ARTICLE))
        store_merge.insert_instance_rows(con, evaluate.instance_rows([ARTICLE], [SPEC]))
        merge(con)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("webhard") / "amity.duckdb"
    build(path)
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path)) as c:
        yield c


def evil_event(client) -> str:
    events = client.get("/api/events", params={"pair": "JPN,NOR"}).json()["events"]
    assert events, "the hostile event is stored"
    return events[0]["event_id"]


class _Tags(HTMLParser):
    """Every start tag a browser would build from the page, with its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str, where: str) -> None:
    """No payload became markup: no handler attribute, no script but /static/app.js, no
    javascript: link, no element the payloads would create (img, svg from a value)."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        handlers = [a for a in attrs if a.lower().startswith("on")]
        assert not handlers, f"{where}: <{tag}> has handler attributes {handlers}"
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), f"{where}: inline script"
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:text", "vbscript:")), f"{where}: {name}={value!r}"
        assert not (tag == "img" and attrs.get("src") == "x"), f"{where}: an injected <img>"
        assert not any(MARK in (v or "") and n not in ("value", "title", "aria-label", "data-label")
                       and not _encoded_query(n, v) for n, v in attrs.items()), \
            f"{where}: payload in attribute of <{tag}> {attrs}"


def _encoded_query(name: str, value: str | None) -> bool:
    """A link back to this site whose query string carries the value percent-encoded (the
    pager, the downloads): no quote, bracket or space of it is left to break out."""
    if name != "href" or not value or not value.startswith("/") or "?" not in value:
        return False
    path, query = value.split("?", 1)
    return MARK not in path and not any(ch in query for ch in "<>\"' ") and "javascript:" not in query.lower()


def test_hostile_stored_values_are_escaped_on_every_page(client):
    eid = evil_event(client)
    pages = ["/", "/events", f"/events/{eid}", "/dyads", "/dyads/JPN/NOR", "/network", "/events?pair=JPN,NOR"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert_inert(r.text, url)
    detail = client.get(f"/events/{eid}").text
    assert MARK in detail and "&lt;script&gt;" in detail  # shown, as text


@pytest.mark.parametrize("param", ["text", "actor", "pair", "subtype", "since", "type"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_reflected_parameters_are_escaped(client, param, payload):
    for url in ("/events", "/dyads"):
        r = client.get(url, params={param: payload})
        assert r.status_code in (200, 400), (url, r.status_code)
        assert_inert(r.text, f"{url}?{param}=")


def test_json_api_returns_hostile_values_as_data(client):
    eid = evil_event(client)
    r = client.get(f"/api/events/{eid}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert PAYLOADS[1] in json.dumps(r.json(), ensure_ascii=False)  # the exact value, as data


@pytest.mark.parametrize("bad", ['<a href="javascript:alert(1)">x</a>', '<div onclick="x()">', "<script>x()</script>",
                                 '<img src=x onerror=alert(1)>', f'<input value="" title="{MARK}" autofocus onfocus=x>'])
def test_the_checker_catches_injections(bad):
    with pytest.raises(AssertionError):
        assert_inert(f"<html><body>{bad}</body></html>", "sample")


def test_content_security_policy_on_every_kind_of_response(client):
    for url in ("/", "/events", "/api/overview", "/static/app.css", "/nope", "/api/events?since=bad", "/static/../x"):
        r = client.get(url)
        csp = r.headers.get("content-security-policy", "")
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
        assert directives.get("default-src") == "'none'", (url, csp)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "data:" not in directives.get("script-src", "")
        assert directives.get("frame-ancestors") == "'none'"


TRAVERSALS = ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fstore/db.py",
              "/static/....//....//app.py", "/static/..\\app.py", "/static/%252e%252e/app.py", "/static//etc/passwd",
              "/static/%2fetc%2fpasswd", "/static/app.js%00.py", "/static/../../../../etc/passwd",
              "/..%2f..%2f..%2fetc/passwd", "/events/..%2f..%2fetc%2fpasswd", "/api/events/..%2f..%2fpyproject.toml"]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_no_path_traversal(client, url):
    r = client.get(url)
    assert r.status_code in (400, 404), (url, r.status_code)
    for secret in ("def create_app", "root:x:0:0", "[project]", "import duckdb"):
        assert secret not in r.text, url


def test_a_live_server_rejects_traversal_on_the_raw_path(db_path):
    """Test clients normalise paths; a raw socket sends exactly what an attacker would."""
    with running_server(db_path) as (port, _):
        for raw in (b"/static/../app.py", b"/static/../../store/db.py", b"/static/%2e%2e/%2e%2e/store/db.py"):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(b"GET " + raw + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                reply = b""
                while chunk := s.recv(65536):
                    reply += chunk
            status = int(reply.split(b" ", 2)[1])
            assert status in (400, 404), (raw, status)
            assert b"import" not in reply


def test_the_server_reads_a_read_only_snapshot_and_never_writes_the_file(db_path):
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    app = create_app(db_path, min_interval=0.0)
    with TestClient(app) as c:
        for url in ("/", "/events", "/api/overview", "/dyads", "/network"):
            assert c.get(url).status_code == 200
        with app.state.snapshots.lease() as (cursor, snap):
            assert Path(snap.path) != db_path
            with pytest.raises(duckdb.Error):
                cursor.execute("CREATE TABLE pwned (i INTEGER)")
            with pytest.raises(duckdb.Error):
                cursor.execute("DELETE FROM events")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def _serve(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(AMITY + ["--db", os.devnull, "serve"] + args, capture_output=True, text=True, timeout=120,
                          cwd=REPO, check=False)


@pytest.mark.parametrize("args, says", [
    (["--host", "0.0.0.0"], "--allow-remote"),
    (["--host", "192.0.2.10"], "--allow-remote"),
    (["--host", "0.0.0.0", "--allow-remote"], "--token"),
    (["--host", "::", "--allow-remote", "--token", "short"], "--token"),
])
def test_non_loopback_binding_needs_a_flag_and_a_token(args, says):
    result = _serve(args)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr


class running_server:
    def __init__(self, db_path: Path, extra: list[str] | None = None, env: dict | None = None):
        self.db_path, self.extra, self.env = db_path, extra or [], env

    def __enter__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen(AMITY + ["--db", str(self.db_path), "serve", "--port", str(self.port)] + self.extra,
                                     cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                                     env={**os.environ, **(self.env or {})})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.stderr.read().decode(errors="replace")[-2000:]
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/api/health", timeout=2)
                return self.port, self.proc
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("server did not start")

    def __exit__(self, *exc):
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)


def test_a_token_on_loopback_guards_every_route(db_path):
    token = "s3cret-" + "x" * 20
    with running_server(db_path, ["--token", token]) as (port, _):
        base = f"http://127.0.0.1:{port}"
        for url in ("/", "/api/overview", "/api/events", "/static/app.js", "/api/openapi.json"):
            assert httpx.get(base + url, timeout=10).status_code == 401, url
            assert httpx.get(base + url, headers={"Authorization": "Bearer wrong-" + token}, timeout=10).status_code == 401
        assert httpx.get(base + "/api/overview", headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 200
