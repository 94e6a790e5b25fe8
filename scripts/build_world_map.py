"""Write amity/data/geo/world_110m.tsv from Natural Earth's 1:110m countries (TopoJSON).

    .venv/bin/python scripts/build_world_map.py [SOURCE.json [OUT.tsv]]

TopoJSON stores shared borders once, as quantised, delta-encoded arcs; a country's rings list arc
indices (a negative index ~i is arc i reversed). Each ring becomes an SVG subpath in an
equirectangular projection onto 1000 x 500. Deterministic: the same input gives the same file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "amity" / "data" / "geo" / "countries-110m.json"
OUT = ROOT / "amity" / "data" / "geo" / "world_110m.tsv"
WIDTH, HEIGHT = 1000, 500
NO_NUMERIC = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}  # no ISO 3166 numeric code


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) / 360 * WIDTH, (90 - lat) / 180 * HEIGHT


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia, Fiji) made continuous: each longitude
    within 180 degrees of the one before, so it may run past 180 or below -180."""
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def path(rings: list[list[tuple[float, float]]]) -> str:
    """Each ring as a subpath; one that runs past the antimeridian is drawn again shifted by a
    full turn, so both of its sides show (the map's frame clips what falls outside)."""
    parts = []
    for points in rings:
        points = unwrap(points)
        lons = [lon for lon, _ in points]
        shifts = [0] + ([360] if min(lons) < -180 else []) + ([-360] if max(lons) > 180 else [])
        for shift in shifts:
            xy = [project(lon + shift, lat) for lon, lat in points]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
    return "".join(parts)


def iso3(numeric: str | None, name: str) -> str | None:
    if name in NO_NUMERIC:
        return NO_NUMERIC[name]
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_3 if country else None


def main(source: Path = SOURCE, out: Path = OUT) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    rows = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = iso3(geometry.get("id"), name)
        if code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            print(f"skipped: {name} (no ISO 3166 code)", file=sys.stderr)
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        rows.append((code, name, path(rings)))
    rows.sort()
    header = ("# Natural Earth 1:110m Admin 0 countries (public domain) via world-atlas 2.0.2 (ISC); "
              "written by scripts/build_world_map.py: iso3, name, SVG path on 1000 x 500 (equirectangular)\n")
    out.write_text(header + "iso3\tname\tpath\n" + "".join(f"{c}\t{n}\t{p}\n" for c, n, p in rows), encoding="utf-8")
    print(f"{len(rows)} countries -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE, Path(sys.argv[2]) if len(sys.argv) > 2 else OUT)
