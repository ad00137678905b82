"""Inputs for safe-copy tests, made here (nothing is downloaded or read from shared/).

- :func:`gps_photo`: a JPEG photo with a real EXIF block (camera, owner,
  times, a GPS IFD), XMP and a comment, written by Pillow;
- :func:`build_pdf`: a PDF assembled object by object with a correct xref
  table, so each hostile feature is exactly what the test says it is;
- the hostile files the issue names: a PDF with JavaScript, an embedded
  file and an author; 10,000 pages; a malformed PDF; a font that points at
  ``/etc/passwd``; a decompression bomb; a 50,000 x 50,000 image; an
  executable renamed ``.pdf``.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw

AUTHOR = "Officer Jane Roe"
EMBEDDED_PAYLOAD = b"SECRET-EMBEDDED-PAYLOAD"
SCRIPT = b"app.alert('tipline-test-script');"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b"dc:creator='Officer Jane Roe'/></rdf:RDF></x:xmpmeta>"
)


def gps_photo(size: tuple[int, int] = (640, 480), orientation: int = 1) -> bytes:
    """A photo-like JPEG carrying GPS, device, owner, time, XMP and a comment."""
    image = Image.new("RGB", size, (90, 140, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(60, 120, 60))
    draw.ellipse((40, 40, 140, 140), fill=(250, 220, 90))
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS 80D"  # Model
    exif[0x0132] = "2024:03:05 14:22:10"  # DateTime
    exif[0x013B] = AUTHOR  # Artist
    exif[0x0112] = orientation
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:03:05 14:22:10"  # DateTimeOriginal
    sub[0xA431] = "093021004512"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (40.0, 26.0, 46.3)
    gps[3], gps[4] = "W", (79.0, 58.0, 56.1)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=XMP, comment=b"taken at the back gate", quality=90)
    return out.getvalue()


def build_pdf(objects: list[bytes], *, info: int | None = None) -> bytes:
    """A PDF whose object N+1 is ``objects[N]``; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


PAGE_TEXT = b"BT /F1 36 Tf 72 700 Td (Hello from the safe copy) Tj ET"


def hostile_pdf() -> bytes:
    """One page of text, plus JavaScript on open, an embedded file and an author."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << "
            b"/EmbeddedFiles << /Names [(payload.txt) 6 0 R] >> "
            b"/JavaScript << /Names [(hello) 5 0 R] >> >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 8 0 R >> >> >>",
            stream(PAGE_TEXT),
            b"<< /S /JavaScript /JS (" + SCRIPT + b") >>",
            b"<< /Type /Filespec /F (payload.txt) /EF << /F 7 0 R >> >>",
            stream(EMBEDDED_PAYLOAD, b"/Type /EmbeddedFile "),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Author (" + AUTHOR.encode() + b") /Creator (Staff workstation 12) "
            b"/CreationDate (D:20240305142210Z) >>",
        ],
        info=9,
    )


def font_path_pdf() -> bytes:
    """Text in a font whose program is 'in' /etc/passwd (an external stream)."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(PAGE_TEXT),
            b"<< /Type /Font /Subtype /TrueType /BaseFont /Passwd /FirstChar 32 "
            b"/LastChar 126 /FontDescriptor 6 0 R >>",
            b"<< /Type /FontDescriptor /FontName /Passwd /Flags 32 /FontBBox [0 0 1000 1000] "
            b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 "
            b"/FontFile2 7 0 R >>",
            b"<< /Length 0 /F (/etc/passwd) /FFilter [] >>\nstream\n\nendstream",
        ]
    )


def many_pages_pdf(count: int = 10_000) -> bytes:
    """``count`` blank pages: a small file that asks for a lot of work."""
    kids = b" ".join(b"%d 0 R" % (n + 3) for n in range(count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
            *([page] * count),
        ]
    )


def malformed_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n" + bytes(range(256)) * 8


def renamed_executable() -> bytes:
    """The start of an ELF executable: what a '.pdf' may really be."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(2000)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def deflated_zeros(count: int) -> bytes:
    """zlib data for ``count`` zero bytes, built without compressing them all.

    After a full flush a deflate stream forgets what came before, so every
    4 MiB block of zeros compresses to the same bytes: compress two blocks,
    repeat the second, finish with a final block, and append the Adler-32 of
    ``count`` zeros, which is simply ``(count % 65521) << 16 | 1``.
    """
    block = 4 << 20
    full, rest = divmod(count, block)
    assert full >= 2
    compressor = zlib.compressobj(9)
    head = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    unit = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(bytes(rest)) + tail.flush()
    return head + unit * (full - 1) + end + struct.pack(">I", (count % 65521) << 16 | 1)


def huge_png(width: int, height: int, *, color_type: int = 0, bit_depth: int = 1) -> bytes:
    """A valid PNG of ``width`` x ``height`` black pixels (every filter byte 0)."""
    channels = {0: 1, 2: 3}[color_type]
    row_bytes = 1 + (width * channels * bit_depth + 7) // 8
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", deflated_zeros(row_bytes * height))
        + _png_chunk(b"IEND", b"")
    )


def decompression_bomb() -> bytes:
    """About 100 KiB that inflates to 432 MB of RGB pixels (12,000 x 12,000)."""
    return huge_png(12_000, 12_000, color_type=2, bit_depth=8)


def giant_image() -> bytes:
    """A 50,000 x 50,000 pixel image (1-bit, so the file itself stays small)."""
    return huge_png(50_000, 50_000)
