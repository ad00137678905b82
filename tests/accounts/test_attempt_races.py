"""Guesses sent at once: each one checked is counted, none beyond the backoff is checked.

Twelve wrong passwords (or TOTP codes) for one account arrive together, each
from its own client, against a real database with real commits. Every guess
the server evaluates must show up in the account's failure count and in the
audit log; guesses the backoff forbids must not be evaluated at all; and no
client gets a 500. The KDF is held at a gate until all twelve have reached
it (or a second has passed), so the requests truly overlap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from tests.review.factories import DEFAULT_PASSWORD, make_user
from tipline.accounts import attempts, passwords, totp
from tipline.crypto import Identity
from tipline.models import AuditEvent, User

PARALLEL = 12


class Gate:
    """Counts calls of a function and holds each until ``size`` arrived (or 1 s)."""

    def __init__(self, size: int) -> None:
        self.size, self.calls = size, 0
        self.lock = threading.Lock()
        self.full = threading.Event()

    def wrap(self, real: Callable[..., Any], counts: Callable[..., bool]) -> Callable[..., Any]:
        def gated(*args: Any, **kwargs: Any) -> Any:
            if counts(*args, **kwargs):
                with self.lock:
                    self.calls += 1
                    if self.calls >= self.size:
                        self.full.set()
                self.full.wait(1.0)
            return real(*args, **kwargs)

        return gated


@pytest.fixture
def review(committed_engine: Engine, base_config: dict[str, Any], instance_dir: Any) -> Flask:
    from tipline.review import create_app

    url = committed_engine.url.render_as_string(hide_password=False)
    return create_app({**base_config, "DATABASE_URL": url, "LOGIN_LOCKOUT_ATTEMPTS": 50})


@pytest.fixture
def account(review: Flask, committed_engine: Engine, org_identity: Identity) -> Iterator[str]:
    with Session(committed_engine) as session:
        user = make_user(session, review.config, org_identity, role="reviewer", username="pat")
        session.commit()
        yield user.id


def at_once(count: int, request: Callable[[int], int]) -> list[int]:
    statuses: list[int] = [0] * count
    threads = [
        threading.Thread(target=lambda i=i: statuses.__setitem__(i, request(i)))
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


def counted(engine: Engine, user_id: str) -> tuple[int, int]:
    """(the account's failure count, its auth.login_failed audit events)."""
    with Session(engine) as session:
        failures = session.scalar(select(User.failed_logins).where(User.id == user_id))
        audited = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "auth.login_failed", AuditEvent.object_id == user_id)
        )
        return int(failures or 0), int(audited or 0)


def let_next_round_in(engine: Engine, user_id: str) -> None:
    with Session(engine) as session:
        session.execute(update(User).where(User.id == user_id).values(next_attempt_at=None))
        session.commit()


def test_parallel_wrong_passwords_are_each_counted(
    review: Flask, account: str, committed_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluated_before = 0
    for _round in range(2):
        gate = Gate(PARALLEL)
        # derive_dummy (unknown, throttled) passes an empty user id: not a guess.
        monkeypatch.setattr(
            passwords, "derive", gate.wrap(passwords.derive, lambda *a, **k: a[4] != "")
        )

        def guess(i: int) -> int:
            data = {"username": "pat", "password": f"wrong password number {i}"}
            return review.test_client().post("/login", data=data).status_code

        statuses = at_once(PARALLEL, guess)
        monkeypatch.undo()
        assert all(status == 200 for status in statuses), statuses
        evaluated = evaluated_before + gate.calls
        assert counted(committed_engine, account) == (evaluated, evaluated)
        # The backoff starts after the free failures: later guesses were not checked.
        assert gate.calls <= attempts.FREE_FAILURES + 1
        assert gate.calls >= 1
        evaluated_before = evaluated
        let_next_round_in(committed_engine, account)


def test_parallel_wrong_codes_are_each_counted(
    review: Flask, account: str, committed_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    clients = [review.test_client() for _ in range(PARALLEL)]
    for client in clients:
        response = client.post("/login", data={"username": "pat", "password": DEFAULT_PASSWORD})
        assert response.headers["Location"].endswith("/login/code")
    assert counted(committed_engine, account) == (0, 0)  # right passwords cost nothing
    gate = Gate(PARALLEL)
    # Every code is wrong (whatever the clock says).
    monkeypatch.setattr(totp, "matching_step", gate.wrap(lambda *a: None, lambda *a: True))
    statuses = at_once(
        PARALLEL, lambda i: clients[i].post("/login/code", data={"code": "000000"}).status_code
    )
    assert all(status in (200, 302) for status in statuses), statuses
    assert counted(committed_engine, account) == (gate.calls, gate.calls)
    assert 1 <= gate.calls <= attempts.FREE_FAILURES + 1
