"""What an input is, by its content: the name and declared type are the source's.

Only the formats this feature converts are recognised; everything else
(an executable renamed ``.pdf``, a zip of anything, HTML, text) is
``unsupported``. Office containers are told apart from other zips by the
entries their formats require, read with the standard zipfile module.
"""

from __future__ import annotations

import zipfile

from .errors import WorkerError

_IMAGE_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"BM",  # BMP
)
# ISO base media brands of HEIF/HEIC/AVIF still images.
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
_OFFICE_ENTRIES = ("[Content_Types].xml", "mimetype")  # OOXML, OpenDocument


def detect(head: bytes, fd: int) -> str:
    """``"pdf"``, ``"image"`` or ``"office"``; else WorkerError("unsupported")."""
    # PDF readers accept the header anywhere in the first KiB; so do we.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or _is_webp(head) or _is_heif(head):
        return "image"
    if head.startswith(_OLE2) or head.startswith(b"{\\rtf"):
        return "office"
    if head.startswith(b"PK\x03\x04") and _is_office_zip(fd):
        return "office"
    raise WorkerError("unsupported")


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _is_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _is_office_zip(fd: int) -> bool:
    try:
        with open(f"/proc/self/fd/{fd}", "rb") as handle, zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return any(entry in names for entry in _OFFICE_ENTRIES)
