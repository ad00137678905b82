"""The audit log: record who did what to which object and when, hash-chained.

Who writes it: the domain service that makes the change or the read, in
the caller's transaction (e.g. tipline.tips.content.view_tip records
``tip.view``); views and templates never do, so no caller can forget an
event. It never commits::

    from tipline import audit
    audit.record(session, actor=user, action="tip.view", object_type="tip", object_id=tip.id)

Actions are dotted names such as ``auth.login``, ``auth.unlock``,
``tip.view``, ``tip.download``, ``tip.tag``, ``tip.status``, ``export.create``,
``user.create``. Never pass content: no tip text, notes, names or passwords.
``counts`` may say how many of what an action touched (a deletion's
attachments, messages, summaries); it takes whole numbers only, so nothing
else can slip in.

Each row's hash is SHA-256 over a canonical encoding of the previous row's
hash and this row's fields. Writers bump a one-row head table in the same
transaction, which serializes them across processes (PostgreSQL row lock,
SQLite write lock), so the chain stays linear. :func:`verify` walks the chain
and reports the first row that was edited, deleted, inserted or reordered.
A wholesale rewrite of the chain by someone with write access is detected only
against a head hash kept elsewhere, which is why ``tipline audit verify``
prints it (write it down now and then).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tipline.models.audit import GENESIS_HASH, AuditEvent, AuditHead
from tipline.models.base import utcnow
from tipline.models.user import User

HEAD_ID = 1
_DOMAIN = b"tipline/audit/v1\n"
PAGE_SIZE = 50


def record(
    session: Session,
    *,
    actor: User | None,
    action: str,
    object_type: str | None = None,
    object_id: str | None = None,
    counts: Mapping[str, int] | None = None,
) -> None:
    """Append one event to the chain in the caller's transaction (never commits)."""
    if not action or len(action) > 64:
        raise ValueError("an audit action is a short dotted name such as 'tip.view'")
    detail = _encode_counts(counts) if counts is not None else None
    seq, prev_hash = _advance_head(session)
    event = AuditEvent(
        seq=seq,
        at=utcnow().replace(microsecond=0),
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.username if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=detail,
        prev_hash=prev_hash,
    )
    event.hash = chain_hash(prev_hash, event)
    session.add(event)
    session.execute(
        update(AuditHead)
        .where(AuditHead.id == HEAD_ID)
        .values(last_hash=event.hash)
        .execution_options(synchronize_session=False)
    )


def _encode_counts(counts: Mapping[str, int]) -> str:
    for name, value in counts.items():
        if not (name.replace("_", "").isalnum() and name.isascii() and len(name) <= 32):
            raise ValueError(f"an audit count is named with letters, digits and '_': {name!r}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError("audit counts are whole numbers (never content)")
    text = json.dumps(dict(sorted(counts.items())), separators=(",", ":"))
    if len(text) > 255:
        raise ValueError("too many audit counts for one event")
    return text


def event_counts(event: AuditEvent) -> dict[str, int]:
    """The counts an event carries (empty when it has none)."""
    if not event.detail:
        return {}
    return {str(k): int(v) for k, v in json.loads(event.detail).items()}


def _advance_head(session: Session) -> tuple[int, str]:
    """Take the next sequence number and the previous hash, locking the head."""
    bump = (
        update(AuditHead)
        .where(AuditHead.id == HEAD_ID)
        .values(seq=AuditHead.seq + 1)
        .returning(AuditHead.seq, AuditHead.last_hash)
        .execution_options(synchronize_session=False)
    )
    row = session.execute(bump).one_or_none()
    if row is None:
        # The very first event: create the head. If another process wins that
        # race, our insert fails harmlessly and we bump theirs.
        try:
            with session.begin_nested():
                session.execute(insert(AuditHead).values(id=HEAD_ID, seq=0, last_hash=GENESIS_HASH))
        except IntegrityError:
            pass
        row = session.execute(bump).one()
    return int(row[0]), str(row[1])


def canonical(prev_hash: str, event: AuditEvent) -> bytes:
    """The exact bytes hashed for ``event``: a JSON array, fixed field order."""
    fields = [
        prev_hash,
        int(event.seq),
        _timestamp(event.at),
        event.actor_id,
        event.actor_name,
        event.action,
        event.object_type,
        event.object_id,
    ]
    # Only events with counts hash them, so rows written before the column
    # existed keep their hashes and old chains still verify.
    if event.detail is not None:
        fields.append(event.detail)
    return json.dumps(fields, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _timestamp(at: datetime) -> str:
    return at.replace(microsecond=0, tzinfo=None).isoformat()


def chain_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256(_DOMAIN + canonical(prev_hash, event)).hexdigest()


@dataclass(frozen=True)
class Verification:
    """The outcome of :func:`verify`; ``problem`` names the first bad row."""

    checked: int
    head_hash: str
    problem: str | None = None
    bad_seq: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(session: Session, batch_size: int = 1000) -> Verification:
    """Walk the whole chain in order, streaming, and report the first break."""
    expected_seq, expected_prev = 1, GENESIS_HASH
    stmt = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch_size)
    for event in session.scalars(stmt):
        seq = int(event.seq)
        if seq != expected_seq:
            return _broken(
                expected_seq - 1,
                expected_prev,
                expected_seq,
                f"row {expected_seq} is missing (deleted); the next row is {seq}",
            )
        if event.prev_hash != expected_prev:
            return _broken(
                seq - 1,
                expected_prev,
                seq,
                f"row {seq} does not follow row {seq - 1} "
                "(a row was edited, deleted, inserted or reordered)",
            )
        if chain_hash(event.prev_hash, event) != event.hash:
            return _broken(seq - 1, expected_prev, seq, f"row {seq} was edited")
        expected_seq, expected_prev = seq + 1, event.hash
    last = expected_seq - 1
    head = session.get(AuditHead, HEAD_ID)
    head_seq = head.seq if head is not None else 0
    head_hash = head.last_hash if head is not None else GENESIS_HASH
    if head_seq != last:
        return _broken(
            last,
            expected_prev,
            last + 1,
            f"rows after {last} were deleted (the log had {head_seq} rows)",
        )
    if head_hash != expected_prev:
        return _broken(last, expected_prev, last, f"row {last} does not match the chain head")
    return Verification(checked=last, head_hash=expected_prev)


def _broken(checked: int, head_hash: str, bad_seq: int, problem: str) -> Verification:
    return Verification(checked=checked, head_hash=head_hash, problem=problem, bad_seq=bad_seq)


def events(
    session: Session,
    *,
    before: int | None = None,
    limit: int = PAGE_SIZE,
    actor_id: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
) -> list[AuditEvent]:
    """Newest first, ``limit`` rows older than ``before`` (keyset pagination)."""
    stmt = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if before is not None:
        stmt = stmt.where(AuditEvent.seq < before)
    if actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if object_type is not None:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    if object_id is not None:
        stmt = stmt.where(AuditEvent.object_id == object_id)
    return list(session.scalars(stmt))
