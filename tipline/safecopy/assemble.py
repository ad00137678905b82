"""Pixels to a new PDF, previews and clean images: nothing of the original survives.

Each page arrives as bare RGB pixels from the sandbox. It is encoded here as
a fresh JPEG (Pillow writes a JFIF header with a resolution and nothing else:
no EXIF, no XMP, no comment), and the JPEGs become a PDF with img2pdf,
which embeds them as they are and, with ``nodate``, writes no document
information at all: no producer, no dates, no metadata stream, no scripts,
no embedded files. Only the encoded pages are kept in memory, one raw page
at a time.
"""

from __future__ import annotations

import io

import img2pdf
from PIL import Image

PAGE_QUALITY = 85
PREVIEW_QUALITY = 75
PREVIEW_PAGES = 3
PREVIEW_SIDE = 900
# Pages are rendered at most 2000 px on their long side; at this resolution
# such a page prints at A4 height (11.69 in).
PAGE_DPI = 171


def encode_jpeg(image: Image.Image, quality: int, dpi: int | None = None) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {"quality": quality}
    if dpi is not None:
        options["dpi"] = (dpi, dpi)
    image.save(out, "JPEG", **options)
    return out.getvalue()


class Assembler:
    """Collects pages as they arrive; :meth:`pdf` builds the safe copy."""

    def __init__(self, preview_pages: int = PREVIEW_PAGES) -> None:
        self.pages: list[bytes] = []
        self.previews: list[bytes] = []
        self.preview_pages = preview_pages

    def add(self, image: Image.Image) -> None:
        self.pages.append(encode_jpeg(image, PAGE_QUALITY, PAGE_DPI))
        if len(self.previews) < self.preview_pages:
            small = image.copy()
            small.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE), Image.Resampling.LANCZOS)
            self.previews.append(encode_jpeg(small, PREVIEW_QUALITY))

    def pdf(self) -> bytes:
        data: bytes = img2pdf.convert(self.pages, nodate=True, engine=img2pdf.Engine.internal)
        return data
