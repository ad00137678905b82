"""Fixtures for the accounts services: a full config with fast KDFs."""

from __future__ import annotations

from typing import Any

import pytest

from tipline.config import DEFAULTS


@pytest.fixture
def config(base_config: dict[str, Any]) -> dict[str, Any]:
    """DEFAULTS overlaid with the shared test config (secrets, fast Argon2id)."""
    return {**DEFAULTS, **base_config}
