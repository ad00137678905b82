"""What the sandboxed worker and the process that started it say to each other.

This module is imported on both sides of the sandbox: by the worker (as a
sibling script, with nothing but the standard library and Pillow) and by
:mod:`tipline.safecopy.sandbox`. It must stay free of tipline imports.

The worker writes to its stdout, and nothing else leaves the sandbox:

- ``HELLO_LINE`` once it has set its resource limits (before it reads a byte
  of input): if it never arrives, the sandbox itself could not start;
- per page, ``PAGE <width> <height>\\n`` and then exactly ``width * height * 3``
  bytes of RGB pixels. Pixels are the trust boundary (as in Dangerzone):
  whatever the input did to the worker, only a bounded grid of colours
  comes out, which the other side re-encodes itself;
- finally one ``DONE <json>\\n`` line (``{"kind": ..., "pages": n, "found":
  [[category, field], ...]}``) or one ``FAIL <code>\\n`` line.

The parent treats all of it as hostile: it checks sizes against its own
limits, accepts only the codes listed here, and drops anything else.
"""

from __future__ import annotations

HELLO_LINE = b"TIPLINE-SAFECOPY 1\n"
MAX_LINE = 64 * 1024  # a DONE line longer than this is a broken worker

# Failure codes a worker may send; the parent turns them into messages.
FAILURES = (
    "empty",  # no input at all
    "too_big",  # input over the byte limit
    "unsupported",  # not a PDF, image or office document
    "damaged",  # looks like a supported type but cannot be read
    "encrypted",  # a password-protected PDF
    "too_many_pages",  # over the page limit
    "too_many_pixels",  # an image (or page) over the pixel limit
    "office_unavailable",  # an office document, and no LibreOffice here
    "office_unsandboxed",  # an office document, and no sandbox to convert it in
    "killed",  # a tool it ran was killed by a CPU or memory limit
    "unreadable",  # anything else that went wrong inside
)

# Kinds of input the worker recognises (by content, never by name or type).
KINDS = ("pdf", "image", "office")

# What was found in the original, by category and field: codes only, never
# values (an author's name is itself the identifying detail).
CATEGORIES = ("gps", "author", "device", "times", "text", "xmp", "active", "other")
FIELDS: dict[str, str] = {
    # images (EXIF, XMP, IPTC, PNG text)
    "exif-gps": "GPS position (EXIF)",
    "exif-artist": "Artist (EXIF)",
    "exif-copyright": "Copyright holder (EXIF)",
    "exif-owner": "Camera owner's name (EXIF)",
    "exif-xp-author": "Author (Windows EXIF)",
    "exif-make": "Camera make (EXIF)",
    "exif-model": "Camera model (EXIF)",
    "exif-serial": "Camera serial number (EXIF)",
    "exif-lens": "Lens model or serial number (EXIF)",
    "exif-software": "Software or host computer (EXIF)",
    "exif-unique-id": "Unique image id (EXIF)",
    "exif-time": "Date and time taken or changed (EXIF)",
    "exif-description": "Description or comment (EXIF)",
    "exif-other": "Other EXIF fields",
    "xmp": "XMP metadata packet",
    "iptc": "IPTC fields (captions, credits, places)",
    "image-comment": "Comment in the file",
    "image-text": "Text fields in the file",
    # PDFs (document information, catalogue) and office documents
    "pdf-author": "Author (document information)",
    "pdf-title": "Title, subject or keywords (document information)",
    "pdf-software": "Creating software (document information)",
    "pdf-times": "Creation and modification times (document information)",
    "pdf-custom": "Custom document information fields",
    "pdf-xmp": "XMP metadata stream",
    "pdf-javascript": "JavaScript",
    "pdf-embedded": "Embedded files",
    "pdf-form": "Form fields",
}
FIELD_CATEGORY: dict[str, str] = {
    "exif-gps": "gps",
    "exif-artist": "author",
    "exif-copyright": "author",
    "exif-owner": "author",
    "exif-xp-author": "author",
    "pdf-author": "author",
    "exif-make": "device",
    "exif-model": "device",
    "exif-serial": "device",
    "exif-lens": "device",
    "exif-software": "device",
    "exif-unique-id": "device",
    "pdf-software": "device",
    "exif-time": "times",
    "pdf-times": "times",
    "exif-description": "text",
    "image-comment": "text",
    "image-text": "text",
    "iptc": "text",
    "pdf-title": "text",
    "pdf-custom": "text",
    "xmp": "xmp",
    "pdf-xmp": "xmp",
    "pdf-javascript": "active",
    "pdf-embedded": "active",
    "pdf-form": "active",
    "exif-other": "other",
}


def page_header(width: int, height: int) -> bytes:
    return b"PAGE %d %d\n" % (width, height)
