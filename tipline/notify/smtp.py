"""Talking to the mail server: connect (STARTTLS, TLS or a local relay), log in, send.

Python's ``smtplib`` does the protocol. Certificates are checked against the
system's CAs, or ``SMTP_CA_FILE`` for a private one; a mail server in the
clear is refused by the configuration unless it is on localhost. The EHLO
name is ``localhost`` rather than this machine's name, which could point at
where a tip line runs. Every failure becomes a :class:`~tipline.notify.MailError`
whose ``kind`` is safe to log: server replies are never kept, because they
can quote addresses.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from tipline.notify import MailError
from tipline.notify.settings import MailSettings

HELO_NAME = "localhost"


def classify(exc: BaseException) -> str:
    """A short, address-free name for what went wrong."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "authentication"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return "server does not support STARTTLS or login"
    if isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return "address refused"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "certificate not trusted"
    if isinstance(exc, ssl.SSLError):
        return "TLS"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "disconnected"
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timeout"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"server error {exc.smtp_code}"
    if isinstance(exc, OSError):
        return "connection"
    return type(exc).__name__


@contextmanager
def connect(settings: MailSettings) -> Iterator[smtplib.SMTP]:
    """An open, authenticated connection; closed afterwards. Raises MailError."""
    if not settings.host:
        raise MailError("not configured")
    context = ssl.create_default_context(cafile=settings.ca_file)
    try:
        connection = _open(settings, context)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(classify(exc)) from None
    try:
        yield connection
    finally:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()


def _open(settings: MailSettings, context: ssl.SSLContext) -> smtplib.SMTP:
    assert settings.host is not None
    connection: smtplib.SMTP
    if settings.security == "tls":
        connection = smtplib.SMTP_SSL(
            settings.host,
            settings.port,
            local_hostname=HELO_NAME,
            timeout=settings.timeout,
            context=context,
        )
    else:
        connection = smtplib.SMTP(
            settings.host, settings.port, local_hostname=HELO_NAME, timeout=settings.timeout
        )
    try:
        connection.ehlo()
        if settings.security == "starttls":
            connection.starttls(context=context)
            connection.ehlo()
        if settings.username:
            connection.login(settings.username, settings.password() or "")
    except BaseException:
        connection.close()
        raise
    return connection


def send(connection: smtplib.SMTP, message: EmailMessage) -> None:
    """Send one message on an open connection. Raises MailError."""
    try:
        connection.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(classify(exc)) from None


def check(settings: MailSettings) -> None:
    """Connect, log in and say NOOP, sending nothing (``tipline doctor``). Raises MailError."""
    with connect(settings) as connection:
        try:
            code, _ = connection.noop()
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(classify(exc)) from None
        if code != 250:
            raise MailError(f"server error {code}")
