"""The instance settings the account services need, typed, read once from the config.

Services take an :class:`AccountSettings` rather than the app's config
mapping, as the submission service takes tipline.tips.submit.SubmitSettings:
a service's signature then says exactly which settings it depends on, a
missing or mistyped setting fails where the settings are built (at start,
with the setting's name), and a test builds the settings it needs without a
Flask config. The names and defaults are tipline/config.py's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tipline.accounts.passwords import KdfParams


@dataclass(frozen=True)
class AccountSettings:
    """Password hashing, lockout and review-session lifetimes."""

    # Kept outside the database (instance/config.py): with it, a stolen
    # database alone allows no offline guessing (DESIGN.md, "Keys and custody").
    instance_secret: str
    kdf: KdfParams  # Argon2id cost for new passwords
    lockout_attempts: int  # wrong passwords or codes in a row before a back-off
    lockout_minutes: int
    session_idle_minutes: int
    session_absolute_hours: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> AccountSettings:
        return cls(
            instance_secret=str(config["INSTANCE_SECRET"]),
            kdf=KdfParams(
                int(config["ARGON2_MEMORY_KIB"]),
                int(config["ARGON2_ITERATIONS"]),
                int(config["ARGON2_LANES"]),
            ),
            lockout_attempts=int(config["LOGIN_LOCKOUT_ATTEMPTS"]),
            lockout_minutes=int(config["LOGIN_LOCKOUT_MINUTES"]),
            session_idle_minutes=int(config["SESSION_IDLE_MINUTES"]),
            session_absolute_hours=int(config["SESSION_ABSOLUTE_HOURS"]),
        )

    def __repr__(self) -> str:
        # Never the instance secret: a repr can end up in a log or a traceback.
        return (
            f"AccountSettings(kdf={self.kdf}, lockout={self.lockout_attempts}/"
            f"{self.lockout_minutes}min, sessions={self.session_idle_minutes}min/"
            f"{self.session_absolute_hours}h)"
        )
