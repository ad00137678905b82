"""Office documents through LibreOffice in the sandbox (skipped where it is absent).

CI installs Debian's libreoffice-writer-nogui (.ci/run), so these run there;
a developer machine without it skips them, saying so.
"""

from __future__ import annotations

import io
import zipfile

from tests.safecopy.tools import needs_office, needs_poppler
from tipline.safecopy.convert import convert
from tipline.safecopy.settings import Settings

pytestmark = [needs_office, needs_poppler]

AUTHOR = "Deputy Warden Example"


def _odt() -> bytes:
    """A minimal OpenDocument text with an author and a title in its metadata."""
    office = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    text = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    meta = (
        f'<?xml version="1.0"?><office:document-meta {office} '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:meta>'
        f"<dc:creator>{AUTHOR}</dc:creator><meta:initial-creator>{AUTHOR}</meta:initial-creator>"
        "<dc:title>Transfer list</dc:title></office:meta></office:document-meta>"
    )
    content = (
        f'<?xml version="1.0"?><office:document-content {office} {text} office:version="1.2">'
        "<office:body><office:text><text:p>Transfers on Tuesday at 6am.</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0"?><manifest:manifest manifest:version="1.2" '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
        archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def test_office_document_becomes_a_clean_pdf(settings: Settings) -> None:
    conversion = convert([_odt()], settings)
    assert conversion.kind == "office" and conversion.pages == 1
    found = {field for _, field in conversion.found}
    assert "pdf-author" in found and "pdf-title" in found
    assert AUTHOR.encode() not in conversion.pdf and b"LibreOffice" not in conversion.pdf
