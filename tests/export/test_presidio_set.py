"""The outside evaluation set (bench/redaction_presidio.py) is built as documented.

It scores the detectors on Presidio's own templates; these checks keep the
set honest (unchanged templates, exact spans, the rules of its docstring),
not the detectors' figures, which are reported, never asserted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.helpers import load_script

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def presidio() -> ModuleType:
    return load_script(BENCH / "redaction_presidio.py", "bench_redaction_presidio")


@pytest.fixture(scope="module")
def rows(presidio: ModuleType) -> list[dict[str, Any]]:
    return presidio.generate()  # type: ignore[no-any-return]


def test_the_templates_are_presidios_unchanged() -> None:
    readme = (BENCH / "data" / "presidio" / "README.md").read_text()
    for name in ("templates.txt", "nationalities.csv"):
        digest = hashlib.sha256((BENCH / "data" / "presidio" / name).read_bytes()).hexdigest()
        assert f"`{name}`: `{digest}`" in readme
    assert "MIT License" in (BENCH / "data" / "presidio" / "LICENSE").read_text()


def test_the_set_is_big_exact_and_the_same_every_time(
    presidio: ModuleType, rows: list[dict[str, Any]]
) -> None:
    assert len(rows) >= 600
    assert sum(not r["spans"] for r in rows) >= 150  # sentences with no detail at all
    for row in rows:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"], row["id"]
    categories = {s["category"] for r in rows for s in r["spans"]}
    assert categories == {"name", "address", "phone", "email", "url", "ssn", "dob"}
    assert any(s.get("listed") for r in rows for s in r["spans"])
    assert any(s.get("listed") is False for r in rows for s in r["spans"])
    assert presidio.generate() == rows


def test_addresses_keep_their_unit_and_leave_out_town_and_bare_streets(
    presidio: ModuleType,
) -> None:
    filler = presidio.Filler(1)
    row = presidio.fill(
        "Mail {{building_number}} {{street_name}} {{secondary_address}}\n{{city}} "
        "or meet on {{street_name}}",
        filler,
        "t",
    )
    [address] = row["spans"]
    assert address["category"] == "address"
    assert address["text"].split()[-2] in ("Apt.", "Suite")
    assert "\n" not in address["text"]
    row = presidio.fill("Send it to {{address}}", filler, "t")
    [street] = row["spans"]
    town = row["text"][street["end"] :]
    assert town.startswith("\n") and town.count(",") == 1


def test_templates_with_kinds_no_detector_claims_are_left_out(presidio: ModuleType) -> None:
    kept = presidio.templates()
    assert kept and not any("credit_card_number" in t or "{{iban}}" in t for t in kept)
    assert all("\\n" not in t for t in kept)
