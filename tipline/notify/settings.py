"""The mail settings from the configuration, and the SMTP password from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MailSettings:
    host: str | None
    port: int
    security: str  # "starttls", "tls" or "none"
    username: str | None
    password_env: str
    ca_file: str | None
    timeout: int
    sender: str | None
    review_url: str | None

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings:
        return cls(
            host=config.get("SMTP_HOST") or None,
            port=int(config["SMTP_PORT"]),
            security=str(config["SMTP_SECURITY"]),
            username=config.get("SMTP_USERNAME") or None,
            password_env=str(config["SMTP_PASSWORD_ENV"]),
            ca_file=config.get("SMTP_CA_FILE") or None,
            timeout=int(config["SMTP_TIMEOUT"]),
            sender=config.get("MAIL_FROM") or None,
            review_url=config.get("REVIEW_URL") or None,
        )

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender and self.review_url)

    def password(self) -> str | None:
        """Read at the moment of use, so it never sits in the configuration."""
        return os.environ.get(self.password_env) or None

    def __repr__(self) -> str:  # never the password (it is not here anyway) or the sender
        return f"MailSettings(host={self.host!r}, port={self.port}, security={self.security!r})"
