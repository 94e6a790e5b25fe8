"""`amity serve` beside `amity ingest` on the same database file (bounded, 127.0.0.1 only).

Stores one article, starts `amity serve`, then runs `amity ingest` on COPIES editions of the
clustered test articles (tests/data/merge/articles.jsonl, each edition a slightly different
text) with --commit-every 2, while a client polls /api/overview. Reports the ingest's exit code
(a lock conflict would make it 2), the status codes the client saw, how many distinct snapshots
it saw, and the final counts.

    .venv/bin/python bench/serve_ingest.py [--copies 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import serve as bench_serve

AMITY = [sys.executable, "-c", "from amity.cli import main; main()"]


def editions(path: Path, copies: int) -> None:
    source = ROOT / "tests" / "data" / "merge" / "articles.jsonl"
    articles = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for art in articles:
                out.write(json.dumps(dict(art, id=f"{art['id']}-e{k}", text=f"(Edition {k}) {art['text']}")) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=300, help="time cap for the ingest")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, first, batch = Path(tmp) / "live.duckdb", Path(tmp) / "first.jsonl", Path(tmp) / "batch.jsonl"
        first.write_text((ROOT / "tests/data/merge/articles.jsonl").read_text().splitlines()[0] + "\n")
        subprocess.run([*AMITY, "--db", str(db), "ingest", str(first)], check=True, capture_output=True, cwd=ROOT)
        editions(batch, args.copies)
        port = bench_serve._free_port()
        server = bench_serve.start_server(str(db), port)
        base = f"http://127.0.0.1:{port}"
        try:
            ingest = subprocess.Popen([*AMITY, "--db", str(db), "ingest", str(batch), "--commit-every", "2", "--json"],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            statuses: dict[int, int] = {}
            seen: set[int] = set()
            deadline = time.monotonic() + args.seconds
            while ingest.poll() is None and time.monotonic() < deadline:
                r = httpx.get(base + "/api/overview", timeout=30)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                if r.status_code == 200:
                    seen.add(r.json()["counts"]["documents"])
                time.sleep(0.05)
            if ingest.poll() is None:
                ingest.kill()
            out, err = ingest.communicate(timeout=60)
            time.sleep(1.5)  # one refresh interval
            final = httpx.get(base + "/api/overview", timeout=30).json()["counts"]
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"ingest exit code {ingest.returncode}: {out.strip() or err.strip()[-300:]}")
    print(f"requests during ingest: {sum(statuses.values())}, status codes {statuses}, "
          f"{len(seen)} distinct snapshots (documents seen: {sorted(seen)})")
    print(f"after ingest: {final}")


if __name__ == "__main__":
    main()
