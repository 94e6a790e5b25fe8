"""No import loops inside amity: each module's imports (at the top or inside functions) form a
graph without cycles, so every module can be read, tested and replaced from the bottom up."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent / "amity"


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def import_graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                submodules = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in modules]
                # "from amity.events import context" imports the submodule, not the package's names
                targets = submodules + ([module] if len(submodules) < len(node.names) else [])
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rsplit(".", 1)[0] if "." in target else ""
                if target and target != name:
                    graph.add_edge(name, target)
    return graph


def test_the_graph_sees_the_imports():
    graph = import_graph()
    assert graph.has_edge("amity.web.app", "amity.web.deps") and graph.has_edge("amity.sources.feeds", "amity.sources.fetch")
    assert graph.number_of_nodes() > 80


def test_no_import_loops():
    cycles = sorted(" -> ".join(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], "import loops:\n" + "\n".join(cycles)
