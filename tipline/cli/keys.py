"""``tipline keys show|split|recover|rotate``: the organization key, recovery shares, rotation.

``split`` prints M-of-N shares of the identity as words to write on paper and
hand to trusted people; ``recover`` rebuilds the identity from any M of them
(typed at prompts, or one per line on standard input) and either prints its
recipient, to compare with keys/recipients.txt, or writes it to a new
passphrase-protected identity file with ``-o``.
"""

from __future__ import annotations

import os
import sys

import click

from tipline import key_folder
from tipline.accounts import recovery
from tipline.accounts.recovery import RecoveryError
from tipline.cli import LazyGroup
from tipline.cli.common import PASSPHRASE_ENV, cli_config, fail, org_identity
from tipline.crypto import Identity
from tipline.key_folder import KeysError

MIN_PASSPHRASE = 12


@click.group("keys", cls=LazyGroup, lazy={"rotate": "tipline.cli.rotate:rotate_command"})
def keys_group() -> None:
    """The organization key: show it, split it, recover it, rotate it."""


@keys_group.command("show")
def show_command() -> None:
    """Print the public recipients and the organization key's fingerprint."""
    config = cli_config()
    try:
        lines = key_folder.recipient_lines(config["KEYS_DIR"])
        fingerprint = key_folder.fingerprint(config["KEYS_DIR"])
    except KeysError as exc:
        raise fail(exc) from exc
    click.echo(f"Fingerprint: {fingerprint}")
    click.echo("Recipients (the first is the organization key):")
    for line in lines:
        click.echo(f"  {line}")


@keys_group.command("split")
@click.option(
    "--threshold",
    "-m",
    type=click.IntRange(2, 255),
    required=True,
    help="How many shares rebuild the key (M).",
)
@click.option(
    "--shares",
    "-n",
    type=click.IntRange(2, 255),
    required=True,
    help="How many shares to make (N).",
)
def split_command(threshold: int, shares: int) -> None:
    """Print M-of-N recovery shares of the organization identity."""
    if threshold > shares:
        raise click.ClickException("--threshold cannot be larger than --shares")
    identity = org_identity(cli_config())
    try:
        word_shares = recovery.split(identity, threshold, shares)
    except RecoveryError as exc:
        raise fail(exc) from exc
    click.echo(f"{shares} recovery shares; any {threshold} of them rebuild the organization key.")
    click.echo("Give each to a different trusted person, on paper. Never store them together.")
    for number, words in enumerate(word_shares, start=1):
        click.echo(f"\nShare {number} of {shares}:")
        click.echo(words)


def _read_shares() -> list[str]:
    if not sys.stdin.isatty():
        return [line.strip() for line in sys.stdin if line.strip()]
    click.echo("Type one share per prompt; an empty line when done.")
    shares: list[str] = []
    while True:
        text: str = click.prompt(f"Share {len(shares) + 1}", default="", show_default=False)
        if not text.strip():
            return shares
        shares.append(text)


@keys_group.command("recover")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the recovered identity here, sealed with a new passphrase.",
)
@click.option("--work-factor", default=18, show_default=True, help="scrypt log2(N) for -o.")
def recover_command(output: str | None, work_factor: int) -> None:
    """Rebuild the organization identity from M shares."""
    if output is not None and os.path.lexists(output):
        raise click.ClickException(f"{output} already exists; refusing to overwrite it")
    try:
        identity = recovery.recover(_read_shares())
    except RecoveryError as exc:
        raise fail(exc) from exc
    recipient = str(identity.recipient()) if hasattr(identity, "recipient") else "?"
    click.echo(f"Recovered identity for recipient {recipient}")
    _compare(identity)
    if output is None:
        return
    passphrase = _new_passphrase()
    try:
        recovery.write_identity_file(output, identity, passphrase, work_factor)
    except RecoveryError as exc:
        raise fail(exc) from exc
    click.echo(f"Wrote {output} (age, scrypt passphrase).")


def _compare(identity: Identity) -> None:
    try:
        expected = key_folder.recipient_lines(cli_config()["KEYS_DIR"])[0]
    except (KeysError, click.ClickException):
        return
    recipient = getattr(identity, "recipient", None)
    if recipient is not None and str(recipient()) == expected:
        click.echo("It matches the organization key in keys/recipients.txt.")
    else:
        click.echo("It does NOT match the organization key in keys/recipients.txt.")


def _new_passphrase() -> str:
    passphrase = os.environ.get(PASSPHRASE_ENV) or click.prompt(
        "Passphrase for the new identity file", hide_input=True, confirmation_prompt=True
    )
    if len(passphrase) < MIN_PASSPHRASE:
        raise click.ClickException(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    return str(passphrase)
