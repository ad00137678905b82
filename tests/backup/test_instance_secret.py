"""``tipline maintenance check`` notices an INSTANCE_SECRET other than the instance's own.

The key holders' copies (their HMACs) and the files shared with organizers
(sealed to a key derived from it) were made under INSTANCE_SECRET; neither a
backup nor a key rotation can re-make them under another one, so the check
names both and points at docs/operations.md.
"""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from tests.backup.conftest import SECRETS, LiveInstance, run
from tests.backup.populate import populate
from tipline.crypto import encrypt
from tipline.models import Attachment, SafeCopy, SharedFile, Summary
from tipline.safecopy.sharing_key import sharing_key


def share_a_file(live: LiveInstance) -> None:
    """A safe copy (rows and blobs only) shared through the summary, sealed as sharing does."""
    recipient = sharing_key(SECRETS["INSTANCE_SECRET"]).recipient()
    database = live.database()
    with database.session() as session:
        attachment = session.scalars(select(Attachment)).first()
        summary = session.scalars(select(Summary)).first()
        assert attachment is not None and summary is not None
        pdf, manifest = live.blobs.put(b"pdf"), live.blobs.put(b"manifest")
        copy = SafeCopy(attachment_id=attachment.id, pdf_blob=pdf, manifest_blob=manifest)
        session.add(copy)
        session.flush()
        shared = live.blobs.put(encrypt(b"%PDF-1.7 shared", [recipient]))
        session.add(SharedFile(summary_id=summary.id, safe_copy_id=copy.id, shared_blob=shared))
        session.commit()
    database.engine.dispose()


def test_a_changed_instance_secret_is_a_problem(live: LiveInstance) -> None:
    populate(live)
    share_a_file(live)
    runner = CliRunner()
    same = run(runner, live, "maintenance", "check")
    assert same.exit_code == 0, same.output
    other = run(
        runner, live, "maintenance", "check", TIPLINE_INSTANCE_SECRET="another-secret-" + "x" * 30
    )
    assert other.exit_code == 1, other.output
    assert "1 key holder copy(ies) do not match INSTANCE_SECRET" in other.output
    assert "1 file(s) shared with organizers do not open with the sharing key" in other.output
    assert "docs/operations.md" in other.output
