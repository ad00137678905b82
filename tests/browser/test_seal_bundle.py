"""The committed sealing bundle (tipline/static/seal/), run in Debian's Chromium.

- It passes the same C2SP CCTV age vectors as tipline.crypto (tests/vectors/age).
- What it seals opens with tipline.crypto, with ``tipline age -d``, and, for
  the recipient type Debian's Go ``age`` supports (X25519), with ``age -d``.
- It builds the tip document byte for byte as the server does.

The bundle is loaded into a blank page as a file: no server, no node.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.crypto.vectors import VECTOR_DIR, load_vector, vector_names
from tests.intake.test_sealed import padded
from tipline.crypto import HybridIdentity, X25519Identity, decrypt
from tipline.documents import AttachmentInfo, TipDocument
from tipline.intake.scripts import SEAL_SCRIPT, STATIC_DIR

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    # A secure context, as the intake is in practice (onion or HTTPS): served
    # by Playwright itself for a localhost address, no server behind it.
    page.route(
        "http://localhost/blank",
        lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><html lang='en'><body></body></html>"
        ),
    )
    # Vector bodies travel as fetched bytes, still zlib-compressed where the
    # file is (the page inflates them): large bodies are slow through Playwright.
    page.route(
        "http://localhost/vector/*",
        lambda route: route.fulfill(body=stored_body(route.request.url.rsplit("/", 1)[1])),
    )
    page.goto("http://localhost/blank")
    assert page.evaluate("() => window.isSecureContext")
    page.add_script_tag(path=str(STATIC_DIR / SEAL_SCRIPT))
    assert page.evaluate("() => typeof window.tiplineSeal.age.Decrypter") == "function"
    yield page
    context.close()


def stored_body(name: str) -> bytes:
    """The vector's age file as stored (compressed when its header says so)."""
    return (VECTOR_DIR / name).read_bytes().partition(b"\n\n")[2]


def is_compressed(name: str) -> bool:
    return b"\ncompressed: zlib" in (VECTOR_DIR / name).read_bytes().partition(b"\n\n")[0]


RUN_VECTOR = """async (v) => {
  const age = window.tiplineSeal.age
  const d = new age.Decrypter()
  try {
    for (const i of v.identities) d.addIdentity(i)
    for (const p of v.passphrases) d.addPassphrase(p)
    let stored = (await fetch("/vector/" + v.name)).body
    if (v.compressed) stored = stored.pipeThrough(new DecompressionStream("deflate"))
    let body = new Uint8Array(await new Response(stored).arrayBuffer())
    if (v.armored) body = age.armor.decode(new TextDecoder().decode(body))
    const out = await d.decrypt(body)
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", out))
    return { ok: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("") }
  } catch (error) {
    return { error: String(error && error.message || error) }
  }
}"""


def test_bundle_passes_the_cctv_vectors(page: Any) -> None:
    failures = []
    names = vector_names()
    for name in names:
        vector = load_vector(name)
        result = page.evaluate(
            RUN_VECTOR,
            {
                "name": name,
                "compressed": is_compressed(name),
                "identities": vector.identities,
                "passphrases": vector.passphrases,
                "armored": vector.armored,
            },
        )
        if vector.expect == "success":
            if result.get("ok") != vector.payload:
                failures.append(f"{name}: expected success, got {result}")
        elif "ok" in result:
            failures.append(f"{name}: expected {vector.expect}, but it decrypted")
    assert len(names) > 100
    assert failures == []


# Defines base64(blob) inside a page script.
BASE64 = """
  async function base64(blob) {
    const out = new Uint8Array(await blob.arrayBuffer())
    let text = ""
    for (let i = 0; i < out.length; i += 32768) {
      text += String.fromCharCode(...out.subarray(i, i + 32768))
    }
    return btoa(text)
  }
"""

SEAL = (
    "async ({ recipients, data }) => {"
    + BASE64
    + """
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
  return base64(await window.tiplineSeal.sealFile(recipients, new Blob([bytes])))
}"""
)


def seal_in_page(page: Any, recipients: list[str], data: bytes) -> bytes:
    sealed = page.evaluate(
        SEAL, {"recipients": recipients, "data": base64.b64encode(data).decode()}
    )
    return base64.b64decode(sealed)


# Around age's 64 KiB STREAM chunks and the page's 1 MiB batches (stream.js).
@pytest.mark.parametrize(
    "size", [0, 1, 65535, 65536, 65537, 300_000, 1_048_576, 1_048_577, 2_162_688]
)
def test_sealed_in_the_page_opens_with_tipline(page: Any, size: int) -> None:
    hybrid, classic = HybridIdentity.generate(), X25519Identity.generate()
    data = hashlib.shake_256(str(size).encode()).digest(size)
    sealed = seal_in_page(page, [str(hybrid.recipient()), str(classic.recipient())], data)
    assert decrypt(sealed, [hybrid]) == data
    assert decrypt(sealed, [classic]) == data


# A file whose stream is not a byte stream (no BYOB reader: the fallback that
# copies the browser's chunks in), in uneven chunks, or that gives more or
# fewer bytes than its size says.
ODD_FILE = (
    "async ({ recipients, size, claimed }) => {"
    + BASE64
    + """
  const bytes = new Uint8Array(size).map((_, i) => (i * 7) % 251)
  const cuts = [1, 999, 65536, 70000, 1 << 20]
  const file = {
    size: claimed,
    stream() {
      let at = 0, turn = 0
      return new ReadableStream({
        pull(controller) {
          if (at >= bytes.length) return controller.close()
          const n = cuts[turn++ % cuts.length]
          controller.enqueue(bytes.slice(at, at + n))
          at += n
        },
      })
    },
  }
  try {
    return { sealed: await base64(await window.tiplineSeal.sealFile(recipients, file)) }
  } catch (error) {
    return { error: String(error) }
  }
}"""
)


def test_a_file_read_without_byob_in_uneven_chunks_seals_the_same(page: Any) -> None:
    identity = X25519Identity.generate()
    size = 1_300_000
    result = page.evaluate(
        ODD_FILE, {"recipients": [str(identity.recipient())], "size": size, "claimed": size}
    )
    assert decrypt(base64.b64decode(result["sealed"]), [identity]) == bytes(
        (i * 7) % 251 for i in range(size)
    )


@pytest.mark.parametrize("claimed", [1_299_999, 1_300_001, 2_000_000])
def test_a_file_that_is_not_its_size_is_not_sealed(page: Any, claimed: int) -> None:
    identity = X25519Identity.generate()
    result = page.evaluate(
        ODD_FILE, {"recipients": [str(identity.recipient())], "size": 1_300_000, "claimed": claimed}
    )
    assert "sealed" not in result
    assert "file" in result["error"]


def test_sealed_in_the_page_opens_with_the_tipline_cli(page: Any, tmp_path: Path) -> None:
    identity = HybridIdentity.generate()
    (tmp_path / "key.txt").write_text(str(identity) + "\n")
    data = b"browser-sealed, opened by tipline age -d\n" * 1000
    (tmp_path / "file.age").write_bytes(seal_in_page(page, [str(identity.recipient())], data))
    result = subprocess.run(
        [sys.executable, "-m", "tipline.cli", "age", "-d", "-i", str(tmp_path / "key.txt"),
         str(tmp_path / "file.age")],
        capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == data


@pytest.mark.skipif(shutil.which("age-keygen") is None, reason="Go age is not installed")
def test_sealed_in_the_page_opens_with_go_age(page: Any, tmp_path: Path) -> None:
    key = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], capture_output=True, check=True, timeout=30)
    recipient = subprocess.run(
        ["age-keygen", "-y", str(key)], capture_output=True, text=True, check=True, timeout=30
    ).stdout.strip()
    data = bytes(range(256)) * 1000
    (tmp_path / "file.age").write_bytes(seal_in_page(page, [recipient], data))
    result = subprocess.run(
        ["age", "-d", "-i", str(key), str(tmp_path / "file.age")],
        capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == data


TRICKY = [
    "plain words",
    'quotes " and \\ backslashes',
    "tabs\tand\u0001control\u001fcharacters\u007f",
    "línea uno\r\nlínea dos, ñandú, 日本語, emoji 🦉, U+2028 \u2028 end",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_page_builds_the_servers_tip_document(page: Any, text: str) -> None:
    fields = {"what_happened": text, "county_fips": None, "place": text[:5], "when": "",
              "agencies": ["ice", "courts"], "knowledge": []}  # fmt: skip
    attachment = AttachmentInfo("0" * 32, f"nombre {text[:8]}.pdf", "application/pdf", 12345)
    expected = padded(TipDocument(language="es", fields=fields, attachments=[attachment]))
    built = page.evaluate(
        """({ fields }) => {
          const s = window.tiplineSeal
          const doc = s.tipDocument({ language: "es", fields, attachments: [{ id: "0".repeat(32),
            filename: "nombre " + Array.from(fields.what_happened).slice(0, 8).join("") + ".pdf",
            contentType: "application/pdf", size: 12345 }] })
          return Array.from(s.paddedDocument(doc))
        }""",
        {"fields": fields},
    )
    assert bytes(built) == expected
    assert json.loads(bytes(built))["fields"] == fields


def test_the_form_seals_only_in_a_secure_context(browser: Any, intake_client: Any) -> None:
    """The real form page with its real CSP: the script runs (allowed by hash) and
    takes over in a secure context; elsewhere typage cannot work (no WebCrypto),
    so the form stays on the server path and says so."""

    def serve(route: Any) -> None:
        path = "/" + route.request.url.split("/", 3)[3]
        response = intake_client.get(path)
        route.fulfill(
            status=response.status_code, headers=dict(response.headers), body=response.get_data()
        )

    context = browser.new_context()
    try:
        blocked: list[str] = []
        page = context.new_page()
        page.on("console", lambda message: blocked.append(message.text))
        for origin, secure in (("http://localhost", True), ("http://tipline.example", False)):
            page.route(origin + "/**", serve)
            page.goto(origin + "/tip")
            page.wait_for_function("() => window.tiplineSeal !== undefined")
            mode = page.evaluate("() => document.querySelector('form').dataset.sealing || null")
            assert mode == ("browser" if secure else None), origin
            assert page.locator("[data-seal-path=server]").is_visible() is not secure
        assert [m for m in blocked if "Content Security Policy" in m] == []
    finally:
        context.close()


def test_an_altered_script_does_not_run(browser: Any, intake_client: Any) -> None:
    """Integrity and the page's CSP hash: one byte more and the browser refuses it."""

    def serve(route: Any) -> None:
        path = "/" + route.request.url.split("/", 3)[3]
        response = intake_client.get(path)
        body = response.get_data()
        if path.endswith(".js"):
            body += b"\nwindow.pwned = 1\n"
        route.fulfill(status=response.status_code, headers=dict(response.headers), body=body)

    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("http://localhost/**", serve)
        page.goto("http://localhost/tip")
        page.wait_for_load_state("load")
        assert page.evaluate("() => [window.tiplineSeal, window.pwned]") == [None, None]
        assert page.evaluate("() => document.querySelector('form').dataset.sealing") is None
        assert page.locator("[data-seal-path=server]").is_visible()
    finally:
        context.close()


# What the flood's proof-of-work script does on the form: take the submit,
# solve, add a hidden "pow_solution", call form.submit(). Installed before the
# sealing script's listener (as soon as the form is parsed) or after it.
FAKE_POW = """(first) => {
  const install = (form) => form.addEventListener("submit", (event) => {
    if (form.querySelector("input[name=pow_solution]")) return
    event.preventDefault()
    setTimeout(() => {
      const answer = document.createElement("input")
      answer.type = "hidden"; answer.name = "pow_solution"; answer.value = "4242"
      form.appendChild(answer)
      form.submit()
    }, 300)
  })
  if (!first) return install(document.querySelector("form.tip-form"))
  new MutationObserver((_m, observer) => {
    const form = document.querySelector("form.tip-form")
    if (form) { observer.disconnect(); install(form) }
  }).observe(document, { childList: true, subtree: true })
}"""


@pytest.mark.parametrize("pow_first", [True, False], ids=["pow-listens-first", "pow-second"])
def test_the_sealed_post_carries_the_proof_of_work(
    browser: Any, intake_client: Any, pow_first: bool
) -> None:
    posts: list[tuple[str, bytes]] = []

    def serve(route: Any) -> None:
        request = route.request
        path = "/" + request.url.split("/", 3)[3]
        if request.method == "POST":
            posts.append((path, request.post_data_buffer or b""))
            route.fulfill(status=200, content_type="text/html", body="<p>received</p>")
            return
        response = intake_client.get(path)
        body = response.get_data()
        if path == "/tip":  # the challenge a flood would add to the form
            body = body.replace(
                b"</form>", b'<input type="hidden" name="pow_challenge" value="c.1.4"></form>'
            )
        route.fulfill(status=response.status_code, headers=dict(response.headers), body=body)

    context = browser.new_context()
    try:
        page = context.new_page()
        if pow_first:
            page.add_init_script(f"({FAKE_POW})(true)")
        page.route("http://localhost/**", serve)
        page.goto("http://localhost/tip")
        page.wait_for_selector("form[data-sealing=browser]")
        if not pow_first:
            page.evaluate(FAKE_POW, False)
        page.fill("textarea[name=what_happened]", "Canary-Marmot-3310 saw the transfer at dawn.")
        with page.expect_navigation():
            page.click("button[type=submit]")
    finally:
        context.close()
    assert [path for path, _body in posts] == ["/tip/sealed"]
    body = posts[0][1]
    assert b'name="pow_challenge"\r\n\r\nc.1.4\r\n' in body
    assert b'name="pow_solution"\r\n\r\n4242\r\n' in body
    assert b"Canary-Marmot-3310" not in body and b"age-encryption.org/v1" in body
