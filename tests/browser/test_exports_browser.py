"""From a tip to a shareable report, in a real browser with JavaScript off.

1. A source sends a tip (Berks County) through the intake.
2. The admin signs in for the first time and creates a reviewer and an
   organizer account.
3. The reviewer opens the tip, writes a summary full of identifying details,
   sees them highlighted, redacts every one, and approves the summary.
4. The organizer signs in, lands on the organizer view (screenshot with the
   map: test-artifacts/organizer.png) and downloads CSV, JSON and the PDF.
5. None of the redacted strings is in any download (the PDF read back with
   poppler's pdftotext; its pages also rendered with pdftoppm for a look),
   nor anywhere in the instance folder or the server log.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import create_account, sign_in_first_time, submit_tip

pytestmark = pytest.mark.browser

SECRETS = {
    "name": "Maria Lopez",
    "phone": "610-555-0142",
    "email": "maria.lopez@example.org",
    "a-number": "A123456789",
    "address": "45 W. Elm Avenue",
}
SUMMARY = (
    f"Deputies at the county jail handed {SECRETS['name']} to ICE at the back door right "
    f"after her release. Her sister called {SECRETS['phone']} and wrote to "
    f"{SECRETS['email']}. Her A-number is {SECRETS['a-number']}. The family lives at "
    f"{SECRETS['address']}. She was held 9 days before the transfer to Lancaster."
)
SHARED = "Deputies at the county jail handed [name] to ICE at the back door"
TIP = "A letter from inside about a release-time handoff, Quokka-3318."


def _leaks(data: bytes) -> list[str]:
    return [kind for kind, secret in SECRETS.items() if secret.encode() in data]


def _reviewer_approves(browser: Any, review: str, password: str, artifacts: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in_first_time(page, review, "lawyer", password)
        page.click(f"tr.inbox-row:has-text('{TIP[:30]}') th a")
        page.click("text=Write a summary for sharing")
        page.fill("textarea[name=text]", SUMMARY)
        page.click("button:has-text('Save draft')")
        # A click returns once the next page starts loading; the lookups
        # below do not wait, so let the page finish first (flaky under load).
        page.wait_for_load_state()
        marked = " | ".join(page.locator(".summary-highlight mark.finding").all_inner_texts())
        for kind, secret in SECRETS.items():
            assert secret in marked, kind
        assert page.locator("button:has-text('Approve for sharing')").count() == 0
        page.screenshot(path=str(artifacts / "summary-findings.png"), full_page=True)
        for radio in page.locator("input[type=radio][value=redact]").all():
            radio.check()
        page.click("button:has-text('Save decisions')")
        page.wait_for_load_state()
        assert page.locator(".summary-highlight mark.finding--undecided").count() == 0
        preview = page.locator(".summary-preview").inner_text()
        assert preview.startswith(SHARED) and _leaks(preview.encode()) == []
        # What no detector covered is listed quietly, and a number left in
        # the text takes one more confirmation (server-side, no JavaScript).
        assert page.locator(".check-numbers").inner_text() == "9"
        assert "Lancaster" in page.locator(".check-words").inner_text()
        page.click("button:has-text('Approve for sharing')")
        assert "Draft" in page.locator(".summary-state").inner_text()
        assert "no finding covers" in page.locator("main").inner_text()
        page.check("input[name=confirm_numbers]")
        page.click("button:has-text('Approve for sharing')")
        assert "Approved" in page.locator(".summary-state").inner_text()
    finally:
        context.close()


def _download(page: Any, link: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click(f".export-links a:has-text('{link}')")
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(str(path))
    return path


def test_reviewer_approves_a_summary_and_an_organizer_exports_it(
    browser: Any,
    live_instance: Any,
    live_servers: Any,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    # Three tips from Berks (so the map colours it), one from Montgomery.
    submit_tip(browser, live_servers.intake_url, TIP, "", [], county="42011")
    for n, county in enumerate(("42011", "42011", "42091")):
        submit_tip(
            browser, live_servers.intake_url, f"Another tip, number {n}.", "", [], county=county
        )
    review = live_servers.review_url

    admin = browser.new_context(java_script_enabled=False)
    page = admin.new_page()
    sign_in_first_time(page, review, live_instance.admin_username, live_instance.admin_password)
    lawyer_password = create_account(page, review, "lawyer", "reviewer")
    organizer_password = create_account(page, review, "organizer", "organizer")
    admin.close()

    _reviewer_approves(browser, review, lawyer_password, artifacts_dir)

    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        sign_in_first_time(page, review, "organizer", organizer_password, landing="/organizer")
        text, html = page.locator("main").inner_text(), page.content()
        assert SHARED in text and "Approved summaries (1)" in text
        assert "Tips received (not spam): 4" in text
        assert "Quokka" not in html and _leaks(html.encode()) == []
        assert page.locator(".chart--map svg path").count() >= 67  # every PA county
        # Montgomery's one tip shows as "<3"; Berks, the largest, only as "at least 3".
        assert "<title>Montgomery County, PA: fewer than 3 tips</title>" in html
        assert "<title>Berks County, PA: at least 3 tips</title>" in html
        page.screenshot(path=str(artifacts_dir / "organizer.png"), full_page=True)
        files = {
            kind: _download(page, link, tmp_path)
            for kind, link in (("csv", "CSV"), ("json", "JSON"), ("pdf", "PDF report"))
        }
    finally:
        context.close()

    csv_text = files["csv"].read_text(encoding="utf-8")
    assert csv_text.startswith("summary_id,scope,county_fips,county_name,month,tags")
    assert SHARED in csv_text and "42011" in csv_text
    document = json.loads(files["json"].read_text(encoding="utf-8"))
    assert [row["summary_text"][: len(SHARED)] for row in document["summaries"]] == [SHARED]
    assert document["aggregates"]["total"]["display"] == "4"
    county = {c["key"]: c["display"] for c in document["aggregates"]["by_county"]["cells"]}
    assert (county["42011"], county["42091"]) == ("≥3", "<3")
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(files["pdf"]), "-"], capture_output=True, check=True
    ).stdout
    words = b" ".join(pdf_text.split())
    assert SHARED.encode() in words and b"Berks County, PA" in words
    for kind, path in files.items():
        assert _leaks(path.read_bytes()) == [], kind
    assert _leaks(pdf_text) == [] and b"Quokka" not in pdf_text
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "40",
                "-png",
                str(files["pdf"]),
                str(artifacts_dir / "organizer-report"),
            ],
            check=True,
        )

    # The draft was sealed and the approved text redacted: no redacted
    # string anywhere the server wrote (database, WAL, blobs) or logged.
    for path in live_instance.instance.rglob("*"):
        if path.is_file():
            assert _leaks(path.read_bytes()) == [], path
    assert _leaks(live_servers.log_path.read_bytes()) == []
