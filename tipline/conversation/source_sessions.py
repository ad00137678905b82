"""Source sessions: sign in with the receipt phrase, then carry only what it derives.

Sign-in (:func:`sign_in`) derives the lookup id from the phrase with the
instance pepper (tipline.receipt_phrases.lookup_id, an HMAC: microseconds) and looks
for the tip; only when one matches does it derive the reply identity, check
it against the tip's stored recipient and write anything. A wrong phrase is
therefore one HMAC and one indexed read, which is why no budget of wrong
phrases is needed, nor kept (DESIGN.md, "Receipt phrases"). The phrase
itself goes no further than those calls: it is never stored, logged or put
in a cookie.

What survives the request mirrors the review sessions
(tipline.accounts.review_sessions), with the same cookie token
(tipline.cookie_tokens): the source's reply identity is sealed (age, X25519) to a fresh
random per-session key; the server keeps the ciphertext in a
:class:`~tipline.models.source_session.SourceSession` row keyed by the
SHA-256 of a random session id, and the cookie keeps the id and the key. Each
later request opens the identity for that request only. A cookie without the
row opens nothing, and neither does the row without the cookie; sign-out
deletes the row, which makes the cookie worthless.

Sessions end after ``SOURCE_SESSION_IDLE_MINUTES`` without a request, and at
most :data:`ABSOLUTE_MINUTES` after sign-in. Both deadlines, to the minute,
travel in the source's signed cookie with the token; the row keeps only the
absolute deadline rounded *up* to the hour, for purging. A seized database
then shows at most the hour a source signed in, like a tip's
``received_hour``, and nothing about when they last came by (DESIGN.md,
"What a seized server reveals about time").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tipline.conversation import SignInError, SourceSessionError
from tipline.cookie_tokens import CookieNames, CookieToken
from tipline.crypto import AgeError, HybridIdentity, X25519Identity, decrypt, encrypt
from tipline.models.base import affected_rows, ceil_hour, utcnow
from tipline.models.source_session import SourceSession
from tipline.models.tip import Tip
from tipline.receipt_phrases import derive_source_keys, lookup_id

WRONG_PHRASE = "That receipt phrase does not open a conversation."
ABSOLUTE_MINUTES = 180
# The names the intake keeps the token under in its (signed) session cookie.
COOKIE = CookieNames("source_sid", "source_key")
# The idle and absolute deadlines, in whole minutes since the epoch.
COOKIE_IDLE = "source_idle"
COOKIE_END = "source_end"
COOKIE_NAMES = (COOKIE.session_id, COOKIE.key, COOKIE_IDLE, COOKIE_END)


@dataclass(frozen=True)
class SourceToken:
    """What the source's cookie carries: the session's cookie token (id and
    key) and its deadlines, which the server does not keep to the minute."""

    cookie: CookieToken
    idle_until: datetime | None = None
    ends_at: datetime | None = None

    @classmethod
    def new(cls) -> SourceToken:
        return cls(CookieToken.new())

    @property
    def session_id(self) -> str:
        return self.cookie.session_id

    @property
    def id_hash(self) -> str:
        return self.cookie.id_hash

    @property
    def key(self) -> bytes:
        return self.cookie.key

    def with_deadlines(self, idle_until: datetime, ends_at: datetime) -> SourceToken:
        return replace(self, idle_until=idle_until, ends_at=ends_at)

    def to_cookie(self) -> dict[str, str | int]:
        data: dict[str, str | int] = dict(self.cookie.to_cookie(COOKIE))
        if self.idle_until is not None and self.ends_at is not None:
            data[COOKIE_IDLE] = _minutes(self.idle_until)
            data[COOKIE_END] = _minutes(self.ends_at)
        return data

    @classmethod
    def from_cookie(cls, data: Mapping[str, Any]) -> SourceToken | None:
        token = CookieToken.from_cookie(data, COOKIE)
        if token is None:
            return None
        return cls(token, _from_minutes(data.get(COOKIE_IDLE)), _from_minutes(data.get(COOKIE_END)))

    def __repr__(self) -> str:
        return "SourceToken(...)"  # never the id or the key: a repr can reach a log


@dataclass(frozen=True)
class SourceSettings:
    """The instance settings sign-in needs (from the app config)."""

    pepper: str
    idle_minutes: int
    absolute_minutes: int = ABSOLUTE_MINUTES

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SourceSettings:
        return cls(
            pepper=config["PHRASE_PEPPER"],
            idle_minutes=config["SOURCE_SESSION_IDLE_MINUTES"],
        )

    def __repr__(self) -> str:
        return f"SourceSettings(idle={self.idle_minutes})"  # never the pepper


def _minutes(at: datetime) -> int:
    return int(at.replace(tzinfo=UTC).timestamp()) // 60


def _from_minutes(value: Any) -> datetime | None:
    # A signed cookie, so the value is ours; bounds keep datetime() from failing.
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 10**9:
        return None
    return datetime.fromtimestamp(value * 60, UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SourceVisit:
    """A live source session for one request: its row, the tip, the opened
    identity, and the token with its idle deadline moved on (for the cookie)."""

    row: SourceSession
    tip: Tip
    identity: HybridIdentity
    token: SourceToken

    def __repr__(self) -> str:
        return f"SourceVisit(tip={self.tip.id})"


def seal_identity(identity: HybridIdentity, key: bytes) -> bytes:
    """Seal the source's identity string so that only the per-session ``key`` opens it."""
    return encrypt(str(identity).encode("ascii"), [X25519Identity.from_bytes(key).recipient()])


def open_identity(sealed: bytes, key: bytes) -> HybridIdentity:
    """Open what :func:`seal_identity` sealed; :class:`SourceSessionError` if it won't."""
    try:
        text = decrypt(sealed, [X25519Identity.from_bytes(key)]).decode("ascii")
        return HybridIdentity.from_string(text.strip())
    except (AgeError, ValueError) as exc:
        raise SourceSessionError("the session's sealed identity does not open") from exc


def sign_in(
    session: Session, settings: SourceSettings, phrase: str, now: datetime | None = None
) -> tuple[SourceToken, Tip]:
    """Start a session for the tip whose phrase this is.

    Raises :class:`~tipline.conversation.SignInError` for a wrong phrase,
    having written nothing: a wrong guess costs one HMAC and one read.
    """
    now = now or utcnow()
    try:
        lookup = lookup_id(phrase, settings.pepper)
    except ValueError:  # nothing left after normalising: no words at all
        lookup = None
    tip = session.scalar(select(Tip).where(Tip.source_lookup == lookup)) if lookup else None
    if tip is None:
        raise SignInError(WRONG_PHRASE)
    # The phrase matched a lookup id (a 256-bit HMAC): only now the reply key.
    keys = derive_source_keys(phrase, settings.pepper)
    if tip.source_recipient != str(keys.identity.recipient()):
        raise SignInError(WRONG_PHRASE)
    purge_expired(session, now)
    ends_at = deadline(now, settings.absolute_minutes)
    token = SourceToken.new().with_deadlines(deadline(now, settings.idle_minutes), ends_at)
    session.add(
        SourceSession(
            id_hash=token.id_hash,
            tip_id=tip.id,
            sealed_identity=seal_identity(keys.identity, token.key),
            expires_at=ceil_hour(ends_at),
        )
    )
    session.flush()
    return token, tip


def load(
    session: Session, settings: SourceSettings, token: SourceToken, now: datetime | None = None
) -> SourceVisit:
    """The live session for ``token``; an expired or damaged one is deleted."""
    now = now or utcnow()
    row = session.get(SourceSession, token.id_hash)
    if row is None:
        raise SourceSessionError("no such session")
    tip = session.get(Tip, row.tip_id)
    try:
        if tip is None or is_expired(row, token, now):
            raise SourceSessionError("session expired")
        identity = open_identity(row.sealed_identity, token.key)
    except SourceSessionError:
        session.delete(row)
        session.flush()
        raise
    assert token.idle_until is not None and token.ends_at is not None  # not expired
    # Minute precision: the cookie changes at most once a minute.
    idle = min(deadline(now, settings.idle_minutes), token.ends_at)
    if idle > token.idle_until:
        token = token.with_deadlines(idle, token.ends_at)
    return SourceVisit(row=row, tip=tip, identity=identity, token=token)


def is_expired(row: SourceSession, token: SourceToken, now: datetime) -> bool:
    """Past a deadline in the cookie (idle, absolute) or in the row (the hour after)."""
    if token.idle_until is None or token.ends_at is None:
        return True
    return now >= token.idle_until or now >= token.ends_at or now >= row.expires_at


def sign_out(session: Session, token: SourceToken) -> bool:
    """Delete the session's row; True if there was one."""
    result = session.execute(
        delete(SourceSession)
        .where(SourceSession.id_hash == token.id_hash)
        .execution_options(synchronize_session="fetch")
    )
    return bool(affected_rows(result))


def purge_expired(session: Session, now: datetime | None = None) -> int:
    """Delete every expired source session (called at each sign-in)."""
    now = now or utcnow()
    result = session.execute(
        delete(SourceSession)
        .where(SourceSession.expires_at <= now)
        .execution_options(synchronize_session=False)
    )
    return affected_rows(result)


def deadline(now: datetime, minutes: int) -> datetime:
    """``now`` plus ``minutes``, rounded *up* to the minute (no finer time is kept)."""
    at = now + timedelta(minutes=minutes)
    floor = at.replace(second=0, microsecond=0)
    return floor if floor == at else floor + timedelta(minutes=1)
