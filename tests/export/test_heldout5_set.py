"""The held-out evaluation set (bench/redaction_heldout5.py) is built as documented.

These checks keep the set honest (unchanged data files, exact spans, the same
rows every time, the counts its README and docs state), never the detectors'
figures, which are reported, not asserted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.helpers import load_script

BENCH = Path(__file__).resolve().parents[2] / "bench"
DATA = BENCH / "data" / "heldout5"
#: Texts and gold spans per category and language, as docs/exports.md states them.
COUNTS = {
    "texts/en/positive": 324,
    "texts/es/positive": 312,
    "texts/en/negative": 168,
    "texts/es/negative": 168,
    "address/en": 132,
    "address/es": 114,
    "plate/en": 72,
    "plate/es": 54,
    "dob/en": 78,
    "dob/es": 84,
    "email/en": 54,
    "email/es": 48,
    "handle/en": 48,
    "handle/es": 36,
    "phone/en": 102,
    "phone/es": 102,
    "ssn/en": 24,
    "ssn/es": 24,
    "a_number/en": 42,
    "a_number/es": 54,
    "url/en": 30,
    "url/es": 36,
    "name (listed)/en": 66,
    "name (listed)/es": 48,
    "name (other)/en": 264,
    "name (other)/es": 276,
}


@pytest.fixture(scope="module")
def heldout5() -> ModuleType:
    return load_script(BENCH / "redaction_heldout5.py", "bench_redaction_heldout5")


@pytest.fixture(scope="module")
def rows(heldout5: ModuleType) -> list[dict[str, Any]]:
    return heldout5.generate()  # type: ignore[no-any-return]


def test_the_data_files_are_the_ones_the_readme_names() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in ("templates.txt", "lists.tsv"):
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        assert f"`{name}`: `{digest}`" in readme
    assert "Affero" in (DATA / "LICENSE").read_text(encoding="utf-8")


def test_the_set_is_exact_the_same_every_time_and_as_big_as_stated(
    heldout5: ModuleType, rows: list[dict[str, Any]]
) -> None:
    for row in rows:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"], row["id"]
            assert span["text"] == span["text"].strip(), row["id"]
    assert len({r["id"] for r in rows}) == len(rows)
    assert dict(heldout5.counts(rows)) == COUNTS
    assert heldout5.generate() == rows
    assert heldout5.generate(7) != rows  # another seed is another draw


def test_negatives_hold_traps_and_no_detail(rows: list[dict[str, Any]]) -> None:
    negatives = [r for r in rows if not r["spans"]]
    assert all(r["split"] == "heldout5-negative" for r in negatives)
    # A place holding a listed person's name ("West Chester", "Chester ...").
    traps = [r for r in negatives if r["people"]]
    assert len(traps) >= 40
    for row in traps:
        words = {w for p in row["people"] for w in p.split()}
        assert any(w in row["text"] for w in words), row["id"]


def test_spanish_contractions_keep_spans_exact(heldout5: ModuleType) -> None:
    filler = heldout5.Filler(3, {"lugar": [["el CIE de Aluche"]]})
    row = heldout5.fill("de {{lugar}} a {{lugar}}, soy {{name}}", filler, "es", "t")
    assert row["text"].startswith("del ") and " al " in row["text"]
    [name] = row["spans"]
    assert row["text"][name["start"] : name["end"]] == name["text"]


def test_the_benchmark_names_it_but_never_prints_its_misses() -> None:
    redaction = load_script(BENCH / "redaction.py", "bench_redaction_for_heldout5")
    assert "heldout5" in redaction.NAMED_ONLY and "heldout5" not in redaction.SETS
    assert "heldout5" in redaction.SEALED
