"""What a safe copy costs per page, next to poppler's ``pdftoppm`` alone.

Usage: ``python bench/safe_copy.py [--pages 20] [--runs 3]``

Builds a PDF of ``--pages`` pages (text and a photo on each, made here with
fpdf2 and Pillow), then in the same run times, per page:

- ``pdftoppm`` alone, rendering every page at the size safe copies use
  (``-scale-to 2000``) to PPM on a pipe: the floor, the rendering itself;
- ``tipline.safecopy.convert`` with ``SAFE_COPY_SANDBOX="none"``: the same
  worker without bubblewrap (pdfinfo, pdfdetach, pdftoppm, pixels through
  the pipe, JPEG encoding, the new PDF, previews);
- the same inside bubblewrap, as deployed.

It prints the median wall-clock seconds and CPU seconds (this process plus
its children) per page, and each as a ratio of ``pdftoppm`` alone, plus this
process's peak RSS. Wall-clock time is noisy on a shared machine, so compare
ratios within one run. The CPU column of the bubblewrap row undercounts:
processes inside the sandbox's own PID namespace are not (all) returned to
this process's child accounting, so read that row by its wall-clock ratio.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fpdf import FPDF  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from tipline.safecopy.convert import convert  # noqa: E402
from tipline.safecopy.settings import Settings  # noqa: E402

TEXT = (
    "On the night of the transfer the county jail held him past his release time "
    "and called the field office. Two officers arrived before the paperwork was done. "
) * 6


def sample_pdf(pages: int) -> bytes:
    photo = Image.new("RGB", (1200, 800), (90, 140, 200))
    draw = ImageDraw.Draw(photo)
    for i in range(0, 1200, 40):
        draw.line((i, 0, 1200 - i, 800), fill=(i % 255, 80, 160), width=3)
    jpeg = io.BytesIO()
    photo.save(jpeg, "JPEG", quality=85)
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Page {number + 1}. {TEXT}")
        pdf.image(io.BytesIO(jpeg.getvalue()), w=160)
    return bytes(pdf.output())


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(action: Callable[[], None], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``runs`` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = sample_pdf(args.pages)
    settings = Settings()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.pdf"  # synthetic, so a file is fine here
        path.write_bytes(data)
        command = ["pdftoppm", "-scale-to", str(settings.long_side), str(path)]

        def baseline() -> None:
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)

        def safe_copy(mode: str) -> Callable[[], None]:
            def action() -> None:
                convert([data], replace(settings, sandbox=mode))

            return action

        results = [("pdftoppm alone", *measure(baseline, args.runs))]
        results.append(("safe copy, no sandbox", *measure(safe_copy("none"), args.runs)))
        results.append(("safe copy, bubblewrap", *measure(safe_copy("bwrap"), args.runs)))
    base_wall, base_cpu = results[0][1], results[0][2]
    print(f"{args.pages}-page PDF ({len(data) / 1e6:.1f} MB), median of {args.runs} runs")
    print(f"{'':24} {'wall s/page':>12} {'x':>6} {'CPU s/page':>12} {'x':>6}")
    for name, wall, cpu in results:
        print(
            f"{name:24} {wall / args.pages:12.4f} {wall / base_wall:6.2f}"
            f" {cpu / args.pages:12.4f} {cpu / base_cpu:6.2f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this (calling) process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
