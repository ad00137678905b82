"""No address, user agent or tip content reaches the app, its logs or a cookie."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from flask import Flask, request

from tests.intake.conftest import file_part, tip_data

ADDRESS = "203.0.113.77"
ADDRESS6 = "2001:db8::7:77"
AGENT = "DistinctiveAgent/9.9 (tipline-test)"
TIP_TEXT = "The sheriff's deputy called ICE from the intake desk at midnight."


@pytest.fixture
def identified_environ() -> dict[str, str]:
    return {
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": AGENT,
        "HTTP_X_FORWARDED_FOR": f"{ADDRESS6}, {ADDRESS}",
        "HTTP_X_REAL_IP": ADDRESS,
    }


def test_no_address_or_agent_in_logs(
    make_intake_app: Callable[..., Flask],
    identified_environ: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    app = make_intake_app(MAX_UPLOAD_BYTES=1000, PROPAGATE_EXCEPTIONS=False)
    client = app.test_client()
    client.environ_base.update(identified_environ)
    statuses = [
        client.get("/").status_code,
        client.get("/tip").status_code,
        client.get("/missing").status_code,
        client.post("/tip", data=tip_data(what_happened=TIP_TEXT)).status_code,
        client.post("/tip", data=tip_data(what_happened="short")).status_code,
        client.post("/tip", data=tip_data(attachments=[file_part(b"x" * 2000)])).status_code,
        client.post(
            "/tip", data=b"junk", content_type="multipart/form-data; boundary=b"
        ).status_code,
    ]
    assert statuses == [200, 200, 404, 200, 400, 413, 400]
    assert caplog.records, "the intake should log events"
    text = caplog.text
    for needle in (ADDRESS, ADDRESS6, AGENT, TIP_TEXT, "short"):
        assert needle not in text


def test_app_never_sees_address_or_agent(
    make_intake_app: Callable[..., Flask], identified_environ: dict[str, str]
) -> None:
    app = make_intake_app()
    seen: dict[str, object] = {}

    @app.get("/probe")
    def probe() -> str:
        seen["remote_addr"] = request.remote_addr
        seen["agent"] = request.user_agent.string
        seen["access_route"] = list(request.access_route)
        seen["environ"] = " ".join(f"{k}={v}" for k, v in request.environ.items())
        return "ok"

    client = app.test_client()
    client.environ_base.update(identified_environ)
    assert client.get("/probe").status_code == 200
    assert seen["remote_addr"] is None
    assert seen["agent"] == ""
    assert seen["access_route"] == []
    assert ADDRESS not in str(seen["environ"]) and AGENT not in str(seen["environ"])


def test_phrase_is_not_in_the_session(make_intake_app: Callable[..., Flask]) -> None:
    app = make_intake_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/tip").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/tip", data=tip_data(csrf_token=token))
    phrase = response.get_data(as_text=True).split("<code>")[1].split("</code>")[0]
    with client.session_transaction() as session:
        stored = repr(dict(session))
    assert all(word not in stored for word in phrase.split())
    assert TIP_TEXT not in stored
