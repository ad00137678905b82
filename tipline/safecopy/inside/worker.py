"""The sandboxed worker: input on stdin, page pixels and a report on stdout.

Run as ``python -E -s -B -m inside.worker LIMITS_JSON`` (tipline.safecopy.sandbox
starts it, inside bubblewrap where available). In order:

1. set its own resource limits (CPU seconds, address space, file size, open
   files, no core dumps), which every program it starts inherits;
2. say hello (protocol.HELLO_LINE), so the parent knows the sandbox started;
3. read the whole input from stdin into an anonymous memory file
   (``memfd_create``): the plaintext never gets a name on any disk, and the
   programs it runs open it as ``/proc/self/fd/N``;
4. decide what the input is by its content (inside.detect), render it to page
   pixels (inside.images with Pillow, inside.documents with poppler and
   LibreOffice), and send the pages and a ``DONE`` or ``FAIL`` line.

Whatever goes wrong ends in a ``FAIL`` line with a code from
protocol.FAILURES; the parent also handles a worker that dies or hangs.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from . import protocol
from .detect import detect
from .errors import WorkerError
from .images import render_image
from .render import Page

READ_SIZE = 64 * 1024


def set_limits(limits: dict[str, Any]) -> None:
    """Apply the limits before any input is read; children inherit them."""
    cpu = int(limits["cpu_seconds"])
    memory = int(limits["memory_bytes"])
    max_input = int(limits["max_input_bytes"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # The input is written once into the memory file (which FSIZE counts);
    # LibreOffice writes its intermediate PDF, bounded the same way.
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_input + 1, max_input + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))


def read_input(stream: BinaryIO, max_bytes: int) -> int:
    """Copy stdin into a fresh memory file; return its descriptor."""
    fd = os.memfd_create("input", os.MFD_CLOEXEC)
    total = 0
    while True:
        chunk = stream.read(READ_SIZE)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise WorkerError("too_big")
        os.write(fd, chunk)
    if total == 0:
        raise WorkerError("empty")
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def convert(fd: int, limits: dict[str, Any]) -> tuple[str, Iterator[Page], list[list[str]]]:
    """The kind, the pages (lazily) and the metadata found, for the memory file."""
    with open(f"/proc/self/fd/{fd}", "rb") as handle:
        head = handle.read(4096)
    kind = detect(head, fd)
    if kind == "image":
        return kind, *render_image(fd, limits)
    # Imported here: only documents need poppler and LibreOffice.
    from .documents import render_document

    return kind, *render_document(fd, kind, limits)


def _send_pages(out: BinaryIO, pages: Iterator[Page]) -> int:
    count = 0
    for page in pages:
        out.write(protocol.page_header(page.width, page.height))
        out.write(page.pixels)
        out.flush()
        count += 1
    return count


def main(argv: list[str]) -> int:
    limits = json.loads(argv[1])
    set_limits(limits)
    out = sys.stdout.buffer
    out.write(protocol.HELLO_LINE)
    out.flush()
    try:
        fd = read_input(sys.stdin.buffer, int(limits["max_input_bytes"]))
        kind, pages, found = convert(fd, limits)
        count = _send_pages(out, pages)
    except WorkerError as exc:
        out.write(b"FAIL %s\n" % exc.code.encode("ascii"))
    except MemoryError:
        out.write(b"FAIL too_many_pixels\n")
    except Exception:  # anything else a hostile file provokes: one code, no detail
        out.write(b"FAIL unreadable\n")
    else:
        report = {"kind": kind, "pages": count, "found": found}
        out.write(b"DONE " + json.dumps(report).encode("ascii") + b"\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
