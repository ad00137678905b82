"""Sessions work across worker processes: sign in on one, read on another.

Two real review servers (separate Python processes, nothing shared but the
SQLite file, the blob folder and the configuration) and a stdlib HTTP client
with one cookie jar. The reviewer signs in on A; B opens the organization
identity from the session row plus the cookie and serves decrypted content.
After sign-out (on B), the session ciphertext is gone and A refuses too.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import FAST_KDF
from tests.factories import DEFAULT_TEXT, make_tip
from tests.review.factories import DEFAULT_PASSWORD, make_user, totp_secret
from tipline.accounts import totp
from tipline.blobs import BlobStore
from tipline.db import make_engine
from tipline.models import Base, ReviewSession

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "INTAKE_SECRET_KEY": "intake-secret-key-for-two-processes-0123",
    "REVIEW_SECRET_KEY": "review-secret-key-for-two-processes-0123",
    "PHRASE_PEPPER": "phrase-pepper-for-tests-0123456789abcdef",
    "INSTANCE_SECRET": "instance-secret-for-two-processes-012345",
}


@pytest.fixture
def shared(tmp_path: Path, keys_dir: Path, org_identity) -> dict[str, Any]:
    env = dict(os.environ)
    env.update({f"TIPLINE_{k}": str(v) for k, v in {**SECRETS, **FAST_KDF}.items()})
    env.update(
        {
            "TIPLINE_INSTANCE": str(tmp_path / "instance"),
            "TIPLINE_DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
            "TIPLINE_BLOB_DIR": str(tmp_path / "blobs"),
            "TIPLINE_KEYS_DIR": str(keys_dir),
            "PYTHONPATH": str(ROOT),
        }
    )
    (tmp_path / "instance").mkdir()
    engine = make_engine(env["TIPLINE_DATABASE_URL"])
    Base.metadata.create_all(engine)
    config = {**SECRETS, **FAST_KDF, "LOGIN_LOCKOUT_ATTEMPTS": 10, "LOGIN_LOCKOUT_MINUTES": 15}
    with Session(engine) as session:
        user = make_user(session, config, org_identity, role="reviewer", username="lawyer")
        tip, _ = make_tip(session, BlobStore(env["TIPLINE_BLOB_DIR"]), [org_identity.recipient()])
        session.commit()
        info = {"user": user, "tip_id": tip.id, "secret": totp_secret(config, user)}
    yield {"env": env, "engine": engine, **info}
    engine.dispose()


@pytest.fixture
def servers(shared: dict[str, Any]) -> Iterator[list[str]]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.review.review_server"],
            cwd=ROOT,
            env=shared["env"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        urls = []
        for process in processes:
            line = process.stdout.readline() if process.stdout else ""
            assert line.strip().isdigit(), "a review server did not start"
            urls.append(f"http://127.0.0.1:{line.strip()}")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


class Browser:
    """urllib with a cookie jar; follows redirects; reads CSRF tokens from forms."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[str, str]:
        with self.opener.open(url, timeout=20) as response:
            return response.geturl(), response.read().decode()

    def post(self, url: str, fields: dict[str, str]) -> tuple[str, str]:
        _, page = self.get(url)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        data = {**fields, "csrf_token": token.group(1) if token else ""}
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(url, data=body, timeout=20) as response:
            return response.geturl(), response.read().decode()


def test_a_session_opened_on_one_process_is_served_by_the_other(
    servers: list[str], shared: dict[str, Any]
) -> None:
    a, b = servers
    browser = Browser()
    url, _ = browser.post(f"{a}/login", {"username": "lawyer", "password": DEFAULT_PASSWORD})
    assert url.endswith("/login/code")
    code = totp.code_at_step(shared["secret"], totp.current_step())
    url, _ = browser.post(f"{a}/login/code", {"code": code})
    assert url == f"{a}/"
    url, page = browser.get(f"{b}/account")
    assert url == f"{b}/account" and "unlocked: yes" in page
    url, page = browser.get(f"{b}/tips/{shared['tip_id']}")
    assert url.endswith(f"/tips/{shared['tip_id']}")
    assert DEFAULT_TEXT.split(" at ")[0] in page
    with Session(shared["engine"]) as session:
        assert len(session.scalars(select(ReviewSession)).all()) == 1
    # Sign out on B; the session row (the only ciphertext) is gone, A refuses.
    account_url = f"{b}/account"
    _, page = browser.get(account_url)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token}).encode()
    with browser.opener.open(f"{b}/logout", data=body, timeout=20) as response:
        assert response.geturl().endswith("/login")
    with Session(shared["engine"]) as session:
        assert session.scalars(select(ReviewSession)).all() == []
    url, _ = browser.get(f"{a}/account")
    assert url.endswith("/login")
