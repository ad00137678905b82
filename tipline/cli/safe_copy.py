"""``tipline safe-copy FILE -o OUT``: a safe copy of a file, for offline use.

The same conversion as the tip page's (tipline.safecopy): the file is
streamed into the sandboxed worker through a pipe, rendered to pixels there,
and rebuilt here as a PDF with no metadata, scripts or embedded files (or,
with ``-o NAME.jpg``, a single clean JPEG for a one-page file such as a
photo). FILE may be ``-`` for standard input, so a sealed file can be
opened and converted without its plaintext ever reaching the disk::

    tipline age -d -i keys/identity.age attachment.age | tipline safe-copy - -o copy.pdf

What the original carried (GPS, author, device, times, ...) is listed on
standard output, by field name, never by value. Settings (sandbox mode and
limits) come from the configuration as for the apps; ``--sandbox`` overrides
the mode. Failures are one ``Error:`` line and exit status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import click

from tipline.atomic import atomic_output
from tipline.config import ConfigError, load_config
from tipline.safecopy.convert import FIELDS, Conversion, convert
from tipline.safecopy.errors import SafeCopyError
from tipline.safecopy.service import CATEGORY_LABELS, KIND_PHRASES
from tipline.safecopy.settings import SANDBOX_MODES, settings_from_config

CHUNK = 64 * 1024
IMAGE_SUFFIXES = (".jpg", ".jpeg")


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _describe(conversion: Conversion) -> list[str]:
    lines = []
    groups: dict[str, list[str]] = {}
    for category, field in conversion.found:
        groups.setdefault(category, []).append(FIELDS[field])
    for category, label in CATEGORY_LABELS.items():
        if category in groups:
            lines.append(f"  {label}: {'; '.join(groups[category])}")
    if not lines:
        return ["No GPS position, author, device or times were found in the original."]
    return ["Found in the original and left out of the safe copy:", *lines]


@click.command("safe-copy")
@click.argument("source", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
    help="Where to write the safe copy: NAME.pdf, or NAME.jpg for a one-page file.",
)  # fmt: skip
@click.option(
    "--sandbox", type=click.Choice(SANDBOX_MODES), default=None,
    help="bwrap (default) or none: no sandbox, resource limits only (see README).",
)  # fmt: skip
def safe_copy_command(source: str, output: str, sandbox: str | None) -> None:
    """Render FILE (PDF, image, office document) to a clean PDF or JPEG."""
    out = Path(output).resolve()
    if source != "-" and Path(source).resolve() == out:
        raise click.ClickException("The output would overwrite the original; choose another name.")
    if out.suffix.lower() not in (".pdf", *IMAGE_SUFFIXES):
        raise click.ClickException("The output name must end in .pdf, .jpg or .jpeg.")
    try:
        settings = settings_from_config(load_config(require_secrets=False))
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if sandbox is not None:
        settings = replace(settings, sandbox=sandbox)
    try:
        handle = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise click.ClickException(f"{source} cannot be read: {exc.strerror}.") from exc
    try:
        conversion = convert(_chunks(handle), settings)
    except SafeCopyError as exc:
        raise click.ClickException(str(exc)) from exc
    if out.suffix.lower() in IMAGE_SUFFIXES:
        if conversion.pages != 1:
            raise click.ClickException(
                f"The file has {conversion.pages} pages; a JPEG holds one. Use NAME.pdf."
            )
        data = conversion.page_jpegs[0]
    else:
        data = conversion.pdf
    try:
        # One shared writer: it also writes /dev/null or a FIFO in place rather
        # than renaming a file over it (as root, that replaced /dev/null).
        with atomic_output(out, f".{out.name}.") as handle:
            handle.write(data)
    except OSError as exc:
        raise click.ClickException(f"{output} cannot be written: {exc.strerror}.") from exc
    pages = f"{conversion.pages} page{'s' if conversion.pages != 1 else ''}"
    click.echo(f"Safe copy written to {output} ({pages}, from {KIND_PHRASES[conversion.kind]}).")
    if not conversion.sandboxed:
        click.echo("Made WITHOUT the bubblewrap sandbox (--sandbox none).")
    for line in _describe(conversion):
        click.echo(line)
