"""Source sessions: sign-in by phrase, one generic failure, no budget, expiry, sign-out."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conversation.conftest import SourceTip
from tipline.conversation import (
    SignInError,
    SourceSessionError,
    source_sessions,
)
from tipline.conversation.source_sessions import (
    SourceSettings,
    SourceToken,
    deadline,
    load,
    open_identity,
    purge_expired,
    sign_in,
    sign_out,
)
from tipline.cookie_tokens import CookieToken
from tipline.models import SourceSession
from tipline.models.base import utcnow
from tipline.wordlist import generate

T0 = datetime(2026, 3, 4, 10, 15, 30)


def rows(session: Session) -> list[SourceSession]:
    return list(session.scalars(select(SourceSession)))


def test_sign_in_seals_the_derived_identity_under_the_cookie_key(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    token, tip = sign_in(db_session, settings, source_tip.phrase, now=T0)
    assert tip is source_tip.tip
    [row] = rows(db_session)
    assert row.tip_id == tip.id and row.id_hash == token.id_hash != token.session_id
    # The row holds ciphertext only: neither the identity string nor the phrase.
    assert b"AGE-SECRET-KEY" not in row.sealed_identity
    assert source_tip.phrase.split()[0].encode() not in row.sealed_identity
    opened = open_identity(row.sealed_identity, token.key)
    assert str(opened) == str(source_tip.identity)
    # The deadlines to the minute go in the cookie; the row keeps only the hour
    # after the absolute one (sign-in at 10:16 + 3 h, rounded up).
    assert token.idle_until == datetime(2026, 3, 4, 10, 36)
    assert token.ends_at == datetime(2026, 3, 4, 13, 16)
    assert row.expires_at == datetime(2026, 3, 4, 14, 0)


def test_typing_variations_still_sign_in(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    messy = "  " + "-".join(word.upper() for word in source_tip.phrase.split()) + " "
    assert sign_in(db_session, settings, messy)[1] is source_tip.tip


@pytest.mark.parametrize(
    "wrong",
    [
        "",
        "---",
        "abacus abdomen abdominal abide abiding ability ablaze",
        "not even words",
        "x" * 150,
    ],
)
def test_wrong_phrases_get_one_generic_answer_and_write_nothing(
    db_session: Session,
    settings: SourceSettings,
    source_tip: SourceTip,
    wrong: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    derivations: list[str] = []
    real = source_sessions.derive_source_keys
    monkeypatch.setattr(
        source_sessions,
        "derive_source_keys",
        lambda *args: derivations.append("reply key") or real(*args),
    )
    with pytest.raises(SignInError) as caught:
        sign_in(db_session, settings, wrong)
    assert str(caught.value) == "That receipt phrase does not open a conversation."
    # Only the lookup id was computed: the reply key waits for a match.
    assert derivations == []
    assert rows(db_session) == []
    assert not db_session.new and not db_session.dirty and not db_session.deleted


def test_a_near_miss_is_no_different(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    words = source_tip.phrase.split()
    near = " ".join([*words[:-1], "zebra" if words[-1] != "zebra" else "zero"])
    with pytest.raises(SignInError) as near_miss:
        sign_in(db_session, settings, near)
    with pytest.raises(SignInError) as far_miss:
        sign_in(db_session, settings, generate())
    assert type(near_miss.value) is type(far_miss.value)
    assert str(near_miss.value) == str(far_miss.value)


def test_many_wrong_phrases_never_lock_the_source_out(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    # There is no site-wide budget of wrong phrases for a stranger to spend.
    for _ in range(300):
        with pytest.raises(SignInError):
            sign_in(db_session, settings, generate())
    assert sign_in(db_session, settings, source_tip.phrase)[1] is source_tip.tip


def test_load_opens_the_identity_and_moves_the_idle_deadline(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    token, _ = sign_in(db_session, settings, source_tip.phrase, now=T0)
    visit = load(db_session, settings, token, now=T0 + timedelta(minutes=19))
    assert visit.tip is source_tip.tip
    assert str(visit.identity) == str(source_tip.identity)
    assert visit.token.idle_until == datetime(2026, 3, 4, 10, 55)
    assert visit.token.ends_at == token.ends_at and visit.token.key == token.key
    assert "AGE-SECRET" not in repr(visit) and source_tip.phrase not in repr(visit)


def test_idle_timeout_ends_and_deletes_the_session(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    token, _ = sign_in(db_session, settings, source_tip.phrase, now=T0)
    with pytest.raises(SourceSessionError):
        load(db_session, settings, token, now=T0 + timedelta(minutes=21))
    assert rows(db_session) == []
    with pytest.raises(SourceSessionError):
        load(db_session, settings, token, now=T0)


def test_absolute_limit_holds_even_when_active(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    token, _ = sign_in(db_session, settings, source_tip.phrase, now=T0)
    now = T0
    while now < T0 + timedelta(minutes=180):
        token = load(db_session, settings, token, now=now).token
        now += timedelta(minutes=10)
    with pytest.raises(SourceSessionError):
        load(db_session, settings, token, now=T0 + timedelta(minutes=181))


def test_wrong_key_deletes_the_session(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    token, _ = sign_in(db_session, settings, source_tip.phrase)
    forged = replace(token, cookie=CookieToken(token.session_id, bytes(32)))
    with pytest.raises(SourceSessionError):
        load(db_session, settings, forged)
    assert rows(db_session) == []


def test_sign_out_deletes_the_row_and_the_cookie_then_opens_nothing(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    token, _ = sign_in(db_session, settings, source_tip.phrase)
    other, _ = sign_in(db_session, settings, source_tip.phrase)  # a second browser
    assert token.key != other.key and token.session_id != other.session_id
    assert sign_out(db_session, token) is True
    assert [row.id_hash for row in rows(db_session)] == [other.id_hash]
    with pytest.raises(SourceSessionError):
        load(db_session, settings, token)
    assert sign_out(db_session, token) is False


def test_sign_in_purges_expired_sessions(
    db_session: Session, settings: SourceSettings, source_tip: SourceTip
) -> None:
    sign_in(db_session, settings, source_tip.phrase, now=T0)
    # The first row stays until the hour after its absolute deadline (14:00).
    sign_in(db_session, settings, source_tip.phrase, now=T0 + timedelta(hours=1))
    assert len(rows(db_session)) == 2
    later = T0 + timedelta(hours=4)
    sign_in(db_session, settings, source_tip.phrase, now=later)
    assert len(rows(db_session)) == 2
    assert purge_expired(db_session, later + timedelta(hours=4)) == 2


def test_token_cookie_round_trip_and_garbage() -> None:
    token = CookieToken.new()
    assert (
        CookieToken.from_cookie(token.to_cookie(source_sessions.COOKIE), source_sessions.COOKIE)
        == token
    )
    assert repr(token) == "CookieToken(...)"
    for bad in (
        {},
        {"source_sid": "x"},
        {"source_sid": "x", "source_key": "!!"},
        {"source_sid": "x", "source_key": "AAAA"},
        {"source_sid": 1, "source_key": "a"},
    ):
        assert CookieToken.from_cookie(bad, source_sessions.COOKIE) is None


def test_source_token_carries_its_deadlines_to_the_minute() -> None:
    idle, end = deadline(T0, 20), deadline(T0, 180)
    token = SourceToken.new().with_deadlines(idle, end)
    assert SourceToken.from_cookie(token.to_cookie()) == token
    assert repr(token) == "SourceToken(...)"
    # Without its deadlines a token is expired, never endless.
    bare = SourceToken.from_cookie(token.cookie.to_cookie(source_sessions.COOKIE))
    assert bare is not None and bare.idle_until is None and bare.ends_at is None


def test_deadline_rounds_up_to_the_minute() -> None:
    assert deadline(datetime(2026, 1, 1, 10, 0), 5) == datetime(2026, 1, 1, 10, 5)
    assert deadline(datetime(2026, 1, 1, 10, 0, 0, 1), 5) == datetime(2026, 1, 1, 10, 6)
    assert deadline(utcnow(), 1).second == 0


def test_settings_come_from_the_config_and_hide_the_pepper() -> None:
    settings = SourceSettings.from_config(
        {
            "PHRASE_PEPPER": "pepper-pepper-pepper-pepper-pepper-1",
            "SOURCE_SESSION_IDLE_MINUTES": 20,
        }
    )
    assert settings.idle_minutes == 20
    assert "pepper-pepper" not in repr(settings)
