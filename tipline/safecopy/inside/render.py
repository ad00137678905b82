"""A rendered page, and turning any Pillow image into bounded RGB pixels."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True)
class Page:
    width: int
    height: int
    pixels: bytes  # width * height * 3 bytes, RGB


def to_page(image: Image.Image, long_side: int) -> Page:
    """Flatten ``image`` onto white, as RGB, no longer than ``long_side`` pixels."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    if max(image.size) > long_side:
        image = image.copy()
        image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    return Page(image.width, image.height, image.tobytes())
