"""``tipline age`` and ``tipline age-keygen``: the age tool's interface on tipline.crypto.

Files made here open with the reference ``age``/``age-keygen`` and vice versa.
Data goes stdin to stdout by default; ``-o`` output is written to a temporary
file and renamed into place only on success, so a failure (wrong key, tampered
payload) never leaves a partial plaintext behind. Every failure is one line on
stderr, ``tipline age: error: ...``, and a non-zero exit.
"""

from __future__ import annotations

import codecs
import contextlib
import getpass
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any, BinaryIO

import click

from tipline.atomic import OutputError, atomic_output
from tipline.crypto import (
    AgeError,
    HybridIdentity,
    Identity,
    NoIdentityError,
    Recipient,
    ScryptIdentity,
    ScryptRecipient,
    Stanza,
    X25519Identity,
    decrypt,
    decrypt_stream,
    encrypt_stream,
    parse_identities_file,
    parse_recipient,
    parse_recipients_file,
)
from tipline.crypto.armor import looks_armored
from tipline.crypto.key_format import AnyIdentity, format_identity_file

PASSPHRASE_ENV = "TIPLINE_PASSPHRASE"  # noqa: S105 - a variable name, not a secret
WORK_FACTOR_ENV = "TIPLINE_SCRYPT_WORK_FACTOR"
_BLOCK = 1024 * 1024


class CLIError(click.ClickException):
    """A failure reported as one line, ``<prog>: error: <message>``."""

    exit_code = 1

    def __init__(self, message: str, prog: str = "tipline age") -> None:
        # One line, whatever the underlying exception text looked like.
        super().__init__(" ".join(str(message).split()))
        self.prog = prog

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"{self.prog}: error: {self.format_message()}", err=True)


class CLIUsageError(CLIError):
    """A usage error, reported in one line; exits 2 as click's usage errors do."""

    exit_code = 2


class _OneLineCommand(click.Command):
    """Report usage errors as one line too, instead of click's usage block."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise CLIUsageError(exc.format_message(), prog=f"tipline {self.name}") from None


# -- passphrases --------------------------------------------------------------


def _passphrase(prompt: str, *, confirm: bool) -> str:
    """The passphrase from $TIPLINE_PASSPHRASE, else from the terminal (not stdin)."""
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        if not env:
            raise CLIError(f"${PASSPHRASE_ENV} is set but empty")
        return env
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
    except OSError:
        raise CLIError(f"no terminal to read a passphrase from; set ${PASSPHRASE_ENV}") from None
    value = getpass.getpass(prompt)
    if not value:
        raise CLIError("empty passphrase")
    if confirm and getpass.getpass("Confirm passphrase: ") != value:
        raise CLIError("passphrases didn't match")
    return value


def _work_factor() -> int:
    raw = os.environ.get(WORK_FACTOR_ENV)
    if raw is None:
        return 18
    if not raw.isdigit() or not 1 <= int(raw) <= 30:
        raise CLIError(f"${WORK_FACTOR_ENV} must be an integer between 1 and 30")
    return int(raw)


class _PromptingScryptIdentity(Identity):
    """Asks for the passphrase only if the file turns out to be passphrase-encrypted."""

    def __init__(self, prompt: str) -> None:
        self._prompt = prompt
        self.asked = False

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        if not any(s.type == "scrypt" for s in stanzas):
            return None
        self.asked = True
        return ScryptIdentity(_passphrase(self._prompt, confirm=False)).unwrap(stanzas)


# -- inputs and outputs -------------------------------------------------------


def _read_text(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise CLIError(f"cannot read {what} {path!r}: {exc.strerror}") from None


def load_identity_file(path: str) -> list[AnyIdentity]:
    data = _read_text(path, "identity file")
    if data.startswith(b"age-encryption.org/") or looks_armored(data[:1024]):
        # An identity file sealed with a passphrase, as age supports.
        prompt = f"Enter passphrase for identity file {path!r}: "
        try:
            data = decrypt(data, [_PromptingScryptIdentity(prompt)])
        except AgeError as exc:
            raise CLIError(f"cannot decrypt identity file {path!r}: {exc}") from None
    try:
        return parse_identities_file(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise CLIError(f"identity file {path!r}: {exc}") from None


def _binary_stdin() -> BinaryIO:
    # The byte stream under sys.stdin (CliRunner swaps sys.stdin in tests).
    return sys.stdin.buffer


def _binary_stdout() -> BinaryIO:
    return sys.stdout.buffer


@contextlib.contextmanager
def _open_input(path: str | None) -> Iterator[BinaryIO]:
    if path is None or path == "-":
        yield _binary_stdin()
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CLIError(f"cannot open input {path!r}: {exc.strerror}") from None
    with handle:
        yield handle


@contextlib.contextmanager
def _open_output(path: str | None) -> Iterator[BinaryIO]:
    """stdout, or a temp file next to ``path`` renamed over it only on success."""
    if path is None or path == "-":
        stdout = _binary_stdout()
        yield stdout
        stdout.flush()
        return
    try:
        with atomic_output(path, ".tipline-age-") as handle:
            yield handle
    except OutputError as exc:
        raise CLIError(f"cannot write output {path!r}: {exc.strerror}") from None


def _stdout_is_terminal(output: str | None) -> bool:
    return output is None and _binary_stdout().isatty()


# -- age ----------------------------------------------------------------------


def _recipients(
    recipient: Sequence[str], recipients_file: Sequence[str], identity: Sequence[str]
) -> list[Recipient]:
    out: list[Recipient] = []
    for text in recipient:
        try:
            out.append(parse_recipient(text))
        except ValueError as exc:
            raise CLIError(f"invalid recipient: {exc}") from None
    for path in recipients_file:
        try:
            out.extend(parse_recipients_file(_read_text(path, "recipients file").decode()))
        except (ValueError, UnicodeDecodeError) as exc:
            raise CLIError(f"recipients file {path!r}: {exc}") from None
    for path in identity:  # age -e -i: encrypt to the identity's own recipient
        out.extend(i.recipient() for i in load_identity_file(path))
    return out


def _blocks(src: BinaryIO) -> Iterator[memoryview]:
    """The input in blocks, read into one reused buffer where possible."""
    readinto = getattr(src, "readinto", None)
    if not callable(readinto):
        while block := src.read(_BLOCK):
            yield memoryview(block)
        return
    view = memoryview(bytearray(_BLOCK))
    while n := readinto(view):
        yield view[:n]


def _encrypt(recipients: list[Recipient], armor: bool, src: BinaryIO, dst: BinaryIO) -> None:
    writer = encrypt_stream(dst, recipients, armor=armor)
    try:
        for block in _blocks(src):
            writer.write(block)
    except BaseException:
        writer.abort()
        raise
    writer.close()


def _decrypt(identities: list[Identity], src: BinaryIO, dst: BinaryIO, to_tty: bool) -> None:
    reader = decrypt_stream(src, identities)
    text = codecs.getincrementaldecoder("utf-8")()
    for chunk in reader.chunks():
        if to_tty:
            # Like age: plaintext that is not text would garble the terminal.
            try:
                text.decode(chunk)
            except UnicodeDecodeError:
                raise CLIError("refusing to output binary to the terminal; use -o") from None
        dst.write(chunk)


@click.command("age", cls=_OneLineCommand)
@click.option("-e", "--encrypt", "mode", flag_value="encrypt", help="Encrypt (the default).")
@click.option("-d", "--decrypt", "mode", flag_value="decrypt", help="Decrypt.")
@click.option("-r", "--recipient", multiple=True, help="Encrypt to RECIPIENT (repeatable).")
@click.option("-R", "--recipients-file", multiple=True, help="Encrypt to every recipient in FILE.")
@click.option("-p", "--passphrase", is_flag=True, help="Encrypt with a passphrase.")
@click.option("-a", "--armor", is_flag=True, help="Encrypt to an ASCII-armored (PEM) file.")
@click.option("-i", "--identity", multiple=True, help="Identity FILE (plain or passphrase-sealed).")
@click.option("-o", "--output", help="Write to OUTPUT (atomically) instead of stdout.")
@click.argument("input_path", metavar="[INPUT]", required=False)
def age_command(
    mode: str | None,
    recipient: tuple[str, ...],
    recipients_file: tuple[str, ...],
    passphrase: bool,
    armor: bool,
    identity: tuple[str, ...],
    output: str | None,
    input_path: str | None,
) -> None:
    """Encrypt or decrypt INPUT (default stdin) in the age v1 format."""
    try:
        if mode == "decrypt":
            if recipient or recipients_file or passphrase or armor:
                raise CLIError("-r/-R/-p/-a can't be used with -d (armor is detected)")
            ids: list[Identity] = [i for path in identity for i in load_identity_file(path)]
            prompting = _PromptingScryptIdentity("Enter passphrase: ")
            try:
                with _open_input(input_path) as src, _open_output(output) as dst:
                    _decrypt(ids or [prompting], src, dst, _stdout_is_terminal(output))
            except NoIdentityError:
                if ids:
                    raise
                if prompting.asked:
                    raise CLIError("incorrect passphrase") from None
                raise CLIError("the file is not passphrase-encrypted: use -i IDENTITY") from None
            return
        if passphrase:
            if recipient or recipients_file or identity:
                raise CLIError("-p can't be combined with -r/-R/-i")
            pw = _passphrase("Enter passphrase: ", confirm=True)
            recipients: list[Recipient] = [ScryptRecipient(pw, work_factor=_work_factor())]
        else:
            recipients = _recipients(recipient, recipients_file, identity)
            if not recipients:
                raise CLIError("missing recipients: use -r, -R, -i or -p")
        if not armor and _stdout_is_terminal(output):
            raise CLIError("refusing to output binary to the terminal; use -a or -o")
        with _open_input(input_path) as src, _open_output(output) as dst:
            _encrypt(recipients, armor, src, dst)
    except CLIError:
        raise
    except AgeError as exc:
        raise CLIError(str(exc)) from None
    except OSError as exc:
        raise CLIError(f"{exc.strerror or exc}") from None


# -- age-keygen ---------------------------------------------------------------


@click.command("age-keygen", cls=_OneLineCommand)
@click.option("--pq/--x25519", "pq", default=True, help="Post-quantum hybrid (default) or X25519.")
@click.option("-o", "--output", help="Write the identity to a new file (mode 0600).")
@click.option("-y", "convert", is_flag=True, help="Print the recipients of an identity file.")
@click.argument("input_path", metavar="[INPUT]", required=False)
def age_keygen_command(pq: bool, output: str | None, convert: bool, input_path: str | None) -> None:
    """Generate an age identity, or with -y print the recipients of one."""
    prog = "tipline age-keygen"
    if convert:
        with _open_input(input_path) as src:
            data = src.read()
        try:
            identities = parse_identities_file(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise CLIError(str(exc), prog=prog) from None
        text = "".join(f"{i.recipient()}\n" for i in identities)
        if output:
            with _open_output(output) as dst:
                dst.write(text.encode())
        else:
            click.echo(text, nl=False)
        return
    if input_path:
        raise CLIError("an INPUT file is only accepted with -y", prog=prog)
    identity: AnyIdentity = HybridIdentity.generate() if pq else X25519Identity.generate()
    content = format_identity_file(identity).encode()
    if output:
        try:
            fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise CLIError(f"cannot create {output!r}: {exc.strerror}", prog=prog) from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
    else:
        stdout = _binary_stdout()
        stdout.write(content)
        stdout.flush()
    if output or not sys.stdout.isatty():
        click.echo(f"Public key: {identity.recipient()}", err=True)
