"""Shared steps for browser tests (plain functions taking Playwright objects).

- :func:`submit_tip`: a source sends a tip through the intake, JavaScript off;
- :func:`sign_in_first_time`: one-time password, TOTP enrolment (the code is
  computed with pyotp from the key the enrolment page shows as text), a new
  password, then the page a user lands on;
- :func:`create_account`: an admin creates an account on /admin/users/new
  and gets its one-time password; :func:`admin_creates_reviewer` does the
  admin's first sign-in first, in a browser of its own;
- :func:`watch` and :func:`no_script_ran`: with JavaScript on, prove that no
  payload ran (no dialog opened, no ``window.pwned`` set).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyotp

NEW_PASSWORD = "browser test password that is long enough"


def submit_tip(
    browser: Any,
    intake_url: str,
    text: str,
    extra: str,
    files: Sequence[Path],
    county: str = "other",
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    try:
        page.goto(intake_url + "/")
        # The landing page's button to the form (by address: its words may change).
        page.click("a.button[href$='/tip']")
        page.fill("textarea[name=what_happened]", text)
        page.select_option("select[name=county]", county)
        page.fill("input[name=place]", extra)
        page.fill("input[name=when]", extra)
        page.check("#agencies-ice")
        page.check("#knowledge-saw")
        if files:
            page.set_input_files("input[name=attachments]", [str(f) for f in files])
        page.click("button[type=submit]")
        page.wait_for_load_state()
        assert "receipt" in page.content().lower()
    finally:
        context.close()


def sign_in_first_time(
    page: Any, review_url: str, username: str, password: str, landing: str = "/"
) -> str:
    """One-time password, TOTP enrolment from the key shown as text, new password.

    ``landing`` is the path the user must end up on (organizers: /organizer).
    Returns the TOTP secret (what the user's authenticator app now holds).
    """
    page.goto(review_url + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button:has-text('Continue')")
    secret = page.locator("code.totp-secret").inner_text()
    code = pyotp.TOTP(re.sub(r"\s+", "", secret)).now()
    page.fill("input[name=code]", code)
    page.click("button:has-text('Confirm')")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.fill("input[name=confirm]", NEW_PASSWORD)
    page.click("button:has-text('Save and continue')")
    page.wait_for_load_state()
    assert page.url.rstrip("/") == (review_url + landing).rstrip("/"), page.url
    return re.sub(r"\s+", "", secret)


def create_account(page: Any, review_url: str, username: str, role: str) -> str:
    """As a signed-in admin: create an account; return its one-time password."""
    page.goto(review_url + "/admin/users/new")
    page.fill("input[name=username]", username)
    page.select_option("select[name=role]", role)
    page.click("button:has-text('Create')")
    password: str = page.locator(".one-time-password code").inner_text().strip()
    return password


def admin_creates_reviewer(browser: Any, review_url: str, instance: Any, username: str) -> str:
    """The admin's first sign-in (JavaScript on), then a reviewer account.

    ``instance`` is the ``live_instance`` fixture (the admin's name and
    one-time password); returns the new reviewer's one-time password.
    """
    admin = browser.new_context(java_script_enabled=True)
    try:
        page = admin.new_page()
        sign_in_first_time(page, review_url, instance.admin_username, instance.admin_password)
        return create_account(page, review_url, username, "reviewer")
    finally:
        admin.close()


def watch(page: Any) -> list[str]:
    """Record every dialog (alert, confirm...) a script might open."""
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def no_script_ran(page: Any, dialogs: list[str]) -> None:
    assert dialogs == []
    assert page.evaluate("() => window.pwned") is None
