"""The suite-wide log check works, and the app's own filter strips addresses."""

from __future__ import annotations

import logging

from tipline.security import RedactAddresses

from ..conftest import CLIENT_ADDRESS, _RecordEverything


def test_the_suite_wide_check_catches_an_address():
    handler = _RecordEverything()
    logger = logging.getLogger("tipline.test.meta")
    logger.addHandler(handler)
    logger.propagate = False  # keep this deliberate leak away from the real check
    try:
        logger.warning("request from %s", CLIENT_ADDRESS)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    assert handler.offending == [f"request from {CLIENT_ADDRESS}"]


def test_requests_carry_an_address_that_is_never_logged(intake_client, caplog):
    caplog.set_level(logging.DEBUG)
    response = intake_client.get("/no-such-page")
    assert response.status_code == 404
    assert response.request.environ["REMOTE_ADDR"] == CLIENT_ADDRESS
    assert CLIENT_ADDRESS not in caplog.text


def test_redact_filter_blanks_ipv4_and_ipv6_but_not_times():
    args = ("10.1.2.3", "fe80::1:2:3", "::1", "12:30:45")
    record = logging.LogRecord("x", logging.INFO, "f", 1, "%s %s %s at %s", args, None)
    assert RedactAddresses().filter(record)
    assert record.getMessage() == "[addr] [addr] [addr] at 12:30:45"
