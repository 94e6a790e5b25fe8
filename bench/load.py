"""Load on the dashboard and JSON API: many concurrent clients on 127.0.0.1, bounded in time and
requests, over a generated database of about 100,000 merged events.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--max-requests 200000]
                                   [--happenings 110000] [--db PATH] [--cache-mb 64] [--json]

1. Builds the database with bench/serve.py's generator (HAPPENINGS happenings reported by 1-5
   articles each, merged by amity.merge: about 100,000 events), or reuses ``--db`` when the file
   exists (it is written there otherwise, so the next run skips the build).
2. Starts `amity serve` on a free 127.0.0.1 port (a child process, as a user runs it).
3. Runs CLIENTS asyncio clients (httpx.AsyncClient, one connection each) for SECONDS seconds or
   MAX_REQUESTS requests in all, whichever comes first; each client cycles through the pages
   and API calls below with its own random filters.
4. Prints p50/p95/p99 latency, throughput and errors (any status other than 200, any transport
   error), overall and per route, and the share of answers replayed from the server's
   per-snapshot response cache (``X-Amity-Cache: hit``). ``--cache-mb 0`` serves with the cache
   off, so every answer is computed. Targets (issue 8): 0 errors, p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import serve as serve_bench

ROUTES = [
    ("api/overview", "/api/overview"),
    ("api/events", "/api/events?limit=20&offset={offset}"),
    ("api/events pair", "/api/events?pair={a},{b}&limit=20"),
    ("api/events actor", "/api/events?actor={a}&since=2024-01-01&limit=20"),
    ("api/dyads", "/api/dyads"),
    ("api/timeline", "/api/dyads/{a}/{b}/timeline"),
    ("page /", "/"),
    ("page /events", "/events?pair={a},{b}"),
    ("page /events text", "/events?text={word}"),
    ("page dyad", "/dyads/{a}/{b}"),
]
WORDS = ["naval", "talks", "exercise", "sanctions", "agreement", "troops"]


def percentile(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def summary(latencies: list[float], errors: int, seconds: float, hits: int = 0) -> dict:
    return {"requests": len(latencies) + errors, "errors": errors,
            "cache_hits": round(hits / len(latencies), 3) if latencies else None,
            "rps": round((len(latencies) + errors) / seconds, 1) if seconds else None,
            "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
            "p99_ms": round(percentile(latencies, 99), 1)}


def pairs(path: str, n: int = 40) -> list[tuple[str, str]]:
    from amity import query
    from amity.store import db

    with db.session(path, read_only=True) as con:
        return [(d["pair_a"], d["pair_b"]) for d in query.dyads(con, limit=n)]


async def client_loop(base: str, seed: int, deadline: float, budget: list[int], pairs_: list,
                      results: dict[str, list[float]], errors: dict[str, int], hits: dict[str, int],
                      samples: list[str]) -> None:
    import httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=httpx.Limits(max_connections=1)) as client:
        n = seed
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            name, template = ROUTES[n % len(ROUTES)]
            n += 1
            a, b = rng.choice(pairs_)
            url = template.format(a=a, b=b, offset=rng.randrange(0, 2000), word=rng.choice(WORDS))
            t0 = time.perf_counter()
            try:
                r = await client.get(url)
                ok = r.status_code == 200
                hit = r.headers.get("x-amity-cache") == "hit"
                detail = f"{r.status_code} {r.text[:200]}"
            except httpx.HTTPError as exc:
                ok, detail = False, repr(exc)
            elapsed = (time.perf_counter() - t0) * 1000
            if ok:
                results.setdefault(name, []).append(elapsed)
                hits[name] = hits.get(name, 0) + hit
            else:
                errors[name] = errors.get(name, 0) + 1
                if len(samples) < 10:
                    samples.append(f"{url}: {detail}")


async def run_load(base: str, clients: int, seconds: float, max_requests: int, pairs_: list) -> dict:
    results: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    hits: dict[str, int] = {}
    samples: list[str] = []
    budget = [max_requests]
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(client_loop(base, seed, deadline, budget, pairs_, results, errors, hits, samples)
                           for seed in range(clients)))
    elapsed = time.monotonic() - started
    every = [v for values in results.values() for v in values]
    report = {"clients": clients, "seconds": round(elapsed, 1),
              "overall": summary(every, sum(errors.values()), elapsed, sum(hits.values())),
              "routes": {name: summary(results.get(name, []), errors.get(name, 0), elapsed, hits.get(name, 0))
                         for name, _ in ROUTES},
              "error_samples": samples}
    return report


def build(path: Path, happenings: int) -> dict:
    from amity.merge import merge

    t0 = time.perf_counter()
    counts = serve_bench.generate(str(path), happenings)
    merged = merge(str(path))
    counts.update(events=merged.events, build_seconds=round(time.perf_counter() - t0, 1))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--max-requests", type=int, default=200_000)
    ap.add_argument("--happenings", type=int, default=110_000)
    ap.add_argument("--db", type=Path, help="reuse this generated database (built there when missing)")
    ap.add_argument("--cache-mb", type=int, default=64, help="the server's response cache; 0 turns it off")
    ap.add_argument("--workers", type=int, default=1, help="server processes (amity serve --workers)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    path = args.db or Path(tempfile.mkdtemp(prefix="amity-load-")) / "load.duckdb"
    built = build(path, args.happenings) if not path.exists() else {"reused": str(path)}
    port = serve_bench._free_port()
    server = serve_bench.start_server(str(path), port, ["--cache-mb", str(args.cache_mb), "--workers", str(args.workers)])
    try:
        base = f"http://127.0.0.1:{port}"
        report = asyncio.run(run_load(base, args.clients, args.seconds, args.max_requests, pairs(str(path))))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report["database"] = built
    report["cache_mb"] = args.cache_mb
    if args.json:
        print(json.dumps(report))
    else:
        o = report["overall"]
        print(f"{args.clients} clients, {report['seconds']} s: {o['requests']} requests, {o['rps']} req/s, "
              f"{o['errors']} errors; p50 {o['p50_ms']} ms, p95 {o['p95_ms']} ms, p99 {o['p99_ms']} ms; "
              f"cache hits {o['cache_hits']}")
        for name, r in report["routes"].items():
            print(f"  {name:18} {r['requests']:6} req  {r['errors']:3} err  p50 {r['p50_ms']:7} p95 {r['p95_ms']:7} "
                  f"p99 {r['p99_ms']:7} ms  hits {r['cache_hits']}")
        for line in report["error_samples"]:
            print("  error:", line)
    return 0 if report["overall"]["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
