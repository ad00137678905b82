"""One clear sentence for each way a conversion can end without a safe copy.

The review app (English only) and the CLI both show these. They name the
limit that was hit and what to do, never anything read from the file.
"""

from __future__ import annotations

from tipline.safecopy.settings import MIB, Settings

_ORIGINAL = "Open the original only on a machine you can afford to lose."

MESSAGES = {
    "empty": "The file is empty: there is nothing to make a safe copy of.",
    "too_big": "The file is larger than {max_input} MiB, the most a safe copy is made from.",
    "unsupported": (
        "This file is not a PDF, an image or an office document, whatever its name says, "
        "so no safe copy can be made. " + _ORIGINAL
    ),
    "damaged": "The file is damaged or is not what it claims to be; it could not be read.",
    "encrypted": "The PDF is protected by a password, so no safe copy can be made.",
    "too_many_pages": (
        "The document has more than {max_pages} pages, the most a safe copy covers. " + _ORIGINAL
    ),
    "too_many_pixels": (
        "The image is larger than {megapixels} megapixels (a decompression bomb, or a very "
        "large scan), so it was not opened."
    ),
    "office_unavailable": (
        "Office documents need LibreOffice, which is not installed on this server "
        "(Debian: libreoffice-writer-nogui)."
    ),
    "office_unsandboxed": (
        "Office documents are converted only inside the sandbox, and this server runs "
        "safe copies without it (SAFE_COPY_SANDBOX is 'none')."
    ),
    "unreadable": "The file could not be converted. " + _ORIGINAL,
    "killed": (
        "Converting the file went over the limit of {cpu} CPU seconds or {memory} MiB of "
        "memory and was stopped; it may be built to exhaust the converter. " + _ORIGINAL
    ),
    "input_failed": (
        "The stored file could not be decrypted completely (it may be damaged), so no "
        "safe copy was made of it."
    ),
    "timeout": "Converting the file took longer than {timeout} seconds and was stopped.",
    "sandbox_missing": (
        "Safe copies are made inside the bubblewrap sandbox, and '{bwrap}' is not installed "
        "here (Debian: bubblewrap). See the README, 'Safe copies'."
    ),
    "sandbox_failed": (
        "The bubblewrap sandbox could not start on this machine (it may not be allowed to "
        "create namespaces here), so no safe copy was made. See the README, 'Safe copies'."
    ),
}


def message_for(code: str, settings: Settings) -> str:
    """The message for ``code``, with the limits that applied filled in."""
    template = MESSAGES.get(code, MESSAGES["unreadable"])
    return template.format(
        max_input=settings.max_input_bytes // MIB,
        max_pages=settings.max_pages,
        megapixels=settings.max_pixels // 1_000_000,
        cpu=settings.cpu_seconds,
        memory=settings.memory_bytes // MIB,
        timeout=int(settings.timeout_seconds),
        bwrap=settings.bwrap,
    )
