"""The actor network: actors as nodes, merged events between two actors as a weighted edge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

import duckdb
import networkx as nx

from amity.errors import InputError
from amity.query.filters import EventFilter
from amity.store import analytics as store

NETWORK_FORMATS = ("graphml", "gexf", "json")


def network(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, min_events: int = 1,
            max_edges: int = 500) -> nx.Graph:
    """Undirected graph; edge attributes events, reports, cooperation, conflict, mean_intensity,
    balance; node attribute events (merged events the actor takes part in, within the edges)."""
    graph = nx.Graph()
    for d in store.network_edges(con, flt, min_events=min_events, limit=max_edges):
        balance = (d["cooperation"] - d["conflict"]) / d["events"] if d["events"] else 0.0
        graph.add_edge(d["pair_a"], d["pair_b"], events=int(d["events"]), reports=int(d["reports"]),
                       cooperation=int(d["cooperation"]), conflict=int(d["conflict"]),
                       mean_intensity=float(d["mean_intensity"] or 0.0), balance=round(balance, 3))
    for node in graph.nodes:
        graph.nodes[node]["events"] = sum(graph.edges[node, other]["events"] for other in graph.neighbors(node))
        graph.nodes[node]["label"] = node
    return graph


def write_network(graph: nx.Graph, fmt: str, out: str | Path | TextIO) -> None:
    """graphml | gexf | json (node-link) to a path or a text stream."""
    if fmt not in NETWORK_FORMATS:
        raise InputError(f"unknown network format {fmt!r}", hint=f"Use one of: {', '.join(NETWORK_FORMATS)}.")
    if fmt == "json":
        text = json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1)
    else:
        lines = nx.generate_graphml(graph) if fmt == "graphml" else nx.generate_gexf(graph)
        text = "\n".join(lines)
    if hasattr(out, "write"):
        out.write(text + "\n")
    else:
        Path(out).write_text(text + "\n", encoding="utf-8")
