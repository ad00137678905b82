"""Configuration loading order and validation."""

from __future__ import annotations

import pytest

from tipline.config import ConfigError, load_config

SECRETS = {
    "INTAKE_SECRET_KEY": "i" * 40,
    "REVIEW_SECRET_KEY": "r" * 40,
    "PHRASE_PEPPER": "p" * 40,
    "INSTANCE_SECRET": "s" * 40,
}


def test_defaults_then_file_then_env_then_test_config(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("MIN_TIP_LENGTH = 5\nMAX_ATTACHMENTS = 3\n")
    monkeypatch.setenv("TIPLINE_MAX_ATTACHMENTS", "4")
    monkeypatch.setenv("TIPLINE_STATES", '["NJ"]')
    config = load_config(tmp_path, {**SECRETS, "MIN_TIP_LENGTH": 7})
    assert config["MIN_TIP_LENGTH"] == 7  # test config beats the file
    assert config["MAX_ATTACHMENTS"] == 4  # environment beats the file
    assert config["STATES"] == ["NJ"]
    assert config["MAX_UPLOAD_BYTES"] == 500 * 1024 * 1024  # default
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'tipline.sqlite3'}"


def test_unknown_tipline_variables_never_enter_config(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPLINE_PASSPHRASE", "do not keep me")
    config = load_config(tmp_path, SECRETS)
    assert "PASSPHRASE" not in config
    assert "do not keep me" not in repr(dict(config))


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"MAX_UPLOAD_BYTES": -1}, "MAX_UPLOAD_BYTES"),
        ({"MIN_TIP_LENGTH": "ten"}, "MIN_TIP_LENGTH"),
        ({"STATES": ["Pennsylvania"]}, "STATES"),
        ({"STATES": []}, "STATES"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"ONION_ADDRESS": "example.com"}, "ONION_ADDRESS"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"PHRASE_PEPPER": "short"}, "PHRASE_PEPPER"),
        ({"INSTANCE_SECRET": None}, "INSTANCE_SECRET"),
    ],
)
def test_bad_values_name_the_setting(tmp_path, override, named):
    with pytest.raises(ConfigError, match=named):
        load_config(tmp_path, {**SECRETS, **override})


def test_bad_environment_value_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPLINE_MAX_ATTACHMENTS", "0")
    with pytest.raises(ConfigError, match="MAX_ATTACHMENTS"):
        load_config(tmp_path, SECRETS)


def test_missing_secrets_are_allowed_only_when_asked(tmp_path):
    with pytest.raises(ConfigError, match="tipline init"):
        load_config(tmp_path)
    assert load_config(tmp_path, require_secrets=False)["INSTANCE_PATH"] == str(tmp_path)


def test_broken_instance_file_is_reported_as_config_error(tmp_path):
    (tmp_path / "config.py").write_text("MIN_TIP_LENGTH = = 3\n")
    with pytest.raises(ConfigError, match=r"config\.py cannot be loaded"):
        load_config(tmp_path, SECRETS)
