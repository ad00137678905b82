"""How a decrypted tip document is laid out on the tip page.

Turns a :class:`~tipline.documents.TipDocument` into labelled rows of plain
text for the template, which escapes them (and shows invisible characters,
tipline.sanitize.reveal_invisible). Nothing here produces markup. Fields
this version does not know (a later form, a test) are still shown, under
their own key, so no part of what a source wrote is hidden from the lawyer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from tipline import counties
from tipline.documents import AttachmentInfo, TipDocument
from tipline.models.tip import Attachment, Tip
from tipline.tips.content import attachment_info
from tipline.tips.downloads import safe_filename

LANGUAGES = {"en": "English", "es": "Spanish (español)"}
# Known fields, in page order, with the reviewer's labels.
FIELD_LABELS = {
    "what_happened": "What happened",
    "place": "Place or facility",
    "when": "When",
    "agencies": "Agencies involved",
    "knowledge": "How the source knows",
    "county_fips": "County the source chose",
}
CHOICE_LABELS = {
    "agencies": {
        "ice": "ICE (immigration enforcement)",
        "county_jail": "County jail",
        "local_police": "Local police",
        "courts": "Courts",
        "other": "Other",
    },
    "knowledge": {
        "saw": "Saw it happen",
        "told": "Someone told them",
        "documents": "Has documents",
    },
}
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass
class FieldRow:
    key: str
    label: str
    value: str
    long: bool  # multi-line text: keep its line breaks

    @property
    def css(self) -> str:
        # Only our own keys become class names; a source's key never does.
        return self.key.replace("_", "-") if self.key in FIELD_LABELS else "extra"


@dataclass
class FileRow:
    attachment: Attachment
    info: AttachmentInfo
    filename: str


@dataclass
class DocumentView:
    language: str  # a safe BCP 47 tag for the lang attribute, or ""
    language_name: str
    fields: list[FieldRow]
    files: list[FileRow]


def _text(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "county_fips":
        return counties.name(str(value) if value else None)
    if isinstance(value, list | tuple):
        labels = CHOICE_LABELS.get(key, {})
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def document_view(document: TipDocument, tip: Tip) -> DocumentView:
    """The document's fields (known ones first) and files, as display rows."""
    keys = [k for k in FIELD_LABELS if k in document.fields]
    keys += sorted(k for k in document.fields if k not in FIELD_LABELS)
    rows = []
    for key in keys:
        value = _text(key, document.fields[key])
        if not value.strip() and key != "what_happened":
            continue
        rows.append(
            FieldRow(key=key, label=FIELD_LABELS.get(key, key), value=value, long="\n" in value)
        )
    files = []
    for attachment in tip.attachments:
        if attachment.message_id is not None:
            continue  # added later with a message: listed in the conversation
        info = attachment_info(document, attachment)
        files.append(FileRow(attachment, info, safe_filename(info.filename)))
    language = document.language if _LANG_TAG.match(document.language) else ""
    return DocumentView(
        language=language,
        language_name=LANGUAGES.get(document.language, document.language or "unknown"),
        fields=rows,
        files=files,
    )
