"""Sealing and opening a 1 GiB stream stays within 64 MiB of peak RSS.

Runs in a fresh interpreter so the measurement is this workload alone: a
sealing thread writes into a pipe while the main thread opens the other end,
so the ciphertext is never stored, and both sides hash what they saw.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import hashlib, json, os, threading
from tipline.crypto import HybridIdentity, decrypt_stream, encrypt_stream

TOTAL = 1 << 30
identity = HybridIdentity.generate()
block = os.urandom(1 << 20)
read_end, write_end = os.pipe()
sent = hashlib.sha256()

def seal():
    with os.fdopen(write_end, "wb") as pipe:
        with encrypt_stream(pipe, [identity.recipient()]) as writer:
            for i in range(TOTAL // len(block)):
                piece = i.to_bytes(8, "big") + block[8:]  # not one repeated block
                sent.update(piece)
                writer.write(piece)

thread = threading.Thread(target=seal)
thread.start()
got = hashlib.sha256()
size = 0
with os.fdopen(read_end, "rb") as pipe:
    for chunk in decrypt_stream(pipe, [identity]).chunks():
        got.update(chunk)
        size += len(chunk)
thread.join()
status = open("/proc/self/status").read()
hwm_kib = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({
    "size": size,
    "same": got.digest() == sent.digest(),
    # VmHWM, not ru_maxrss: the latter survives exec, so it would include
    # the pytest process this child was forked from.
    "peak_kib": hwm_kib,
}))
"""


def test_one_gib_stream_peak_rss_under_64_mib() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["size"] == 1 << 30 and report["same"]
    peak_mib = report["peak_kib"] / 1024
    assert peak_mib < 64, f"peak RSS {peak_mib:.1f} MiB"
