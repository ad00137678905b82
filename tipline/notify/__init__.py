"""Email notifications that carry nothing but "there is new activity".

Reviewers opt in on their account page, for a mail soon after something
new arrives or at most one a day (:mod:`tipline.notify.subscriptions`). The
intake is not involved at all: a tip or message is stored exactly as before,
and the worker's ``notifications`` job later notices unannounced rows
(:mod:`tipline.notify.activity`), queues one mail per reviewer due, and sends
them over SMTP with retries (:mod:`tipline.notify.delivery`,
:mod:`tipline.notify.smtp`). A slow or broken mail server therefore never
delays or fails a submission.

A mail names no count, county, topic, time or content: only that there is
new activity and the review site's address (:mod:`tipline.notify.mail`).
Logs and the admin page name kinds of failure, never addresses.
"""

from __future__ import annotations


class NotifyError(ValueError):
    """A notification setting a reviewer chose is not acceptable (the message says why)."""


class MailError(Exception):
    """Sending failed; ``kind`` is a short class of failure, safe to log and show."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


__all__ = ["MailError", "NotifyError"]
