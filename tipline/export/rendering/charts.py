"""Server-side SVG pictures for exports: a county map and a monthly series.

Both take a suppressed :class:`~tipline.export.aggregate.Breakdown` (never raw
counts, so a picture cannot show more than the table) and return SVG markup as
``str``; no JavaScript, no external resources, every text escaped with
markupsafe. A view can serve them inline (``Markup(svg)``) and the PDF report
embeds the same strings with fpdf2, so the markup sticks to what fpdf2's SVG
renderer understands: paths, rects, lines, text, ``<g transform>``.

- :func:`county_map_svg`: choropleth of the chosen states; buckets from
  :func:`buckets`; "fewer than 3" (small) counties in their own grey class;
  a withheld (largest) county coloured by its published lower bound, which
  is always in the top bucket; a ``<title>`` on every county for screen
  readers and hover; the viewBox fits the chosen states.
- :func:`time_series_svg`: bars per month with axis labels; small months as a
  grey bar up to the threshold, labelled "<3"; a withheld month drawn to its
  lower bound and labelled "N+".

Text uses :data:`FONT_FAMILY`; the PDF report registers a Unicode font under
one of those names. Chart labels themselves stay within Latin-1 ("5-9",
"12+") so they also render with fpdf2's built-in fonts.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from tipline.export.aggregate import Breakdown, Cell
from tipline.export.rendering.shapes import bounds, county_shapes, state_shapes

PALETTE = ("#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c", "#c0392b")
FONT_FAMILY = "Lato, 'DejaVu Sans', sans-serif"
_FONT = f'font-family="{FONT_FAMILY}"'
SMALL_COLOUR = "#d9d9d9"
NO_DATA_COLOUR = "#f4f4f4"
_STEPS = (1, 2, 5)


def buckets(maximum: int, threshold: int, count: int = 5) -> list[tuple[int, int | None]]:
    """Up to ``count`` half-open ranges ``[low, high)`` starting at the
    threshold, on a 1-2-5 scale; the last one is open (``high is None``)."""
    edges = [threshold]
    scale = 1
    while len(edges) < count:
        for step in _STEPS:
            edge = step * scale
            if edge > edges[-1] and len(edges) < count:
                edges.append(edge)
        scale *= 10
        if edges[-1] > maximum:
            break
    while len(edges) > 1 and edges[-1] > maximum:
        edges.pop()
    return [(low, edges[i + 1] if i + 1 < len(edges) else None) for i, low in enumerate(edges)]


def _ticks(peak: int, wanted: int = 5) -> list[int]:
    """Evenly spaced axis ticks on a 1-2-5 step, the last one >= ``peak``."""
    step, scale = 1, 1
    while True:
        for factor in _STEPS:
            step = factor * scale
            if peak / step <= wanted:
                count = -(-peak // step)
                return [step * i for i in range(1, count + 1)]
        scale *= 10


def _bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return str(low) if high == low + 1 else f"{low}-{high - 1}"


def _colour(cell: Cell | None, ranges: list[tuple[int, int | None]]) -> str:
    if cell is None:
        return NO_DATA_COLOUR
    if cell.status == "small" or cell.value is None:
        return SMALL_COLOUR
    index = max(i for i, (low, _) in enumerate(ranges) if cell.value >= low)
    return PALETTE[round(index * (len(PALETTE) - 1) / max(1, len(ranges) - 1))]


def _short(cell: Cell) -> str:
    if cell.status == "small":
        return f"<{cell.threshold}"
    return f"{cell.value}+" if cell.status == "withheld" else str(cell.value)


def _describe(cell: Cell | None, name: str, published: bool) -> str:
    if not published or cell is None:
        return f"{name}: not published"
    if cell.status == "small":
        return f"{name}: fewer than {cell.threshold} tips"
    if cell.status == "withheld":
        return f"{name}: at least {cell.value} tips"
    return f"{name}: {cell.value} tips"


def county_map_svg(
    counts: Breakdown, *, states: Sequence[str], title: str = "Tips by county", width: int = 720
) -> str:
    """A choropleth of ``counts`` (a county breakdown) over ``states``."""
    shapes = county_shapes(list(states))
    x0, y0, x1, y1 = bounds(shapes)
    pad = 8.0
    scale = (width - 2 * pad) / max(x1 - x0, 1e-6)
    map_height = (y1 - y0) * scale
    threshold = counts.cells[0].threshold if counts.cells else 3
    cells = {c.key: c for c in counts.cells} if counts.published else {}
    values = [c.value for c in cells.values() if c.value is not None]
    ranges = buckets(max(values, default=threshold), threshold)
    legend_top = 40 + map_height + 12
    height = legend_top + 24 * (len(ranges) + 1) + 16
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{pad}" y="24" {_FONT} font-size="16">{escape(title)}</text>',
        f'<g transform="translate({pad - x0 * scale:.2f} {40 - y0 * scale:.2f}) '
        f'scale({scale:.4f})">',
    ]
    stroke = 0.6 / scale
    for shape in shapes:
        cell = cells.get(shape.fips)
        name = cell.label if cell else shape.name
        out.append(
            f'<path d="{shape.d}" fill="{_colour(cell, ranges)}" stroke="#ffffff" '
            f'stroke-width="{stroke:.3f}"><title>'
            f"{escape(_describe(cell, name, counts.published))}</title></path>"
        )
    for shape in state_shapes(list(states)):
        out.append(
            f'<path d="{shape.d}" fill="none" stroke="#555555" stroke-width="{2 * stroke:.3f}"/>'
        )
    out.append("</g>")
    legend = [(SMALL_COLOUR, f"fewer than {threshold}")]
    legend += [
        (_colour(Cell("", "", "exact", low, threshold), ranges), _bucket_label(low, high))
        for low, high in ranges
    ]
    if not counts.published:
        legend = [(NO_DATA_COLOUR, "not published: too few tips to break down")]
    for i, (colour, label) in enumerate(legend):
        y = legend_top + 24 * i
        out.append(
            f'<rect x="{pad}" y="{y:.1f}" width="18" height="14" fill="{colour}" '
            f'stroke="#888888" stroke-width="0.5"/>'
        )
        out.append(
            f'<text x="{pad + 26}" y="{y + 12:.1f}" {_FONT} font-size="12">{escape(label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def time_series_svg(
    counts: Breakdown, *, title: str = "Tips by month", width: int = 720, height: int = 300
) -> str:
    """Bars for a month breakdown, with axis labels."""
    cells = list(counts.cells) if counts.published else []
    threshold = counts.cells[0].threshold if counts.cells else 3
    left, right, top, bottom = 56.0, 16.0, 40.0, 64.0
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([threshold, *(c.value or 0 for c in cells)])
    ticks = _ticks(peak)
    top_value = ticks[-1]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="8" y="24" {_FONT} font-size="16">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#333333" stroke-width="1"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333333" '
        'stroke-width="1"/>',
    ]
    for tick in [0, *ticks]:
        y = top + plot_h - plot_h * tick / top_value
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" {_FONT} '
            f'font-size="11" text-anchor="end">{tick}</text>'
        )
        out.append(
            f'<line x1="{left - 3}" y1="{y:.1f}" x2="{left}" y2="{y:.1f}" '
            'stroke="#333333" stroke-width="1"/>'
        )
    if not cells:
        out.append(
            f'<text x="{left + 8}" y="{top + plot_h / 2:.1f}" {_FONT} '
            'font-size="12">Not published: too few tips to break down by month</text>'
        )
    slot = plot_w / max(1, len(cells))
    label_every = max(1, round(len(cells) / 12))
    for i, cell in enumerate(cells):
        value = threshold if cell.status == "small" else (cell.value or 0)
        bar_h = plot_h * value / top_value
        x = left + i * slot + slot * 0.15
        colour = SMALL_COLOUR if cell.status == "small" else PALETTE[4]
        out.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar_h:.1f}" fill="{colour}"><title>'
            f"{escape(_describe(cell, cell.label, True))}</title></rect>"
        )
        if cell.status != "exact":
            out.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h - bar_h - 4:.1f}" '
                f'{_FONT} font-size="10" text-anchor="middle">'
                f"{escape(_short(cell))}</text>"
            )
        if i % label_every == 0:
            out.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h + 16:.1f}" '
                f'{_FONT} font-size="10" text-anchor="middle">'
                f"{escape(cell.key)}</text>"
            )
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 12}" {_FONT} '
        'font-size="12" text-anchor="middle">Month</text>'
    )
    out.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" {_FONT} '
        f'font-size="12" text-anchor="middle" transform="rotate(-90 14 '
        f'{top + plot_h / 2:.1f})">Tips</text>'
    )
    out.append("</svg>")
    return "\n".join(out)
