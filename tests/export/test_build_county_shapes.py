"""tools/build_county_shapes.py decodes TopoJSON correctly."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import load_script

ROOT = Path(__file__).resolve().parents[2]


def load_tool():
    return load_script(ROOT / "tools" / "build_county_shapes.py", "build_county_shapes")


TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
    # Arc 0: (0,0) -> (4,0) -> (4,4); arc 1: (4,4) -> (0,4) -> (0,0), delta-encoded.
    "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]],
    "objects": {
        "counties": {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "Polygon",
                    "arcs": [[0, 1]],
                    "id": "99001",
                    "properties": {"name": "Square"},
                },
                {
                    "type": "Polygon",
                    "arcs": [[-2, -1]],
                    "id": "99002",
                    "properties": {"name": "Back"},
                },
            ],
        },
        "states": {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "MultiPolygon",
                    "arcs": [[[0, 1]]],
                    "id": "99",
                    "properties": {"name": "S"},
                },
            ],
        },
    },
}


def test_decode_quantized_delta_arcs():
    tool = load_tool()
    arcs = tool.decode_arcs(TOPOLOGY)
    assert arcs[0] == [(10.0, 20.0), (12.0, 20.0), (12.0, 28.0)]
    assert arcs[1][-1] == (10.0, 20.0)


def test_rings_stitch_and_reverse():
    tool = load_tool()
    arcs = tool.decode_arcs(TOPOLOGY)
    forward = tool.ring_points([0, 1], arcs)
    backward = tool.ring_points([-2, -1], arcs)
    assert len(forward) == 5  # shared end points kept once
    assert backward == forward[::-1]


def test_build_writes_paths_and_bboxes():
    tool = load_tool()
    data = tool.build(TOPOLOGY)
    square = data["counties"]["99001"]
    assert square["name"] == "Square"
    assert square["bbox"] == [10.0, 20.0, 12.0, 28.0]
    assert square["d"] == "M10,20l2,0 0,8 -2,0z"
    assert data["states"]["99"]["d"] == square["d"]
