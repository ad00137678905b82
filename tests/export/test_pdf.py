"""The PDF report: readable text, summaries by county, nothing redacted."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from tipline.counties import counties_for
from tipline.export.aggregate import TipFacts, aggregate
from tipline.export.pii.redaction import redact_all
from tipline.export.rendering import pdf as pdf_module
from tipline.export.rendering.formats import ExportSummary
from tipline.export.rendering.pdf import build_report

PA = [c.fips for c in counties_for(["PA"])]
SECRETS = ["Rafael Guzmán", "215-555-0143", "A-204-118-563", "rosa.v77@gmail.com", "KZX-4471"]
RAW = [
    ("42011", "Mi hermano Rafael Guzmán fue entregado a ICE en la puerta; llamen al 215-555-0143."),
    ("42011", "Su número A es A-204-118-563 y la camioneta tenía la placa KZX-4471."),
    ("42071", "Deputies walked six men out the back door; write to rosa.v77@gmail.com."),
]


def report(**kwargs) -> bytes:
    summaries = [
        ExportSummary(
            f"s{i}",
            "tip",
            county,
            "2023-0" + str(i + 1),
            redact_all(text, people=["Rafael Guzmán"]),
            "2023-06",
            ("handoff",),
        )
        for i, (county, text) in enumerate(RAW)
    ]
    data = [TipFacts("42011", "2023-01")] * 12 + [TipFacts("42071", "2023-02")] * 5
    data += [TipFacts("42057", "2023-03")]
    return build_report(
        summaries,
        aggregate(data, counties=PA),
        states=["PA"],
        generated_month="2023-07",
        organization="Coalición de prueba",
        **kwargs,
    )


def pdftotext(blob: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(blob)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_report_text_has_summaries_and_no_redacted_strings(tmp_path):
    text = pdftotext(report(), tmp_path)
    assert "Coalición de prueba" in text
    assert "fue entregado a ICE en la puerta" in text  # accents survive
    assert "Deputies walked six men out the back door" in text
    assert "[phone]" in text and "[a-number]" in text
    for secret in SECRETS:
        assert secret not in text
    assert "Berks County, PA" in text and "Lancaster County, PA" in text
    # Summaries grouped by county: both Berks summaries before Lancaster's.
    berks = text.index("Berks County, PA", text.index("Summaries"))
    assert berks < text.index("[a-number]") < text.index("Lancaster County, PA", berks)


def test_report_has_figures_and_suppression_note(tmp_path):
    text = pdftotext(report(), tmp_path)
    assert "Tips by county" in text and "Tips by month" in text
    assert "fewer than 3" in text
    assert "Tips received: 18" in text


def test_no_exact_timestamp_in_the_file():
    blob = report()
    assert b"/CreationDate (D:20230701000000" in blob
    today = datetime.now(UTC).strftime("%Y%m%d").encode()
    if not today.endswith(b"01"):
        assert today not in blob


def test_falls_back_to_builtin_font(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_module, "_font_files", lambda: None)
    text = pdftotext(report(), tmp_path)
    assert "fue entregado a ICE en la puerta" in text  # Latin-1 keeps Spanish accents


def test_packaged_font_is_used():
    fonts = pdf_module._font_files()
    assert fonts is not None and fonts[0] == "Lato"
    assert b"Lato" in report()
