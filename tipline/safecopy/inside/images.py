"""Images (JPEG, PNG, GIF, TIFF, WebP, BMP, HEIC with pillow-heif) to page pixels.

Pillow decodes the image; the pixel count is checked from the header before
any pixel is decoded (``Image.MAX_IMAGE_PIXELS``, with Pillow's bomb warning
made an error), so a 50,000 x 50,000 image or a tiny file that inflates to
gigabytes stops at once. The EXIF orientation is applied first (a photo
taken sideways stays upright), and then only pixels go on: EXIF, GPS, XMP,
IPTC, comments and text chunks are left behind and listed as found.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

from PIL import (
    Image,
    ImageFile,
    ImageOps,
    ImageSequence,
    IptcImagePlugin,
    UnidentifiedImageError,
)

from . import protocol
from .errors import WorkerError
from .render import Page, to_page

# EXIF tags, by number, grouped by what they give away.
_IFD_EXIF, _IFD_GPS = 0x8769, 0x8825
_EXIF_FIELDS = {
    0x013B: "exif-artist",
    0x8298: "exif-copyright",
    0xA430: "exif-owner",
    0x9C9D: "exif-xp-author",
    0x010F: "exif-make",
    0x0110: "exif-model",
    0xA431: "exif-serial",
    0xA432: "exif-lens",
    0xA434: "exif-lens",
    0xA435: "exif-lens",
    0x0131: "exif-software",
    0x013C: "exif-software",
    0xA420: "exif-unique-id",
    0x0132: "exif-time",
    0x9003: "exif-time",
    0x9004: "exif-time",
    0x9010: "exif-time",
    0x9011: "exif-time",
    0x010E: "exif-description",
    0x9286: "exif-description",
    0x9C9C: "exif-description",
    0x9C9B: "exif-description",
}
# Tags that describe pixel layout only (orientation, resolution, YCbCr,
# colour space, the pointer to the Exif sub-IFD): technical, not reported.
_LAYOUT_TAGS = {0x0112, 0x011A, 0x011B, 0x0128, 0x0213, 0x8769, 0xA001, 0xA002, 0xA003}
# Image info keys that describe the pixels, not the person (not reported).
_TECHNICAL_INFO = {
    "dpi", "gamma", "transparency", "icc_profile", "exif", "xmp", "XML:com.adobe.xmp",
    "progressive", "progression", "jfif", "jfif_version", "jfif_unit", "jfif_density",
    "adobe", "adobe_transform", "interlace", "compression", "duration", "loop",
    "background", "version", "aspect", "srgb", "chromaticity", "resolution", "mp",
    "bbox", "default_image", "disposal", "extension", "photometric", "subsampling",
    "quality", "bit_depth", "primaries", "transfer_characteristics", "matrix_coefficients",
    "full_range", "blend", "timestamp", "palette", "comment",
}  # fmt: skip


def _register_heif() -> None:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # HEIC then reads as "damaged": pillow-heif is a dependency
        return
    register_heif_opener()


def image_metadata(image: Image.Image) -> list[list[str]]:
    """``[category, field]`` pairs for the identifying metadata ``image`` carries."""
    fields: set[str] = set()
    exif = image.getexif()
    tags = dict(exif)
    tags.update(exif.get_ifd(_IFD_EXIF))
    if exif.get_ifd(_IFD_GPS) or _IFD_GPS in exif:
        fields.add("exif-gps")
    for tag in tags:
        if tag in _LAYOUT_TAGS or tag == _IFD_GPS:
            continue
        fields.add(_EXIF_FIELDS.get(tag, "exif-other"))
    info = image.info
    if info.get("xmp") or info.get("XML:com.adobe.xmp"):
        fields.add("xmp")
    if info.get("comment"):
        fields.add("image-comment")
    if any(key not in _TECHNICAL_INFO for key in info):
        fields.add("image-text")
    if (
        isinstance(image, ImageFile.ImageFile)
        and image.format == "JPEG"
        and (IptcImagePlugin.getiptcinfo(image))
    ):
        fields.add("iptc")
    return sorted([protocol.FIELD_CATEGORY[f], f] for f in fields)


def render_image(fd: int, limits: dict[str, Any]) -> tuple[Iterator[Page], list[list[str]]]:
    """Pages (one per frame) and the metadata found, for the image in ``fd``."""
    _register_heif()
    Image.MAX_IMAGE_PIXELS = int(limits["max_pixels"])
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    handle = open(f"/proc/self/fd/{fd}", "rb")  # noqa: SIM115 - the pages generator closes it
    try:
        image = Image.open(handle)
        frames = getattr(image, "n_frames", 1)
        found = image_metadata(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        handle.close()
        raise WorkerError("too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        handle.close()
        raise WorkerError("damaged") from exc
    if frames > int(limits["max_pages"]):
        handle.close()
        raise WorkerError("too_many_pages")
    return _pages(handle, image, int(limits["long_side"])), found


def _pages(handle: Any, image: Image.Image, long_side: int) -> Iterator[Page]:
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            try:
                frame.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                raise WorkerError("too_many_pixels") from exc
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise WorkerError("damaged") from exc
            upright = ImageOps.exif_transpose(frame) if index == 0 else frame
            yield to_page(upright, long_side)
    finally:
        handle.close()
