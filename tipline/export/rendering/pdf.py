"""The PDF report for organizers, made with fpdf2.

``build_report(summaries, aggregates, states=..., generated_month=...)``
returns PDF bytes: a title page (title, organization, period, the total),
a page of figures (the county map and the monthly series, embedded as the
same SVG the web view shows), tag counts, then the approved summaries
grouped by county. It contains only what it is given - approved summaries and
suppressed aggregates - and no exact time: the PDF's creation date is set to
the first day of ``generated_month``.

Font: Lato from the ``font-lato`` package (SIL OFL), registered under the
family name the charts ask for, so Spanish text and chart labels share it.
Fallbacks: DejaVu Sans from Debian's fonts-dejavu-core, then fpdf2's built-in
Helvetica with text folded to Latin-1 (accents survive; curly quotes and
dashes become ASCII; anything else becomes "?").
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from fpdf import FPDF

from tipline.export.aggregate import Aggregates, check_month
from tipline.export.rendering.charts import county_map_svg, time_series_svg
from tipline.export.rendering.formats import ExportSummary

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_TITLE_TAG = re.compile(r"<title>.*?</title>", re.DOTALL)
_ASCII = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "…": "...",
        "≥": ">=",
        "•": "-",
        "\u00a0": " ",
    }
)


def _font_files() -> tuple[str, Path, Path] | None:
    """(family, regular, bold) of the first Unicode font available."""
    try:
        files = resources.files("font_lato").joinpath("files")
        regular, bold = files.joinpath("Lato-Regular.ttf"), files.joinpath("Lato-Bold.ttf")
        if regular.is_file() and bold.is_file():
            return "Lato", Path(str(regular)), Path(str(bold))
    except ModuleNotFoundError:
        pass
    if (DEJAVU / "DejaVuSans.ttf").is_file() and (DEJAVU / "DejaVuSans-Bold.ttf").is_file():
        return "DejaVu Sans", DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    return None


class _Report(FPDF):
    def __init__(self, fonts: tuple[str, Path, Path] | None) -> None:
        super().__init__(format="Letter")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        if fonts:
            family, regular, bold = fonts
            self.add_font(family, "", str(regular))
            self.add_font(family, "B", str(bold))
            self.body_font = family
            self.has_unicode = True
        else:
            self.body_font = "helvetica"
            self.has_unicode = False

    def text_of(self, value: str) -> str:
        if self.has_unicode:
            return value
        return value.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")

    def heading(self, value: str, size: int = 16) -> None:
        self.set_font(self.body_font, "B", size)
        self.multi_cell(0, size * 0.5, self.text_of(value), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def para(self, value: str, size: int = 11, style: str = "") -> None:
        self.set_font(self.body_font, style, size)
        self.multi_cell(0, size * 0.45, self.text_of(value), new_x="LMARGIN", new_y="NEXT")

    def svg(self, markup: str, width: float) -> None:
        # fpdf2 ignores <title> (and logs each one); the PDF has its own text.
        data = _TITLE_TAG.sub("", markup).encode("utf-8")
        self.image(io.BytesIO(data), x=self.l_margin, w=width)
        self.ln(4)


def _period(aggregates: Aggregates) -> str:
    if not aggregates.months:
        return "no tips in the period"
    return f"{aggregates.months[0]} to {aggregates.months[-1]}"


def build_report(
    summaries: Sequence[ExportSummary],
    aggregates: Aggregates,
    *,
    states: Sequence[str],
    generated_month: str,
    title: str = "What the tips show",
    organization: str = "",
) -> bytes:
    """The report as PDF bytes."""
    year, month = map(int, check_month(generated_month).split("-"))
    pdf = _Report(_font_files())
    pdf.set_creation_date(datetime(year, month, 1, tzinfo=UTC))
    pdf.set_title(pdf.text_of(title))
    pdf.set_producer("tipline")

    pdf.add_page()
    pdf.ln(50)
    pdf.heading(title, 24)
    if organization:
        pdf.para(organization, 14)
    pdf.ln(4)
    pdf.para(f"Period: {_period(aggregates)}")
    pdf.para(f"Tips received: {aggregates.total.display}")
    pdf.para(f"Approved summaries: {len(summaries)}")
    pdf.para(f"Prepared: {generated_month}")
    pdf.ln(6)
    pdf.para(
        f'Counts below {aggregates.threshold} are shown as "<{aggregates.threshold}". '
        "Where a breakdown has such a count, its largest figure is shown only as a lower "
        'bound ("N+"), so that no small count can be worked out from the total.',
        9,
    )

    pdf.add_page()
    pdf.heading("Figures")
    # fpdf2's SVG renderer logs each element it skips; keep the report quiet.
    svg_logger = logging.getLogger("fpdf.svg")
    level = svg_logger.level
    svg_logger.setLevel(logging.ERROR)
    try:
        pdf.svg(county_map_svg(aggregates.by_county, states=states), pdf.epw * 0.8)
        pdf.svg(time_series_svg(aggregates.by_month), pdf.epw)
    finally:
        svg_logger.setLevel(level)
    if aggregates.by_tag.published and aggregates.by_tag.cells:
        pdf.heading("Tips by topic", 13)
        for cell in aggregates.by_tag.cells:
            shown = f"{cell.value}+" if cell.status == "withheld" else cell.display
            pdf.para(f"{cell.label}: {shown}", 10)

    pdf.add_page()
    pdf.heading("Summaries")
    by_county: dict[str, list[ExportSummary]] = {}
    for summary in summaries:
        by_county.setdefault(summary.county_name, []).append(summary)
    # Unknown counties last; otherwise alphabetical.
    order = sorted(by_county, key=lambda name: (name.startswith(("Other", "Unknown")), name))
    for county in order:
        pdf.heading(county, 13)
        for summary in sorted(by_county[county], key=lambda s: (s.month, s.summary_id)):
            meta = [summary.month, "case" if summary.scope == "case" else "tip"]
            if summary.case_status:
                meta.append(summary.case_status)
            if summary.tags:
                meta.append(", ".join(summary.tags))
            pdf.para(" · ".join(meta) if pdf.has_unicode else " - ".join(meta), 9, "B")
            pdf.para(summary.summary_text, 11)
            pdf.ln(3)
    return bytes(pdf.output())
