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
  read with the page's reader and collected into Blob parts, as the form
  does): what the browser itself spends moving the bytes, in the renderer and
  the browser process.
- **AEAD without a JIT** (``--jitless-mib``, default 4): the AEAD alone in a
  Chromium started with ``--js-flags=--jitless``, V8's interpreter only, no
  WebAssembly: the closest Chromium comes to Tor Browser's "Safer" level.
  Only an analogue: Tor Browser's interpreter is SpiderMonkey's.

``--baseline-bundle FILE`` also runs another build of the bundle (say the
previous version, from ``git show``) in the same run, so "before" and
"after" come from one run on one machine.

CPU time is that of our whole browser (renderer, browser process and
helpers), read from /proc per process; on a shared machine it is the stable
figure, wall time is not.

Memory, for 10 MiB, 50 MiB and the full-size file, each bundle, each in a
fresh renderer: the page seals the file, then posts it (multipart, as the
form does) to a local sink that drops it. It prints the JS heap's peak while
sealing (``performance.memory``, garbage not yet collected included), what
the page holds after a forced GC, and the renderer's peak RSS (``VmHWM``)
after sealing and after posting, then the growth from 10 MiB to the full size.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser_harness import (
    MIB,
    chromium,
    cpu_seconds,
    my_processes,
    renderer_hwm_kib,
    sink,
)

from tipline.crypto import HybridIdentity, X25519Identity
from tipline.intake.scripts import SEAL_SCRIPT, STATIC_DIR

BASE_URL = ""  # the sink's address, set by main()

# Each runs in the page with the file already in its <input type=file>.
# sealFile takes the recipients from bundle 1.3.0 on (stream.js); 1.2.0 took
# a typage Encrypter. Either is measured, so a baseline build can be compared.
SEAL = """async (recipients) => {
  const s = window.tiplineSeal
  const file = document.querySelector("input[type=file]").files[0]
  let how = recipients
  if (!s.copyFile) {
    how = new s.age.Encrypter()
    for (const r of recipients) how.addRecipient(r)
  }
  let peak = performance.memory.usedJSHeapSize
  const start = performance.now()
  const blob = await s.sealFile(how, file, () => {
    peak = Math.max(peak, performance.memory.usedJSHeapSize)
  })
  const ms = performance.now() - start
  window.sealed = blob  // kept, as the form keeps it until it is posted
  // V8 collects lazily, so the peak above includes garbage not yet collected;
  // what the page still holds once it has collected is the real footprint.
  gc(); await new Promise((resolve) => setTimeout(resolve, 500)); gc()
  return { ms, size: blob.size, peakHeap: peak, retainedHeap: performance.memory.usedJSHeapSize }
}"""

# Then the upload, as the form posts it: a multipart body whose file part is
# the sealed Blob (the browser process reads it from blob storage).
POST = """async (url) => {
  const body = new FormData()
  body.append("attachments", new File([window.sealed], "file-1.age"))
  const start = performance.now()
  const response = await fetch(url, { method: "POST", body })
  return { ms: performance.now() - start, received: Number(await response.text()) }
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
  const s = window.tiplineSeal
  window.sealed = await (s.copyFile ? s.copyFile(file) : s.intoBlob(file.stream()))
  return { ms: performance.now() - start, size: window.sealed.size }
}"""


@dataclass
class Timing:
    wall: float  # seconds
    cpu: float  # seconds, every process of ours


def median(runs: list[Timing]) -> Timing:
    return Timing(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs))


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


def in_page(
    browser: Any, bundle: Path, path: Path, script: str, arg: Any, post: str | None = None
) -> dict[str, Any]:
    """Run ``script`` in a fresh page (a fresh renderer) holding ``path`` in a file input.

    Adds the CPU time of our whole browser during the run (the page's
    renderer, and the browser process that reads the file and stores the
    blob; nothing else runs in it) and the renderer's peak RSS. With ``post``
    (the sink's address), then uploads the sealed Blob there and adds the
    renderer's peak RSS over both.
    """
    existing = set(renderer_hwm_kib())
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{BASE_URL}/bench")
    mine = set(renderer_hwm_kib()) - existing  # this page's renderer
    page.add_script_tag(path=str(bundle))
    page.set_input_files("input[type=file]", str(path))

    def renderer_peak() -> int:
        peaks = renderer_hwm_kib()
        return max((peaks[pid] for pid in mine if pid in peaks), default=0)

    # Per process, so that one ending meanwhile does not count negative.
    cpu_before = {pid: cpu_seconds(pid) for pid in my_processes()}
    result: dict[str, Any] = page.evaluate(script, arg)
    cpu_after = {pid: cpu_seconds(pid) for pid in my_processes()}
    result["cpu"] = sum(cpu - cpu_before.get(pid, 0.0) for pid, cpu in cpu_after.items())
    result["rss_kib"] = renderer_peak()
    if post:
        sent = page.evaluate(POST, f"{BASE_URL}/upload")
        assert sent["received"] > result["size"], (sent, result)  # the Blob, in multipart
        result["post_rss_kib"] = renderer_peak()
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

    global BASE_URL
    bundle = STATIC_DIR / SEAL_SCRIPT
    bundles = [bundle, *([args.baseline_bundle] if args.baseline_bundle else [])]
    hybrid, classic = HybridIdentity.generate(), X25519Identity.generate()
    recipients = [str(hybrid.recipient()), str(classic.recipient())]
    runs: dict[str, list[Timing]] = {"cli": [], "seal": [], "aead": [], "io": [], "baseline": []}
    memory: dict[tuple[str, int], dict[str, Any]] = {}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tipline-bench-") as tmp, sink() as BASE_URL:
        files = {mib: Path(tmp) / f"{mib}.bin" for mib in sorted({10, 50, args.size_mib})}
        for mib, path in files.items():
            write_file(path, mib * MIB)
        small, big = files[10], files[args.size_mib]
        cli_small = Path(tmp) / "small.age"
        seal_with_cli(small, cli_small, recipients)
        with chromium() as browser:
            small_run = in_page(browser, bundle, small, SEAL, recipients)  # warm-up (disk caches)
            # Same header layout, fresh keys: the sizes must agree exactly.
            assert small_run["size"] == cli_small.stat().st_size, (small_run, cli_small.stat())
            for candidate in bundles:
                for mib, path in files.items():
                    run = in_page(browser, candidate, path, SEAL, recipients, post=True)
                    memory[candidate.name, mib] = run
                    assert run["size"] == memory[bundle.name, mib]["size"], run
            for _ in range(args.reps):
                # Timed to /dev/null: the page's Blob is not written to disk either.
                runs["cli"].append(seal_with_cli(big, Path(os.devnull), recipients))
                runs["seal"].append(timing(in_page(browser, bundle, big, SEAL, recipients)))
                runs["aead"].append(timing(in_page(browser, bundle, big, AEAD, big.stat().st_size)))
                io_run = in_page(browser, bundle, big, IO, None)
                assert io_run["size"] == big.stat().st_size, io_run
                runs["io"].append(timing(io_run))
                if args.baseline_bundle:
                    before = in_page(browser, args.baseline_bundle, big, SEAL, recipients)
                    runs["baseline"].append(timing(before))
        jitless = jitless_aead(args.jitless_mib, small) if args.jitless_mib else None

    cli = median(runs["cli"])
    print(f"file: {args.size_mib} MiB, recipients: mlkem768x25519 + X25519, "
          f"medians of {args.reps} runs, ratios to the CLI")  # fmt: skip
    print(f"load average before / after: {load_before[0]:.2f} / {os.getloadavg()[0]:.2f}")
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
    print_memory(memory, [b.name for b in bundles], list(files))


def print_memory(
    memory: dict[tuple[str, int], dict[str, Any]], names: list[str], sizes: list[int]
) -> None:
    print("memory, a fresh renderer per line: the page seals the file, then posts it")
    print(f"{'':<24}{'file':>8}{'JS heap peak':>14}{'after GC':>10}"
          f"{'RSS peak sealing':>18}{'+ posting':>11}")  # fmt: skip
    for name in names:
        for mib in sizes:
            run = memory[name, mib]
            heap, kept = run["peakHeap"] / MIB, run["retainedHeap"] / MIB
            rss, posting = run["rss_kib"] / 1024, run["post_rss_kib"] / 1024
            print(
                f"{name:<24}{mib:>4} MiB{heap:>10.1f} MiB{kept:>6.1f} MiB"
                f"{rss:>14.1f} MiB{posting:>7.1f} MiB"
            )
    for name in names:
        growth = (
            memory[name, sizes[-1]]["post_rss_kib"] - memory[name, sizes[0]]["post_rss_kib"]
        ) / 1024
        print(f"{name}: renderer peak RSS, {sizes[-1]} MiB minus {sizes[0]} MiB: {growth:+.1f} MiB")


if __name__ == "__main__":
    main()
