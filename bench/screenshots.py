"""Screenshots of the dashboard for the docs (docs/img/dashboard.png, docs/img/event.png).

Builds a demo database (generated events as in bench/serve.py, plus the hand-written articles of
tests/data/merge/ for real evidence), serves it on 127.0.0.1 and photographs the overview and one
event with Playwright driving Debian's chromium.

    .venv/bin/python bench/screenshots.py [--out docs/img] [--happenings 6000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import merge_data
import serve as bench_serve

from amity.merge import merge
from amity.store import db

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(path: str, happenings: int) -> None:
    bench_serve.generate(path, happenings, seed=11)
    with db.session(path) as con:
        merge_data.load(con)
    merge(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "img"))
    ap.add_argument("--happenings", type=int, default=6000)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "demo.duckdb")
        build(path, args.happenings)
        port = bench_serve._free_port()
        server = bench_serve.start_server(path, port)
        base = f"http://127.0.0.1:{port}"
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                page = browser.new_page(viewport={"width": 1360, "height": 1000})
                page.goto(base + "/")
                page.screenshot(path=str(out / "dashboard.png"), full_page=False)
                page.goto(base + "/events?text=Hartley&type=CONSULT&until=2025-03-31")
                page.locator("a.event-link").first.click()
                page.wait_for_url("**/events/*")
                page.screenshot(path=str(out / "event.png"), full_page=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"wrote {out / 'dashboard.png'} and {out / 'event.png'}")


if __name__ == "__main__":
    main()
