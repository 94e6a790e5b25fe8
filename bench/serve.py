"""Dashboard latency on a large generated database, measured on 127.0.0.1 with a bounded client.

1. Generates HAPPENINGS happenings (default 110,000), each reported by 1-5 articles, as
   documents and event_mentions rows in a temporary DuckDB file, and merges them with
   amity.merge.merge (the merge time is reported too). Overlapping happenings of one pair and
   type merge, so the events table ends up a little smaller (about 100,000).
2. Starts `amity serve` on a free 127.0.0.1 port in a child process.
3. For each page, sends REQUESTS requests (default 400) from CONCURRENCY threads (default 8),
   stopping early after --seconds per page, and reports p50/p95/p99 latency and errors.
4. Also times the overview's queries without the server's per-snapshot cache (what the first
   request after each ingest batch pays).

    .venv/bin/python bench/serve.py [--happenings 110000] [--requests 400] [--concurrency 8]
                                    [--cache-mb 0] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amity.merge import merge
from amity.store import db
from amity.store import merge as store_merge

COUNTRIES = {
    "USA": "the United States", "JPN": "Japan", "KOR": "South Korea", "CHN": "China", "AUS": "Australia",
    "IND": "India", "PHL": "the Philippines", "GBR": "Britain", "FRA": "France", "DEU": "Germany",
    "RUS": "Russia", "UKR": "Ukraine", "POL": "Poland", "TUR": "Turkey", "ISR": "Israel", "IRN": "Iran",
    "SAU": "Saudi Arabia", "ARE": "the United Arab Emirates", "EGY": "Egypt", "IDN": "Indonesia",
    "VNM": "Vietnam", "THA": "Thailand", "MYS": "Malaysia", "SGP": "Singapore", "NZL": "New Zealand",
    "CAN": "Canada", "BRA": "Brazil", "ITA": "Italy", "ESP": "Spain", "NLD": "the Netherlands",
    "SWE": "Sweden", "FIN": "Finland", "NOR": "Norway", "PRK": "North Korea", "TWN": "Taiwan",
    "PAK": "Pakistan", "GRC": "Greece", "ROU": "Romania", "NATO": "NATO", "EU": "the European Union",
}
TYPES = [("CONSULT", 30, "held talks on {topic} with"), ("AGREE", 15, "signed an agreement on {topic} with"),
         ("COOPERATE", 12, "held a joint {topic} exercise with"), ("SUPPORT", 6, "voiced support for"),
         ("AID", 5, "delivered {topic} aid to"), ("ACCUSE", 8, "accused"), ("REQUEST", 4, "asked for help from"),
         ("REJECT", 3, "rejected a proposal from"), ("THREATEN", 3, "threatened"), ("PROTEST", 3, "protested to"),
         ("SANCTION", 3, "imposed sanctions on"), ("MOBILIZE", 2, "moved troops toward"),
         ("COERCE", 2, "seized a vessel of"), ("ASSAULT", 2, "struck targets in"), ("CONCEDE", 1, "eased curbs on"),
         ("RETREAT", 1, "pulled forces back from")]
JOINT = {"CONSULT", "AGREE", "COOPERATE"}
SUBTYPES = ["exercise", "defense_industry", "maintenance", "arms_transfer", "dialogue", "logistics",
            "intelligence", "training", "technology", None, None, None]
OUTLETS = ["Harbor Daily", "Pacific Wire", "Eastern Ledger", "Capital Observer", "Seoul Morning",
           "Delhi Gazette", "Paris Evening", "Southern Cross Times", "Defense Weekly", "Manila Courier"]
START = dt.date(2022, 1, 1)
DAYS = 4 * 365


def _pairs(rng: random.Random, n: int) -> list[tuple[str, str]]:
    codes = sorted(COUNTRIES)
    pairs = sorted({tuple(sorted(rng.sample(codes, 2))) for _ in range(n * 3)})[: n]
    rng.shuffle(pairs)
    return pairs


def generate(path: str, happenings: int, seed: int = 7) -> dict:
    """Write documents and event_mentions for the given number of happenings; returns counts."""
    rng = random.Random(seed)
    pairs = _pairs(rng, 600)
    cum, total = [], 0.0
    for i in range(len(pairs)):
        total += 1 / (i + 1) ** 0.6
        cum.append(total)
    type_names = [t[0] for t in TYPES]
    type_cum = [sum(t[1] for t in TYPES[: i + 1]) for i in range(len(TYPES))]
    phrases = {t[0]: t[2] for t in TYPES}
    docs, rows, now = [], [], dt.datetime(2026, 1, 1)
    for h in range(happenings):
        a, b = rng.choices(pairs, cum_weights=cum)[0]
        if rng.random() < 0.5:
            a, b = b, a
        etype = rng.choices(type_names, cum_weights=type_cum)[0]
        subtype = rng.choice(SUBTYPES) if etype in JOINT or etype == "AID" else None
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        for k in range(min(5, 1 + int(rng.expovariate(1.3)))):
            doc_id = f"g{h:07d}r{k}"
            sentence = (f"{COUNTRIES[a][0].upper()}{COUNTRIES[a][1:]} "
                        f"{phrases[etype].format(topic=(subtype or 'security').replace('_', ' '))} "
                        f"{COUNTRIES[b]} on {day:%A}, officials said.")
            published = day + dt.timedelta(days=rng.randrange(3))
            docs.append({"id": doc_id, "origin": f"https://example.org/{doc_id}", "name": doc_id,
                         "url": f"https://example.org/{doc_id}", "title": f"{etype.title()}: {a} and {b}",
                         "published": published, "outlet": rng.choice(OUTLETS), "language": "en",
                         "text": sentence, "ingested_at": now, "pipeline_version": "bench"})
            rows.append(_row(doc_id, sentence, a, b, etype, subtype, day, rng))
    with db.session(path) as con:
        for i in range(0, len(docs), 20000):
            store_merge.insert_document_rows(con, docs[i:i + 20000])
            store_merge.insert_instance_rows(con, rows[i:i + 20000])
    return {"documents": len(docs), "event_mentions": len(rows)}


def _row(doc_id: str, sentence: str, a: str, b: str, etype: str, subtype, day: dt.date, rng) -> dict:
    first = sentence.index(" ", len(COUNTRIES[a]))
    return {"doc_id": doc_id, "idx": 0, "doc": doc_id, "event_id": None, "source": a, "target": b,
            "source_actor": json.dumps({"code": a, "sector": "GOV", "name": None, "role": None}),
            "target_actor": json.dumps({"code": b, "sector": "GOV", "name": None, "role": None}),
            "type": etype, "mode": None, "subtype": subtype, "cameo": None, "date": day.isoformat(),
            "date_precision": "day", "status": "asserted", "location": None, "location_country": None,
            "lat": None, "lon": None, "symmetric": etype in JOINT, "sentence": sentence, "sentence_start": 0,
            "sentence_end": len(sentence), "trigger": sentence[first + 1:first + 6], "trigger_start": first + 1,
            "trigger_end": first + 6, "source_start": 0, "source_end": len(COUNTRIES[a]), "target_start": None,
            "target_end": None, "confidence": round(rng.uniform(0.5, 0.95), 2), "coder_version": "bench"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: str, port: int, extra: list[str] | None = None) -> subprocess.Popen:
    args = ["--db", path, "serve", "--port", str(port), *(extra or [])]
    code = f"from amity.cli import main; main({args!r})"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not answer within 60 s")


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def load(base: str, url: str, requests: int, concurrency: int, seconds: float) -> dict:
    """Bounded: at most `requests` requests and `seconds` seconds for this page."""
    import httpx

    deadline = time.monotonic() + seconds
    latencies, errors = [], 0

    def one(_: int):
        if time.monotonic() > deadline:
            return None
        t0 = time.perf_counter()
        r = client.get(base + url)
        return (time.perf_counter() - t0) * 1000, r.status_code

    with httpx.Client(timeout=30, limits=httpx.Limits(max_connections=concurrency)) as client:
        client.get(base + url)  # warm-up (fills the per-snapshot cache)
        with ThreadPoolExecutor(concurrency) as pool:
            for result in pool.map(one, range(requests)):
                if result is None:
                    continue
                latencies.append(result[0])
                errors += result[1] != 200
    return {"url": url, "requests": len(latencies), "errors": errors,
            "p50_ms": round(_percentile(latencies, 50), 1), "p95_ms": round(_percentile(latencies, 95), 1),
            "p99_ms": round(_percentile(latencies, 99), 1)}


def uncached_overview(path: str, repeats: int = 30) -> dict:
    from amity import query

    times = []
    with db.session(path, read_only=True) as con:
        for _ in range(repeats):
            t0 = time.perf_counter()
            query.overview(con)
            times.append((time.perf_counter() - t0) * 1000)
    return {"url": "overview queries, no cache (in-process)", "requests": repeats, "errors": 0,
            "p50_ms": round(_percentile(times, 50), 1), "p95_ms": round(_percentile(times, 95), 1),
            "p99_ms": round(_percentile(times, 99), 1)}


PAGES = ["/api/overview", "/", "/events", "/events?pair={a},{b}&type=CONSULT", "/events?text=naval",
         "/api/events?actor={a}&since=2024-01-01", "/dyads/{a}/{b}", "/network", "/api/dyads"]


def top_pair(path: str) -> tuple[str, str]:
    from amity import query

    with db.session(path, read_only=True) as con:
        top = query.dyads(con, limit=1)[0]
    return top["pair_a"], top["pair_b"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--happenings", type=int, default=110_000)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60.0, help="time cap per page")
    ap.add_argument("--keep", help="keep the generated database at this path")
    ap.add_argument("--cache-mb", type=int, default=0,
                    help="the server's whole-response cache (default off: every request here repeats one "
                         "URL, so with it on this would time replays, not pages)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.keep or str(Path(tmp.name) / "bench.duckdb")
    t0 = time.perf_counter()
    counts = generate(path, args.happenings)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = merge(path)
    merge_s = time.perf_counter() - t0
    port = _free_port()
    t0 = time.perf_counter()
    server = start_server(path, port, ["--cache-mb", str(args.cache_mb)])
    start_s = time.perf_counter() - t0
    a, b = top_pair(path)
    try:
        results = [load(f"http://127.0.0.1:{port}", u.format(a=a, b=b), args.requests, args.concurrency,
                        args.seconds) for u in PAGES]
    finally:
        server.terminate()
        server.wait(timeout=30)
    results.append(uncached_overview(path))
    summary = {**counts, "events": report.events, "generate_s": round(gen_s, 1), "merge_s": round(merge_s, 1),
               "server_start_s": round(start_s, 1), "concurrency": args.concurrency, "results": results}
    if args.json:
        print(json.dumps(summary))
        return
    print(f"{counts['documents']:,} documents, {counts['event_mentions']:,} event reports -> "
          f"{report.events:,} merged events; generated in {gen_s:.1f} s, merged in {merge_s:.1f} s; "
          f"server up (first snapshot) in {start_s:.1f} s; {args.concurrency} concurrent clients")
    print("| page | requests | errors | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| `{r['url']}` | {r['requests']} | {r['errors']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} |")


if __name__ == "__main__":
    main()
