"""Typed SQLAlchemy models, one aggregate per module.

Importing this package registers every table on ``Base.metadata``; models never
commit (services and views decide when a unit of work ends).
"""

from tipline.models.audit import AuditEvent, AuditHead
from tipline.models.base import Base
from tipline.models.case import (
    CASE_STATUSES,
    Case,
    CaseEvent,
    CaseNote,
    case_assignees,
    case_counties,
    case_tags,
    case_tips,
)
from tipline.models.deletion import DeletionRequest
from tipline.models.hourly_count import AttachmentBytes
from tipline.models.message import MESSAGE_AUTHORS, Message
from tipline.models.notification import NOTIFY_MODES, NotificationSubscription, OutgoingMail
from tipline.models.read import TipRead
from tipline.models.retention import RETENTION_POLICIES, RetentionSetting
from tipline.models.review_session import ReviewSession
from tipline.models.safe_copy import SafeCopy
from tipline.models.shared_file import SharedFile
from tipline.models.source_session import SourceSession
from tipline.models.spent_proof import SpentProof
from tipline.models.summary import SUMMARY_SCOPES, SUMMARY_STATUSES, Summary
from tipline.models.tag import Tag, tip_tags
from tipline.models.tip import TIP_STATUSES, Attachment, Tip
from tipline.models.user import ROLES, User
from tipline.models.worker import WorkerJob
from tipline.models.wrapped_key import WrappedKey

__all__ = ["TIP_STATUSES", "Attachment", "Base", "Tip"]
# Flood defences: attachment bytes per hour, spent proofs of work.
__all__ += ["AttachmentBytes", "SpentProof"]
# Accounts, sessions, wrapped keys and the audit log (tipline.accounts, tipline.audit).
__all__ += ["ROLES", "AuditEvent", "AuditHead", "ReviewSession", "User", "WrappedKey"]
# Inbox tags and per-reviewer read marks (tipline.tips).
__all__ += ["Tag", "TipRead", "tip_tags"]
# Cases: tips put together, sealed details and notes, timeline (tipline.cases).
__all__ += ["CASE_STATUSES", "Case", "CaseEvent", "CaseNote"]
__all__ += ["case_assignees", "case_counties", "case_tags", "case_tips"]
# Shareable summaries for organizers (tipline.export.summaries.service).
__all__ += ["SUMMARY_SCOPES", "SUMMARY_STATUSES", "Summary"]
# Source follow-ups, replies and source sessions (tipline.conversation).
__all__ += ["MESSAGE_AUTHORS", "Message", "SourceSession"]
# Safe copies of attachments: rendered in a sandbox, sealed (tipline.safecopy).
__all__ += ["SafeCopy", "SharedFile"]
# Upkeep: deletion requests and retention settings (tipline.deletion, tipline.retention).
__all__ += ["RETENTION_POLICIES", "DeletionRequest", "RetentionSetting"]
# Email notifications (tipline.notify) and the worker's jobs (tipline.worker).
__all__ += ["NOTIFY_MODES", "NotificationSubscription", "OutgoingMail", "WorkerJob"]
