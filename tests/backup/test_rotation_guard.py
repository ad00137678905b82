"""Guards: rotation covers every sealed column, and the intake follows a key switch."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import LargeBinary

from tipline.crypto import HybridIdentity
from tipline.intake import STAMP_KEY, create_app
from tipline.intake.request import RECIPIENTS_KEY
from tipline.key_folder import replace_organization_recipient
from tipline.maintenance import BLOB_COLUMNS
from tipline.models import Base
from tipline.rotation.sealed import NOT_ORGANIZATION_SEALED, RESEALED


def test_every_sealed_column_is_resealed_or_explained() -> None:
    """A new binary or blob column must be added to tipline/rotation/sealed.py."""
    covered = {(kind.column.class_.__table__.name, kind.column.key) for kind in RESEALED}
    explained = {(c.class_.__table__.name, c.key) for c in NOT_ORGANIZATION_SEALED}
    assert not covered & explained
    binary = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, LargeBinary)
    }
    blobs = {(column.class_.__table__.name, column.key) for column in BLOB_COLUMNS}
    missing = (binary | blobs) - covered - explained
    assert not missing, f"sealed columns that key rotation does not know about: {missing}"


def test_the_intake_switches_recipients_at_its_next_request(
    base_config: dict[str, Any], keys_dir: Path, tmp_path: Path, instance_dir: Path
) -> None:
    keys = tmp_path / "rotating-keys"
    shutil.copytree(keys_dir, keys)
    app = create_app({**base_config, "KEYS_DIR": str(keys)})
    client = app.test_client()
    old = [str(r) for r in app.extensions[RECIPIENTS_KEY]]
    stamp = app.extensions[STAMP_KEY]
    assert client.get("/").status_code == 200
    assert app.extensions[STAMP_KEY] == stamp  # unchanged file: nothing reloaded
    new = str(HybridIdentity.generate().recipient())
    replace_organization_recipient(keys, new)
    client.get("/")
    now = [str(r) for r in app.extensions[RECIPIENTS_KEY]]
    assert now[0] == new and now[0] != old[0]
    assert now[1:] == old[1:]
