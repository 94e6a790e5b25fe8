"""min_confidence in the JSON API (every listing endpoint, errors, OpenAPI) and in the pages'
filter forms (the control, its value, and the pager links that keep it)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from test_query_confidence import best_report, build_db

from amity.store import db
from amity.web.app import create_app


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("web-confidence") / "amity.duckdb")


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path)) as c:
        yield c


@pytest.fixture(scope="module")
def best(db_path) -> dict[str, float]:
    with db.session(db_path, read_only=True) as con:
        return best_report(con)


def _kept(best, threshold) -> set[str]:
    return {e for e, c in best.items() if c >= threshold}


@pytest.mark.parametrize("threshold", [0.3, 0.75, 0.95])
def test_api_events_keeps_events_at_or_above_the_threshold(client, best, threshold):
    page = client.get("/api/events", params={"min_confidence": threshold, "limit": 500}).json()
    assert {e["event_id"] for e in page["events"]} == _kept(best, threshold)
    assert page["total"] == len(_kept(best, threshold))
    for e in page["events"][:3]:
        detail = client.get(f"/api/events/{e['event_id']}").json()
        assert detail["confidence"] >= threshold


def test_api_dyads_network_and_timeline_follow_the_threshold(client, best):
    kept = len(_kept(best, 0.9))
    assert 0 < kept < len(best)
    dyads = client.get("/api/dyads", params={"min_confidence": 0.9}).json()
    assert sum(d["events"] for d in dyads) == kept
    assert sum(d["events"] for d in client.get("/api/dyads").json()) == len(best)
    graph = client.get("/api/network", params={"min_confidence": 0.9}).json()
    assert sum(link["events"] for link in graph["links"]) == kept
    every = client.get("/api/dyads/USA/JPN/timeline").json()
    sure = client.get("/api/dyads/USA/JPN/timeline", params={"min_confidence": 0.9}).json()
    assert sum(r["events"] for r in sure) < sum(r["events"] for r in every)


def test_an_empty_threshold_is_no_threshold(client, best):
    assert client.get("/api/events", params={"min_confidence": ""}).json()["total"] == len(best)
    # a filter form sent without script carries every field, the empty ones too
    r = client.get("/events?actor=&pair=&type=&subtype=&since=&until=&min_confidence=&text=")
    assert r.status_code == 200 and f"{len(best)} events" in r.text


@pytest.mark.parametrize("url", ["/api/events", "/api/dyads", "/api/network", "/api/dyads/USA/JPN/timeline"])
@pytest.mark.parametrize("bad", ["1.5", "-0.1", "nan", "inf", "sure"])
def test_api_bad_threshold_is_400_with_the_error_shape(client, url, bad):
    r = client.get(url, params={"min_confidence": bad})
    assert r.status_code == 400
    body = r.json()
    assert set(body) == {"error", "message", "hint"} and body["error"] == "input"
    assert "min_confidence" in body["message"]


def test_api_out_of_range_threshold_names_the_range(client):
    body = client.get("/api/events", params={"min_confidence": 2}).json()
    assert "between 0 and 1" in body["message"] and "probability" in body["hint"]


def test_openapi_documents_min_confidence_on_every_listing(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for url in ("/api/events", "/api/dyads", "/api/network", "/api/dyads/{a}/{b}/timeline"):
        params = {p["name"]: p for p in paths[url]["get"]["parameters"]}
        param = params["min_confidence"]
        assert param["in"] == "query" and not param.get("required")
        assert "probability" in param["description"]
        assert {"type": "number", "minimum": 0, "maximum": 1} in param["schema"]["anyOf"]


# -- pages ----------------------------------------------------------------------------------------

def _control(html: str) -> str:
    """The min_confidence input and its label."""
    match = re.search(r'<label[^>]*>Min\. confidence <input name="min_confidence"[^>]*></label>', html)
    assert match, "no labelled Min. confidence control"
    return match.group(0)


@pytest.mark.parametrize("url", ["/events", "/dyads", "/network"])
def test_every_filter_form_has_the_control_and_keeps_its_value(client, url):
    html = client.get(url, params={"min_confidence": "0.75"}).text
    control = _control(html)
    assert 'type="number"' in control and 'min="0"' in control and 'max="1"' in control
    assert 'value="0.75"' in control
    assert 'value=""' in _control(client.get(url).text)


def test_events_page_lists_only_sure_events(client, best):
    html = client.get("/events", params={"min_confidence": "0.95"}).text
    assert f"{len(_kept(best, 0.95))} events match" in html
    assert html.count('class="event-link"') == len(_kept(best, 0.95))


def test_pager_links_keep_the_threshold(client, best, monkeypatch):
    monkeypatch.setattr("amity.web.pages.PAGE_SIZE", 2)
    html = client.get("/events", params={"min_confidence": "0.5", "page": "2"}).text
    links = [unescape(h) for h in re.findall(r'<a rel="(?:prev|next)" href="([^"]+)"', html)]
    assert len(links) == 2
    for link in links:
        assert parse_qs(urlsplit(link).query)["min_confidence"] == ["0.5"]


def test_a_bad_threshold_on_a_page_is_a_400_page(client):
    r = client.get("/events", params={"min_confidence": "7"})
    assert r.status_code == 400 and "between 0 and 1" in r.text
