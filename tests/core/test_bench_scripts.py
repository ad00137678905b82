"""Every benchmark under bench/ still starts: its imports and argument parser.

The benchmarks are not run by the suite (they print ratios, never assert
times), so a rename in tipline/ could otherwise break one unnoticed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCRIPTS = sorted(
    p for p in BENCH.glob("*.py") if "--help" in p.read_text() or "argparse" in p.read_text()
)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_the_benchmark_starts(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage" in done.stdout.lower()
