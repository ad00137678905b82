"""What a session cookie carries: a random session id and a per-session key.

Review sessions (tipline.accounts.review_sessions) and source sessions
(tipline.conversation.source_sessions) work the same way: the server keeps
only the SHA-256 of the session id and, sealed to the per-session key, the
identity the session opens; the cookie keeps the id and the key. Neither
half opens anything without the other. This is the one class for that pair;
each kind of session names its own two cookie fields (:class:`CookieNames`),
so both can live in one signed cookie without clashing.

No Flask here: the apps put :meth:`CookieToken.to_cookie` into their signed
session cookie and read it back with :meth:`CookieToken.from_cookie`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KEY_SIZE = 32


@dataclass(frozen=True)
class CookieNames:
    """The two cookie fields one kind of session uses."""

    session_id: str
    key: str


@dataclass(frozen=True)
class CookieToken:
    """A session id (random, 256 bits) and a per-session key (32 random bytes)."""

    session_id: str
    key: bytes

    @classmethod
    def new(cls) -> CookieToken:
        return cls(secrets.token_urlsafe(32), secrets.token_bytes(KEY_SIZE))

    @property
    def id_hash(self) -> str:
        """What the server stores to find the session: the id's SHA-256, hex."""
        return hashlib.sha256(self.session_id.encode()).hexdigest()

    def to_cookie(self, names: CookieNames) -> dict[str, str]:
        return {
            names.session_id: self.session_id,
            names.key: base64.urlsafe_b64encode(self.key).decode(),
        }

    @classmethod
    def from_cookie(cls, data: Mapping[str, Any], names: CookieNames) -> CookieToken | None:
        """The token in ``data``, or ``None`` if it is missing or malformed."""
        sid, key = data.get(names.session_id), data.get(names.key)
        if not isinstance(sid, str) or not isinstance(key, str) or not sid:
            return None
        try:
            raw = base64.urlsafe_b64decode(key.encode())
        except (binascii.Error, ValueError):
            return None
        return cls(sid, raw) if len(raw) == KEY_SIZE else None

    def __repr__(self) -> str:
        return "CookieToken(...)"  # never the id or the key: a repr can reach a log
