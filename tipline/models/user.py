"""The user aggregate: a person who signs in to the review app.

Roles (DESIGN.md): ``admin`` and ``reviewer`` (a lawyer) hold a wrapped copy of
the organization identity (:mod:`tipline.models.wrapped_key`); an ``organizer``
never does and never sees tip content. Nothing secret is stored in the clear:
the password is represented only by a keyed verifier, and the TOTP secret is
sealed under a key derived from the instance secret (tipline.accounts).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, new_id, utcnow

ROLES = ("admin", "reviewer", "organizer")
# Roles that hold a wrapped copy of the organization identity.
KEY_HOLDER_ROLES = ("admin", "reviewer")


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Password: Argon2id(password, salt) is split in two; only HMAC(instance
    # secret, first half) is kept, so the database alone allows no guessing.
    password_salt: Mapped[bytes] = mapped_column(LargeBinary(32))
    password_verifier: Mapped[bytes] = mapped_column(LargeBinary(32))
    # The KDF cost used for this password, so changing the config later does
    # not lock existing accounts out.
    kdf_memory_kib: Mapped[int]
    kdf_iterations: Mapped[int]
    kdf_lanes: Mapped[int]
    # Set for one-time passwords (new accounts, resets): change at next sign-in.
    must_change_password: Mapped[bool] = mapped_column(default=True)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    # TOTP secret sealed with a key derived from the instance secret.
    totp_secret_sealed: Mapped[bytes | None] = mapped_column(LargeBinary(128))
    totp_confirmed: Mapped[bool] = mapped_column(default=False)
    # Last accepted time step: a code from this step or an earlier one is refused.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    # Throttling: consecutive failures and when the next attempt may be tried.
    failed_logins: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]

    __table_args__ = (CheckConstraint("role IN ('admin', 'reviewer', 'organizer')", name="role"),)

    @property
    def holds_key(self) -> bool:
        """True for roles that get a wrapped copy of the organization identity."""
        return self.role in KEY_HOLDER_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, username={self.username!r}, role={self.role!r})"
