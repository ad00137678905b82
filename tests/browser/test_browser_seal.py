"""Sealing in the source's browser, in Debian's Chromium against a real server.

- JavaScript on: every request the page makes is recorded twice (Playwright's
  request events, and a relay that keeps every byte on the wire), and no
  piece of the text or the files is in any of them; the organization opens
  the stored tip with ``tipline age -d`` and finds exactly what was typed.
- JavaScript off (tests/browser/test_intake_browser.py): the same form still
  posts to the server, which seals it, and both pages say so.
- Tampering: ciphertext addressed to another key, or damaged on the way, is
  refused with a clear page in the source's language and nothing is stored.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.browser.recorder import recording
from tests.browser.test_intake_browser import decrypt_blob, pattern_bytes

pytestmark = pytest.mark.browser

TEXT = "Guards at the Berks jail called ICE at 2 a.m.; canary Wombat-Ocelot-5183."
SECOND = "Segunda línea: la camioneta blanca, placa canario Ñu-Zorro-7702."
PLACE = "Loading dock, canary Pangolin-2290"
WHEN = "Last Tuesday, canary Axolotl-6611"
CANARIES = [b"Wombat-Ocelot-5183", "Ñu-Zorro-7702".encode(), b"Pangolin-2290", b"Axolotl-6611"]
BROWSER_SEALED_EN = "Your browser locked your tip and files before sending them."
BROWSER_SEALED_ES = "Su navegador cifró su reporte y sus archivos antes de enviarlos."


def fill_form(page: Any, files: list[Path]) -> None:
    page.fill("textarea[name=what_happened]", f"{TEXT}\n{SECOND}")
    page.select_option("select[name=county]", "42011")
    page.fill("input[name=place]", PLACE)
    page.fill("input[name=when]", WHEN)
    page.check("#agencies-ice")
    page.check("#knowledge-documents")
    page.set_input_files("input[name=attachments]", [str(f) for f in files])


def source_files(tmp_path: Path) -> dict[Path, bytes]:
    files = {
        tmp_path / "carta.txt": pattern_bytes("canary-letter-Tapir", 30_000),
        tmp_path / "video.bin": pattern_bytes("canary-video-Quokka", 1_500_000),
    }
    for path, data in files.items():
        path.write_bytes(data)
    return files


def file_canaries(files: dict[Path, bytes]) -> list[bytes]:
    return [data[offset : offset + 40] for data in files.values() for offset in (0, len(data) // 2)]


def stored_tips(live_instance: Any) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(live_instance.instance / "tipline.sqlite3") as connection:
        return connection.execute("SELECT id, body_blob, county_fips FROM tips").fetchall()


def test_javascript_on_seals_in_the_browser(
    browser: Any, live_instance: Any, live_servers: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    files = source_files(tmp_path)
    bodies: list[bytes] = []
    context = browser.new_context(java_script_enabled=True, locale="es-MX")
    page = context.new_page()

    def record(route: Any) -> None:
        bodies.append(route.request.post_data_buffer or b"")
        route.continue_()

    page.route("**/*", record)
    with recording(live_servers.intake_url) as wire:
        try:
            page.goto(wire.url + "/tip?lang=es")
            page.wait_for_selector("form[data-sealing=browser]")
            assert page.locator("[data-seal-path=browser]").is_visible()
            assert not page.locator("[data-seal-path=server]").is_visible()
            # The server will not see the words, so the page checks them itself.
            page.fill("textarea[name=what_happened]", "Too short")
            page.click("button[type=submit]")
            problem = page.locator("[data-seal-problem]")
            problem.wait_for(state="visible")
            assert "Escriba al menos 20 caracteres" in problem.inner_text()
            # The spam trap is checked too, and shown to the person who filled it.
            page.fill("textarea[name=what_happened]", TEXT)
            page.evaluate("() => { document.querySelector('[name=leave_blank]').value = 'x' }")
            page.click("button[type=submit]")
            page.wait_for_function(
                "() => document.querySelector('[data-seal-problem] p').textContent"
                ".includes('Deje este campo vacío')"
            )
            assert page.locator("input[name=leave_blank]").is_visible()
            page.fill("input[name=leave_blank]", "")
            assert b"POST" not in wire.sent()
            fill_form(page, list(files))
            with page.expect_navigation() as navigation:
                page.click("button[type=submit]")
            response = navigation.value
            assert response is not None and response.status == 200
            assert response.url.endswith("/tip/sealed")
            receipt = page.content()
            page.screenshot(path=str(artifacts_dir / "browser-sealed-receipt.png"), full_page=True)
        finally:
            context.close()
        sent = wire.sent()
    assert BROWSER_SEALED_ES in receipt, receipt
    phrase = re.search(r'class="receipt__phrase" lang="en"><code>([a-z -]+)</code>', receipt)
    assert phrase

    # Nothing the source typed or attached left the browser in the clear.
    canaries = CANARIES + file_canaries(files)
    assert b"POST /tip/sealed" in sent and b"POST /tip " not in sent
    assert len(sent) > sum(len(data) for data in files.values())  # the ciphertext went
    assert [c for c in canaries if c in sent] == []
    # Playwright's view of every request body too (the sealed post among them).
    assert any(b"age-encryption.org/v1" in body for body in bodies)
    assert [c for c in canaries if any(c in body for body in bodies)] == []

    # The organization reads exactly what was typed and attached.
    [(tip_id, body_blob, county)] = stored_tips(live_instance)
    assert county == "42011"
    document = json.loads(decrypt_blob(live_instance, body_blob))
    assert document["kind"] == "tip" and document["version"] == 1
    assert document["language"] == "es"
    assert document["fields"] == {
        "what_happened": f"{TEXT}\r\n{SECOND}",
        "county_fips": "42011",
        "place": PLACE,
        "when": WHEN,
        "agencies": ["ice"],
        "knowledge": ["documents"],
    }
    assert [(a["filename"], a["size"]) for a in document["attachments"]] == [
        (path.name, len(data)) for path, data in files.items()
    ]
    with sqlite3.connect(live_instance.instance / "tipline.sqlite3") as connection:
        rows = dict(
            connection.execute("SELECT id, blob_id FROM attachments WHERE tip_id = ?", (tip_id,))
        )
    for info, data in zip(document["attachments"], files.values(), strict=True):
        assert decrypt_blob(live_instance, rows[info["attachment_id"]]) == data


X25519_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"


def refused_page(browser: Any, intake_url: str, files: list[Path], attack: str) -> str:
    """Submit with JavaScript on while ``attack`` interferes; return the refusal page."""
    context = browser.new_context(java_script_enabled=True, locale="es-MX")
    page = context.new_page()
    if attack == "damaged":
        # Change the type of the first stanza of every sealed part on the way.
        def damage(route: Any) -> None:
            body = route.request.post_data_buffer
            assert body is not None and body.count(b"age-encryption.org/v1\n-> ") >= 1
            route.continue_(
                post_data=body.replace(b"\n-> mlkem768x25519 ", b"\n-> mlkem768x25518 ")
            )

        page.route("**/tip/sealed", damage)
    try:
        page.goto(intake_url + "/tip?lang=es")
        page.wait_for_selector("form[data-sealing=browser]")
        if attack == "other key":
            # What a page rewritten in transit would do: seal to someone else.
            page.evaluate(
                "r => document.querySelector('form').dataset.sealRecipients = r", X25519_RECIPIENT
            )
        fill_form(page, files)
        with page.expect_navigation() as navigation:
            page.click("button[type=submit]")
        response = navigation.value
        assert response is not None and response.status == 400
        return str(page.content())
    finally:
        context.close()


def test_tampered_or_misaddressed_ciphertext_is_refused(
    browser: Any, live_instance: Any, live_servers: Any, tmp_path: Path
) -> None:
    files = list(source_files(tmp_path))
    for attack in ("other key", "damaged"):
        refused = refused_page(browser, live_servers.intake_url, files, attack)
        assert "Su reporte todavía no se ha enviado" in refused, attack
        assert "no estaba cifrado con la clave de esta organización" in refused, attack
    assert stored_tips(live_instance) == []
    blobs = live_instance.instance / "blobs"
    assert not blobs.exists() or [p for p in blobs.rglob("*") if p.is_file()] == []
