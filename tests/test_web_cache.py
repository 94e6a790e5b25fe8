"""The per-snapshot response cache: replays only what the same data would answer again."""

import time

import pytest
from fastapi.testclient import TestClient
from test_web_api import build_db

from amity.merge import evaluate, merge
from amity.store import db
from amity.store import documents as store_docs
from amity.store import merge as store_merge
from amity.web.app import create_app
from amity.web.cache import CacheOptions, ResponseStore, Stored

LATE = {"id": "late-cache", "outlet": "Late Wire", "published": "2025-09-01", "url": "https://example.org/c",
        "title": "Late", "text": "Brazil and Argentina agreed on Monday to hold joint naval drills."}
LATE_SPEC = {"doc": "late-cache", "sentence_no": 0, "trigger": "agreed", "source": "BRA", "target": "ARG",
             "type": "AGREE", "subtype": "exercise", "date": "2025-09-01", "date_precision": "day",
             "symmetric": True}


@pytest.fixture()
def db_path(tmp_path):
    path = tmp_path / "cache.duckdb"
    build_db(path)
    return path


def _cache(r) -> str | None:
    return r.headers.get("x-amity-cache")


@pytest.mark.parametrize("url", ["/api/overview", "/api/events?pair=JPN,USA&limit=5", "/", "/events?text=drills",
                                 "/dyads/JPN/USA", "/api/dyads"])
def test_a_repeated_get_is_replayed_byte_for_byte_with_the_security_headers(db_path, url):
    with TestClient(create_app(db_path)) as c:
        first, second = c.get(url), c.get(url)
    assert first.status_code == second.status_code == 200
    assert (_cache(first), _cache(second)) == ("miss", "hit")
    assert first.content == second.content
    assert first.headers["content-type"] == second.headers["content-type"]
    for r in (first, second):
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY"


def test_another_query_string_is_another_answer(db_path):
    with TestClient(create_app(db_path)) as c:
        a = c.get("/api/events?limit=1&offset=0")
        b = c.get("/api/events?limit=1&offset=1")
    assert _cache(b) == "miss"
    assert a.json()["events"][0]["event_id"] != b.json()["events"][0]["event_id"]


@pytest.mark.parametrize("url,status", [("/api/events/nope", 404), ("/api/events?since=2024-13-01", 400),
                                        ("/no/such/page", 404)])
def test_errors_are_never_kept(db_path, url, status):
    with TestClient(create_app(db_path)) as c:
        answers = [c.get(url) for _ in range(2)]
    assert [r.status_code for r in answers] == [status, status]
    assert all(_cache(r) != "hit" for r in answers)


def test_the_token_gate_stands_in_front_of_the_cache(db_path):
    token = "k" * 24
    with TestClient(create_app(db_path, token=token)) as c:
        auth = {"Authorization": f"Bearer {token}"}
        assert _cache(c.get("/api/overview", headers=auth)) == "miss"
        assert _cache(c.get("/api/overview", headers=auth)) == "hit"
        denied = c.get("/api/overview")
        assert denied.status_code == 401 and "counts" not in denied.text


def test_cache_off_answers_every_request_afresh(db_path):
    with TestClient(create_app(db_path, cache=CacheOptions(max_bytes=0))) as c:
        answers = [c.get("/api/overview") for _ in range(2)]
    assert [r.status_code for r in answers] == [200, 200]
    assert [_cache(r) for r in answers] == [None, None]


def test_new_data_is_never_hidden_by_an_old_answer(db_path):
    """After a commit the next snapshot starts with an empty cache: the replayed answer of the old
    snapshot must not be served once the server has seen the change."""
    with TestClient(create_app(db_path, min_interval=0.2)) as c:
        url = "/api/events?pair=ARG,BRA"
        assert c.get(url).json()["total"] == 0
        assert _cache(c.get(url)) == "hit"
        with db.session(db_path) as con:
            store_docs.insert_document(con, evaluate.article_document(LATE))
            store_merge.insert_instance_rows(con, evaluate.instance_rows([LATE], [LATE_SPEC]))
            merge(con, doc_ids=[LATE["id"]])
        deadline = time.monotonic() + 10
        while (r := c.get(url)).json()["total"] == 0:
            assert time.monotonic() < deadline, "the committed event never appeared"
            time.sleep(0.05)
        assert _cache(r) == "miss" and r.json()["total"] == 1
        assert _cache(c.get(url)) == "hit" and c.get(url).json()["total"] == 1


def test_the_store_is_bounded_in_bytes_and_drops_the_least_recent():
    store = ResponseStore(CacheOptions(max_bytes=100, max_entry=60))
    for i in range(3):
        store.put((f"/{i}", b""), Stored(200, (), b"x" * 40))
    assert store.size == 80 and store.get(("/0", b"")) is None  # 120 bytes: the oldest went
    assert store.get(("/1", b"")) is not None  # /1 is now the most recent
    store.put(("/3", b""), Stored(200, (), b"y" * 40))
    assert store.get(("/2", b"")) is None and store.get(("/1", b"")) is not None
    store.put(("/big", b""), Stored(200, (), b"z" * 61))  # over max_entry: never kept
    assert store.get(("/big", b"")) is None and store.size <= 100
