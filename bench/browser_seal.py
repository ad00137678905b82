"""Benchmark: sealing a large file in Chromium with the intake's bundle vs `tipline age -e`.

Writes a file of ``--size-mib`` MiB (default 100), seals it once with the
real CLI (``tipline age -e -r <hybrid recipient>`` to /dev/null, a subprocess:
wall and CPU time, Python's start-up included) and once in Debian's Chromium
with the committed bundle (``tipline/static/seal/``) the way the tip form does it (the file from an
``<input type=file>``, sealed as a stream into a Blob), and prints the ratio
of the two times. Both run in this process's run, on the same file, to one
post-quantum hybrid recipient plus one X25519 recipient.

Memory, for a 10 MiB and the full-size file, each in a fresh renderer: the
page's JS heap (``performance.memory`` with precise memory info) at its peak
during sealing and once garbage is collected with the sealed Blob still held,
and the renderer process's peak RSS (``VmHWM``). The peak includes garbage V8
has not collected yet, so it grows with the file until V8 collects; what the
page holds after collection stays flat, because the ciphertext goes to the
browser's blob storage (outside the page, paged to disk when large) a
megabyte at a time.

Usage::

    python bench/browser_seal.py [--size-mib 100]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tipline.crypto import HybridIdentity, X25519Identity
from tipline.intake.scripts import SEAL_SCRIPT, STATIC_DIR

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-precise-memory-info",
    "--renderer-process-limit=100",
    "--js-flags=--expose-gc",
]
MIB = 1024 * 1024

SEAL = """async (recipients) => {
  const s = window.tiplineSeal
  const file = document.querySelector("input[type=file]").files[0]
  const e = new s.age.Encrypter()
  for (const r of recipients) e.addRecipient(r)
  let peak = performance.memory.usedJSHeapSize
  const start = performance.now()
  const blob = await s.sealFile(e, file, () => {
    peak = Math.max(peak, performance.memory.usedJSHeapSize)
  })
  const ms = performance.now() - start
  window.sealed = blob  // kept, as the form keeps it until it is posted
  // V8 collects lazily, so the peak above includes garbage not yet collected;
  // what the page still holds once it has collected is the real footprint.
  gc(); await new Promise((resolve) => setTimeout(resolve, 500)); gc()
  return { ms, size: blob.size, peakHeap: peak, retainedHeap: performance.memory.usedJSHeapSize }
}"""


def my_processes() -> dict[int, bytes]:
    """This benchmark's descendant processes (its Chromium), pid to command line.

    Other people's browsers may run on the same machine: only ours count.
    """
    parents: dict[int, int] = {}
    cmdlines: dict[int, bytes] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(stat[1])
            cmdlines[int(entry)] = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
    mine, me = {}, os.getpid()
    for pid in parents:
        ancestor = parents.get(pid)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor)
        if ancestor == me:
            mine[pid] = cmdlines[pid]
    return mine


def renderer_hwm_kib() -> dict[int, int]:
    """Peak RSS (VmHWM) of each of our Chromium renderer processes, by pid."""
    peaks = {}
    for pid, cmdline in my_processes().items():
        if b"--type=renderer" not in cmdline:
            continue
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = int(line.split()[1])
        except OSError:
            continue
    return peaks


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_file(path: Path, size: int) -> None:
    block = os.urandom(MIB)
    with path.open("wb") as handle:
        for _ in range(size // MIB):
            handle.write(block)
        handle.write(block[: size % MIB])


def seal_with_cli(path: Path, out: Path, recipients: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    args = [sys.executable, "-m", "tipline.cli", "age", "-e", "-o", str(out)]
    for recipient in recipients:
        args += ["-r", recipient]
    subprocess.run([*args, str(path)], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def seal_in_chromium(browser: Any, path: Path, recipients: list[str]) -> dict[str, Any]:
    """Seal ``path`` in a fresh page (a fresh renderer); timings and memory peaks."""
    existing = set(renderer_hwm_kib())
    context = browser.new_context()
    page = context.new_page()
    page.route(
        "http://localhost/bench",
        lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><input type=file>"
        ),
    )
    page.goto("http://localhost/bench")
    mine = set(renderer_hwm_kib()) - existing  # this page's renderer
    page.add_script_tag(path=str(STATIC_DIR / SEAL_SCRIPT))
    page.set_input_files("input[type=file]", str(path))
    # CPU time of our whole browser (the page's renderer, and the browser
    # process that reads the file and stores the blob); nothing else runs in it.
    # Per process, so that one ending meanwhile does not count negative.
    cpu_before = {pid: cpu_seconds(pid) for pid in my_processes()}
    result: dict[str, Any] = page.evaluate(SEAL, recipients)
    cpu_after = {pid: cpu_seconds(pid) for pid in my_processes()}
    result["cpu"] = sum(cpu - cpu_before.get(pid, 0.0) for pid, cpu in cpu_after.items())
    peaks = renderer_hwm_kib()
    result["rss_kib"] = max((peaks[pid] for pid in mine if pid in peaks), default=0)
    context.close()
    return result


def check_output(browser_result: dict[str, Any], cli_out: Path) -> None:
    # Same header layout, fresh keys: the sizes must agree exactly.
    assert browser_result["size"] == cli_out.stat().st_size, (browser_result, cli_out.stat())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=100)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    hybrid, classic = HybridIdentity.generate(), X25519Identity.generate()
    recipients = [str(hybrid.recipient()), str(classic.recipient())]
    with tempfile.TemporaryDirectory(prefix="tipline-bench-") as tmp:
        small, big = Path(tmp) / "small.bin", Path(tmp) / "big.bin"
        write_file(small, 10 * MIB)
        write_file(big, args.size_mib * MIB)
        # Timed to /dev/null: the page's Blob is not written to disk either.
        wall, cpu = seal_with_cli(big, Path(os.devnull), recipients)
        cli_out = Path(tmp) / "small.age"
        seal_with_cli(small, cli_out, recipients)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                seal_in_chromium(browser, small, recipients)  # warm-up (JIT, caches)
                small_run = seal_in_chromium(browser, small, recipients)
                big_run = seal_in_chromium(browser, big, recipients)
            finally:
                browser.close()
        check_output(small_run, cli_out)

    page_s = big_run["ms"] / 1000
    print(f"file: {args.size_mib} MiB, recipients: mlkem768x25519 + X25519")
    print(f"tipline age -e (subprocess): {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    print(f"Chromium, bundle, streamed:  {page_s:6.2f} s in the page, {big_run['cpu']:6.2f} s CPU")
    cpu_ratio = big_run["cpu"] / cpu
    print(f"ratio page / CLI (wall):     {page_s / wall:6.2f}x   (aim: <= 3x; noisy when busy)")
    print(f"ratio page / CLI (CPU):      {cpu_ratio:6.2f}x   (aim: <= 3x; the stable figure)")
    print(f"throughput in the page:      {args.size_mib / page_s:6.1f} MiB/s")
    for label, run in (("10 MiB", small_run), (f"{args.size_mib} MiB", big_run)):
        print(
            f"memory sealing {label:>8}: JS heap peak {run['peakHeap'] / MIB:6.1f} MiB, "
            f"after GC {run['retainedHeap'] / MIB:5.1f} MiB, "
            f"renderer peak RSS {run['rss_kib'] / 1024:6.1f} MiB"
        )
    print(
        f"heap held after GC, big/small: {big_run['retainedHeap'] / small_run['retainedHeap']:.2f} "
        "(about 1: what the page holds does not grow with the file)"
    )


if __name__ == "__main__":
    main()
