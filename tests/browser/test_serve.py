"""``tipline serve`` (the README's first command, after init) serves both apps."""

from __future__ import annotations

import re
import urllib.error
import urllib.request


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


def test_serve_prints_urls_and_serves_both_apps(live_servers):
    output = live_servers.log_text()
    assert f"intake: {live_servers.intake_url}/" in output
    assert f"review: {live_servers.review_url}/" in output
    status, headers, body = _get(live_servers.intake_url + "/")
    assert status == 200
    assert "<form" in body or "href" in body
    assert "Content-Security-Policy" in headers
    status, _headers, body = _get(live_servers.review_url + "/login")
    assert status == 200


def test_server_output_has_no_addresses(live_servers):
    for _ in range(3):
        _get(live_servers.intake_url + "/")
        _get(live_servers.intake_url + "/no-such-page")
        _get(live_servers.review_url + "/login")
    assert not re.search(r"\b127\.0\.0\.1\b(?!:)", live_servers.log_text())
