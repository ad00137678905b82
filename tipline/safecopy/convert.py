"""Plaintext in, a safe copy out: the sandboxed worker, then the clean rebuild."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tipline.safecopy.assemble import Assembler
from tipline.safecopy.inside.protocol import FIELDS
from tipline.safecopy.sandbox import run
from tipline.safecopy.settings import Settings

__all__ = ["FIELDS", "Conversion", "convert"]


@dataclass(frozen=True)
class Conversion:
    """A finished safe copy: the new PDF, previews, and what the original carried."""

    kind: str  # "pdf", "image" or "office": what the content turned out to be
    pages: int
    found: list[tuple[str, str]]  # (category, field code); labels in FIELDS
    pdf: bytes
    page_jpegs: list[bytes]
    previews: list[bytes]
    sandboxed: bool


def convert(chunks: Iterable[bytes], settings: Settings) -> Conversion:
    """Make a safe copy of the plaintext in ``chunks``; SafeCopyError if none can be made."""
    assembler = Assembler()
    report = run(chunks, settings, assembler.add)
    return Conversion(
        kind=report.kind,
        pages=report.pages,
        found=report.found,
        pdf=assembler.pdf(),
        page_jpegs=assembler.pages,
        previews=assembler.previews,
        sandboxed=settings.sandbox == "bwrap",
    )
