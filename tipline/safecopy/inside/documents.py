"""PDFs (with poppler) and office documents (LibreOffice, then poppler) to pixels.

Debian's poppler tools do the reading: ``pdfinfo`` for the page count and
the document information, ``pdfdetach -list`` for embedded files, and
``pdftoppm`` to render every page, scaled so that its long side is at most
``long_side`` pixels (a poster-sized page costs no more than a letter page).
They open the input as ``/proc/self/fd/N`` (the worker's memory file) and
inherit the worker's resource limits. Nothing in the PDF runs: poppler does
not execute JavaScript, and only the rendered pixels leave.

Office documents are first printed to PDF by LibreOffice (``soffice
--headless --convert-to pdf``), which opens its input by a real path (it
resolves ``/proc/self/fd/N`` to the memory file's name, which cannot be
opened) and needs a profile and an output folder: all three go in the
sandbox's private ``/tmp``, a tmpfs (memory) that dies with the sandbox.
Without the sandbox there is no such folder, so office documents are
refused there.

Tool output is read from the last matching line, so a title containing a
line such as ``Pages: 1`` cannot stand in for the real count.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import IO, Any

from . import protocol
from .errors import WorkerError
from .render import Page

PDF_FIELDS = {
    "Author": "pdf-author",
    "Title": "pdf-title",
    "Subject": "pdf-title",
    "Keywords": "pdf-title",
    "Creator": "pdf-software",
    "Producer": "pdf-software",
    "CreationDate": "pdf-times",
    "ModDate": "pdf-times",
}
# The sandbox's private tmpfs (memory, gone with the sandbox): office
# documents are only converted there (see office_to_pdf).
SANDBOX_TMP = "/tmp"  # noqa: S108
_LINE = re.compile(r"^([A-Za-z ]+):\s*(.*)$")
_MAXVAL = 255


def _tool(name: str, *args: str, fd: int) -> subprocess.CompletedProcess[str]:
    path = shutil.which(name)
    if path is None:
        raise WorkerError("unreadable")
    return subprocess.run(  # noqa: S603 - a fixed program on our own memory file
        [path, *args, f"/proc/self/fd/{fd}"],
        pass_fds=(fd,),
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )


def pdf_info(fd: int) -> dict[str, str]:
    """pdfinfo's fields (the last line for each name); WorkerError if unreadable."""
    result = _tool("pdfinfo", fd=fd)
    _check_killed(result.returncode)
    if result.returncode != 0:
        wrong_password = "password" in result.stderr.lower()
        raise WorkerError("encrypted" if wrong_password else "damaged")
    fields: dict[str, str] = {}
    for line in result.stdout.splitlines():
        match = _LINE.match(line)
        if match:
            fields[match.group(1)] = match.group(2).strip()
    return fields


def pdf_metadata(fd: int, info: dict[str, str]) -> list[list[str]]:
    """``[category, field]`` pairs for what the PDF carries besides its pages."""
    found = {code for name, code in PDF_FIELDS.items() if info.get(name)}
    if info.get("Custom Metadata") == "yes":
        found.add("pdf-custom")
    if info.get("Metadata Stream") == "yes":
        found.add("pdf-xmp")
    if info.get("JavaScript") == "yes":
        found.add("pdf-javascript")
    if info.get("Form", "none") != "none":
        found.add("pdf-form")
    detach = _tool("pdfdetach", "-list", fd=fd)
    first = detach.stdout.splitlines()[:1]
    if detach.returncode == 0 and first and not first[0].startswith("0 "):
        found.add("pdf-embedded")
    return sorted([protocol.FIELD_CATEGORY[code], code] for code in found)


def render_document(
    fd: int, kind: str, limits: dict[str, Any]
) -> tuple[Iterator[Page], list[list[str]]]:
    """Pages and metadata found for the PDF (or office document) in ``fd``."""
    office_found: list[list[str]] = []
    if kind == "office":
        fd = office_to_pdf(fd, limits)
    info = pdf_info(fd)
    try:
        pages = int(info.get("Pages", "0"))
    except ValueError as exc:
        raise WorkerError("damaged") from exc
    if pages <= 0:
        raise WorkerError("damaged")
    if pages > int(limits["max_pages"]):
        raise WorkerError("too_many_pages")
    found = pdf_metadata(fd, info)
    if kind == "office":
        # LibreOffice names itself as creator and stamps the conversion time:
        # only what came from the document (author, title) is the source's.
        office_found = [item for item in found if item[1] in ("pdf-author", "pdf-title")]
        found = office_found
    return _render(fd, pages, int(limits["long_side"])), found


def _render(fd: int, pages: int, long_side: int) -> Iterator[Page]:
    path = shutil.which("pdftoppm")
    if path is None:
        raise WorkerError("unreadable")
    args = [path, "-q", "-scale-to", str(long_side), "-f", "1", "-l", str(pages)]
    with subprocess.Popen(  # noqa: S603 - a fixed program on our own memory file
        [*args, f"/proc/self/fd/{fd}"],
        pass_fds=(fd,),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:
        assert process.stdout is not None
        count = 0
        while count < pages:
            page = _read_ppm(process.stdout, long_side)
            if page is None:
                break
            count += 1
            yield page
        process.stdout.close()
        status = process.wait()
    _check_killed(status)
    if count == 0 or (count < pages and status != 0):
        raise WorkerError("damaged")


def _check_killed(status: int) -> None:
    """A tool that died of a signal hit a limit (SIGXCPU, SIGKILL, SIGSEGV on allocation)."""
    if status < 0:
        raise WorkerError("killed")


def _token(stream: IO[bytes]) -> bytes:
    token = b""
    while True:
        byte = stream.read(1)
        if not byte:
            return token
        if byte.isspace():
            if token:
                return token
            continue
        token += byte
        if len(token) > 8:
            raise WorkerError("unreadable")


def _read_ppm(stream: IO[bytes], long_side: int) -> Page | None:
    """One binary PPM (P6) image from pdftoppm's output, or None at the end."""
    magic = _token(stream)
    if not magic:
        return None
    if magic != b"P6":
        raise WorkerError("unreadable")
    width, height, maxval = int(_token(stream)), int(_token(stream)), int(_token(stream))
    bounded = 0 < width <= long_side + 1 and 0 < height <= long_side + 1
    if not bounded or maxval != _MAXVAL:
        raise WorkerError("unreadable")
    pixels = stream.read(width * height * 3)
    if len(pixels) != width * height * 3:
        return None
    return Page(width, height, pixels)


def office_to_pdf(fd: int, limits: dict[str, Any]) -> int:
    """Print the office document in ``fd`` to PDF; return a memory file holding it."""
    if not limits.get("sandboxed"):
        raise WorkerError("office_unsandboxed")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise WorkerError("office_unavailable")
    indir = os.path.join(SANDBOX_TMP, "office-in")
    outdir = os.path.join(SANDBOX_TMP, "office-out")
    os.makedirs(indir, mode=0o700)
    source = os.path.join(indir, "document")  # no extension: LibreOffice sniffs the content
    with open(source, "wb") as handle:
        while chunk := os.read(fd, 1024 * 1024):
            handle.write(chunk)
    args = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        f"-env:UserInstallation=file://{SANDBOX_TMP}/office-profile",
        "--convert-to",
        "pdf",
        "--outdir",
        outdir,
        source,
    ]
    env = {"PATH": "/usr/bin:/bin", "HOME": SANDBOX_TMP, "LANG": "C.UTF-8"}
    env["SAL_USE_VCLPLUGIN"] = "svp"  # headless rendering, no display
    result = subprocess.run(  # noqa: S603 - fixed arguments
        args, env=env, capture_output=True, check=False, cwd=SANDBOX_TMP
    )
    _check_killed(result.returncode)
    os.unlink(source)
    outputs = glob.glob(os.path.join(outdir, "*.pdf"))
    if len(outputs) != 1:
        raise WorkerError("damaged")
    pdf_fd = os.memfd_create("office-pdf", os.MFD_CLOEXEC)
    with open(outputs[0], "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            os.write(pdf_fd, chunk)
    os.unlink(outputs[0])
    os.lseek(pdf_fd, 0, os.SEEK_SET)
    return pdf_fd
