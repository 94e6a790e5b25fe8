"""Accessibility basics of every page, in a real browser: text contrast (WCAG AA: 4.5 to 1, or 3
to 1 for large text), a label for every form control, a name for every chart, and the pages work
from the keyboard (links reached with Tab, opened with Enter)."""

from __future__ import annotations

import pytest
from test_web_browser import browser, page, server  # noqa: F401  (the shared fixtures)

pytestmark = pytest.mark.browser

CONTRAST = """() => {
  const parts = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {  // the backgrounds of el and its ancestors laid over white
    const layers = [];
    for (; el; el = el.parentElement) layers.push(parts(getComputedStyle(el).backgroundColor));
    let rgb = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) rgb = [r * a + rgb[0] * (1 - a), g * a + rgb[1] * (1 - a), b * a + rgb[2] * (1 - a)];
    return rgb;
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg')) continue;  // chart text is drawn with fill
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden') continue;
    const bg = background(el), fg = parts(st.color);
    const over = [0, 1, 2].map((k) => fg[k] * fg[3] + bg[k] * (1 - fg[3]));
    const a = lum(over), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    if (ratio < need) bad.push(`${el.tagName}.${el.className} ${st.color} on rgb(${bg.map(Math.round)}): ${ratio.toFixed(2)} "${el.textContent.trim().slice(0, 30)}"`);
  }
  return bad;
}"""

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter((c) => c.type !== 'hidden' && !c.closest('label') && !c.getAttribute('aria-label')
                 && !(c.id && document.querySelector(`label[for="${c.id}"]`)))
  .map((c) => c.outerHTML.slice(0, 80))"""

UNNAMED_CHARTS = """() => [...document.querySelectorAll('svg')]
  .filter((s) => !s.closest('svg:not(:scope)') && !s.getAttribute('aria-label') && s.getAttribute('aria-hidden') !== 'true')
  .map((s) => s.outerHTML.slice(0, 80))"""

PAGES = ["/", "/events", "/dyads", "/dyads/JPN/USA", "/network", "/map", "/actors/JPN"]


@pytest.mark.parametrize("url", PAGES)
def test_contrast_labels_and_chart_names(server, page, url):  # noqa: F811
    assert page.goto(server + url).status == 200
    assert page.evaluate(CONTRAST) == []
    assert page.evaluate(UNLABELLED) == []
    assert page.evaluate(UNNAMED_CHARTS) == []


def test_an_event_and_its_document_meet_the_same_basics(server, page):  # noqa: F811
    page.goto(server + "/events?text=Jeju")
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/events/*")
    assert page.evaluate(CONTRAST) == []
    page.locator("a.doclink").first.click()
    page.wait_for_url("**/documents/*")
    assert page.evaluate(CONTRAST) == [] and page.evaluate(UNNAMED_CHARTS) == []


def test_from_the_events_list_to_an_event_by_keyboard(server, page):  # noqa: F811
    page.goto(server + "/events")
    for _ in range(60):  # Tab until the first event link has the focus, then open it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.classList.contains('event-link')"):
            break
    else:
        pytest.fail("no event link is reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/*")
    assert page.locator("li.report").count() >= 1
