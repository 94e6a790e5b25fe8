"""Chart geometry computed on the server; templates draw it as SVG (no JavaScript, no CDN)."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from importlib import resources
from typing import Any

import networkx as nx

TYPE_COLORS = {
    "AGREE": "#2e7d32", "CONSULT": "#1e6fd9", "SUPPORT": "#5e9c3a", "CONCEDE": "#8bb04d",
    "COOPERATE": "#00897b", "AID": "#39a8a0", "RETREAT": "#a5c36b", "REQUEST": "#8e99a8",
    "ACCUSE": "#f08c1a", "REJECT": "#e8601c", "THREATEN": "#d93b30", "PROTEST": "#c2185b",
    "MOBILIZE": "#7b3fa0", "SANCTION": "#795548", "COERCE": "#b71c1c", "ASSAULT": "#5d0a0a",
}
# Cooperative types first, conflictual last: the order of stacks and of the legend.
TYPE_ORDER = ["AID", "COOPERATE", "AGREE", "RETREAT", "CONCEDE", "SUPPORT", "CONSULT", "REQUEST",
              "ACCUSE", "REJECT", "PROTEST", "SANCTION", "THREATEN", "MOBILIZE", "COERCE", "ASSAULT"]
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 40, 28, 12
MAX_EDGES = 150


def _type_key(etype: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(etype) if etype in TYPE_ORDER else len(TYPE_ORDER), etype)


def month_range(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _nice_max(value: float) -> int:
    """The smallest of 2, 4, 10, 20, 40, 100, ... that holds value (even, so halves are whole)."""
    top = 2
    while top < value:
        top = top * 5 // 2 if str(top).startswith("4") else top * 2
    return top


def _axis(top: int, height: int) -> list[dict[str, Any]]:
    return [{"y": PAD_TOP + (height - PAD_TOP - PAD_BOTTOM) * (1 - f), "label": f"{top * f:,.0f}"}
            for f in (0, 0.5, 1)]


def _label_every(n: int, width: int) -> int:
    return max(1, math.ceil(n * 56 / max(width - PAD_LEFT, 1)))


def stacked_months(rows: Sequence[dict[str, Any]], width: int = 860, height: int = 240) -> dict[str, Any]:
    """Bars per month, stacked by event type. rows: {month, type, events}."""
    if not rows:
        return {"width": width, "height": height, "bars": [], "axis": [], "labels": [], "legend": []}
    months = month_range(min(r["month"] for r in rows), max(r["month"] for r in rows))
    counts: dict[str, dict[str, int]] = {m: {} for m in months}
    for r in rows:
        counts[r["month"]][r["type"]] = counts[r["month"]].get(r["type"], 0) + int(r["events"])
    top = _nice_max(max(sum(c.values()) for c in counts.values()))
    plot_h = height - PAD_TOP - PAD_BOTTOM
    slot = (width - PAD_LEFT) / len(months)
    every = _label_every(len(months), width)
    bars, labels = [], []
    for i, month in enumerate(months):
        x, y = PAD_LEFT + i * slot + slot * 0.12, PAD_TOP + plot_h
        for etype in sorted(counts[month], key=_type_key):
            h = plot_h * counts[month][etype] / top
            y -= h
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(slot * 0.76, 1), "h": round(h, 1),
                         "color": TYPE_COLORS.get(etype, "#607d8b"),
                         "title": f"{month} {etype}: {counts[month][etype]}"})
        if i % every == 0:
            x = round(PAD_LEFT + (i + 0.5) * slot, 1)
            # A label centred on the last bars would run past the frame: end it at the edge.
            anchor = "end" if x + 24 > width else "middle"
            labels.append({"x": width - 2 if anchor == "end" else x, "label": month, "anchor": anchor})
    legend = [{"type": t, "color": TYPE_COLORS.get(t, "#607d8b")} for t in sorted({r["type"] for r in rows}, key=_type_key)]
    return {"width": width, "height": height, "bars": bars, "axis": _axis(top, height), "labels": labels,
            "legend": legend, "base_y": PAD_TOP + plot_h, "left": PAD_LEFT}


def balance_color(balance: float) -> str:
    """-1 (conflict, red) .. 0 (grey) .. +1 (cooperation, green)."""
    b = max(-1.0, min(1.0, balance))
    grey, end = (150, 155, 165), ((46, 125, 50) if b >= 0 else (198, 40, 40))
    rgb = [round(g + (e - g) * abs(b)) for g, e in zip(grey, end)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def network_layout(graph: nx.Graph, width: int = 860, height: int = 620, max_nodes: int = 40) -> dict[str, Any]:
    """The busiest actors on a circle (deterministic), edges weighted by events and coloured by
    cooperation/conflict balance."""
    nodes = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("events", 0), n))[:max_nodes]
    keep = set(nodes)
    cx, cy, radius = width / 2, height / 2, min(width, height) / 2 - 70
    pos = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        pos[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    edges = [(a, b, d) for a, b, d in graph.edges(data=True) if a in keep and b in keep]
    edges = sorted(edges, key=lambda e: (-e[2]["events"], e[0], e[1]))[:MAX_EDGES]
    heaviest = max((d["events"] for _, _, d in edges), default=1)
    biggest = max((graph.nodes[n].get("events", 1) for n in nodes), default=1)
    out_edges = [{"x1": round(pos[a][0], 1), "y1": round(pos[a][1], 1), "x2": round(pos[b][0], 1),
                  "y2": round(pos[b][1], 1), "w": round(1 + 7 * d["events"] / heaviest, 1),
                  "color": balance_color(d.get("balance", 0.0)), "a": a, "b": b,
                  "title": f"{a}-{b}: {d['events']} events, balance {d.get('balance', 0):+.2f}"}
                 for a, b, d in sorted(edges, key=lambda e: e[2]["events"])]
    out_nodes = []
    for node in nodes:
        x, y, angle = pos[node]
        r = 5 + 11 * math.sqrt(graph.nodes[node].get("events", 1) / biggest)
        out_nodes.append({"id": node, "x": round(x, 1), "y": round(y, 1), "r": round(r, 1),
                          "lx": round(x + (r + 14) * math.cos(angle), 1),
                          "ly": round(y + (r + 14) * math.sin(angle) + 4, 1),
                          "anchor": "start" if math.cos(angle) > 0.2 else ("end" if math.cos(angle) < -0.2 else "middle"),
                          "title": f"{node}: {graph.nodes[node].get('events', 0)} events"})
    return {"width": width, "height": height, "nodes": out_nodes, "edges": out_edges}


# -- the world map ------------------------------------------------------------------------------
MAP_WIDTH, MAP_HEIGHT = 1000, 500
CHOROPLETH = ("#fbfcfd", "#d4e4f7", "#a9c8ee", "#6fa2dd", "#3a78c2", "#1d4f91")  # none, then 5 steps


@functools.lru_cache(maxsize=1)
def world_shapes() -> tuple[tuple[str, str, str], ...]:
    """(iso3, name, SVG path) per country: amity/data/geo/world_110m.tsv (Natural Earth 1:110m)."""
    text = resources.files("amity.data").joinpath("geo/world_110m.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return tuple(tuple(ln.split("\t", 2)) for ln in lines[1:])  # type: ignore[misc]


def _project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon + 180) / 360 * MAP_WIDTH, 1), round((90 - lat) / 180 * MAP_HEIGHT, 1)


def _step(count: int, top: int) -> int:
    """0 for none, else 1..5 on a square-root scale of the busiest country."""
    if count <= 0 or top <= 0:
        return 0
    return min(5, 1 + int(4 * math.sqrt(count / top) + 1e-9))


def world_map(counts: dict[str, int], points: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A choropleth of event counts per country and a dot per located event (coloured by type).
    counts: ISO3 -> events involving it; points: {event_id, type, lat, lon, location, source,
    target}."""
    top = max(counts.values(), default=0)
    countries = []
    for code, name, d in world_shapes():
        n = counts.get(code, 0)
        countries.append({"code": code, "d": d, "fill": CHOROPLETH[_step(n, top)],
                          "title": f"{name} ({code}): {n} event{'s' if n != 1 else ''}", "events": n})
    dots = []
    for p in points:
        if p.get("lat") is None or p.get("lon") is None:
            continue
        x, y = _project(float(p["lon"]), float(p["lat"]))
        dots.append({"x": x, "y": y, "color": TYPE_COLORS.get(p["type"], "#555"), "href": f"/events/{p['event_id']}",
                     "title": f"{p['type']} {p['source']}–{p['target']} · {p.get('location') or ''}"})
    legend = [{"color": CHOROPLETH[0], "label": "none"}]
    seen: set[int] = set()
    for k in range(1, 6):  # each colour from the fewest events that reach it
        low = max(1, math.ceil(top * ((k - 1) / 4) ** 2)) if top else 0
        if top and low not in seen and _step(low, top) == k:
            seen.add(low)
            legend.append({"color": CHOROPLETH[k], "label": f"{low:,}+"})
    types = sorted({p["type"] for p in points if p.get("lat") is not None}, key=_type_key)
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "countries": countries, "dots": dots,
            "legend": legend, "types": types, "located": len(dots)}
