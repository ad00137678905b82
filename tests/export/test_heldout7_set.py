"""The seventh held-out set (bench/redaction_heldout7.py) is built as documented.

These checks keep the set honest (unchanged data files, exact spans, the same
rows every time, the counts its README and docs state, the minimums issue 11
asks for), never the detectors' figures, which are reported, not asserted.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.helpers import load_script

BENCH = Path(__file__).resolve().parents[2] / "bench"
DATA = BENCH / "data" / "heldout7"
#: Texts and gold spans per category and language, as docs/exports.md states them.
COUNTS = {
    "a_number/en": 78,
    "a_number/es": 72,
    "address/en": 168,
    "address/es": 198,
    "dob/en": 114,
    "dob/es": 120,
    "email/en": 72,
    "email/es": 84,
    "handle/en": 78,
    "handle/es": 72,
    "id_number/en": 96,
    "id_number/es": 120,
    "name (listed)/en": 102,
    "name (listed)/es": 90,
    "name (other)/en": 534,
    "name (other)/es": 576,
    "phone/en": 192,
    "phone/es": 216,
    "plate/en": 72,
    "plate/es": 72,
    "ssn/en": 36,
    "ssn/es": 30,
    "texts/en/negative": 156,
    "texts/en/positive": 324,
    "texts/es/negative": 156,
    "texts/es/positive": 348,
    "url/en": 24,
    "url/es": 30,
}
CORE = ("en_US", "es_MX", "es_ES")  # the issue's locales


@pytest.fixture(scope="module")
def heldout7() -> ModuleType:
    return load_script(BENCH / "redaction_heldout7.py", "bench_redaction_heldout7")


@pytest.fixture(scope="module")
def rows(heldout7: ModuleType) -> list[dict[str, Any]]:
    return heldout7.generate()  # type: ignore[no-any-return]


def test_the_data_files_are_the_ones_the_readme_names() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in ("templates.txt", "context.tsv"):
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        assert f"`{name}`: `{digest}`" in readme
    assert "Affero" in (DATA / "LICENSE").read_text(encoding="utf-8")


def test_the_set_is_exact_the_same_every_time_and_as_big_as_stated(
    heldout7: ModuleType, rows: list[dict[str, Any]]
) -> None:
    for row in rows:
        assert "[[" not in row["text"] and "]]" not in row["text"], row["id"]
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"], row["id"]
            assert span["text"] == span["text"].strip() and span["text"], row["id"]
    assert len({r["id"] for r in rows}) == len(rows)
    counts = heldout7.counts(rows)
    assert dict(counts) == COUNTS
    # Issue 11's minimums: 600 texts with details (300 in each language), 300
    # hard negatives, every category 50 spans or more and 20 or more in each
    # language, from 120 templates or more.
    assert counts["texts/en/positive"] >= 300 and counts["texts/es/positive"] >= 300
    assert counts["texts/en/negative"] + counts["texts/es/negative"] >= 300
    for key in COUNTS:
        if not key.startswith("texts/"):
            assert counts[key] >= 20, key
            other = key.replace("/en", "/es") if key.endswith("/en") else key.replace("/es", "/en")
            assert counts[key] + counts[other] >= 50, key
    assert len(heldout7.templates()) >= 120
    assert heldout7.generate() == rows
    assert heldout7.generate(7) != rows  # another seed is another draw


def test_most_names_come_from_the_issues_locales_and_each_origin_is_recorded(
    rows: list[dict[str, Any]],
) -> None:
    origins = Counter(
        s["origin"] for r in rows for s in r["spans"] if s["category"] == "name" and not s["listed"]
    )
    assert sum(origins[o] for o in CORE) >= 0.6 * sum(origins.values())
    assert {"pt_BR", "es_CL", "fr_FR", "it_IT", "en_IN", "de_DE", "en_GB", "zu_ZA"} <= set(origins)
    assert origins["centam"] >= 50 and origins["particle"] >= 50


def test_negatives_hold_traps_and_no_detail(rows: list[dict[str, Any]]) -> None:
    negatives = [r for r in rows if not r["spans"]]
    assert all(r["split"] == "heldout7-negative" for r in negatives)
    traps = [r for r in negatives if r["people"]]  # "Marion County Jail" with "Marion ..." listed
    assert len(traps) >= 50
    for row in traps:
        words = {w for p in row["people"] for w in p.split()}
        assert any(w.casefold() in row["text"].casefold() for w in words), row["id"]


def test_a_slot_in_capitals_keeps_its_span_exact(heldout7: ModuleType) -> None:
    values = heldout7.Values(3, {})
    row = heldout7.fill("Nombre: [[given|upper]] / [[rev]]", values, "es", {"plain"}, "t")
    first, second = row["spans"]
    assert first["text"] == first["text"].upper() and ", " in second["text"]
    assert all(row["text"][s["start"] : s["end"]] == s["text"] for s in row["spans"])


def test_the_benchmark_names_it_and_prints_its_misses_since_it_was_retired() -> None:
    """heldout7 judged round 7 once; from round 8 on it is dev text."""
    redaction = load_script(BENCH / "redaction.py", "bench_redaction_for_heldout7")
    assert "heldout7" in redaction.NAMED_ONLY and "heldout7" not in redaction.SETS
    assert "heldout7" not in redaction.SEALED
