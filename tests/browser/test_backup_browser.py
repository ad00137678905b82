"""A reviewer reads the old tips after a restore on a "new machine" and after a key rotation.

One instance, run with ``tipline serve``: a tip comes in, the reviewer signs
up; a backup is made; the instance and keys folders are wiped and restored
from the backup with a copy of the identity file; the servers start again and
the reviewer signs in with their own password and authenticator app and reads
the tip. Then the key is rotated while both servers run: the reviewer is
signed out, signs in again and reads the old tip and a new one that the
running intake sealed to the new key.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.browser.conftest import serving
from tests.browser.helpers import (
    NEW_PASSWORD,
    admin_creates_reviewer,
    sign_in_first_time,
    submit_tip,
)

pytestmark = pytest.mark.browser

OLD_TIP = "Officers walked a man from the county jail to an ICE van at the loading dock."
NEW_TIP = "After the key change: a second handoff at the same loading dock, at dawn."


class Authenticator:
    """The reviewer's app: a fresh code for each sign-in (codes are single-use)."""

    def __init__(self, secret: str) -> None:
        self.totp = pyotp.TOTP(secret)
        self.last = int(time.time()) // 30

    def code(self) -> str:
        # The server takes one step either side of now, never a step used before.
        step = self.last + 1
        while step > int(time.time()) // 30 + 1:
            time.sleep(1)
        self.last = step
        return str(self.totp.at(step * 30))


def sign_in(page: Any, review_url: str, app: Authenticator) -> None:
    page.goto(review_url + "/login")
    page.fill("input[name=username]", "lawyer")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.click("button:has-text('Continue')")
    page.fill("input[name=code]", app.code())
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.rstrip("/") == review_url, page.url


def reads(page: Any, review_url: str, text: str) -> None:
    page.goto(review_url + "/")
    assert page.url.rstrip("/") == review_url, "signed out"
    page.click(f"tr.inbox-row:has-text('{text[:30]}') th a")
    assert text in page.locator(".tip-field--what-happened").inner_text()


def test_reviewer_reads_old_tips_after_restore_and_rotation(
    browser: Any, live_instance: Any, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.age"
    with serving(live_instance) as servers:
        submit_tip(browser, servers.intake_url, OLD_TIP, "Main Street", [])
        one_time = admin_creates_reviewer(browser, servers.review_url, live_instance, "lawyer")
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        app = Authenticator(sign_in_first_time(page, servers.review_url, "lawyer", one_time))
        reads(page, servers.review_url, OLD_TIP)
        made = live_instance.tipline("backup", "create", "-o", str(backup), "--quiet")
        assert made.returncode == 0, made.stderr.decode()
        context.close()

    # The machine is lost: only the backup and an offline copy of the identity file remain.
    identity_copy = tmp_path / "identity-copy.age"
    shutil.copy(live_instance.keys / "identity.age", identity_copy)
    shutil.rmtree(live_instance.instance)
    shutil.rmtree(live_instance.keys)
    restored = live_instance.tipline("backup", "restore", str(backup), "-i", str(identity_copy))
    assert restored.returncode == 0, restored.stderr.decode()

    with serving(live_instance) as servers:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        sign_in(page, servers.review_url, app)
        reads(page, servers.review_url, OLD_TIP)

        rotated = live_instance.tipline(
            "keys", "rotate", "--grace-minutes", "0", "--work-factor", "8", "--quiet"
        )
        assert rotated.returncode == 0, rotated.stderr.decode()
        assert b"Done" in rotated.stdout
        submit_tip(browser, servers.intake_url, NEW_TIP, "Main Street", [])
        page.goto(servers.review_url + "/")
        assert "/login" in page.url  # the session that held the old key has ended
        sign_in(page, servers.review_url, app)
        reads(page, servers.review_url, OLD_TIP)
        reads(page, servers.review_url, NEW_TIP)
        context.close()
    for check in (("maintenance", "check"), ("audit", "verify")):
        outcome = live_instance.tipline(*check)
        assert outcome.returncode == 0, outcome.stdout.decode() + outcome.stderr.decode()
