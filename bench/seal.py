"""Benchmark tipline's age sealing against gpg, pyrage, the age CLI and raw AEAD.

Run ``python bench/seal.py`` (not collected by pytest). It prints:

(a) the cost of sealing one 2 KB tip - tipline post-quantum (mlkem768x25519),
    tipline X25519, ``gpg --encrypt`` as a subprocess with a throwaway
    GNUPGHOME, and ``pyrage`` (X25519) if it is importable - in ms and as a
    speed-up over gpg;
(b) stream sealing throughput on 256 MiB - tipline, the ``age`` CLI (if
    installed), and raw ChaCha20-Poly1305 over 64 KiB chunks (the ceiling);
(c) the command as a user runs it: ``tipline age -e -r RECIPIENT FILE``
    against the Go ``age -e`` on the same 1 GiB file (``--cli-mib``), both
    as processes writing to /dev/null, rounds interleaved: wall time, CPU
    time and peak RSS of each process (``wait4``), and their ratios.

Targets: >= 30x faster than gpg per tip; stream sealing >= 70% of raw
ChaCha20-Poly1305 and no slower than the age CLI; ``tipline age -e`` on
1 GiB peaks below 64 MiB and takes at most 1.2x the Go ``age -e`` time.
Exits non-zero if a target is missed, so it can gate a release.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from tipline.crypto import HybridIdentity, X25519Identity, encrypt, encrypt_stream

TIP = os.urandom(2048)
STREAM_SIZE = 256 * 1024 * 1024
CHUNK = 64 * 1024
BLOCK = 1024 * 1024
CLI_ROUNDS = 3
CLI_PEAK_LIMIT_MIB = 64
CLI_TIME_LIMIT = 1.2


def per_call_ms(
    fn: Callable[[], object], seconds: float = 1.0, batch: int = 10
) -> tuple[float, float]:
    """(median, best) per-call time over batches of ``batch`` calls, in ms.

    The median is the typical cost per tip, and what the targets are judged
    on; the best is the figure least disturbed by other load on the machine.
    Every contender is measured the same way.
    """
    fn()  # warm up
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times) < 5:
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        times.append((time.perf_counter() - start) / batch * 1000)
    times.sort()
    return times[len(times) // 2], times[0]


class Gpg:
    """gpg with a throwaway home and a passphrase-less key made in batch mode."""

    def __init__(self) -> None:
        self.home = tempfile.mkdtemp(prefix="tipline-bench-gnupg-")
        self.env = {**os.environ, "GNUPGHOME": self.home}
        subprocess.run(
            ["gpg", "--batch", "--passphrase", "", "--quick-gen-key",
             "tipline bench <bench@example.invalid>", "default", "default", "never"],
            env=self.env, check=True, capture_output=True,
        )  # fmt: skip
        listing = subprocess.run(
            ["gpg", "--list-keys", "--with-colons"], env=self.env, check=True, capture_output=True
        ).stdout.decode()
        keys = [f.split(":") for f in listing.splitlines() if f.startswith(("pub:", "sub:"))]
        self.algorithms = sorted({f"{k[3]}-{k[2]}" for k in keys})  # gpg algo id - bits

    def seal(self) -> bytes:
        return subprocess.run(
            ["gpg", "--batch", "--yes", "--trust-model", "always", "--encrypt",
             "--recipient", "bench@example.invalid"],
            input=TIP, env=self.env, check=True, capture_output=True,
        ).stdout  # fmt: skip

    def close(self) -> None:
        subprocess.run(["gpgconf", "--kill", "all"], env=self.env, check=False)
        shutil.rmtree(self.home, ignore_errors=True)


def bench_tips() -> tuple[dict[str, tuple[float, float]], float | None]:
    pq = [HybridIdentity.generate().recipient()]
    x25519 = [X25519Identity.generate().recipient()]
    results = {
        "tipline mlkem768x25519 (PQ)": per_call_ms(lambda: encrypt(TIP, pq)),
        "tipline X25519": per_call_ms(lambda: encrypt(TIP, x25519)),
    }
    try:
        import pyrage  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print("  (pyrage not importable: skipped)")
    else:
        py_recipient = pyrage.x25519.Identity.generate().to_public()
        results["pyrage X25519"] = per_call_ms(lambda: pyrage.encrypt(TIP, [py_recipient]))
    gpg_ms = None
    if shutil.which("gpg"):
        gpg = Gpg()
        try:
            gpg_times = per_call_ms(gpg.seal, seconds=3.0, batch=3)
            gpg_ms = gpg_times[0]
            results[f"gpg --encrypt (subprocess, algo {'/'.join(gpg.algorithms)})"] = gpg_times
        finally:
            gpg.close()
    else:
        print("  (gpg not installed: skipped)")
    return results, gpg_ms


class _Discard:
    def write(self, data: bytes) -> int:
        return len(data)


def bench_stream(path: Path) -> dict[str, float]:
    recipients = [X25519Identity.generate().recipient()]

    aead = ChaCha20Poly1305(os.urandom(32))
    chunk = os.urandom(CHUNK)
    block = chunk * (BLOCK // CHUNK)

    def raw() -> None:
        for i in range(STREAM_SIZE // CHUNK):
            aead.encrypt(i.to_bytes(12, "big"), chunk, None)

    def tipline_memory() -> None:
        # Same input conditions as the raw loop: plaintext already in memory.
        with encrypt_stream(_Discard(), recipients) as writer:  # type: ignore[arg-type]
            for _ in range(STREAM_SIZE // len(block)):
                writer.write(block)

    def tipline() -> None:
        view = memoryview(bytearray(BLOCK))
        with open(path, "rb") as src, encrypt_stream(_Discard(), recipients) as writer:  # type: ignore[arg-type]
            while n := src.readinto(view):
                writer.write(view[:n])

    def age_cli() -> None:
        subprocess.run(["age", "-r", str(recipients[0]), "-o", os.devnull, str(path)], check=True)

    contenders: list[tuple[str, Callable[[], None]]] = [
        ("raw ChaCha20-Poly1305, 64 KiB chunks (ceiling)", raw),
        ("tipline encrypt_stream (memory -> discard)", tipline_memory),
        ("tipline encrypt_stream (file -> discard)", tipline),
    ]
    if shutil.which("age"):
        contenders.append(("age CLI (file -> /dev/null, incl. process start)", age_cli))
    else:
        print("  (age CLI not installed: skipped)")
    # Interleave the rounds so a burst of other load hits every contender alike.
    best = dict.fromkeys((name for name, _ in contenders), float("inf"))
    for _ in range(4):
        for name, fn in contenders:
            best[name] = min(best[name], _timed(fn))
    return {name: STREAM_SIZE / seconds / 1e6 for name, seconds in best.items()}


@dataclass(frozen=True)
class ProcessRun:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process
    peak_mib: float  # its maximum resident set size


def _high_water_kib(pid: int) -> int:
    """The process's peak RSS so far (``VmHWM``), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_process(argv: Sequence[str]) -> ProcessRun:
    """Run ``argv`` with stdout to /dev/null; its own wall, CPU and peak RSS.

    The peak is ``VmHWM`` from /proc, read every 10 ms until the process
    ends: it counts from ``exec``. (``ru_maxrss`` would not do: Linux keeps in
    it the high-water mark of the memory a child had before ``exec``, which
    for a child of this benchmark is the size of this Python process.)
    CPU time is the process's own, from ``wait4``.
    """
    peak_kib = 0
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=sink)
        while True:
            peak_kib = max(peak_kib, _high_water_kib(process.pid))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{argv[0]} failed with exit code {process.returncode}")
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, peak_kib / 1024)


def tipline_command() -> list[str]:
    """The ``tipline`` console script next to this Python, else ``python -m tipline.cli``."""
    script = Path(sys.executable).with_name("tipline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tipline.cli"]


def bench_cli(path: Path) -> dict[str, list[ProcessRun]]:
    """``tipline age -e`` and the Go ``age -e`` on ``path``, rounds interleaved."""
    # The Go age 1.1 knows no post-quantum recipient: both seal to X25519.
    recipient = str(X25519Identity.generate().recipient())
    contenders = {
        "tipline age -e": [*tipline_command(), "age", "-e", "-r", recipient, str(path)],
        "age -e (Go)": ["age", "-e", "-r", recipient, str(path)],
    }
    runs: dict[str, list[ProcessRun]] = {name: [] for name in contenders}
    for _ in range(CLI_ROUNDS):
        for name, argv in contenders.items():
            runs[name].append(run_process(argv))
    return runs


def report_cli(runs: dict[str, list[ProcessRun]]) -> bool:
    """Print medians and ratios; True if ``tipline age -e`` meets its targets."""
    print(f"  {'':20s} {'wall s':>8s} {'cpu s':>8s} {'peak MiB':>9s}   (median of {CLI_ROUNDS})")
    medians = {}
    for name, items in runs.items():
        wall = statistics.median(run.wall for run in items)
        cpu = statistics.median(run.cpu for run in items)
        peak = max(run.peak_mib for run in items)
        medians[name] = (wall, cpu, peak)
        print(f"  {name:20s} {wall:8.2f} {cpu:8.2f} {peak:9.1f}")
    wall, cpu, peak = medians["tipline age -e"]
    go_wall, go_cpu, _ = medians["age -e (Go)"]
    print(f"  tipline / Go: wall {wall / go_wall:.2f}x, cpu {cpu / go_cpu:.2f}x")
    ok = True
    if peak >= CLI_PEAK_LIMIT_MIB:
        print(f"  MISSED: tipline age -e peaks at {peak:.1f} MiB (limit {CLI_PEAK_LIMIT_MIB})")
        ok = False
    if wall > CLI_TIME_LIMIT * go_wall:
        print(f"  MISSED: tipline age -e takes more than {CLI_TIME_LIMIT}x the Go age -e time")
        ok = False
    return ok


def _timed(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cli-mib", type=int, default=1024, help="file size for (c), in MiB (default 1024)"
    )
    args = parser.parse_args()
    ok = True
    print("(a) sealing one 2 KB tip")
    tips, gpg_ms = bench_tips()
    print(f"  {'':52s} median ms    best ms   vs gpg (median)")
    for name, (median, best) in tips.items():
        ratio = f"{gpg_ms / median:7.1f}x faster" if gpg_ms else ""
        print(f"  {name:52s} {median:9.3f} {best:10.3f}   {ratio}")
    if gpg_ms:
        for name in ("tipline mlkem768x25519 (PQ)", "tipline X25519"):
            if gpg_ms / tips[name][0] < 30:
                print(f"  MISSED: {name} is not 30x faster than gpg")
                ok = False

    print(f"\n(b) stream sealing, {STREAM_SIZE // 2**20} MiB")
    with tempfile.NamedTemporaryFile(prefix="tipline-bench-") as tmp:
        block = os.urandom(BLOCK)
        for _ in range(STREAM_SIZE // BLOCK):
            tmp.write(block)
        tmp.flush()
        speeds = bench_stream(Path(tmp.name))
    ceiling = speeds["raw ChaCha20-Poly1305, 64 KiB chunks (ceiling)"]
    for name, mbs in speeds.items():
        print(f"  {name:58s} {mbs:8.0f} MB/s  {mbs / ceiling:6.0%} of raw")
    # Each comparison on the same inputs: in memory against the raw AEAD loop,
    # from the same cached file against the age CLI.
    in_memory = speeds["tipline encrypt_stream (memory -> discard)"]
    if in_memory < 0.7 * ceiling:
        print("  MISSED: tipline stream sealing is below 70% of raw ChaCha20-Poly1305")
        ok = False
    from_file = speeds["tipline encrypt_stream (file -> discard)"]
    age_speed = next((v for k, v in speeds.items() if k.startswith("age CLI")), None)
    if age_speed is not None:
        print(f"  tipline vs age CLI, both from the file: {from_file / age_speed:.2f}x")
        if from_file < age_speed:
            print("  MISSED: tipline stream sealing is slower than the age CLI")
            ok = False

    print(f"\n(c) the command: sealing a {args.cli_mib} MiB file, process against process")
    if shutil.which("age"):
        with tempfile.NamedTemporaryFile(prefix="tipline-bench-cli-") as tmp:
            block = os.urandom(BLOCK)
            for _ in range(args.cli_mib * 2**20 // BLOCK):
                tmp.write(block)
            tmp.flush()
            ok = report_cli(bench_cli(Path(tmp.name))) and ok
    else:
        print("  (age CLI not installed: skipped)")
    print("\nall targets met" if ok else "\nsome targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
