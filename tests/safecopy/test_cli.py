"""``tipline safe-copy FILE -o OUT``: clean files out, one clear line on failure."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from tests.safecopy import factories
from tests.safecopy.tools import needs_bwrap, needs_poppler
from tipline.cli import cli

pytestmark = [needs_bwrap, needs_poppler]


@pytest.fixture(autouse=True)
def _instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Offline use needs no instance: the defaults apply.
    monkeypatch.setenv("TIPLINE_INSTANCE", str(tmp_path / "no-instance"))


def test_photo_to_clean_jpeg(cli_runner: CliRunner, tmp_path: Path) -> None:
    source, out = tmp_path / "IMG_0042.jpg", tmp_path / "clean.jpg"
    source.write_bytes(factories.gps_photo())
    result = cli_runner.invoke(cli, ["safe-copy", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 page, from an image" in result.output
    assert "GPS location: GPS position (EXIF)" in result.output
    assert factories.AUTHOR not in result.output
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.format == "JPEG" and not image.getexif() and "xmp" not in image.info


def test_output_to_a_pipe_is_written_in_place(cli_runner: CliRunner, tmp_path: Path) -> None:
    # Renaming a file over a FIFO (or, as root, over /dev/null) would replace it.
    source, fifo = tmp_path / "IMG_0042.jpg", tmp_path / "clean.jpg"
    source.write_bytes(factories.gps_photo())
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = cli_runner.invoke(cli, ["safe-copy", str(source), "-o", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and Image.open(io.BytesIO(received[0])).format == "JPEG"


def test_document_from_stdin_to_pdf(tmp_path: Path) -> None:
    # The real console script, fed through a pipe: the plaintext never has a file name.
    out = tmp_path / "copy.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "tipline.cli", "safe-copy", "-", "-o", str(out)],
        input=factories.hostile_pdf(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Scripts, embedded files and forms: " in done.stdout
    assert out.read_bytes().startswith(b"%PDF") and b"/JavaScript" not in out.read_bytes()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (factories.renamed_executable(), "not a PDF, an image or an office document"),
        (factories.many_pages_pdf(), "more than 200 pages"),
    ],
    ids=["exe-as-pdf", "10000-pages"],
)
def test_refusals_are_one_line_and_write_nothing(
    cli_runner: CliRunner, tmp_path: Path, data: bytes, words: str
) -> None:
    source, out = tmp_path / "report.pdf", tmp_path / "copy.pdf"
    source.write_bytes(data)
    result = cli_runner.invoke(cli, ["safe-copy", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and words in result.output
    assert result.output.count("\n") == 1
    assert not out.exists()


def test_bad_arguments(cli_runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(factories.hostile_pdf())
    same = cli_runner.invoke(cli, ["safe-copy", str(source), "-o", str(source)])
    assert same.exit_code == 1 and "overwrite the original" in same.output
    assert source.read_bytes() == factories.hostile_pdf()
    odd = cli_runner.invoke(cli, ["safe-copy", str(source), "-o", str(tmp_path / "x.docx")])
    assert odd.exit_code == 1 and "must end in .pdf, .jpg or .jpeg" in odd.output
    many = cli_runner.invoke(cli, ["safe-copy", str(source), "-o", str(tmp_path / "x.jpg")])
    assert many.exit_code == 0  # one page: fine as a JPEG
    missing = cli_runner.invoke(cli, ["safe-copy", str(tmp_path / "nope.pdf"), "-o", "x.pdf"])
    assert missing.exit_code == 1 and "cannot be read" in missing.output
