"""Domain exceptions of the accounts services.

Messages are safe to show to the person who caused them: they never say
whether a username exists, and never contain a password, code or key.
"""

from __future__ import annotations


class AccountError(Exception):
    """Base class of every accounts error."""


class AuthenticationError(AccountError):
    """Wrong username or password, or the account is locked or disabled.

    Deliberately one class with one message: telling these apart would tell an
    attacker which usernames exist and which accounts are locked.
    """

    def __init__(self) -> None:
        super().__init__(
            "Sign-in failed: wrong username or password, or too many attempts. "
            "Wait a few minutes before trying again."
        )


class InvalidCodeError(AccountError):
    """The TOTP code is wrong, expired, or was already used."""

    def __init__(
        self, message: str = "That code is not valid. Wait for a new one and retry."
    ) -> None:
        super().__init__(message)


class WeakPasswordError(AccountError):
    """The new password does not meet the rules (length)."""


class InvalidUsernameError(AccountError):
    """The username is malformed or already taken."""


class UserNotFoundError(AccountError):
    """No account with that id or username."""


class PolicyError(AccountError):
    """The action is refused by a rule (e.g. disabling the last admin)."""


class KeyUnavailableError(AccountError):
    """The organization identity is needed but not available here."""


class NotUnlockedError(KeyUnavailableError):
    """This session holds no organization identity (organizers never do)."""

    def __init__(
        self, message: str = "This needs the organization key, which your session does not hold."
    ) -> None:
        super().__init__(message)


class SessionInvalidError(AccountError):
    """The session does not exist, has expired, or belongs to a disabled account."""
