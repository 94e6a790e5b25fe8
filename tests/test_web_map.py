"""The world map's data: built from the bundled Natural Earth file by the repository's script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pycountry

from amity.web.charts import world_map, world_shapes

REPO = Path(__file__).resolve().parent.parent
GEO = REPO / "amity" / "data" / "geo"


def test_the_map_file_is_what_the_script_makes_of_the_bundled_source(tmp_path):
    out = tmp_path / "world.tsv"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_world_map.py"), str(GEO / "countries-110m.json"),
                    str(out)], check=True, capture_output=True, timeout=120)
    assert out.read_bytes() == (GEO / "world_110m.tsv").read_bytes()
    assert (GEO / "world-atlas-LICENSE").is_file() and "Natural Earth" in (GEO / "README.md").read_text()


def test_every_country_has_a_code_and_an_outline_inside_the_frame():
    shapes = world_shapes()
    assert len(shapes) == 177 and len({code for code, _, _ in shapes}) == 177
    known = {c.alpha_3 for c in pycountry.countries}
    assert sum(code in known for code, _, _ in shapes) >= 174  # and Kosovo, N. Cyprus, Somaliland
    for code in ("JPN", "USA", "RUS", "FJI", "BRA", "AUS"):
        assert code in {c for c, _, _ in shapes}
    by_code = {c: d for c, _, d in shapes}
    assert by_code["RUS"].count("M") >= 2  # across the antimeridian: drawn on both edges


def test_choropleth_steps_and_dots():
    m = world_map({"JPN": 40, "USA": 10, "PHL": 1},
                  [{"event_id": "e1", "type": "ASSAULT", "lat": 14.6, "lon": 121.0, "location": "Manila",
                    "source": "CHN", "target": "PHL"}, {"event_id": "e2", "type": "AGREE", "lat": None, "lon": None,
                                                        "source": "JPN", "target": "PHL"}])
    fills = {c["code"]: c["fill"] for c in m["countries"]}
    assert fills["JPN"] != fills["USA"] != fills["PHL"] != fills["BRA"]
    assert m["located"] == 1 and m["dots"][0]["href"] == "/events/e1" and 0 < m["dots"][0]["x"] < 1000
    assert m["legend"][0]["label"] == "none" and m["types"] == ["ASSAULT"]


def test_month_labels_stay_inside_the_chart():
    from amity.web.charts import stacked_months

    ends = 0
    for months in range(1, 40):
        rows = [{"month": f"{2020 + m // 12}-{m % 12 + 1:02d}", "type": "AGREE", "events": 2} for m in range(months)]
        for label in stacked_months(rows, width=860)["labels"]:
            half = 22 if label["anchor"] == "middle" else 0  # a YYYY-MM label at 11px is about 44px wide
            assert label["x"] + half <= 860
            ends += label["anchor"] == "end"
    assert ends  # some charts put their last label against the edge
