"""Configuration: defaults, then the instance file, then ``TIPLINE_*`` variables.

Both apps and the CLI load configuration through :func:`load_config`, so a
value means the same thing everywhere. Nothing here runs at import time.

Order (later wins), as in Flask's tutorial:

1. :data:`DEFAULTS` below;
2. ``config.py`` in the instance folder (written by ``tipline init``);
3. environment variables ``TIPLINE_<NAME>`` (values parsed as JSON when they
   look like JSON, so ``TIPLINE_MAX_UPLOAD_BYTES=1000`` is an int);
4. the ``test_config`` mapping passed to an app factory.

The result is validated; a bad value raises :class:`ConfigError` whose message
names the setting, and the CLI turns that into a one-line error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Config

from tipline.models.retention import MAX_RETENTION_DAYS
from tipline.safecopy import settings as safe_copy_settings

MIB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    # Secrets: written by ``tipline init``; the apps refuse to start without them.
    "INTAKE_SECRET_KEY": None,
    "REVIEW_SECRET_KEY": None,
    # Mixed into the HMAC that turns a receipt phrase into a lookup id, so a
    # stolen database alone does not even allow testing guesses offline.
    "PHRASE_PEPPER": None,
    # Mixed into every reviewer's wrapped copy of the organization identity;
    # kept outside the database for the same reason.
    "INSTANCE_SECRET": None,
    "DATABASE_URL": None,  # default: SQLite in the instance folder
    "BLOB_DIR": None,  # default: <instance>/blobs
    "KEYS_DIR": None,  # default: $TIPLINE_KEYS or ./keys
    "STATES": ["PA"],  # USPS codes whose counties the forms offer
    "MAX_UPLOAD_BYTES": 500 * MIB,  # total attachments per submission
    "MAX_ATTACHMENTS": 10,
    "MIN_TIP_LENGTH": 20,
    # A flood (tipline.tips.flood): this many tips in the current and previous
    # hour. Nothing is refused then; browsers with JavaScript solve a proof of
    # work of POW_BITS leading zero bits, and tips are marked for the inbox.
    # 0: always ask for the proof of work.
    "FLOOD_TIPS_PER_TWO_HOURS": 100,
    "POW_BITS": 16,
    # Attachments stored per hour across the site (tipline.tips.attachment_budget).
    # Past it, files are not stored but the tip's text always is.
    "ATTACHMENT_BYTES_PER_HOUR": 4096 * MIB,
    "ONION_ADDRESS": None,
    "ORGANIZATION_NAME": "tipline",
    "LANGUAGES": ["en", "es"],
    # Argon2id parameters for reviewer passwords.
    "ARGON2_MEMORY_KIB": 64 * 1024,
    "ARGON2_ITERATIONS": 3,
    "ARGON2_LANES": 1,
    "SESSION_IDLE_MINUTES": 30,
    # A source signed in with their receipt phrase (tipline.conversation).
    "SOURCE_SESSION_IDLE_MINUTES": 20,
    "SESSION_ABSOLUTE_HOURS": 12,
    "LOGIN_LOCKOUT_ATTEMPTS": 10,
    "LOGIN_LOCKOUT_MINUTES": 15,
    "EXPORT_SUPPRESS_BELOW": 3,
    "LOG_LEVEL": "INFO",
    # Extra age recipients every ``tipline backup create`` also seals to, such
    # as an offline backup key kept away from the server (docs/operations.md).
    "BACKUP_RECIPIENTS": [],
    # Safe copies of attachments: sandbox mode and limits (tipline.safecopy.settings).
    **safe_copy_settings.DEFAULTS,
    # Retention in days (None: keep forever); an admin may override each on
    # the upkeep page (tipline.retention.policy). Spam and closed tips count
    # from when they were marked so; conversations from their last message.
    "RETENTION_SPAM_DAYS": None,
    "RETENTION_CLOSED_DAYS": None,
    "RETENTION_SILENT_DAYS": None,
    # ``tipline worker``: how often each job runs, in seconds (0: never). A
    # partial mapping is merged over these defaults (tipline.worker.jobs).
    "WORKER_SCHEDULE": {},
    # How long a worker may hold a job before another may take it over (a
    # crashed worker's job is picked up again after this).
    "WORKER_LEASE_SECONDS": 3600,
    # The worker's sweep-blobs deletes orphans only once they are this old:
    # an upload in flight writes its blobs before its row commits.
    "SWEEP_GRACE_HOURS": 24,
    # Email notifications (tipline.notify). Nothing is sent unless SMTP_HOST
    # is set. The password is never a setting: it is read from the
    # environment variable SMTP_PASSWORD_ENV names, when the worker sends.
    "REVIEW_URL": None,  # the review site's address, the only thing a mail says
    "SMTP_HOST": None,
    "SMTP_PORT": 587,
    "SMTP_SECURITY": "starttls",  # "starttls", "tls" (implicit, port 465), "none" (localhost)
    "SMTP_USERNAME": None,
    "SMTP_PASSWORD_ENV": "TIPLINE_SMTP_PASSWORD",
    "SMTP_CA_FILE": None,  # a private CA for the mail server's certificate
    "SMTP_TIMEOUT": 30,
    "MAIL_FROM": None,
    # Immediate notifications: at most one mail per reviewer this often.
    "NOTIFY_MIN_MINUTES": 15,
    # Daily digests go out from this hour (UTC) on.
    "NOTIFY_DIGEST_HOUR": 8,
    # A mail that fails this many times is given up (retries back off to 6 h).
    "NOTIFY_MAX_ATTEMPTS": 10,
    # ``tipline doctor``: where the review app listens (as in its gunicorn
    # --bind), which must not be a public interface; and how old the newest
    # backup may be.
    "REVIEW_BIND": "127.0.0.1:8081",
    "BACKUP_MAX_AGE_DAYS": 7,
}

REQUIRED_SECRETS = ("INTAKE_SECRET_KEY", "REVIEW_SECRET_KEY", "PHRASE_PEPPER", "INSTANCE_SECRET")

_POSITIVE_INTS = (
    "MAX_UPLOAD_BYTES",
    "MAX_ATTACHMENTS",
    "MIN_TIP_LENGTH",
    "ATTACHMENT_BYTES_PER_HOUR",
    "ARGON2_MEMORY_KIB",
    "ARGON2_ITERATIONS",
    "ARGON2_LANES",
    "SESSION_IDLE_MINUTES",
    "SOURCE_SESSION_IDLE_MINUTES",
    "SESSION_ABSOLUTE_HOURS",
    "LOGIN_LOCKOUT_ATTEMPTS",
    "LOGIN_LOCKOUT_MINUTES",
    "EXPORT_SUPPRESS_BELOW",
    "WORKER_LEASE_SECONDS",
    "SWEEP_GRACE_HOURS",
    "SMTP_PORT",
    "SMTP_TIMEOUT",
    "NOTIFY_MIN_MINUTES",
    "NOTIFY_MAX_ATTEMPTS",
    "BACKUP_MAX_AGE_DAYS",
)


# The worker's jobs (tipline.worker.jobs.JOBS; a test keeps the two equal).
WORKER_JOB_NAMES = ("notifications", "purge-sessions", "sweep-blobs", "retention", "check")
SMTP_SECURITY = ("starttls", "tls", "none")
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")

# Settings that are a number of days, or None for "never".
_OPTIONAL_DAYS = ("RETENTION_SPAM_DAYS", "RETENTION_CLOSED_DAYS", "RETENTION_SILENT_DAYS")


class ConfigError(ValueError):
    """A configuration value is missing or wrong; the message names it."""


def instance_path() -> Path:
    """The instance folder: ``$TIPLINE_INSTANCE`` or ``./instance``."""
    return Path(os.environ.get("TIPLINE_INSTANCE") or "instance").resolve()


def load_config(
    instance: Path | None = None,
    test_config: Mapping[str, Any] | None = None,
    *,
    require_secrets: bool = True,
    config_file: Path | None = None,
) -> Config:
    """Load and validate the configuration for the given instance folder.

    ``config_file`` reads the instance settings from another file than
    ``<instance>/config.py``: a restore checks the configuration it is about to
    move into place while it still sits in a staging folder.
    """
    instance = (instance or instance_path()).resolve()
    config = Config(str(instance))
    config.from_mapping(DEFAULTS)
    try:
        config.from_pyfile(str(config_file or "config.py"), silent=True)
    except Exception as exc:  # a syntax or runtime error in the file; report it in one line
        where = config_file or instance / "config.py"
        raise ConfigError(f"{where} cannot be loaded: {exc}") from exc
    _load_environment(config)
    if test_config:
        config.update(test_config)
    _fill_paths(config, instance)
    validate(config, require_secrets=require_secrets)
    return config


def _load_environment(config: Config) -> None:
    # Only known names: TIPLINE_PASSPHRASE and friends must never land in config.
    for name in DEFAULTS:
        raw = os.environ.get(f"TIPLINE_{name}")
        if raw is None:
            continue
        try:
            config[name] = json.loads(raw)
        except json.JSONDecodeError:
            config[name] = raw


def _fill_paths(config: Config, instance: Path) -> None:
    config["INSTANCE_PATH"] = str(instance)
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{instance / 'tipline.sqlite3'}"
    if not config.get("BLOB_DIR"):
        config["BLOB_DIR"] = str(instance / "blobs")
    if not config.get("KEYS_DIR"):
        config["KEYS_DIR"] = os.environ.get("TIPLINE_KEYS") or "keys"
    config["KEYS_DIR"] = str(Path(config["KEYS_DIR"]).resolve())


def validate(config: Mapping[str, Any], *, require_secrets: bool = True) -> None:
    """Raise :class:`ConfigError` naming the first bad setting."""
    if require_secrets:
        for name in REQUIRED_SECRETS:
            value = config.get(name)
            if not isinstance(value, str) or len(value) < 32:
                raise ConfigError(
                    f"{name} is missing or shorter than 32 characters; run 'tipline init'"
                )
    for name in _POSITIVE_INTS:
        value = config.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{name} must be a positive whole number, got {value!r}")
    flood = config.get("FLOOD_TIPS_PER_TWO_HOURS")
    if not isinstance(flood, int) or isinstance(flood, bool) or flood < 0:
        raise ConfigError(f"FLOOD_TIPS_PER_TWO_HOURS must be 0 or more, got {flood!r}")
    bits = config.get("POW_BITS")
    if not isinstance(bits, int) or isinstance(bits, bool) or not 1 <= bits <= 28:
        raise ConfigError(f"POW_BITS must be a whole number from 1 to 28, got {bits!r}")
    states = config.get("STATES")
    if (
        not isinstance(states, list)
        or not states
        or not all(isinstance(s, str) and len(s) == 2 and s.isalpha() for s in states)
    ):
        raise ConfigError(f"STATES must be a list of two-letter state codes, got {states!r}")
    languages = config.get("LANGUAGES")
    if not isinstance(languages, list) or "en" not in languages:
        raise ConfigError("LANGUAGES must be a list that includes 'en'")
    url = config.get("DATABASE_URL")
    if not isinstance(url, str) or not url.startswith(("sqlite:", "postgresql")):
        raise ConfigError("DATABASE_URL must be a sqlite: or postgresql URL")
    onion = config.get("ONION_ADDRESS")
    if onion is not None and (not isinstance(onion, str) or not onion.endswith(".onion")):
        raise ConfigError("ONION_ADDRESS must be a hostname ending in .onion")
    backup = config.get("BACKUP_RECIPIENTS")
    if not isinstance(backup, list) or not all(isinstance(r, str) for r in backup):
        raise ConfigError("BACKUP_RECIPIENTS must be a list of age recipient strings")
    problem = safe_copy_settings.check(config)
    if problem:
        raise ConfigError(problem)
    for name in _OPTIONAL_DAYS:
        days = config.get(name)
        if days is not None and (
            not isinstance(days, int)
            or isinstance(days, bool)
            or not 0 < days <= MAX_RETENTION_DAYS
        ):
            raise ConfigError(
                f"{name} must be empty (keep forever) or 1 to {MAX_RETENTION_DAYS} days"
            )
    _validate_schedule(config.get("WORKER_SCHEDULE"))
    _validate_mail(config)
    if config.get("LOG_LEVEL") not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR")


def _validate_schedule(schedule: object) -> None:
    if not isinstance(schedule, dict) or not all(
        isinstance(seconds, int) and not isinstance(seconds, bool) and seconds >= 0
        for seconds in schedule.values()
    ):
        raise ConfigError(
            'WORKER_SCHEDULE must map job names to seconds, e.g. {"retention": 86400}'
        )
    unknown = sorted(str(name) for name in schedule if name not in WORKER_JOB_NAMES)
    if unknown:
        raise ConfigError(
            f"WORKER_SCHEDULE names unknown job(s) {', '.join(unknown)}; "
            f"the jobs are {', '.join(WORKER_JOB_NAMES)}"
        )


def _validate_mail(config: Mapping[str, Any]) -> None:
    if config.get("SMTP_SECURITY") not in SMTP_SECURITY:
        raise ConfigError("SMTP_SECURITY must be one of starttls, tls, none")
    hour = config.get("NOTIFY_DIGEST_HOUR")
    if not isinstance(hour, int) or isinstance(hour, bool) or not 0 <= hour <= 23:
        raise ConfigError("NOTIFY_DIGEST_HOUR must be an hour from 0 to 23 (UTC)")
    if not config.get("SMTP_HOST"):
        return
    # Mail in the clear is only acceptable to a relay on this machine.
    if config.get("SMTP_SECURITY") == "none" and config["SMTP_HOST"] not in LOOPBACK_HOSTS:
        raise ConfigError("SMTP_SECURITY 'none' is only allowed for a mail server on localhost")
    if not isinstance(config.get("MAIL_FROM"), str) or "@" not in config["MAIL_FROM"]:
        raise ConfigError("MAIL_FROM must be the address notifications come from")
    url = config.get("REVIEW_URL")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ConfigError(
            "REVIEW_URL must be the review site's address (https://... or http://...)"
        )
