"""find_identifying / apply_redactions / highlight, and the evaluation targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import load_script
from tipline.export.pii.findings import Finding, resolve
from tipline.export.pii.redaction import (
    apply_redactions,
    find_identifying,
    highlight,
    redact_all,
)

ROOT = Path(__file__).resolve().parents[2]
STRUCTURED = ("email", "phone", "ssn", "a_number", "plate", "url", "handle", "dob")


def _bench():
    return load_script(ROOT / "bench" / "redaction.py", "bench_redaction")


@pytest.fixture(scope="module")
def bench():
    return _bench()


def test_evaluation_set_is_big_bilingual_and_consistent(bench):
    rows = bench.load("all")
    assert len(rows) >= 150
    assert sum(r["lang"] == "es" for r in rows) * 3 >= len(rows)
    assert sum(r["split"] == "heldout" for r in rows) >= 40
    assert sum(not r["spans"] for r in rows) >= 30  # hard negatives


def test_generated_set_is_big_bilingual_with_hard_negatives(bench):
    rows = bench.load_set("faker") + bench.load_set("heldout")
    with_details = [r for r in rows if r["spans"]]
    assert sum(r["lang"] == "en" for r in with_details) >= 300
    assert sum(r["lang"] == "es" for r in with_details) >= 300
    assert sum(not r["spans"] and r["split"].endswith("negative") for r in rows) >= 300
    assert {r["locale"] for r in rows} == {"en_US", "es_MX", "es_ES"}
    categories = {s["category"] for r in rows for s in r["spans"]}
    assert categories >= {"name", "address", "plate", "dob", "email", "handle", "phone", "ssn"}
    assert categories >= {"a_number", "url"}


def test_fresh_set_has_two_halves_with_their_own_templates(bench):
    dev, test = bench.load_set("fresh-dev"), bench.load_set("fresh-test")
    for half in (dev, test):
        positives = [r for r in half if r["spans"]]
        assert {r["lang"] for r in positives} == {"en", "es"}
        assert sum(r["lang"] == "es" for r in positives) * 2 == len(positives)
        categories = {s["category"] for r in half for s in r["spans"]}
        assert categories >= {"name", "address", "plate", "dob", "email", "handle", "phone"}
        assert categories >= {"ssn", "a_number", "url", "id_number"}
    assert sum(bool(r["spans"]) for r in dev + test) >= 600
    assert sum(not r["spans"] for r in dev + test) >= 300
    # The test half is scored once after tuning: other templates, never run by default.
    import redaction_fresh_templates as tpl

    for kind in ("positive", "negative"):
        for lang in ("en", "es"):
            dev_texts = {t for _, t in tpl.HALVES["dev"][kind][lang]}
            assert not dev_texts & {t for _, t in tpl.HALVES["test"][kind][lang]}
    assert "fresh-test" not in bench.SETS


@pytest.mark.parametrize("split", ["all", "heldout"])
def test_recall_targets(bench, split):
    score = bench.evaluate(bench.load(split))
    for category in STRUCTURED:
        assert score.recall(category) >= 0.98, (category, score.misses)
    assert score.recall(bench.PEOPLE_ROW) >= 0.9, score.misses


def test_targets_on_the_generated_set(bench):
    """Issue 11's targets, kept as a floor on the set the detectors were tuned
    on (docs/exports.md has the held-out figures, which are lower)."""
    score = bench.evaluate(bench.load_set("faker"))
    for category in (*STRUCTURED, "address"):
        assert score.recall(category) >= 0.95, (category, score.misses)
        assert score.precision(category) >= 0.9, (category, score.false_alarms)
    assert score.recall(bench.OTHER_NAMES_ROW) >= 0.9
    assert score.recall(bench.PEOPLE_ROW) == 1.0
    assert score.precision_high("name") >= 0.9


TEXT = "Call Rosa at (215) 555-0143 or rosa.v@gmail.com. Case No. 2024-CR-001234."


def test_find_identifying_sorted_and_deterministic():
    first = find_identifying(TEXT, people=["Rosa Villanueva"])
    assert first == find_identifying(TEXT, people=["Rosa Villanueva"])
    assert [(f.text, f.category) for f in first] == [
        ("Rosa", "name"),
        ("(215) 555-0143", "phone"),
        ("rosa.v@gmail.com", "email"),
    ]
    assert all(TEXT[f.start : f.end] == f.text for f in first)


def test_people_must_be_a_list():
    with pytest.raises(TypeError):
        find_identifying(TEXT, people="Rosa Villanueva")  # type: ignore[arg-type]


def test_apply_labels_and_redacted_style():
    findings = find_identifying(TEXT, people=["Rosa Villanueva"])
    everything = set(range(len(findings)))
    assert apply_redactions(TEXT, findings, everything) == (
        "Call [name] at [phone] or [email]. Case No. 2024-CR-001234."
    )
    assert apply_redactions(TEXT, findings, everything, style="redacted") == (
        "Call [redacted] at [redacted] or [redacted]. Case No. 2024-CR-001234."
    )
    # Only what was accepted goes.
    assert apply_redactions(TEXT, findings, {1}).startswith("Call Rosa at [phone] or rosa")
    only_email = apply_redactions(TEXT, findings, [findings[2]])
    assert only_email.endswith("or [email]. Case No. 2024-CR-001234.")


def test_overlapping_findings_merge():
    text = "Ana Maria Lopez lives here"
    a = Finding(0, 9, "name", "Ana Maria")
    b = Finding(4, 15, "name", "Maria Lopez")
    assert apply_redactions(text, [a, b], {0, 1}) == "[name] lives here"
    c = Finding(10, 21, "address", "Lopez lives")
    assert apply_redactions(text, [a, b, c], {0, 1, 2}) == "[redacted] here"


def test_stale_or_bad_acceptance_is_refused():
    findings = find_identifying(TEXT)
    with pytest.raises(ValueError):
        apply_redactions(TEXT + " more", [Finding(0, 3, "name", "xyz")], {0})
    with pytest.raises(ValueError):
        apply_redactions(TEXT, findings, {99})
    with pytest.raises(ValueError):
        apply_redactions(TEXT, findings, set(), style="blur")  # type: ignore[arg-type]


def test_labels_are_not_findings_again():
    redacted = redact_all(
        "My brother Rafael, A-204-118-563, DOB 11/23/1986, plate KZX-4471, 123 Main St",
        people=["Rafael Guzmán"],
    )
    assert find_identifying(redacted) == []
    assert "Rafael" not in redacted and "4471" not in redacted


def test_redact_all_can_skip_low_confidence():
    text = "Sergeant Whitfield called 215-555-0143"
    assert redact_all(text, include_low=False) == "Sergeant Whitfield called [phone]"
    assert redact_all(text) == "Sergeant [name] called [phone]"


def test_highlight_segments_round_trip_and_mark_overlaps():
    text = "Ana Maria Lopez lives here"
    findings = [Finding(0, 9, "name", "Ana Maria", "low"), Finding(4, 15, "name", "Maria Lopez")]
    segments = highlight(text, findings)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.findings) for s in segments] == [
        ("Ana ", (0,)),
        ("Maria", (0, 1)),
        (" Lopez", (1,)),
        (" lives here", ()),
    ]
    assert segments[0].low_confidence and not segments[1].low_confidence
    assert not segments[-1].marked


def test_resolve_keeps_high_inside_low_and_drops_contained():
    outer_low = Finding(0, 11, "name", "Maria Lopez", "low")
    inner_high = Finding(0, 5, "name", "Maria", "high")
    assert resolve([outer_low, inner_high]) == [inner_high, outer_low]
    url = Finding(0, 20, "url", "x" * 20)
    phone = Finding(5, 15, "phone", "y" * 10)
    assert resolve([url, phone]) == [url]


def test_finding_validation():
    with pytest.raises(ValueError):
        Finding(0, 1, "colour", "x")
    with pytest.raises(ValueError):
        Finding(3, 3, "name", "")
    assert Finding(2, 5, "phone", "555").key == "2:5:phone"
