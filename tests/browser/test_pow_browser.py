"""The flood-time proof of work in a real browser (issue 10).

The intake runs with ``FLOOD_TIPS_PER_TWO_HOURS=0`` (always under a flood)
and a small difficulty. With JavaScript on, Chromium loads the self-hosted
``pow.js`` under the page's strict CSP (allowed by its hash, nothing
blocked), solves the challenge with Web Crypto before posting, and the tip
is stored as proven; with JavaScript off the same form posts without a proof
and the tip is stored all the same, marked as unproven.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import pytest

pytestmark = pytest.mark.browser

TEXT = "A guard told ICE the release time of a man held at the county jail."


@pytest.fixture
def live_instance(live_instance: Any) -> Any:
    """The harness's instance, always under a flood, with a cheap proof of work."""
    live_instance.env.update({"TIPLINE_FLOOD_TIPS_PER_TWO_HOURS": "0", "TIPLINE_POW_BITS": "10"})
    return live_instance


def send_tip(browser: Any, url: str, javascript: bool) -> tuple[str, list[str]]:
    context = browser.new_context(java_script_enabled=javascript, locale="en-US")
    page = context.new_page()
    problems: list[str] = []
    # Script errors and CSP violations show up on the console; failed loads
    # are checked by URL (the browser's own favicon request may 404).
    page.on(
        "console",
        lambda message: (
            None
            if message.text.startswith("Failed to load resource")
            else problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    try:
        page.goto(url + "/tip")
        assert page.locator('input[name="pow_challenge"]').count() == 1
        page.fill("textarea[name=what_happened]", TEXT)
        page.click("button[type=submit]")
        page.wait_for_selector(".receipt__phrase", timeout=60_000)
        return page.content(), problems
    finally:
        context.close()


def test_javascript_on_solves_the_proof_and_off_still_sends(
    browser: Any, live_instance: Any, live_servers: Any
) -> None:
    with_js, problems = send_tip(browser, live_servers.intake_url, javascript=True)
    assert re.search(r'class="receipt__phrase"', with_js)
    # No CSP report, no script error: the script ran as the page allowed it.
    assert problems == [], problems
    without_js, _ = send_tip(browser, live_servers.intake_url, javascript=False)
    assert re.search(r'class="receipt__phrase"', without_js)
    database = sqlite3.connect(live_instance.instance / "tipline.sqlite3")
    try:
        rows = database.execute(
            "SELECT during_flood, proof_of_work FROM tips ORDER BY proof_of_work"
        ).fetchall()
    finally:
        database.close()
    assert rows == [(1, 0), (1, 1)]
