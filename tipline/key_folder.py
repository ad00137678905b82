"""The organization's key files in the keys folder.

Layout (see keys/README.md)::

    keys/recipients.txt          public recipients, one per line (safe to share);
                                 the first is the organization key, any others
                                 are extra recipients such as an offline backup
    keys/identity.age            the organization identity, sealed with an age
                                 scrypt passphrase (for recovery and the CLI)

The intake app reads only ``recipients.txt``. A missing, empty or malformed
file raises :class:`KeysError`, and the app fails closed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tipline.crypto import (
    AgeError,
    HybridIdentity,
    Identity,
    Recipient,
    ScryptIdentity,
    ScryptRecipient,
    decrypt,
    encrypt,
    parse_identities_file,
    parse_recipients_file,
)

RECIPIENTS_FILE = "recipients.txt"
IDENTITY_FILE = "identity.age"


class KeysError(Exception):
    """Key material is missing, unreadable or invalid; the message says which."""


def load_recipients(keys_dir: str | os.PathLike[str]) -> list[Recipient]:
    """The organization's public recipients; never empty."""
    path = Path(keys_dir) / RECIPIENTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KeysError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        recipients: list[Recipient] = list(parse_recipients_file(text))
    except (AgeError, ValueError) as exc:
        raise KeysError(f"{path} is not a valid recipients file: {exc}") from exc
    if not recipients:
        raise KeysError(f"{path} lists no recipients")
    return recipients


def recipient_lines(keys_dir: str | os.PathLike[str]) -> list[str]:
    """The recipient strings as written, for display and fingerprints."""
    load_recipients(keys_dir)  # validates
    text = (Path(keys_dir) / RECIPIENTS_FILE).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def fingerprint(keys_dir: str | os.PathLike[str]) -> str:
    """A short, readable fingerprint of the organization key (first recipient)."""
    return recipient_fingerprint(recipient_lines(keys_dir)[0])


def recipient_fingerprint(recipient: str) -> str:
    """SHA-256 of a recipient string, first 128 bits, in groups of four hex digits."""
    digest = hashlib.sha256(recipient.encode()).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def load_identity(keys_dir: str | os.PathLike[str], passphrase: str) -> Identity:
    """Open the passphrase-protected organization identity."""
    return open_identity_file(Path(keys_dir) / IDENTITY_FILE, passphrase)


def generate_keys(
    keys_dir: str | os.PathLike[str],
    passphrase: str,
    *,
    work_factor: int = 18,
    extra_recipients: list[str] | None = None,
    force: bool = False,
) -> HybridIdentity:
    """Create a post-quantum organization identity and write both key files."""
    directory = Path(keys_dir)
    targets = [directory / RECIPIENTS_FILE, directory / IDENTITY_FILE]
    if not force and any(p.exists() for p in targets):
        raise KeysError(f"keys already exist in {directory}; refusing to overwrite them")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    identity = HybridIdentity.generate()
    lines = [
        "# tipline organization recipients: public, safe to share.",
        "# The first line is the organization key; add backup recipients below it.",
        str(identity.recipient()),
        *(extra_recipients or []),
    ]
    write_private(directory / IDENTITY_FILE, seal_identity_file(identity, passphrase, work_factor))
    write_private(directory / RECIPIENTS_FILE, ("\n".join(lines) + "\n").encode())
    return identity


def seal_identity_file(identity: Identity, passphrase: str, work_factor: int = 18) -> bytes:
    """An identity file sealed with an age scrypt passphrase (armored)."""
    return encrypt(
        f"# tipline organization identity\n{identity}\n".encode(),
        [ScryptRecipient(passphrase, work_factor=work_factor)],
        armor=True,
    )


def open_identity_file(path: Path, passphrase: str) -> Identity:
    """Open one passphrase-sealed identity file (``identity.age`` or another)."""
    try:
        sealed = path.read_bytes()
    except OSError as exc:
        raise KeysError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        text = decrypt(sealed, [ScryptIdentity(passphrase)]).decode("utf-8")
        identities = parse_identities_file(text)
    except (AgeError, ValueError, UnicodeDecodeError) as exc:
        raise KeysError(f"cannot open {path}: wrong passphrase or damaged file") from exc
    if len(identities) != 1:
        raise KeysError(f"{path} must hold exactly one identity")
    return identities[0]


def recipients_stamp(keys_dir: str | os.PathLike[str]) -> tuple[int, int, int] | None:
    """What changes when recipients.txt is replaced (inode, time, size); None if absent.

    The intake compares it on every request, so a key rotation's atomic
    rename of the file switches every worker to the new recipients.
    """
    try:
        stat = (Path(keys_dir) / RECIPIENTS_FILE).stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def replace_organization_recipient(keys_dir: str | os.PathLike[str], recipient: str) -> None:
    """Put ``recipient`` in place of the organization key, keeping extra recipients."""
    path = Path(keys_dir) / RECIPIENTS_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            lines[number] = recipient
            break
    else:
        raise KeysError(f"{path} lists no recipients")
    write_private(path, ("\n".join(lines) + "\n").encode())


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner reads, atomically (temporary file, fsync, rename)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
