"""A real SMTP server for the notification tests (aiosmtpd), with TLS and login.

:func:`mail_server` starts one on a free port of 127.0.0.1 with a
certificate made for the test (its CA file is what ``SMTP_CA_FILE``
trusts), STARTTLS required before login, and one account. With
``implicit_tls`` it speaks TLS from the first byte (port-465 style). Every
message it accepts is kept in ``messages``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USERNAME = "tipline-notifier"
PASSWORD = "correct horse battery staple mail"


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (cert file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tipline test mail")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "mail-cert.pem", folder / "mail-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class MailServer:
    host: str
    port: int
    ca_file: Path
    messages: list[Message] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    def config(self, **overrides: Any) -> dict[str, Any]:
        """Settings that send to this server."""
        return {
            "SMTP_HOST": self.host,
            "SMTP_PORT": self.port,
            "SMTP_SECURITY": "starttls",
            "SMTP_USERNAME": USERNAME,
            "SMTP_CA_FILE": str(self.ca_file),
            "SMTP_TIMEOUT": 10,
            "MAIL_FROM": "notifications@tipline.example",
            "REVIEW_URL": "https://review.tipline.example/",
            **overrides,
        }


class _Recorder:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.server.messages.append(message_from_bytes(envelope.original_content))
        self.server.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def _authenticate(
    _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any
) -> AuthResult:
    ok = (
        isinstance(data, LoginPassword)
        and data.login == USERNAME.encode()
        and data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def mail_server(folder: Path, *, implicit_tls: bool = False) -> Iterator[MailServer]:
    cert, key = make_certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = MailServer("127.0.0.1", free_port(), cert)
    options: dict[str, Any] = {
        "authenticator": _authenticate,
        "auth_required": True,
        "server_hostname": "localhost",
    }
    if implicit_tls:
        # The whole connection is TLS, which aiosmtpd's "AUTH only after
        # STARTTLS" rule does not know about.
        options.update(ssl_context=context, auth_require_tls=False)
    else:
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(_Recorder(server), hostname=server.host, port=server.port, **options)
    # This server stands in for the mail provider; its own log names the
    # peer's address, which the suite-wide check would rightly object to.
    server_log = logging.getLogger("mail.log")
    server_log.propagate = False
    controller.start()
    try:
        yield server
    finally:
        controller.stop()
        server_log.propagate = True
