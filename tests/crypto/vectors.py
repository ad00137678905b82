"""Loader for the C2SP CCTV age test vectors in tests/vectors/age."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

VECTOR_DIR = Path(__file__).resolve().parent.parent / "vectors" / "age"


@dataclass
class Vector:
    name: str
    expect: str
    payload: str | None = None
    identities: list[str] = field(default_factory=list)
    passphrases: list[str] = field(default_factory=list)
    armored: bool = False
    body: bytes = b""


def vector_names() -> list[str]:
    return sorted(p.name for p in VECTOR_DIR.iterdir() if p.is_file() and p.name != "SOURCE.md")


def load_vector(name: str) -> Vector:
    raw = (VECTOR_DIR / name).read_bytes()
    head, _, body = raw.partition(b"\n\n")
    vector = Vector(name=name, expect="")
    compressed = False
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "expect":
            vector.expect = value
        elif key == "payload":
            vector.payload = value
        elif key == "identity":
            vector.identities.append(value)
        elif key == "passphrase":
            vector.passphrases.append(value)
        elif key == "armored":
            vector.armored = value == "yes"
        elif key == "compressed":
            assert value == "zlib", value
            compressed = True
        elif key not in ("file key", "comment"):
            raise AssertionError(f"{name}: unknown vector key {key!r}")
    vector.body = zlib.decompress(body) if compressed else body
    return vector
