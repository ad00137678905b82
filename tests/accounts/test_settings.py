"""Typed account settings: read once from the config, never showing the secret."""

from __future__ import annotations

import pytest

from tipline.accounts.passwords import KdfParams
from tipline.accounts.settings import AccountSettings
from tipline.config import DEFAULTS

SECRET = "instance-secret-that-must-not-show-0123456789"


def test_from_config_reads_every_setting_with_its_type() -> None:
    config = {
        **DEFAULTS,
        "INSTANCE_SECRET": SECRET,
        "ARGON2_MEMORY_KIB": "128",  # env values arrive as text
        "LOGIN_LOCKOUT_ATTEMPTS": 4,
        "SESSION_IDLE_MINUTES": 45,
    }
    settings = AccountSettings.from_config(config)
    assert settings.instance_secret == SECRET
    assert settings.kdf == KdfParams(128, DEFAULTS["ARGON2_ITERATIONS"], DEFAULTS["ARGON2_LANES"])
    assert (settings.lockout_attempts, settings.session_idle_minutes) == (4, 45)
    assert settings.session_absolute_hours == DEFAULTS["SESSION_ABSOLUTE_HOURS"]


def test_a_missing_setting_is_named() -> None:
    config = {key: value for key, value in DEFAULTS.items() if key != "LOGIN_LOCKOUT_MINUTES"}
    with pytest.raises(KeyError, match="LOGIN_LOCKOUT_MINUTES"):
        AccountSettings.from_config({**config, "INSTANCE_SECRET": SECRET})


def test_repr_never_shows_the_instance_secret() -> None:
    settings = AccountSettings.from_config({**DEFAULTS, "INSTANCE_SECRET": SECRET})
    assert SECRET not in repr(settings) and SECRET not in str(settings)
