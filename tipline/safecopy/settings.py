"""Limits and sandbox mode for conversions, from the configuration or defaults.

``SAFE_COPY_SANDBOX`` is ``"bwrap"`` (the default: conversion runs inside
bubblewrap, or not at all) or ``"none"``: the worker then runs as a plain
subprocess with the same resource limits and page cap, but with the
server's network and file system in view. ``"none"`` is for machines where
bubblewrap cannot create namespaces (some containers) and exists only
because an administrator chose it; the tip page says so on every copy made
that way, and office documents are refused (see README "Safe copies").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MIB = 1024 * 1024
SANDBOX_MODES = ("bwrap", "none")

DEFAULTS: dict[str, Any] = {
    "SAFE_COPY_SANDBOX": "bwrap",
    "SAFE_COPY_BWRAP": "bwrap",  # the program; a path, or a name looked up on PATH
    "SAFE_COPY_MAX_PAGES": 200,
    "SAFE_COPY_MAX_INPUT_MIB": 500,
    "SAFE_COPY_MAX_MEGAPIXELS": 100,
    "SAFE_COPY_CPU_SECONDS": 60,
    "SAFE_COPY_MEMORY_MIB": 1536,
    "SAFE_COPY_TIMEOUT_SECONDS": 180,
}
POSITIVE = tuple(name for name in DEFAULTS if name not in ("SAFE_COPY_SANDBOX", "SAFE_COPY_BWRAP"))


@dataclass(frozen=True)
class Settings:
    sandbox: str = "bwrap"
    bwrap: str = "bwrap"
    max_pages: int = 200
    max_input_bytes: int = 500 * MIB
    max_pixels: int = 100_000_000
    # Pages and images come out no longer than this on their long side
    # (about 170 dpi for an A4 page): enough to read, bounded in memory.
    long_side: int = 2000
    cpu_seconds: int = 60
    memory_bytes: int = 1536 * MIB
    timeout_seconds: float = 180.0

    def worker_limits(self) -> dict[str, Any]:
        """What the worker needs to know, as JSON-ready values."""
        return {
            "max_pages": self.max_pages,
            "max_input_bytes": self.max_input_bytes,
            "max_pixels": self.max_pixels,
            "long_side": self.long_side,
            "cpu_seconds": self.cpu_seconds,
            "memory_bytes": self.memory_bytes,
            "sandboxed": self.sandbox == "bwrap",
        }


def settings_from_config(config: Mapping[str, Any]) -> Settings:
    """Settings from an app's (or the CLI's) configuration, defaults filling gaps."""
    value = {name: config.get(name, default) for name, default in DEFAULTS.items()}
    return Settings(
        sandbox=value["SAFE_COPY_SANDBOX"],
        bwrap=value["SAFE_COPY_BWRAP"],
        max_pages=value["SAFE_COPY_MAX_PAGES"],
        max_input_bytes=value["SAFE_COPY_MAX_INPUT_MIB"] * MIB,
        max_pixels=value["SAFE_COPY_MAX_MEGAPIXELS"] * 1_000_000,
        cpu_seconds=value["SAFE_COPY_CPU_SECONDS"],
        memory_bytes=value["SAFE_COPY_MEMORY_MIB"] * MIB,
        timeout_seconds=float(value["SAFE_COPY_TIMEOUT_SECONDS"]),
    )


def check(config: Mapping[str, Any]) -> str | None:
    """The first problem with the safe-copy settings, as a message; None if fine."""
    mode = config.get("SAFE_COPY_SANDBOX", "bwrap")
    if mode not in SANDBOX_MODES:
        return f"SAFE_COPY_SANDBOX must be one of {', '.join(SANDBOX_MODES)}, got {mode!r}"
    if not isinstance(config.get("SAFE_COPY_BWRAP", "bwrap"), str):
        return "SAFE_COPY_BWRAP must be a program name or path"
    for name in POSITIVE:
        number = config.get(name, DEFAULTS[name])
        if not isinstance(number, int) or isinstance(number, bool) or number <= 0:
            return f"{name} must be a positive whole number, got {number!r}"
    return None
