"""Conversions end to end: clean output from dirty input, clear refusals of hostile input."""

from __future__ import annotations

import io
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from tests.safecopy import factories
from tests.safecopy.tools import needs_poppler
from tipline.safecopy.convert import Conversion, convert
from tipline.safecopy.errors import ConversionError
from tipline.safecopy.settings import Settings

pytestmark = needs_poppler

IDENTIFYING = [factories.AUTHOR.encode(), b"Canon", b"093021004512", b"back gate"]


def _pdfinfo(pdf: bytes, tmp_path: Path, *args: str) -> str:
    # Test-side checks only: the product never writes plaintext to disk.
    path = tmp_path / "copy.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdfinfo", *args, str(path)], capture_output=True, text=True, check=True
    ).stdout


def _assert_clean_pdf(conversion: Conversion, tmp_path: Path) -> None:
    info = _pdfinfo(conversion.pdf, tmp_path)
    for field in ("Author:", "Creator:", "Producer:", "CreationDate:", "ModDate:", "Title:"):
        assert field not in info
    assert "JavaScript:      no" in info
    assert "Metadata Stream: no" in info
    assert f"Pages:           {conversion.pages}" in info
    detached = subprocess.run(
        ["pdfdetach", "-list", str(tmp_path / "copy.pdf")], capture_output=True, text=True
    )
    assert detached.stdout.startswith("0 embedded files")
    for marker in (b"/JS", b"/JavaScript", b"/EmbeddedFile", b"/OpenAction", b"/Metadata"):
        assert marker not in conversion.pdf


def test_photo_with_gps_comes_out_without_it(settings: Settings, tmp_path: Path) -> None:
    conversion = convert([factories.gps_photo()], settings)

    assert conversion.kind == "image" and conversion.pages == 1
    found = {field for _, field in conversion.found}
    assert {"exif-gps", "exif-make", "exif-model", "exif-serial", "exif-time"} <= found
    assert {"exif-artist", "xmp", "image-comment"} <= found
    for data in (conversion.pdf, conversion.page_jpegs[0], *conversion.previews):
        for detail in IDENTIFYING:
            assert detail not in data
        assert b"Exif\x00\x00" not in data and b"http://ns.adobe.com/xap" not in data
    page = Image.open(io.BytesIO(conversion.page_jpegs[0]))
    assert not page.getexif() and "xmp" not in page.info and "comment" not in page.info
    assert page.size == (640, 480)
    _assert_clean_pdf(conversion, tmp_path)


def test_the_photo_is_turned_upright_before_its_exif_goes(settings: Settings) -> None:
    # Orientation 6: the camera was held sideways; the pixels are stored rotated.
    conversion = convert([factories.gps_photo(orientation=6)], settings)
    page = Image.open(io.BytesIO(conversion.page_jpegs[0]))
    assert page.size == (480, 640)


def test_pdf_loses_its_script_embedded_file_and_author(settings: Settings, tmp_path: Path) -> None:
    conversion = convert([factories.hostile_pdf()], settings)

    assert conversion.kind == "pdf" and conversion.pages == 1
    found = {field for _, field in conversion.found}
    assert {"pdf-javascript", "pdf-embedded", "pdf-author", "pdf-software", "pdf-times"} <= found
    for secret in (factories.AUTHOR.encode(), factories.EMBEDDED_PAYLOAD, factories.SCRIPT):
        assert secret not in conversion.pdf
    _assert_clean_pdf(conversion, tmp_path)
    # The page itself survives: the text was rendered, not dropped.
    page = Image.open(io.BytesIO(conversion.previews[0])).convert("L")
    low, _high = page.getextrema()
    assert low < 100


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (factories.decompression_bomb, "too_many_pixels", "decompression bomb"),
        (factories.giant_image, "too_many_pixels", "megapixels"),
        (factories.many_pages_pdf, "too_many_pages", "more than 200 pages"),
        (factories.malformed_pdf, "damaged", "damaged"),
        (factories.renamed_executable, "unsupported", "not a PDF, an image or an office"),
    ],
    ids=["decompression-bomb", "50000x50000", "10000-pages", "malformed-pdf", "exe-as-pdf"],
)
def test_hostile_input_ends_with_a_clear_message(
    settings: Settings, make: object, code: str, words: str
) -> None:
    data = make()  # type: ignore[operator]
    started = time.monotonic()
    with pytest.raises(ConversionError) as caught:
        convert([data], settings)
    assert caught.value.code == code
    assert words in str(caught.value)
    # Refused up front, not after grinding to a limit (generous for a busy machine).
    assert time.monotonic() - started < 30


def test_page_cap_applies_to_documents_and_image_frames(settings: Settings) -> None:
    frames = [Image.new("RGB", (40, 30), color) for color in ("red", "green", "blue")]
    tiff = io.BytesIO()
    frames[0].save(tiff, "TIFF", save_all=True, append_images=frames[1:])
    assert convert([tiff.getvalue()], settings).pages == 3
    with pytest.raises(ConversionError) as caught:
        convert([tiff.getvalue()], replace(settings, max_pages=2))
    assert caught.value.code == "too_many_pages"


def _encoded(fmt: str, **options: object) -> bytes:
    if fmt == "HEIF":
        pillow_heif = pytest.importorskip("pillow_heif")
        pillow_heif.register_heif_opener()
    image = Image.new("RGBA", (120, 80), (200, 30, 30, 255))
    if fmt in ("JPEG", "HEIF"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "WEBP", "GIF", "HEIF"])
def test_image_formats(settings: Settings, fmt: str) -> None:
    conversion = convert([_encoded(fmt)], settings)
    page = Image.open(io.BytesIO(conversion.page_jpegs[0]))
    assert conversion.kind == "image" and page.size == (120, 80)
    red, green, _blue = page.getpixel((60, 40))  # type: ignore[misc]
    assert red > 150 and green < 90


def test_font_pointing_at_etc_passwd_reads_nothing(settings: Settings) -> None:
    conversion = convert([factories.font_path_pdf()], settings)
    assert conversion.pages == 1
    assert b"root:" not in conversion.pdf


def test_input_over_the_byte_limit_is_refused(settings: Settings) -> None:
    small = replace(settings, max_input_bytes=1024 * 1024)
    with pytest.raises(ConversionError) as caught:
        convert([bytes(512 * 1024)] * 4, small)
    assert caught.value.code == "too_big" and "1 MiB" in str(caught.value)


def test_a_worker_that_hangs_is_stopped(settings: Settings) -> None:
    def never_ending() -> Iterator[bytes]:
        yield b"%PDF-1.7\n"
        while True:
            time.sleep(0.05)
            yield b" "

    started = time.monotonic()
    with pytest.raises(ConversionError) as caught:
        convert(never_ending(), replace(settings, timeout_seconds=1.5))
    assert caught.value.code == "timeout"
    assert time.monotonic() - started < 15


def test_cpu_limit_stops_a_document_built_to_exhaust_the_renderer(settings: Settings) -> None:
    # 3 GB of whitespace behind a 3 MB Flate stream: the renderer would chew on it.
    content = factories.deflated_zeros(3_000_000_000)
    data = factories.build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            factories.stream(content, b"/Filter /FlateDecode "),
        ]
    )
    with pytest.raises(ConversionError) as caught:
        convert([data], replace(settings, cpu_seconds=1))
    assert caught.value.code == "killed" and "1 CPU seconds" in str(caught.value)


def test_an_input_that_fails_part_way_yields_no_copy(settings: Settings) -> None:
    photo = factories.gps_photo()

    def failing() -> Iterator[bytes]:
        yield photo[: len(photo) // 2]
        raise OSError("the stored file failed to authenticate")

    with pytest.raises(ConversionError) as caught:
        convert(failing(), settings)
    assert caught.value.code == "input_failed"
