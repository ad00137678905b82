"""Deleting one tip by hand: one person asks, a second approves.

A deletion cannot be undone and destroys evidence, so no single account can
do it: a reviewer or admin asks (:func:`request_deletion`), and a different
reviewer or admin approves (:func:`approve_deletion`), which deletes the tip
through :func:`tipline.deletion.service.delete_tip`. The one who asked, or an
admin, may withdraw the request. Every step is in the audit log, the
deletion itself with counts of what went. Nothing here commits; the view
commits and then unlinks the blobs.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.deletion import DeletionError
from tipline.deletion.service import Deletion, delete_tip
from tipline.models.base import affected_rows
from tipline.models.deletion import DeletionRequest
from tipline.models.tip import Tip
from tipline.models.user import KEY_HOLDER_ROLES, User


class DeletionRequestError(DeletionError):
    """The request cannot be made, approved or withdrawn (the message says why)."""


def pending_request(session: Session, tip: Tip) -> DeletionRequest | None:
    return session.get(DeletionRequest, tip.id)


def pending_requests(session: Session) -> list[DeletionRequest]:
    """Every open request, oldest first (the upkeep page lists them)."""
    query = select(DeletionRequest).order_by(DeletionRequest.requested_at, DeletionRequest.tip_id)
    return list(session.scalars(query))


def request_deletion(session: Session, tip: Tip, *, actor: User) -> DeletionRequest:
    """Ask for ``tip`` to be deleted; a second person must approve."""
    _require_key_holder(actor)
    if pending_request(session, tip) is not None:
        raise DeletionRequestError("Deletion of this tip has already been asked for.")
    request = DeletionRequest(tip_id=tip.id, requested_by_id=actor.id)
    session.add(request)
    session.flush()
    audit.record(
        session, actor=actor, action="tip.delete_request", object_type="tip", object_id=tip.id
    )
    return request


def withdraw_request(session: Session, tip: Tip, *, actor: User) -> None:
    """Withdraw the open request (the one who asked, or an admin)."""
    request = _open(session, tip)
    if request.requested_by_id != actor.id and not actor.is_admin:
        raise DeletionRequestError("Only the person who asked, or an admin, can withdraw it.")
    session.delete(request)
    session.flush()
    audit.record(
        session, actor=actor, action="tip.delete_withdraw", object_type="tip", object_id=tip.id
    )


def approve_deletion(session: Session, tip: Tip, *, actor: User) -> Deletion:
    """Approve the open request and delete the tip (the second person only)."""
    _require_key_holder(actor)
    request = _open(session, tip)
    if request.requested_by_id == actor.id:
        raise DeletionRequestError(
            "You asked for this deletion; an admin or another reviewer has to approve it."
        )
    # Claim the request by deleting its row: of two approvals at once, the
    # second waits for the first (a row lock) and then finds nothing to claim.
    claimed = session.execute(
        delete(DeletionRequest).where(
            DeletionRequest.tip_id == tip.id,
            DeletionRequest.requested_by_id == request.requested_by_id,
        )
    )
    if not affected_rows(claimed):
        raise DeletionRequestError("Someone else has just dealt with this request.")
    return delete_tip(session, tip, actor=actor, action="tip.delete")


def _open(session: Session, tip: Tip) -> DeletionRequest:
    request = pending_request(session, tip)
    if request is None:
        raise DeletionRequestError("Nobody has asked for this tip to be deleted.")
    return request


def _require_key_holder(actor: User) -> None:
    if actor.role not in KEY_HOLDER_ROLES or actor.disabled:
        raise DeletionRequestError("Only reviewers and admins can delete tips.")
