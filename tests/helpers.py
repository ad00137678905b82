"""Plain helpers more than one test folder uses (fixtures are in tests/conftest.py)."""

from __future__ import annotations

import base64
import importlib.util
import json
import sys
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy.orm import Session


def distinctive(label: str, size: int) -> bytes:
    """``size`` bytes that are easy to find again: a label repeated with a counter."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += f"<{label}:{counter:08d}>".encode()
        counter += 1
    return bytes(out[:size])


def decode_flask_cookie(value: str) -> dict[str, Any]:
    """The payload of a Flask session cookie, without checking its signature.

    itsdangerous: ``[.]base64(payload).timestamp.signature``; a leading dot
    means the payload is zlib-compressed.
    """
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if compressed:
        raw = zlib.decompress(raw)
    data: dict[str, Any] = json.loads(raw)
    return data


# CLI tests that run a command against the test's own rolled-back session:
# write the settings into the instance folder's config.py, and swap the
# command module's ``database_session`` for one that yields the session.


def use_instance_config(instance_dir: Path, settings: Mapping[str, Any]) -> Path:
    path = instance_dir / "config.py"
    lines = [f"{name} = {value!r}" for name, value in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_on_session(monkeypatch: pytest.MonkeyPatch, module: str, session: Session) -> None:
    @contextmanager
    def rolled_back_session(_config: Any, **_options: Any) -> Iterator[Session]:
        yield session

    monkeypatch.setattr(f"{module}.database_session", rolled_back_session)


def times_finer_than_the_hour(root: Path) -> list[str]:
    """Files and folders under ``root`` (itself included) whose modification or
    access time is not a whole hour (DESIGN.md, "What a seized server reveals
    about time"). Each folder is stat'ed before it is listed: listing a folder
    would set its access time."""
    found = []
    paths = [root]
    while paths:
        path = paths.pop()
        info = path.stat()
        if info.st_mtime % 3600 or info.st_atime % 3600:
            found.append(f"{path}: mtime {info.st_mtime}, atime {info.st_atime}")
        if path.is_dir():
            paths.extend(sorted(path.iterdir()))
    return found


def load_script(path: Path, name: str) -> ModuleType:
    """Import a script that is not in a package (bench/, tools/) as ``name``.

    Registered in ``sys.modules`` first, so its dataclasses can find their
    own module while the script runs.
    """
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
