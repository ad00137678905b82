"""Sources come back, and replies (issue 5, parts 3 and 4). No Flask here.

A source who kept their receipt phrase signs in with it
(tipline.conversation.source_sessions): the peppered derivation of
tipline.receipt_phrases finds their tip and re-derives their own reply
identity, which is then sealed into a server-side
session row under a key that only the source's cookie holds. Signed in, the
source reads the conversation and adds messages and files
(tipline.conversation.messages, tipline.conversation.reading), and each
side's unread markers are tipline.conversation.markers.

Sealing (DESIGN.md, "Sources"):

- a source's message is sealed to the organization recipients *and* to the
  source's own recipient (``Tip.source_recipient``), so the source can read
  it again next time; files they add are sealed to the organization only,
  exactly as the intake seals a tip's files;
- a reply is sealed to the source's recipient and to the organization.

Sources get no notification of any kind, by design: nothing about them is
known to send one to. They see replies the next time they sign in.

Services take a ``Session``, raise the exceptions below, and never commit
(docs/development.md). Their messages are English, for the review app and for logs;
the intake maps each class to its own translated wording and never shows a
source why a phrase failed beyond one generic answer.

What is *not* recorded: the audit log stamps each event to the second and
places it in one hash chain with the reviewers' actions, so a "source did X"
event would keep a source's exact time forever. Source actions therefore go
into no log; the message row (with its coarse hour) is the only record.
"""

from __future__ import annotations


class ConversationError(Exception):
    """A domain error whose message is safe to show a reviewer as-is."""


class EmptyMessageError(ConversationError):
    """Neither text nor a file was sent."""


class MessageTooLongError(ConversationError):
    """The text is longer than :data:`tipline.conversation.messages.MAX_TEXT_CHARS`."""


class TooManyMessagesError(ConversationError):
    """This tip's source has sent the hour's quota of messages."""


class NoReplyKeyError(ConversationError):
    """The tip has no usable source recipient, so nothing can be sealed to the source."""


class MessageNotFoundError(ConversationError, LookupError):
    """No such message (or file) in this tip's conversation."""


class SignInError(ConversationError):
    """The phrase opens nothing. Deliberately says no more than that."""


class SourceSessionError(ConversationError):
    """The source's session is unknown, expired or damaged; sign in again."""


__all__ = [
    "ConversationError",
    "EmptyMessageError",
    "MessageNotFoundError",
    "MessageTooLongError",
    "NoReplyKeyError",
    "SignInError",
    "SourceSessionError",
    "TooManyMessagesError",
]
