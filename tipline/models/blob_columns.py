"""Every column that holds a blob id, in one light module.

The sweep (tipline.maintenance) treats a blob no such column names as an
orphan, and a backup (tipline.backup.create) copies the blobs they name; a
new blob-id column must be added here, or the sweep would delete its blobs
and backups would leave them out (tests/core/test_maintenance.py checks).
Kept apart from tipline.maintenance so a backup imports only the models.
"""

from __future__ import annotations

from tipline.models.message import Message
from tipline.models.safe_copy import SafeCopy
from tipline.models.shared_file import SharedFile
from tipline.models.tip import Attachment, Tip

BLOB_COLUMNS = (
    Tip.body_blob,
    Attachment.blob_id,
    Message.body_blob,
    SafeCopy.pdf_blob,
    SafeCopy.manifest_blob,
    SharedFile.shared_blob,
)
