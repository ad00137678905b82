"""Sealing the organization identity to a key, and users' wrapped copies.

The identity string is sealed (age, tipline.crypto) to an X25519 recipient:
the user's password-derived wrap identity for the stored copy, or a random
per-session key for a signed-in session. Opening returns a parsed identity
that lives only as long as the request that needed it.
"""

from __future__ import annotations

import hmac

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tipline.accounts.errors import KeyUnavailableError
from tipline.accounts.passwords import DerivedKeys, recipient_mac
from tipline.crypto import (
    AgeError,
    Identity,
    KeyRing,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    parse_identities_file,
)
from tipline.key_folder import recipient_fingerprint
from tipline.models.user import User
from tipline.models.wrapped_key import WrappedKey


def seal_identity(identity: Identity, key: X25519Identity | X25519Recipient) -> bytes:
    """Seal ``identity`` (its secret string) so that only ``key`` opens it."""
    recipient = key.recipient() if isinstance(key, X25519Identity) else key
    return encrypt(str(identity).encode("utf-8"), [recipient])


def open_identity(sealed: bytes, key: X25519Identity) -> Identity:
    """Open what :func:`seal_identity` sealed; :class:`KeyUnavailableError` if ``key`` is wrong.

    During a key rotation the sealed text holds two identities, new and old
    (tipline.rotation); they come back as one :class:`KeyRing`.
    """
    try:
        text = decrypt(sealed, [key]).decode("utf-8")
        identities = parse_identities_file(text)
    except (AgeError, ValueError, UnicodeDecodeError) as exc:
        raise KeyUnavailableError(
            "the sealed organization identity does not open with this key"
        ) from exc
    return identities[0] if len(identities) == 1 else KeyRing(identities)


def session_key(raw: bytes) -> X25519Identity:
    """The X25519 identity of a 32-byte per-session key."""
    return X25519Identity.from_bytes(raw)


def store_copy(session: Session, user: User, identity: Identity, keys: DerivedKeys) -> None:
    """Seal ``identity`` under ``user``'s password keys, replacing any old copy."""
    if not user.holds_key:
        # Organizers never hold the identity, whatever a caller asks for.
        raise KeyUnavailableError(f"the {user.role} role never holds the organization key")
    sealed = seal_identity(identity, keys.wrap_identity)
    recipient = str(keys.wrap_identity.recipient())
    row = session.get(WrappedKey, user.id)
    if row is None:
        session.add(
            WrappedKey(
                user_id=user.id,
                sealed_identity=sealed,
                wrap_recipient=recipient,
                wrap_mac=keys.recipient_mac,
            )
        )
    else:
        row.sealed_identity = sealed
        row.wrap_recipient = recipient
        row.wrap_mac = keys.recipient_mac


def rewrap_copy(row: WrappedKey, identity: Identity, instance_secret: str) -> bool:
    """Seal ``identity`` to the recipient the copy was made for, without the password.

    False, and nothing changed, when the stored recipient's HMAC does not
    check out (tampered with): that holder gets the key from a password reset.
    """
    expected = recipient_mac(instance_secret, row.user_id, row.wrap_recipient)
    if not hmac.compare_digest(expected, row.wrap_mac):
        return False
    try:
        recipient = X25519Recipient.from_string(row.wrap_recipient)
    except ValueError:
        return False
    row.sealed_identity = seal_identity(identity, recipient)
    return True


def copies_under_other_secret(session: Session, instance_secret: str) -> int:
    """How many wrapped copies' HMACs do not check out under ``instance_secret``.

    Non-zero for every copy when INSTANCE_SECRET changed since they were made
    (passwords and rotation's re-wrapping then fail for those holders), or
    for one copy whose stored recipient was tampered with.
    """
    return sum(
        1
        for row in session.scalars(select(WrappedKey))
        if not hmac.compare_digest(
            recipient_mac(instance_secret, row.user_id, row.wrap_recipient), row.wrap_mac
        )
    )


def open_copy(session: Session, user: User, keys: DerivedKeys) -> Identity:
    """Unwrap ``user``'s copy; :class:`KeyUnavailableError` if there is none or it won't open."""
    row = session.get(WrappedKey, user.id)
    if row is None or not user.holds_key:
        raise KeyUnavailableError("this account holds no copy of the organization key")
    return open_identity(row.sealed_identity, keys.wrap_identity)


def delete_copy(session: Session, user_id: str) -> None:
    """Delete a user's copy (disabling, or a password reset without a key)."""
    session.execute(delete(WrappedKey).where(WrappedKey.user_id == user_id))


def has_copy(session: Session, user_id: str) -> bool:
    return session.get(WrappedKey, user_id) is not None


def fingerprint(identity: Identity) -> str | None:
    """The fingerprint of ``identity``'s recipient, as ``key_folder.fingerprint`` prints it."""
    recipient = getattr(identity, "recipient", None)
    if recipient is None:
        return None
    return recipient_fingerprint(str(recipient()))
