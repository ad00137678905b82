"""SVG pictures: well-formed, escaped, fitted, and honest about suppression."""

from __future__ import annotations

import gzip
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tipline.counties import counties_for
from tipline.export.aggregate import Breakdown, Cell, TipFacts, aggregate
from tipline.export.rendering.charts import SMALL_COLOUR, buckets, county_map_svg, time_series_svg
from tipline.export.rendering.shapes import bounds, county_shapes

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
PA = [c.fips for c in counties_for(["PA"])]
BERKS, LANCASTER, FULTON = "42011", "42071", "42057"


def pa_aggregates():
    data = [TipFacts(BERKS, "2023-01")] * 30 + [TipFacts(LANCASTER, "2023-02")] * 8
    data += [TipFacts(FULTON, "2023-03")]
    return aggregate(data, counties=PA)


def titles(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}title")]


def test_shape_file_covers_every_state_and_is_small():
    path = ROOT / "tipline" / "data" / "county_paths.json.gz"
    assert path.stat().st_size < 2_000_000
    data = json.loads(gzip.decompress(path.read_bytes()))
    assert len(data["counties"]) > 3100 and len(data["states"]) == 51
    assert len(county_shapes(["PA"])) == 67


def test_map_has_every_county_with_a_title_and_a_legend():
    svg = county_map_svg(pa_aggregates().by_county, states=["PA"], title="Tips & <counties>")
    root = ET.fromstring(svg)
    paths = [p for p in root.iter(f"{SVG}path") if p.find(f"{SVG}title") is not None]
    assert len(paths) == 67
    names = titles(svg)
    assert "Tips & <counties>" in names  # escaped in the markup, intact when parsed
    assert "Fulton County, PA: fewer than 3 tips" in names
    assert "Lancaster County, PA: 8 tips" in names
    assert "Berks County, PA: at least 8 tips" in names  # withheld: lower bound only
    assert "fewer than 3" in svg and "<script" not in svg
    fulton = next(p for p in paths if "Fulton" in (p.find(f"{SVG}title").text or ""))
    assert fulton.get("fill") == SMALL_COLOUR


def test_map_view_box_fits_the_chosen_states():
    one = ET.fromstring(county_map_svg(pa_aggregates().by_county, states=["PA"]))
    two = ET.fromstring(county_map_svg(pa_aggregates().by_county, states=["PA", "NJ"]))
    assert len(list(two.iter(f"{SVG}path"))) > len(list(one.iter(f"{SVG}path")))
    x0, y0, x1, y1 = bounds(county_shapes(["PA"]))
    assert 700 < x0 < x1 < 900 and 100 < y0 < y1 < 300  # Albers USA: PA is in the north-east
    group = one.find(f"{SVG}g")
    assert group is not None and "scale(" in group.get("transform", "")


def test_unpublished_breakdown_shows_no_counts():
    cells = tuple(Cell(f, f, "small", None, 3) for f in PA)
    svg = county_map_svg(Breakdown("county", cells, published=False), states=["PA"])
    assert "not published" in svg
    assert all(t.endswith("not published") for t in titles(svg)[1:68])


def test_time_series_axes_and_suppressed_bars():
    result = pa_aggregates()
    svg = time_series_svg(result.by_month, title="By month")
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Month" in texts and "Tips" in texts
    assert "2023-01" in texts and "2023-03" in texts
    assert "&lt;3" in svg and "30+" not in svg  # January is withheld, drawn to its bound
    assert "8+" in texts
    assert len([r for r in root.iter(f"{SVG}rect")]) == 3


def test_buckets_are_nice_and_start_at_the_threshold():
    assert buckets(40, 3) == [(3, 5), (5, 10), (10, 20), (20, None)]
    assert buckets(3, 3) == [(3, None)]


def test_map_reads_only_the_committed_file(monkeypatch):
    # No network, no npm: the module never imports a downloader.
    import tipline.export.rendering.shapes as shapes

    assert "urllib" not in sys.modules["tipline.export.rendering.shapes"].__dict__
    assert re.search(r"county_paths\.json\.gz", Path(shapes.__file__).read_text())
