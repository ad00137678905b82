"""Build tipline/data/county_paths.json.gz from us-atlas' counties-albers-10m.json.

Usage (the npm registry is only needed here, never at run time)::

    cd "$(mktemp -d)" && npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python tools/build_county_shapes.py package/counties-albers-10m.json

The input is TopoJSON already projected with d3.geoAlbersUsa to a 975x610
viewport. This script decodes it (quantized, delta-encoded arcs; negative arc
indices mean "reversed"), stitches each county's rings, rounds coordinates to
:data:`PRECISION` decimals and writes one SVG path string per county FIPS plus
one per state, with bounding boxes for fitting a viewBox. See
tipline/data/COUNTY_SHAPES.md for the source and licence.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
from pathlib import Path
from typing import Any

PRECISION = 1  # decimals; 0.1 unit of a 975-wide map is well below a pixel
OUT = Path(__file__).resolve().parent.parent / "tipline" / "data" / "county_paths.json.gz"

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute coordinates of every arc (undoing delta and quantization)."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        points: list[Point] = []
        x = y = 0.0
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Stitch a ring from arc indices; ``~i`` (negative) is arc i reversed."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share an end point; keep it once.
        points.extend(arc[1:] if points else arc)
    return points


def _fmt(value: float, precision: int = PRECISION) -> str:
    text = f"{value:.{precision}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def ring_path(points: list[Point], precision: int = PRECISION) -> str:
    """A closed SVG sub-path: absolute move, then relative line deltas."""
    scale = 10**precision
    rounded: list[tuple[int, int]] = []
    for x, y in points:
        q = (round(x * scale), round(y * scale))
        if not rounded or q != rounded[-1]:
            rounded.append(q)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    if len(rounded) < 3:
        return ""
    x0, y0 = rounded[0]
    parts = [f"M{_fmt(x0 / scale, precision)},{_fmt(y0 / scale, precision)}l"]
    deltas = []
    for (ax, ay), (bx, by) in itertools.pairwise(rounded):
        deltas.append(f"{_fmt((bx - ax) / scale, precision)},{_fmt((by - ay) / scale, precision)}")
    parts.append(" ".join(deltas))
    parts.append("z")
    return "".join(parts)


def geometry_path(geometry: dict[str, Any], arcs: list[list[Point]]) -> tuple[str, list[float]]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    paths: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    for polygon in polygons:
        for ring in polygon:
            points = ring_points(ring, arcs)
            # Tiny places (independent cities) vanish when rounded: keep them
            # at a finer precision rather than drop a county from the map.
            path = ring_path(points) or ring_path(points, PRECISION + 2)
            if path:
                paths.append(path)
                xs += [p[0] for p in points]
                ys += [p[1] for p in points]
    if not paths:
        # A few tiny independent cities are simplified away in the source
        # (Falls Church, Lexington, Manassas Park): draw a small diamond at
        # their location so they still get a colour and a title.
        all_points = [
            p for polygon in polygons for ring in polygon for p in ring_points(ring, arcs)
        ]
        cx = sum(p[0] for p in all_points) / len(all_points)
        cy = sum(p[1] for p in all_points) / len(all_points)
        diamond = [(cx, cy - 0.6), (cx + 0.6, cy), (cx, cy + 0.6), (cx - 0.6, cy)]
        paths.append(ring_path(diamond))
        xs, ys = [p[0] for p in diamond], [p[1] for p in diamond]
    bbox = [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]
    return "".join(paths), bbox


def build(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    result: dict[str, Any] = {
        "source": "us-atlas 3.0.1 counties-albers-10m.json (Census 2017 cartographic boundaries)",
        "viewport": [975, 610],
        "counties": {},
        "states": {},
    }
    for kind in ("counties", "states"):
        for geometry in topology["objects"][kind]["geometries"]:
            if geometry.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            path, bbox = geometry_path(geometry, arcs)
            result[kind][geometry["id"]] = {
                "name": geometry["properties"]["name"],
                "bbox": bbox,
                "d": path,
            }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="counties-albers-10m.json from us-atlas")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    data = build(topology)
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the committed file byte-identical across rebuilds.
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(
        f"{len(data['counties'])} counties, {len(data['states'])} states, "
        f"{len(raw)} bytes of JSON, {args.out.stat().st_size} gzipped -> {args.out}"
    )


if __name__ == "__main__":
    main()
