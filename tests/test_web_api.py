"""The dashboard and JSON API in-process: pages, errors, escaping, injection, tokens, snapshots."""

import json
import os
import re
import subprocess
import sys
import textwrap
import time

import duckdb
import merge_data
import pytest
from fastapi.testclient import TestClient

from amity.errors import InputError
from amity.merge import evaluate, merge
from amity.models import Actor, Mention
from amity.store import db
from amity.store import documents as store_docs
from amity.store import merge as store_merge
from amity.store import mentions as store_mentions
from amity.web.app import create_app
from amity.web.security import check_bind

HOSTILE = {"id": "hostile", "outlet": "<b>Evil</b> Times", "published": "2025-03-15",
           "url": "javascript:alert(1)", "title": "<script>alert('title')</script>",
           "text": "Japan and the United States held talks on Friday <script>alert('x')</script> in Tokyo."}
HOSTILE_SPEC = {"doc": "hostile", "sentence_no": 0, "trigger": "held talks", "source": "USA", "target": "JPN",
                "type": "CONSULT", "subtype": "defense_industry", "date": "2025-03-14", "date_precision": "day",
                "location_country": "JPN", "symmetric": True}


NAMES = {"Japan": ("JPN", "GOV"), "Tokyo": ("JPN", "GOV"), "Washington": ("USA", "GOV"),
         "United States": ("USA", "GOV"), "South Korea": ("KOR", "GOV"), "Seoul": ("KOR", "GOV")}


PLACES = {"Tokyo": (35.69, 139.69), "Yokosuka": (35.28, 139.67), "Jeju": (33.5, 126.53), "New Delhi": (28.61, 77.21)}


def _mentions(article: dict) -> list[Mention]:
    """Actor mentions of the test articles for the document page (the names above, found by
    search: these tests are about display, the actor tests about resolution)."""
    found = []
    for name, (code, sector) in NAMES.items():
        for m in re.finditer(re.escape(name), article["text"]):
            found.append(Mention(doc_id=article["id"], text=name, start=m.start(), end=m.end(),
                                 actor=Actor(code, sector, None, None), rule="test", sentence=0))
    return sorted(found, key=lambda m: m.start)


def build_db(path):
    with db.session(path) as con:
        merge_data.load(con)
        for article in merge_data.articles():
            store_mentions.insert_mentions(con, article["id"], _mentions(article))
        store_docs.insert_document(con, evaluate.article_document(HOSTILE))
        store_merge.insert_instance_rows(con, [dict(evaluate.instance_rows([HOSTILE], [HOSTILE_SPEC])[0], idx=0)])
        for place, (lat, lon) in PLACES.items():  # as amity.events.places would place them
            con.execute("UPDATE event_mentions SET lat = ?, lon = ? WHERE location = ?", [lat, lon, place])
        merge(con)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "amity.duckdb"
    build_db(path)
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path)) as c:
        yield c


def tokyo_event(client) -> str:
    page = client.get("/api/events", params={"pair": "USA,JPN", "type": "CONSULT", "since": "2025-03-01",
                                             "until": "2025-03-31"}).json()
    return page["events"][0]["event_id"]


@pytest.mark.parametrize("url,text", [("/", "Most active pairs"), ("/events", "events"),
                                      ("/dyads", "JPN – KOR"), ("/dyads/JPN/USA", "Timeline"),
                                      ("/network", "<svg")])
def test_pages_render(client, url, text):
    r = client.get(url)
    assert r.status_code == 200 and text in r.text


def test_every_response_forbids_inline_script(client):
    for url in ("/", "/events", "/api/overview", "/nope"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    page = client.get("/").text
    assert all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", page))


def test_article_text_is_escaped(client):
    eid = tokyo_event(client)
    html = client.get(f"/events/{eid}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; Times" in html
    assert 'href="javascript:' not in html  # a non-http origin is shown as text, not linked


def test_event_detail_highlights_the_evidence(client):
    eid = tokyo_event(client)
    html = client.get(f"/events/{eid}").text
    assert '<mark class="trigger">held talks</mark>' in html
    assert html.count('class="report"') >= 5


def test_event_detail_says_why_each_report_joined(client):
    html = client.get(f"/events/{tokyo_event(client)}").text
    assert html.count("opened this event") == 1
    assert html.count('class="why muted"') >= 5 and "dates agree" in html


def test_filters_are_bound_parameters(client):
    r = client.get("/api/events", params={"text": "'; DROP TABLE events; --"})
    assert r.status_code == 200 and r.json()["total"] == 0
    r = client.get("/api/events", params={"type": "AGREE' OR '1'='1"})
    assert r.status_code == 400 and r.json()["error"] == "input"
    assert client.get("/api/overview").json()["counts"]["events"] == 12


@pytest.mark.parametrize("url", ["/api/events/does-not-exist", "/api/events/" + "f" * 64,
                                 "/api/dyads/USA/ZZZ/timeline", "/api/nothing"])
def test_bad_ids_are_404_with_the_error_shape(client, url):
    r = client.get(url)
    assert r.status_code == 404 and set(r.json()) == {"error", "message", "hint"}


def test_bad_pages_are_404_not_500(client):
    assert client.get("/events/%3Cscript%3E").status_code == 404
    assert client.get("/dyads/USA/ZZZ").status_code == 404
    assert client.get("/dyads/USA/NOT-A-CODE!").status_code == 400
    assert client.get("/static/../pages.py").status_code == 404


def test_bad_parameters_are_400_with_the_error_shape(client):
    for params in ({"limit": "many"}, {"since": "2025-02-30"}, {"pair": "USA"}, {"offset": "-1"}):
        r = client.get("/api/events", params=params)
        assert r.status_code == 400 and r.json()["error"] == "input", params


def test_api_detail_matches_the_contract(client):
    ev = client.get(f"/api/events/{tokyo_event(client)}").json()
    assert ev["n_sources"] == 5 and len(ev["sources"]) == 6
    assert {"sentence_span", "trigger_span", "source_actor", "confidence"} <= set(ev)


def test_openapi_schema_lists_the_api(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/overview", "/api/events", "/api/events/{event_id}", "/api/dyads", "/api/network"} <= set(schema["paths"])
    assert "/" not in schema["paths"]


def test_token_gate(db_path):
    token = "t" * 20
    with TestClient(create_app(db_path, token=token)) as c:
        assert c.get("/api/overview").status_code == 401
        assert c.get("/api/overview", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        r = c.get(f"/events?token={token}", follow_redirects=False)
        assert r.status_code == 303 and "token" not in r.headers["location"]
        assert c.get("/events").status_code == 200  # the cookie now carries it


def test_remote_binding_needs_a_flag_and_a_token():
    check_bind("127.0.0.1", False, None)
    check_bind("::1", False, None)
    with pytest.raises(InputError):
        check_bind("0.0.0.0", False, "x" * 32)
    with pytest.raises(InputError):
        check_bind("0.0.0.0", True, "short")
    check_bind("0.0.0.0", True, "x" * 32)


WRITER = textwrap.dedent("""
    import sys, json
    sys.path.insert(0, {tests!r})
    from amity.store import db
    from amity.merge import merge
    from amity.merge import evaluate
    from amity.store import documents, merge as store_merge
    art = json.loads({article!r})
    spec = json.loads({spec!r})
    con = db.connect({path!r})
    con.execute("BEGIN")
    documents.insert_document(con, evaluate.article_document(art))
    store_merge.insert_instance_rows(con, evaluate.instance_rows([art], [spec]))
    merge(con, doc_ids=[art["id"]])
    print("holding", flush=True)
    sys.stdin.readline()
    con.execute("COMMIT")
    con.close()
    print("done", flush=True)
""")


def test_serving_continues_while_another_process_writes(tmp_path, repo_dir):
    path = tmp_path / "live.duckdb"
    build_db(path)
    article = {"id": "late-news", "outlet": "Late Wire", "published": "2025-09-01", "url": "https://example.org/late",
               "title": "Late", "text": "Brazil and Argentina agreed on Monday to hold joint naval drills."}
    spec = {"doc": "late-news", "sentence_no": 0, "trigger": "agreed", "source": "BRA", "target": "ARG",
            "type": "AGREE", "subtype": "exercise", "date": "2025-09-01", "date_precision": "day", "symmetric": True}
    script = WRITER.format(tests=str(repo_dir / "tests"), article=json.dumps(article), spec=json.dumps(spec),
                           path=str(path))
    with TestClient(create_app(path, min_interval=0.0)) as c:
        assert c.get("/api/overview").json()["counts"]["events"] == 12
        writer = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, cwd=repo_dir)
        try:
            assert writer.stdout.readline().strip() == "holding"
            with pytest.raises(duckdb.Error):  # the lock is real: nobody else may open the file
                duckdb.connect(str(path), read_only=True)
            os.utime(path)  # make the server see a change, so it tries (and fails) to snapshot
            for _ in range(3):  # the writer holds the file: the last snapshot still answers
                r = c.get("/api/overview")
                assert r.status_code == 200 and r.json()["counts"]["events"] == 12
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "done"
        finally:
            writer.stdin.close()
            writer.wait(timeout=30)
        deadline = time.monotonic() + 10  # the new snapshot comes once the file is quiet
        while (total := c.get("/api/events", params={"pair": "BRA,ARG"}).json()["total"]) == 0:
            assert time.monotonic() < deadline, "the committed event never appeared"
            time.sleep(0.1)
        assert total == 1


BATCHES = textwrap.dedent("""
    import sys, json, time
    sys.path.insert(0, {tests!r})
    from amity.store import db
    from amity.merge import merge, evaluate
    from amity.store import documents, merge as store_merge
    for i in range({n}):
        art = {{"id": f"batch-{{i}}", "published": "2025-10-01", "url": "https://example.org/b",
               "text": f"Brazil and Chile agreed on Monday on item {{i}}."}}
        spec = {{"doc": art["id"], "sentence_no": 0, "trigger": "agreed", "source": "BRA", "target": "CHL",
                "type": "AGREE", "subtype": "agreement", "date": f"2025-{{1 + i % 12:02d}}-06",
                "date_precision": "day", "symmetric": True}}
        with db.session({path!r}) as con, db.transaction(con):  # one short write session a batch
            documents.insert_document(con, evaluate.article_document(art))
            store_merge.insert_instance_rows(con, evaluate.instance_rows([art], [spec]))
            merge(con, doc_ids=[art["id"]])
    print("done", flush=True)
""")


def test_ingest_batches_never_meet_a_lock_held_by_the_server(tmp_path, repo_dir):
    """Like `amity ingest` beside `amity serve`: the writer opens the file for every batch while
    the server snapshots it; the writer must never find it locked, the server never fail."""
    path = tmp_path / "busy.duckdb"
    build_db(path)
    with db.session(path) as con:  # a larger file: each snapshot copy takes a while
        con.execute("CREATE TABLE padding AS SELECT md5(range::VARCHAR) AS x FROM range(300000)")
    n = 24
    script = BATCHES.format(tests=str(repo_dir / "tests"), path=str(path), n=n)
    with TestClient(create_app(path, min_interval=0.0)) as c:
        writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, cwd=repo_dir)
        statuses = []
        deadline = time.monotonic() + 120
        while writer.poll() is None and time.monotonic() < deadline:
            statuses.append(c.get("/api/overview").status_code)
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0 and out.strip() == "done", err[-2000:]
        assert statuses and set(statuses) == {200}
        deadline = time.monotonic() + 10
        while c.get("/api/events", params={"pair": "BRA,CHL"}).json()["total"] != 12:
            assert time.monotonic() < deadline, "the last batches never appeared"
            time.sleep(0.1)


@pytest.mark.parametrize("url,says", [
    ("/api/events?subtype=exercises", "did you mean exercise?"),
    ("/api/events?type=FOO", "is not one of amity's types"),
    ("/api/events?since=yesterday", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("/api/events?q=naval", "unknown query parameter: q"),
    ("/api/dyads?txt=naval&limit=5", "unknown query parameter: txt"),
    ("/api/events?type=AGREE!", "is not one of amity's types"),
])
def test_one_validation_for_the_api_with_a_clear_message(client, url, says):
    r = client.get(url)
    assert r.status_code == 400 and r.json()["error"] == "input"
    assert says in r.json()["message"], r.json()
    assert "^(" not in r.json()["message"] + r.json()["hint"]  # no raw regular expression


def test_unknown_parameters_are_refused_on_pages_too_and_the_hint_lists_the_known_ones(client):
    r = client.get("/events?sort=date")
    assert r.status_code == 400 and "unknown query parameter: sort" in r.text and "min_confidence" in r.text
    assert client.get("/events?text=drills&type=consult").status_code == 200


def test_a_pair_without_events_is_404_for_its_timeline_as_for_its_page(client):
    assert client.get("/dyads/XXX/YYY").status_code == 404
    r = client.get("/api/dyads/XXX/YYY/timeline")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    assert client.get("/api/dyads/JPN/USA/timeline").status_code == 200


def test_the_dyad_page_counts_articles_and_reports_apart(client):
    html = client.get("/dyads/JPN/USA").text
    articles = int(re.search(r'<span class="n">(\d+)</span><span class="l">source articles', html).group(1))
    reports = int(re.search(r'<span class="n">(\d+)</span><span class="l">reports', html).group(1))
    assert 0 < articles <= reports


def test_the_document_page_marks_triggers_and_mentions_and_lists_the_events(client):
    eid = tokyo_event(client)
    source = client.get(f"/api/events/{eid}").json()["sources"][0]
    html = client.get(f"/documents/{source['doc_id']}").text
    assert f'id="r{source["idx"]}" href="/events/{eid}"' in html  # the evidence's trigger, linked
    assert '<span class="mention" title="JPN GOV' in html
    assert 'href="/actors/JPN"' in html and "Events (" in html
    assert f'href="/documents/{source["doc_id"]}#r{source["idx"]}"' in client.get(f"/events/{eid}").text
    by_name = client.get(f"/documents/{source['doc']}")
    assert by_name.status_code == 200 and by_name.text == html
    assert client.get("/documents/no-such-document").status_code == 404


def test_the_actor_page_shows_partners_types_and_months(client):
    html = client.get("/actors/JPN").text
    assert "Partners and adversaries" in html and 'href="/dyads/JPN/USA"' in html
    assert "Events by type" in html and "<svg" in html
    assert client.get("/actors/jpn").status_code == 200
    assert client.get("/actors/XYZ").status_code == 404
    narrowed = client.get("/actors/JPN?type=CONSULT").text
    assert "Partners and adversaries" in narrowed


def test_download_gives_exactly_what_the_filter_selects(client):
    total = client.get("/api/events", params={"type": "CONSULT"}).json()["total"]
    jsonl = client.get("/events/download", params={"type": "CONSULT", "format": "jsonl"})
    assert jsonl.status_code == 200 and "attachment" in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(rows) == total and {r["type"] for r in rows} == {"CONSULT"}
    csv_text = client.get("/events/download", params={"type": "CONSULT", "format": "csv"}).text
    assert len(csv_text.strip().splitlines()) == total + 1
    plover = client.get("/events/download", params={"type": "CONSULT", "format": "plover"}).json()
    assert len(plover) == total
    assert client.get("/events/download", params={"format": "xml"}).status_code == 400
    page = client.get("/events", params={"type": "CONSULT"}).text
    assert 'href="/events/download?type=CONSULT&amp;format=jsonl"' in page


def test_the_map_shades_countries_and_places_events(client):
    html = client.get("/map").text
    assert html.count("<path") >= 170  # every country of Natural Earth's 1:110m map
    assert re.search(r'data-code="JPN"><title>Japan \(JPN\): \d+ events', html)
    assert 'data-code="BRA"><title>Brazil (BRA): 0 events' in html
    assert html.count('class="dot"') >= 3 and 'href="/events/' in html
    narrowed = client.get("/map", params={"type": "ACCUSE"}).text
    assert narrowed.count('class="dot"') < html.count('class="dot"')
    assert client.get("/map", params={"type": "FOO"}).status_code == 400
