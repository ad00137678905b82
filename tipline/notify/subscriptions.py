"""A reviewer's opt-in to notification mail: how often, and where to.

Only admins and reviewers may opt in (organizers never see tips, so "new
activity" is none of their business). The address is checked for form only
(``email-validator``, no DNS lookup, which would leak to a resolver that the
tip line is looking it up) and stored sealed under the instance secret
(tipline.crypto.secretbox), bound to the user id. Opting out deletes the
row, address and all. Changes are audited, without the address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete
from sqlalchemy.orm import Session

from tipline import audit
from tipline.crypto import secretbox
from tipline.models.base import affected_rows
from tipline.models.notification import NOTIFY_MODES, NotificationSubscription, OutgoingMail
from tipline.models.user import KEY_HOLDER_ROLES, User
from tipline.notify import NotifyError

PURPOSE = b"tipline/notify/address/v1"


@dataclass(frozen=True)
class Choice:
    """What a reviewer has chosen: ``mode`` ("off", "immediate", "daily") and address."""

    mode: str
    address: str | None


def seal_address(address: str, config: Mapping[str, Any], user_id: str) -> bytes:
    return secretbox.seal(address.encode(), config["INSTANCE_SECRET"], PURPOSE, user_id.encode())


def open_address(sealed: bytes, config: Mapping[str, Any], user_id: str) -> str:
    plain = secretbox.open_sealed(sealed, config["INSTANCE_SECRET"], PURPOSE, user_id.encode())
    return plain.decode()


def current(session: Session, config: Mapping[str, Any], user: User) -> Choice:
    row = session.get(NotificationSubscription, user.id)
    if row is None:
        return Choice("off", None)
    try:
        return Choice(row.mode, open_address(row.email_sealed, config, user.id))
    except secretbox.SecretBoxError:
        return Choice(row.mode, None)  # the instance secret changed: ask again


def choose(
    session: Session, config: Mapping[str, Any], user: User, mode: str, address: str | None
) -> bool:
    """Set ``user``'s notifications to ``mode`` at ``address``; True if anything changed."""
    if mode == "off":
        return _stop(session, user)
    if mode not in NOTIFY_MODES:
        raise NotifyError("Choose how often to be told.")
    if user.role not in KEY_HOLDER_ROLES:
        raise NotifyError("Only reviewers and admins can be told about new tips.")
    clean = _checked(address or "")
    row = session.get(NotificationSubscription, user.id)
    if row is not None and row.mode == mode and current(session, config, user).address == clean:
        return False
    if row is None:
        row = NotificationSubscription(user_id=user.id)
        session.add(row)
    row.mode = mode
    row.email_sealed = seal_address(clean, config, user.id)
    session.flush()
    audit.record(
        session, actor=user, action="notify.subscribe", object_type="user", object_id=user.id
    )
    return True


def _stop(session: Session, user: User) -> bool:
    removed = session.execute(
        delete(NotificationSubscription).where(NotificationSubscription.user_id == user.id)
    )
    if not affected_rows(removed):
        return False
    # Mail already queued for them is dropped too: "stop" means stop.
    session.execute(delete(OutgoingMail).where(OutgoingMail.user_id == user.id))
    audit.record(
        session, actor=user, action="notify.unsubscribe", object_type="user", object_id=user.id
    )
    return True


def _checked(address: str) -> str:
    try:
        result = validate_email(address.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise NotifyError(f"That email address does not look right: {exc}") from exc
    return str(result.normalized)
