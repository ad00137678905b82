"""Key holders during a rotation: their wrapped copies and their sessions.

Each holder's copy is re-made without their password, sealed to the wrap
recipient kept beside it (tipline.models.wrapped_key), first to a key ring of
new and old key (while objects are being re-sealed, a holder must open both),
then to the new key alone. A copy whose recipient fails its HMAC check is
deleted instead: its holder gets the new key when an admin resets their
password (``tipline users reset``), which wraps the current key afresh.

Signed-in sessions hold the key sealed to a key in the reviewer's cookie,
which the server cannot re-make; they are ended, and the next sign-in opens
the re-made copy. Organizers' sessions hold no key and are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tipline.accounts import custody
from tipline.crypto import Identity
from tipline.models import ReviewSession, User, WrappedKey


@dataclass
class CopiesResult:
    rewrapped: int = 0
    # Usernames whose copy could not be re-made (and was deleted).
    dropped: list[str] = field(default_factory=list)


def rewrap_all(session: Session, identity: Identity, instance_secret: str) -> CopiesResult:
    """Seal ``identity`` into every holder's copy (the caller commits)."""
    result = CopiesResult()
    for row in list(session.scalars(select(WrappedKey).order_by(WrappedKey.user_id))):
        if custody.rewrap_copy(row, identity, instance_secret):
            result.rewrapped += 1
            continue
        user = session.get(User, row.user_id)
        result.dropped.append(user.username if user is not None else row.user_id)
        session.delete(row)
    session.flush()
    return result


def end_key_sessions(session: Session) -> int:
    """End every session that holds a copy of the key (the caller commits)."""
    outcome = session.execute(
        delete(ReviewSession)
        .where(ReviewSession.sealed_identity.is_not(None))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(outcome, "rowcount", 0) or 0)
