"""Safe copies: attachments rendered to pixels in a sandbox, rebuilt as clean files.

A file from a source may attack the reader's computer or identify its
author through metadata. A safe copy is the file's pages as images in a new
PDF (tipline.safecopy.assemble) that carries no metadata, scripts or embedded
files; the original's identifying metadata is listed, not kept.

- :func:`convert` (here): plaintext chunks in, :class:`Conversion` out. The
  parsing of the hostile file happens in a sandboxed subprocess
  (tipline.safecopy.sandbox, running tipline.safecopy.inside); only bounded
  pixels come back. Raises :class:`SafeCopyError` with one clear sentence.
- tipline.safecopy.service: the same for a stored attachment, sealed to the
  organization (tipline.models.safe_copy); never commits.
- tipline.safecopy.settings: limits and the sandbox mode.

No Flask here; the review app (tipline.review.safe_copies) and the CLI
(``tipline safe-copy``) are the callers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tipline.safecopy.assemble import Assembler
from tipline.safecopy.errors import ConversionError, SafeCopyError, SandboxUnavailableError
from tipline.safecopy.inside.protocol import FIELDS
from tipline.safecopy.sandbox import run
from tipline.safecopy.settings import Settings, settings_from_config

__all__ = [
    "FIELDS",
    "Conversion",
    "ConversionError",
    "SafeCopyError",
    "SandboxUnavailableError",
    "Settings",
    "convert",
    "settings_from_config",
]

CATEGORY_LABELS = {
    "gps": "GPS location",
    "author": "Author",
    "device": "Device",
    "times": "Times",
    "text": "Titles, descriptions and comments",
    "xmp": "XMP metadata",
    "active": "Scripts, embedded files and forms",
    "other": "Other metadata",
}


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
