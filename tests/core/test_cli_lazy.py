"""The ``tipline`` group imports a command's module only when it runs, with the collector paused."""

from __future__ import annotations

import gc
import importlib
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from tipline import cli


def test_a_command_module_is_imported_with_the_collector_paused(monkeypatch: Any) -> None:
    seen: list[tuple[str, bool]] = []
    real = importlib.import_module

    def spy(name: str) -> ModuleType:
        seen.append((name, gc.isenabled()))
        return real(name)

    monkeypatch.setattr(importlib, "import_module", spy)
    assert gc.isenabled()
    result = CliRunner().invoke(cli.cli, ["age-keygen", "--help"])
    assert result.exit_code == 0, result.output
    assert seen == [("tipline.cli.age", False)]
    assert gc.isenabled()  # on again afterwards


def test_the_collector_stays_as_it_was(monkeypatch: Any) -> None:
    gc.disable()
    try:
        cli.import_quietly("tipline.cli.age")
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()

    def broken(name: str) -> ModuleType:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", broken)
    with pytest.raises(ImportError):
        cli.import_quietly("tipline.cli.age")
    assert gc.isenabled()
