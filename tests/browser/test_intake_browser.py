"""A real tip through a real browser with JavaScript off, then a hunt for leaks.

Chromium (Debian's) submits a tip with English and Spanish text, a county and
two attachments (one over 1 MiB) to a real ``tipline serve``. Then nothing
that was submitted may be found in plaintext in the instance folder, the
database, the system temp dir (files touched during the test) or the server's
logs, and the real CLI (``tipline age -d`` with the passphrase-protected
organization identity) must recover every byte.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ENGLISH = "Officers at the Montgomery jail phoned ICE before releasing my cousin Zebulon-7731."
SPANISH = (
    "Los guardias llamaron a la migra; nos dijeron que esperáramos en la puerta trasera Ñandú-4419."
)
PLACE = "Back gate of facility Quixotic-5520"
WHEN = "Tuesday night, around Xylophone-9913 o'clock"


def pattern_bytes(label: str, size: int) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += f"[{label}|{counter:09d}|{label[::-1]}]".encode()
        counter += 1
    return bytes(out[:size])


def needles(files: dict[str, bytes], phrase: str) -> dict[str, bytes]:
    """Distinctive pieces of everything the source sent (and the phrase)."""
    found: dict[str, bytes] = {
        "english": b"Zebulon-7731",
        "english sentence": ENGLISH[:40].encode(),
        "spanish": "Ñandú-4419".encode(),
        "spanish sentence": SPANISH[:40].encode(),
        "place": b"Quixotic-5520",
        "when": b"Xylophone-9913",
        "phrase": phrase.encode(),
    }
    for name, data in files.items():
        for offset in (0, len(data) // 3, len(data) - 80):
            found[f"{name}@{offset}"] = data[offset : offset + 48]
    return found


def files_under(
    root: Path, *, since: float | None = None, exclude: tuple[Path, ...] = ()
) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, onerror=lambda _err: None):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not any((here / d) == ex for ex in exclude)]
        for name in filenames:
            path = here / name
            try:
                if not path.is_file() or path.is_symlink():
                    continue
                if since is not None and path.stat().st_mtime < since:
                    continue
            except OSError:
                continue
            yield path


def scan(paths: Iterator[Path], wanted: dict[str, bytes]) -> list[str]:
    leaks = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        leaks += [f"{label} in {path}" for label, needle in wanted.items() if needle in data]
    return leaks


def test_tip_through_chromium_without_javascript(
    browser: Any, live_instance: Any, live_servers: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    started = time.time() - 1
    inputs = tmp_path / "inputs"  # the source's own files: plaintext by definition
    inputs.mkdir()
    files = {
        "letter.txt": pattern_bytes("carta-de-adentro", 20_000),
        "recording.bin": pattern_bytes("grabacion-grande", 1_400_000),
    }
    for name, data in files.items():
        (inputs / name).write_bytes(data)

    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    try:
        page.goto(live_servers.intake_url + "/")
        assert "Send a tip safely" in page.content()
        page.click("text=Español")  # the language switch: a plain link
        assert page.locator("html").get_attribute("lang") == "es"
        page.click("text=Escribir un reporte")
        # Without JavaScript the page says the server will seal, and nothing else.
        assert page.locator("[data-seal-path=server]").is_visible()
        assert not page.locator("[data-seal-path=browser]").is_visible()
        page.fill("textarea[name=what_happened]", f"{ENGLISH}\n\n{SPANISH}")
        page.select_option("select[name=county]", "42091")
        page.fill("input[name=place]", PLACE)
        page.fill("input[name=when]", WHEN)
        page.check("#agencies-ice")
        page.check("#agencies-county_jail")
        page.check("#knowledge-told")
        page.set_input_files("input[name=attachments]", [str(inputs / name) for name in files])
        page.click("button[type=submit]")
        page.wait_for_load_state()
        receipt = page.content()
        page.screenshot(path=str(artifacts_dir / "intake-receipt.png"), full_page=True)
    finally:
        context.close()
    assert "Su frase de recibo" in receipt, receipt
    assert "Este servidor cifró su reporte y sus archivos en cuanto llegaron" in receipt
    assert "Su navegador cifró" not in receipt
    match = re.search(r'<p class="receipt__phrase" lang="en"><code>([a-z -]+)</code>', receipt)
    assert match, receipt
    phrase = match.group(1)
    assert len(phrase.split()) == 7

    # 1. Nothing submitted is anywhere in plaintext.
    wanted = needles(files, phrase)
    time.sleep(0.5)  # let the server finish its writes and log lines
    leaks = scan(files_under(live_instance.instance), wanted)
    leaks += scan(iter([live_servers.log_path]), wanted)
    leaks += scan(files_under(live_instance.root / "tmp"), wanted)
    # Anything that ignored TMPDIR lands in the system temp folder. pytest's own
    # folders there hold this run's inputs and other concurrent runs' files
    # (the same canaries), and the browser's folders hold what it was given.
    temp_root = Path(tempfile.gettempdir())
    skip = tuple(
        p
        for pattern in ("pytest-of-*", "playwright*", ".org.chromium*")
        for p in temp_root.glob(pattern)
    )
    leaks += scan(files_under(temp_root, since=started, exclude=skip), wanted)
    assert leaks == []
    # The scanner itself works: it does find the source's own copies.
    assert len(scan(files_under(inputs), wanted)) == 3 * len(files)
    log = live_servers.log_text()
    assert "127.0.0.1" not in log.replace(live_servers.intake_url, "").replace(
        live_servers.review_url, ""
    )

    # 2. The organization identity, through the real CLI, recovers everything.
    database = live_instance.instance / "tipline.sqlite3"
    with sqlite3.connect(database) as connection:
        [(tip_id, body_blob, county)] = connection.execute(
            "SELECT id, body_blob, county_fips FROM tips"
        ).fetchall()
        rows = dict(
            connection.execute("SELECT id, blob_id FROM attachments WHERE tip_id = ?", (tip_id,))
        )
    assert county == "42091"
    document = json.loads(decrypt_blob(live_instance, body_blob))
    assert document["language"] == "es"
    # Browsers send a textarea's line breaks as CRLF (HTML form submission rules).
    assert document["fields"]["what_happened"] == f"{ENGLISH}\r\n\r\n{SPANISH}"
    assert document["fields"]["place"] == PLACE and document["fields"]["when"] == WHEN
    assert document["fields"]["agencies"] == ["ice", "county_jail"]
    assert document["fields"]["knowledge"] == ["told"]
    assert [(a["filename"], a["size"]) for a in document["attachments"]] == [
        (name, len(data)) for name, data in files.items()
    ]
    for info, (name, data) in zip(document["attachments"], files.items(), strict=True):
        assert decrypt_blob(live_instance, rows[info["attachment_id"]]) == data, name


def decrypt_blob(live_instance: Any, blob_id: str) -> bytes:
    path = live_instance.instance / "blobs" / blob_id[:2] / blob_id
    result = live_instance.tipline("age", "-d", "-i", str(live_instance.identity_file), str(path))
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    output: bytes = result.stdout
    return output


@pytest.fixture
def small_upload_limit(live_instance: Any) -> int:
    """Lower the instance's upload limit before ``live_servers`` starts it."""
    live_instance.env["TIPLINE_MAX_UPLOAD_BYTES"] = "1000000"
    return 1_000_000


def test_oversize_upload_shows_the_413_page(
    browser: Any, small_upload_limit: int, live_instance: Any, live_servers: Any, tmp_path: Path
) -> None:
    """The browser shows our 413 page in its language, not a reset connection."""
    big = tmp_path / "too-big.bin"
    big.write_bytes(pattern_bytes("demasiado", 3 * small_upload_limit))
    context = browser.new_context(java_script_enabled=False, locale="es-MX")
    page = context.new_page()
    try:
        page.goto(live_servers.intake_url + "/tip")
        page.fill("textarea[name=what_happened]", ENGLISH)
        page.set_input_files("input[name=attachments]", str(big))
        with page.expect_navigation() as navigation:
            page.click("button[type=submit]")
        response = navigation.value
        assert response is not None and response.status == 413
        assert "Sus archivos son demasiado grandes" in page.content()
    finally:
        context.close()
    blobs = live_instance.instance / "blobs"
    assert not blobs.exists() or [p for p in blobs.rglob("*") if p.is_file()] == []
    with sqlite3.connect(live_instance.instance / "tipline.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM tips").fetchone() == (0,)
