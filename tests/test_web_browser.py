"""The dashboard in a real browser: Playwright for Python driving Debian's chromium.

Skips with a clear message when /usr/bin/chromium (or $AMITY_CHROMIUM) or the playwright
package is missing. Set AMITY_SCREENSHOTS=DIR to keep the screenshots (docs/img uses them)."""

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from test_web_api import build_db

CHROMIUM = os.environ.get("AMITY_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn on 127.0.0.1 in a thread, stopped at the end; start-up bounded to 20 s."""
    uvicorn = pytest.importorskip("uvicorn")
    from amity.web.app import create_app

    path = tmp_path_factory.mktemp("browser") / "amity.duckdb"
    build_db(path)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the test server did not start within 20 s"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's `chromium` (apt-get install chromium) "
                    "or set AMITY_CHROMIUM to a Chromium binary")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
    pg = ctx.new_page()
    pg.set_default_timeout(30000)
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems
    yield pg
    ctx.close()


def _keep(pg, tmp_path, name: str) -> Path:
    shot = tmp_path / name
    pg.screenshot(path=str(shot), full_page=True)
    keep = os.environ.get("AMITY_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / name)
    return shot


@pytest.mark.parametrize("url,heading", [("/", "Overview"), ("/events", "Events"), ("/dyads", "Actor pairs"),
                                         ("/dyads/JPN/USA", "JPN – USA"), ("/network", "Network"),
                                         ("/map", "Map"), ("/actors/KOR", "KOR")])
def test_each_page_loads_without_errors(server, page, url, heading):
    response = page.goto(server + url)
    assert response.status == 200
    assert page.locator("h1").first.inner_text().strip() == heading
    assert page.problems == []  # no CSP violation, no script error


def test_overview_chart_is_drawn(server, page, tmp_path):
    page.goto(server + "/")
    assert page.locator("figure.chart svg rect").count() > 3
    assert _keep(page, tmp_path, "overview.png").stat().st_size > 10_000


def test_filter_then_open_event_shows_highlighted_evidence(server, page, tmp_path):
    page.goto(server + "/events")
    page.fill("input[name=text]", "Jeju")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?text=Jeju*")
    links = page.locator("a.event-link")
    assert links.count() == 1
    links.first.click()
    page.wait_for_url("**/events/*")
    marks = page.locator("blockquote.evidence mark.trigger")
    assert marks.count() == 2
    assert sorted(m.inner_text() for m in marks.all()) == [
        "conducted a joint search and rescue exercise", "held a joint search and rescue exercise"]
    assert page.locator("li.report").count() == 2
    assert page.locator("blockquote.evidence mark.actor.source").all_inner_texts() == ["South Korea", "South Korean"]
    assert page.locator("blockquote.evidence mark.actor.target").all_inner_texts() == ["Japan", "Japanese"]
    assert page.locator("li.report a[href^='https://example.org/']").count() == 2
    _keep(page, tmp_path, "event.png")
    assert page.problems == []


def test_type_menu_applies_at_once(server, page):
    page.goto(server + "/events")
    page.select_option("select[name=type]", "ACCUSE")
    page.wait_for_url("**/events?type=ACCUSE*")
    assert page.locator("a.event-link").count() == 2


def test_script_in_an_article_does_not_run(server, page):
    page.goto(server + "/events?text=alert")
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/events/*")
    texts = page.locator("blockquote.evidence").all_inner_texts()
    assert any("<script>alert('x')</script>" in t for t in texts)  # shown as text, never run
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert page.problems == []


def test_min_confidence_control_filters_by_keyboard_and_stays_filled(server, page):
    page.goto(server + "/events")
    field = page.get_by_label("Min. confidence")  # found by its label
    field.focus()
    page.keyboard.type("0.9")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events?min_confidence=0.9")
    assert page.locator("a.event-link").count() == 0  # every test event is scored 0.8
    assert page.get_by_label("Min. confidence").input_value() == "0.9"
    field = page.get_by_label("Min. confidence")
    field.fill("0.5")
    field.press("ArrowUp")  # the arrow keys step it by 0.01
    field.press("Enter")
    page.wait_for_url("**/events?min_confidence=0.51")
    assert page.locator("a.event-link").count() == 12
    for url in ("/dyads", "/network"):
        page.goto(server + url + "?min_confidence=0.9")
        assert page.get_by_label("Min. confidence").input_value() == "0.9"
    assert page.problems == []


def test_from_the_evidence_to_the_document_and_back(server, page, tmp_path):
    page.goto(server + "/events?text=Jeju")
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/events/*")
    event_url = page.url
    page.locator("a.doclink").first.click()
    page.wait_for_url("**/documents/*#r*")
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator(".doctext mark.trigger").count() >= 1
    assert page.locator(".doctext span.mention").count() >= 1
    assert page.locator(".doctext span.mention").first.get_attribute("title").split()[0] in {"JPN", "KOR", "USA"}
    target = page.url.split("#", 1)[1]
    assert page.locator(f"a#{target}").count() == 1  # the evidence's trigger is the anchor
    _keep(page, tmp_path, "document.png")
    page.locator(f"a#{target}").click()
    page.wait_for_url(event_url)
    assert page.problems == []


def test_the_actor_page_and_its_links(server, page, tmp_path):
    response = page.goto(server + "/actors/JPN")
    assert response.status == 200 and page.locator("h1").first.inner_text().strip() == "JPN"
    assert page.locator("figure.chart svg rect").count() >= 1
    assert page.locator("form.filters label select[name=type]").count() == 1  # the labelled filter form
    _keep(page, tmp_path, "actor.png")
    page.locator("a[href='/dyads/JPN/USA']").first.click()
    page.wait_for_url("**/dyads/JPN/USA")
    page.locator("a.actor-page[href='/actors/USA']").click()
    page.wait_for_url("**/actors/USA")
    assert page.problems == []


def test_download_from_the_events_page_is_what_the_filter_shows(server, page, tmp_path):
    page.goto(server + "/events?type=ACCUSE")
    with page.expect_download() as info:
        page.locator("p.downloads a", has_text="JSONL").click()
    path = info.value.path()
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line]
    assert len(lines) == page.locator("a.event-link").count() == 2
    assert page.problems == []


def test_the_map_draws_and_its_dots_open_events(server, page, tmp_path):
    page.goto(server + "/map")
    assert page.locator("figure.worldmap svg path").count() >= 170
    assert page.locator("figure.worldmap circle.dot").count() >= 3
    _keep(page, tmp_path, "map.png")
    page.locator("figure.worldmap a").first.click()
    page.wait_for_url("**/events/*")
    assert page.problems == []
