"""Safe response headers for files a source uploaded.

A file from a source is hostile until proven otherwise. The reviewer's
browser must save it, never render it in the review site's origin: so the
disposition is always ``attachment``, sniffing is off, a sandboxing CSP
applies (tipline.security.DOWNLOAD_CSP), and the declared type is passed on
only when it is in a short allowlist of types browsers do not execute
(no HTML, SVG, XML or JavaScript); everything else is
``application/octet-stream``.

The file name is the source's, cleaned: no path, no control or invisible
characters (a right-to-left override can make ``evil‮fdp.exe`` look like a
PDF), no leading dots; an ASCII fallback plus the RFC 5987 ``filename*`` form
for non-ASCII names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

SAFE_CONTENT_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "text/plain",
        "audio/mpeg",
        "audio/ogg",
        "audio/wav",
        "audio/mp4",
        "video/mp4",
        "video/webm",
        "video/quicktime",
    }
)


@dataclass(frozen=True)
class FileDownload:
    """A decrypted file on its way out, as a download service returns it.

    ``chunks`` is the checked stream (tipline.tips.content.decrypt_attachment);
    ``content_type`` and ``filename`` are what the source declared, which
    :func:`download_content_type` and :func:`content_disposition` make safe;
    ``size`` is the declared plaintext size (``None``: not listed).
    """

    chunks: Iterable[bytes]
    content_type: str
    filename: str
    size: int | None


FALLBACK_NAME = "attachment"
MAX_NAME_LENGTH = 120
# Spaces and controls become a plain space; invisible characters vanish.
_AS_SPACE = {"Zs", "Zl", "Zp", "Cc"}
_DROPPED = {"Cf", "Cs", "Co", "Cn"}
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._()\- ]+")


def download_content_type(declared: str) -> str:
    """The declared type if allowlisted (parameters dropped), else octet-stream."""
    base = declared.split(";", 1)[0].strip().lower()
    return base if base in SAFE_CONTENT_TYPES else "application/octet-stream"


def _clean_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in _AS_SPACE:
        return " "
    return "" if category in _DROPPED else ch


def safe_filename(raw: str) -> str:
    """A cleaned file name (may be non-ASCII) that is never empty."""
    name = unicodedata.normalize("NFC", raw)
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(_clean_char(ch) for ch in name)
    name = " ".join(name.split()).lstrip(". ").rstrip(". ")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip() + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH].rstrip()
    return name or FALLBACK_NAME


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _ASCII_UNSAFE.sub("_", ascii_text).strip(" ._")


def ascii_filename(name: str) -> str:
    """An ASCII-only stand-in for ``name`` for clients without RFC 5987."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem, ext = _fold(stem), _fold(ext)
    if not stem.strip("_"):
        stem = FALLBACK_NAME
    return f"{stem}.{ext}" if ext else stem


def content_disposition(raw_name: str) -> str:
    """``attachment`` with a quoted ASCII name and, if needed, ``filename*``."""
    name = safe_filename(raw_name)
    fallback = ascii_filename(name)
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header
