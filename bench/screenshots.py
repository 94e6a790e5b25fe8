"""Screenshots of the dashboard for the docs, on the example data a new user has (`make demo`):
docs/img/dashboard.png (overview), event.png, document.png, actor.png, map.png.

Ingests examples/articles/ with the whole pipeline into a temporary database, serves it on
127.0.0.1 and photographs the pages with Playwright driving Debian's chromium.

    .venv/bin/python bench/screenshots.py [--out docs/img]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import serve as bench_serve

from amity.ingest import IngestOptions, ingest
from amity.store import db

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def first_event(path: str, pair: tuple[str, str], etype: str) -> tuple[str, str, int]:
    """(event id, document id, report index) of the pair's first event of that type."""
    with db.session(path, read_only=True) as con:
        row = con.execute("""SELECT event_id, doc_id, idx FROM event_mentions WHERE type = ?
                             AND least(source, target) = ? AND greatest(source, target) = ?
                             ORDER BY doc_id, idx LIMIT 1""", [etype, *sorted(pair)]).fetchone()
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "demo.duckdb")
        ingest([str(ROOT / "examples" / "articles")], path, IngestOptions())
        event_id, doc_id, idx = first_event(path, ("JPN", "PHL"), "AGREE")
        port = bench_serve._free_port()
        server = bench_serve.start_server(path, port)
        base = f"http://127.0.0.1:{port}"
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        shots = {"dashboard.png": ("/", False), "event.png": (f"/events/{event_id}", True),
                 "document.png": (f"/documents/{doc_id}#r{idx}", True), "actor.png": ("/actors/JPN", True),
                 "map.png": ("/map", False)}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                page = browser.new_page(viewport={"width": 1360, "height": 1000})
                for name, (url, full) in shots.items():
                    page.goto(base + url)
                    page.screenshot(path=str(out / name), full_page=full)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"wrote": [str(out / n) for n in shots]}))


if __name__ == "__main__":
    main()
