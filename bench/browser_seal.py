"""Benchmark: sealing a large file in Chromium with the intake's bundle vs `tipline age -e`.

Writes a file of ``--size-mib`` MiB (default 100) and, ``--reps`` times
(default 3) in turn, seals it with the real CLI (``tipline age -e -r
<hybrid recipient>`` to /dev/null, a subprocess: wall and CPU time, Python's
start-up included) and in Debian's Chromium with the committed bundle
(``tipline/static/seal/``) the way the tip form does it (the file from an
``<input type=file>``, sealed as a stream into a Blob), each page in a fresh
renderer. It prints the medians and their ratios. Both seal to one
post-quantum hybrid recipient plus one X25519 recipient.

Where the page's time goes, measured the same way in the same run:

- **AEAD alone**: the bundle's own ChaCha20-Poly1305 (noble's, the function
  typage's STREAM calls) over the same number of bytes in 64 KiB chunks in
  memory: no file, no streams, no Blob. No sealing path in JavaScript can
  cost less than this.
- **browser I/O alone**: the sealing path without the encryption (the file
  read as a stream and collected into Blob parts, as the form does): what the
  browser itself spends moving the bytes, in the renderer and the browser
  process.
- **AEAD without a JIT** (``--jitless-mib``, default 4): the AEAD alone in a
  Chromium started with ``--js-flags=--jitless``, V8's interpreter only, no
  WebAssembly: the closest Chromium comes to Tor Browser's "Safer" level,
  which turns off the JavaScript JIT and WebAssembly. Only an analogue: Tor
  Browser's interpreter is SpiderMonkey's.

``--baseline-bundle FILE`` also seals with another build of the bundle (say
the previous version, from ``git show``) in the same run, so "before" and
"after" come from one run on one machine.

CPU time is that of our whole browser (renderer, browser process and
helpers), read from /proc per process; on a shared machine it is the stable
figure, wall time is not.

Memory, for a 10 MiB and the full-size file, each in a fresh renderer: the
page's JS heap (``performance.memory`` with precise memory info) at its peak
during sealing and once garbage is collected with the sealed Blob still held,
and the renderer process's peak RSS (``VmHWM``). The peak includes garbage V8
has not collected yet, so it grows with the file until V8 collects; what the
page holds after collection stays flat, because the ciphertext goes to the
browser's blob storage (outside the page, paged to disk when large) a
megabyte at a time.

Usage::

    python bench/browser_seal.py [--size-mib 100] [--reps 3] [--baseline-bundle FILE]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

# Each runs in the page with the file already in its <input type=file>.
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

AEAD = """async (size) => {
  const seal = window.tiplineSeal.chacha20poly1305
  const key = crypto.getRandomValues(new Uint8Array(32))
  const nonce = new Uint8Array(12)
  const chunk = crypto.getRandomValues(new Uint8Array(65536))
  const start = performance.now()
  for (let done = 0; done < size; done += chunk.length) {
    nonce[10] = done >>> 16  // a fresh nonce per chunk, as age's STREAM does
    nonce[9] = done >>> 24
    seal(key, nonce).encrypt(done + chunk.length <= size ? chunk : chunk.subarray(0, size - done))
  }
  // WebAssembly is gone under --jitless: proof that the no-JIT run had no JIT.
  return { ms: performance.now() - start, wasm: typeof WebAssembly }
}"""

IO = """async () => {
  const file = document.querySelector("input[type=file]").files[0]
  const start = performance.now()
  window.sealed = await window.tiplineSeal.intoBlob(file.stream())
  return { ms: performance.now() - start, size: window.sealed.size }
}"""


@dataclass
class Timing:
    wall: float  # seconds
    cpu: float  # seconds, every process of ours


def median(runs: list[Timing]) -> Timing:
    return Timing(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


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


def seal_with_cli(path: Path, out: Path, recipients: list[str]) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    args = [sys.executable, "-m", "tipline.cli", "age", "-e", "-o", str(out)]
    for recipient in recipients:
        args += ["-r", recipient]
    subprocess.run([*args, str(path)], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=[*ARGS, *extra_args]
        )
        try:
            yield browser
        finally:
            browser.close()


def in_page(browser: Any, bundle: Path, path: Path, script: str, arg: Any) -> dict[str, Any]:
    """Run ``script`` in a fresh page (a fresh renderer) holding ``path`` in a file input.

    Adds the CPU time of our whole browser during the run (the page's
    renderer, and the browser process that reads the file and stores the
    blob; nothing else runs in it) and the renderer's peak RSS.
    """
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
    page.add_script_tag(path=str(bundle))
    page.set_input_files("input[type=file]", str(path))
    # Per process, so that one ending meanwhile does not count negative.
    cpu_before = {pid: cpu_seconds(pid) for pid in my_processes()}
    result: dict[str, Any] = page.evaluate(script, arg)
    cpu_after = {pid: cpu_seconds(pid) for pid in my_processes()}
    result["cpu"] = sum(cpu - cpu_before.get(pid, 0.0) for pid, cpu in cpu_after.items())
    peaks = renderer_hwm_kib()
    result["rss_kib"] = max((peaks[pid] for pid in mine if pid in peaks), default=0)
    context.close()
    return result


def timing(result: dict[str, Any]) -> Timing:
    return Timing(result["ms"] / 1000, result["cpu"])


def jitless_aead(size_mib: int, path: Path) -> float:
    """MiB/s of the bundle's AEAD alone in V8's interpreter (no JIT, no WebAssembly)."""
    bundle = STATIC_DIR / SEAL_SCRIPT
    with chromium(("--js-flags=--jitless",)) as browser:
        run = in_page(browser, bundle, path, AEAD, size_mib * MIB)
    assert run["wasm"] == "undefined", run
    return size_mib / (run["ms"] / 1000)


def report_line(label: str, run: Timing, cli: Timing, size_mib: int) -> str:
    return (
        f"{label:<34}{run.wall:6.2f} s wall {run.cpu:6.2f} s CPU"
        f"   x{run.cpu / cli.cpu:5.2f} CPU  x{run.wall / cli.wall:5.2f} wall"
        f"   {size_mib / run.cpu:6.1f} MiB/s of CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=100)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--baseline-bundle", type=Path, help="another build to compare, same run")
    parser.add_argument("--jitless-mib", type=int, default=4, help="0 skips the no-JIT run")
    args = parser.parse_args()

    bundle = STATIC_DIR / SEAL_SCRIPT
    hybrid, classic = HybridIdentity.generate(), X25519Identity.generate()
    recipients = [str(hybrid.recipient()), str(classic.recipient())]
    runs: dict[str, list[Timing]] = {"cli": [], "seal": [], "aead": [], "io": [], "baseline": []}
    with tempfile.TemporaryDirectory(prefix="tipline-bench-") as tmp:
        small, big = Path(tmp) / "small.bin", Path(tmp) / "big.bin"
        write_file(small, 10 * MIB)
        write_file(big, args.size_mib * MIB)
        cli_small = Path(tmp) / "small.age"
        seal_with_cli(small, cli_small, recipients)
        with chromium() as browser:
            in_page(browser, bundle, small, SEAL, recipients)  # warm-up (disk caches)
            small_run = in_page(browser, bundle, small, SEAL, recipients)
            for _ in range(args.reps):
                # Timed to /dev/null: the page's Blob is not written to disk either.
                runs["cli"].append(seal_with_cli(big, Path(os.devnull), recipients))
                big_run = in_page(browser, bundle, big, SEAL, recipients)
                runs["seal"].append(timing(big_run))
                runs["aead"].append(timing(in_page(browser, bundle, big, AEAD, big.stat().st_size)))
                io_run = in_page(browser, bundle, big, IO, None)
                assert io_run["size"] == big.stat().st_size, io_run
                runs["io"].append(timing(io_run))
                if args.baseline_bundle:
                    before = in_page(browser, args.baseline_bundle, big, SEAL, recipients)
                    assert before["size"] == big_run["size"], (before, big_run)
                    runs["baseline"].append(timing(before))
        # Same header layout, fresh keys: the sizes must agree exactly.
        assert small_run["size"] == cli_small.stat().st_size, (small_run, cli_small.stat())
        jitless = jitless_aead(args.jitless_mib, small) if args.jitless_mib else None

    cli = median(runs["cli"])
    print(f"file: {args.size_mib} MiB, recipients: mlkem768x25519 + X25519, "
          f"medians of {args.reps} runs, ratios to the CLI")  # fmt: skip
    print(f"{'tipline age -e (subprocess)':<34}{cli.wall:6.2f} s wall {cli.cpu:6.2f} s CPU")
    print(report_line(f"Chromium, {bundle.name}", median(runs["seal"]), cli, args.size_mib))
    if runs["baseline"]:
        label = f"Chromium, {args.baseline_bundle.name}"
        print(report_line(label, median(runs["baseline"]), cli, args.size_mib))
    print(report_line("  of which the AEAD alone", median(runs["aead"]), cli, args.size_mib))
    print(report_line("  of which browser I/O alone", median(runs["io"]), cli, args.size_mib))
    print("aim: page <= 3x the CLI's CPU (CPU is the stable figure; wall is noisy when busy)")
    if jitless is not None:
        print(
            f"AEAD without a JIT (V8 --jitless, like Tor Browser Safer): {jitless:5.1f} MiB/s, "
            f"so about {args.size_mib / jitless:5.0f} s for {args.size_mib} MiB"
        )
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
