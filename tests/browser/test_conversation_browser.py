"""A source comes back and a lawyer replies, in real browsers against ``tipline serve``.

The source always runs with JavaScript off (as in Tor Browser's safest
mode); the reviewer with JavaScript on, so any script that slipped into a
page would run and be caught.

1. The source sends a tip and writes down the receipt phrase.
2. A reviewer replies on the tip page.
3. The source signs in with the phrase and reads the reply (marked new).
4. The source adds a message and a file, then signs out.
5. The reviewer sees both (the file downloads byte for byte), and links the
   tip into a new case together with a second tip.
6. The case page shows both tips and the timeline.

Along the way: no cookie the source's browser holds carries the phrase or a
key, and the server's log never names the phrase.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import (
    admin_creates_reviewer,
    no_script_ran,
    sign_in_first_time,
    watch,
)
from tests.helpers import decode_flask_cookie

pytestmark = pytest.mark.browser

STORY = "A deputy walked Ofelia-2291 to the ICE van at the jail's sally port at 3 a.m."
SECOND = "Same sally port, two weeks later: another release handed to ICE, Quimby-8830."
REPLY = "Thank you. Was anyone else there?\n<script>window.pwned='reply'</script>"
FOLLOW_UP = "Sí, dos guardias más. Adjunto la hoja de turnos."


def source_context(browser: Any) -> Any:
    return browser.new_context(java_script_enabled=False, locale="es-US", accept_downloads=True)


def send_tip(browser: Any, intake_url: str, text: str) -> str:
    """Submit a tip with JavaScript off; return the receipt phrase shown once."""
    context = source_context(browser)
    page = context.new_page()
    try:
        page.goto(intake_url + "/?lang=en")
        page.click("a.button[href='/tip']")
        page.fill("textarea[name=what_happened]", text)
        page.click("button[type=submit]")
        phrase: str = page.locator(".receipt__phrase code").inner_text().strip()
        assert len(phrase.split()) == 7
        return phrase
    finally:
        context.close()


def assert_cookies_clean(context: Any, phrase: str) -> None:
    words = phrase.split()
    cookies = context.cookies()
    assert cookies, "the source's browser holds no cookie at all"
    for cookie in cookies:
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        text = json.dumps(decode_flask_cookie(cookie["value"])).lower()
        assert "age-secret-key" not in text
        for first, second in itertools.pairwise(words):
            assert f"{first} {second}" not in text and f"{first}{second}" not in text


def test_source_returns_reads_the_reply_and_adds_a_file(
    browser: Any,
    live_instance: Any,
    live_servers: Any,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    intake, review = live_servers.intake_url, live_servers.review_url
    phrase = send_tip(browser, intake, STORY)
    send_tip(browser, intake, SECOND)

    # The admin's first sign-in, then a reviewer account, as in the review test.
    one_time = admin_creates_reviewer(browser, review, live_instance, "lawyer")

    # 2. The reviewer replies on the tip page.
    lawyer = browser.new_context(java_script_enabled=True, accept_downloads=True)
    desk = lawyer.new_page()
    dialogs = watch(desk)
    sign_in_first_time(desk, review, "lawyer", one_time)
    second_id = desk.locator(f"tr.inbox-row:has-text('{SECOND[:30]}')").get_attribute("data-tip")
    desk.click(f"tr.inbox-row:has-text('{STORY[:30]}') th a")
    tip_url = desk.url
    desk.fill("#reply-body", REPLY)
    desk.click("button:has-text('Send reply')")
    conversation = desk.locator("#conversation")
    assert "Was anyone else there?" in conversation.inner_text()
    assert "not yet read by the source" in conversation.inner_text()
    no_script_ran(desk, dialogs)

    # 3. The source comes back with the phrase and reads the reply (Spanish pages).
    source = source_context(browser)
    visit = source.new_page()
    visit.goto(intake + "/?lang=es")
    visit.click("text=Tengo una frase de recibo")
    visit.fill("input[name=phrase]", phrase.upper())  # typed differently still works
    visit.click("button:has-text('Abrir mi conversación')")
    assert visit.url.endswith("/conversation")
    reply_item = visit.locator(".conversation__item--organization")
    assert "Was anyone else there?" in reply_item.inner_text()
    assert "<script>window.pwned='reply'</script>" in reply_item.inner_text()
    assert reply_item.locator(".badge--unread").inner_text() == "Nuevo"
    visit.screenshot(path=str(artifacts_dir / "conversation-source.png"), full_page=True)
    assert_cookies_clean(source, phrase)

    # 4. A message and a file, then sign out.
    shifts = tmp_path / "turnos.pdf"
    shifts.write_bytes(b"%PDF-1.4 shift roster " * 5000)
    visit.fill("textarea[name=body]", FOLLOW_UP)
    visit.set_input_files("input[name=attachments]", str(shifts))
    visit.click("button:has-text('Enviar')")
    assert "Su mensaje fue enviado" in visit.content()
    mine = visit.locator(".conversation__item--source")
    assert FOLLOW_UP in mine.inner_text() and "turnos.pdf" in mine.inner_text()
    assert visit.locator(".badge--unread").count() == 0  # the reply is read now
    assert_cookies_clean(source, phrase)
    visit.click("button:has-text('Cerrar sesión')")
    assert "cierre el navegador Tor" in visit.content()
    visit.goto(intake + "/conversation")
    assert "/return" in visit.url
    source.close()

    # 5. The reviewer sees both, downloads the file, and opens a case with both tips.
    desk.goto(tip_url)
    conversation = desk.locator("#conversation")
    text = conversation.inner_text()
    assert FOLLOW_UP in text and "read by the source" in text and "new" in text
    with desk.expect_download() as info:
        desk.click("#conversation a:has-text('turnos.pdf')")
    assert Path(info.value.path()).read_bytes() == shifts.read_bytes()
    desk.click("button:has-text('Mark the source')")
    assert "new from the source" not in desk.locator("#conversation").inner_text()
    desk.screenshot(path=str(artifacts_dir / "conversation-review.png"), full_page=True)
    no_script_ran(desk, dialogs)

    desk.click("a:has-text('New case from this tip')")
    desk.fill("input[name=title]", "Sally port handoffs")
    tips_box = desk.locator("textarea[name=tips]")
    tips_box.fill(tips_box.input_value() + f"\n{second_id}")
    desk.click("button:has-text('Create case')")

    # 6. The case page: both tips and the timeline.
    assert "Sally port handoffs" in desk.locator("h1").inner_text()
    assert "Tips in this case (2)" in desk.content()
    linked = {row.get_attribute("data-tip") for row in desk.locator("tr[data-tip]").all()}
    assert second_id in linked and tip_url.rsplit("/", 1)[-1] in linked
    timeline = desk.locator(".case-timeline").inner_text()
    assert "created the case" in timeline and timeline.count("linked tip") == 2
    desk.screenshot(path=str(artifacts_dir / "conversation-case.png"), full_page=True)
    no_script_ran(desk, dialogs)
    lawyer.close()

    log = live_servers.log_text()
    for first, second in itertools.pairwise(phrase.split()):
        assert f"{first} {second}" not in log
    assert "source signed in" in log and "Ofelia-2291" not in log
