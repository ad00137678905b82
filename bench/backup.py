"""Benchmark: ``tipline backup create`` and ``restore`` against ``tar | age`` of the same folder.

Builds a throwaway SQLite instance holding ``--size-mib`` of blobs (random
bytes standing in for sealed files: a backup copies them as they are) in
files of about ``--blob-kib``, each referenced by a tip row, then times, in
this one run, each pair ``--rounds`` times, alternating which of the two goes
first:

- ``tar -cf - instance keys | age -r X25519`` (the Go age tool), then
  ``sync`` of the file (tipline fsyncs what it writes, so the pipeline must
  too), and ``tipline backup create`` (sealed to the organization key and the
  same X25519 recipient), each in its own process, writing beside each other;
- ``age -d > /dev/null`` and ``tipline backup verify -i`` (which also
  checks every part against the manifest);
- ``age -d | tar -x`` then ``sync`` of every file and folder extracted, and
  ``tipline backup restore -i`` (which fsyncs every file and folder) into an
  empty target. (Earlier versions ran a global ``sync`` here, which also
  flushed every other process's writes: unfair to the pipeline.)

Both sides include their start-up; tipline's bytecode is compiled first, as
``pip install`` does for a deployed instance (this machine's
PYTHONDONTWRITEBYTECODE would otherwise have every run compile tipline's
modules anew, which a real install never does).

It prints, for each, the median MB/s by the clock, the CPU seconds per GiB
(user + system time of the process and the children it waited for:
steadier than the clock on a shared machine), the median of the rounds'
ratios tipline / pipeline (the aim is >= 0.8), and tipline's peak RSS
(``ru_maxrss`` of the child, from ``wait4``), which must stay under 100 MiB
whatever the instance's size; and the load average before and after.

Usage::

    python bench/backup.py [--size-mib 2048] [--blob-kib 1024] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from sqlalchemy import insert

import tipline as tipline_package
from tipline.blobs import BlobStore
from tipline.crypto import X25519Identity
from tipline.db import Database
from tipline.key_folder import generate_keys, load_recipients
from tipline.models import Tip

MIB = 1024 * 1024
PASSPHRASE = "benchmark passphrase for the organization"
RSS_LIMIT_MIB = 100


def build(root: Path, size_mib: int, blob_kib: int) -> tuple[Path, Path]:
    instance, keys = root / "instance", root / "keys"
    instance.mkdir(parents=True, mode=0o700)
    (instance / "config.py").write_text(
        "\n".join(
            f"{name} = {secrets.token_urlsafe(40)!r}"
            for name in (
                "INTAKE_SECRET_KEY",
                "REVIEW_SECRET_KEY",
                "PHRASE_PEPPER",
                "INSTANCE_SECRET",
            )
        )
        + "\n"
    )
    generate_keys(keys, PASSPHRASE, work_factor=10)
    database = Database(f"sqlite:///{instance / 'tipline.sqlite3'}")
    database.create_all()
    store = BlobStore(instance / "blobs")
    block = os.urandom(blob_kib * 1024)
    count = max(1, size_mib * 1024 // blob_kib)
    rows = []
    for number in range(count):
        # Vary each blob a little so nothing along the way can deduplicate.
        blob_id = store.put(number.to_bytes(8, "big") + block[8:])
        rows.append(
            {
                "id": secrets.token_hex(16),
                "size_bucket": blob_kib * 1024,
                "body_blob": blob_id,
                "source_lookup": secrets.token_hex(32),
                "source_recipient": "none",
            }
        )
    with database.engine.begin() as connection:
        connection.execute(insert(Tip), rows)
    database.engine.dispose()
    return instance, keys


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, the child's and its waited-for children's
    rss_kib: int  # peak RSS of the child (for a shell: of its largest child)


def measure(
    command: list[str] | str,
    env: dict[str, str],
    shell: bool = False,
    before: Callable[[], object] | None = None,
) -> Run:
    """Time one child process (a shell pipeline counts with its children).

    ``before`` runs first, untimed (emptying a restore's target).
    """
    if before is not None:
        before()
    start = time.perf_counter()
    # What the commands print is not the point; errors still reach stderr.
    process = subprocess.Popen(command, env=env, shell=shell, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {command}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def folder_bytes(*roots: Path) -> int:
    return sum(p.stat().st_size for root in roots for p in root.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=2048)
    parser.add_argument("--blob-kib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tipline = str(Path(sys.executable).with_name("tipline"))
    package = Path(tipline_package.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tipline-bench-backup-") as tmp:
        root = Path(tmp)
        instance, keys = build(root / "live", args.size_mib, args.blob_kib)
        size = folder_bytes(instance, keys)
        offline = X25519Identity.generate()
        offline_file = root / "offline.txt"
        offline_file.write_text(f"{offline}\n")
        recipient = str(offline.recipient())
        env = {
            **os.environ,
            "TIPLINE_INSTANCE": str(instance),
            "TIPLINE_KEYS": str(keys),
            "TIPLINE_PASSPHRASE": PASSPHRASE,
        }
        assert len(load_recipients(keys)) == 1
        print(f"instance: {size / MIB:.0f} MiB in {args.size_mib * 1024 // args.blob_kib} blobs")

        # What any tipline command pays before it reads a byte (Python and
        # the imports), reported apart: it does not grow with the instance.
        startup = measure([tipline, "backup", "--help"], env)
        pipe_out, ours_out = root / "pipeline.age", root / "backup.age"
        extract, target = root / "extracted", root / "target"
        target_env = {**env, "TIPLINE_INSTANCE": str(target / "instance")}
        target_env["TIPLINE_KEYS"] = str(target / "keys")
        pairs: dict[str, tuple[Callable[[], Run], Callable[[], Run]]] = {
            "create": (
                lambda: measure(
                    f"tar -C {root / 'live'} -cf - instance keys | age -r {recipient} > {pipe_out}"
                    f" && sync {pipe_out}",
                    env,
                    shell=True,
                ),
                lambda: measure(
                    [tipline, "backup", "create", "-o", str(ours_out), "-r", recipient, "--quiet"],
                    env,
                ),
            ),
            "verify": (
                lambda: measure(
                    f"age -d -i {offline_file} {pipe_out} > /dev/null", env, shell=True
                ),
                lambda: measure(
                    [tipline, "backup", "verify", str(ours_out), "-i", str(offline_file), "-q"], env
                ),
            ),
            "restore": (
                lambda: measure(
                    f"age -d -i {offline_file} {pipe_out} | tar -C {extract} -xf -"
                    f" && find {extract} -print0 | xargs -0 sync",
                    env,
                    shell=True,
                    before=lambda: fresh(extract),
                ),
                lambda: measure(
                    [tipline, "backup", "restore", str(ours_out), "-i", str(offline_file), "-q"],
                    target_env,
                    before=lambda: shutil.rmtree(target, ignore_errors=True),
                ),
            ),
        }
        results: dict[str, list[tuple[Run, Run]]] = {name: [] for name in pairs}
        for number in range(args.rounds):
            for name, (pipe, ours) in pairs.items():
                if number % 2 == 0:
                    pipe_run, ours_run = pipe(), ours()
                else:
                    ours_run, pipe_run = ours(), pipe()
                results[name].append((pipe_run, ours_run))
    report(size, results, startup)
    print(f"load average: before {fmt_load(load_before)}, after {fmt_load(os.getloadavg())}")


def fresh(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()


def fmt_load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{x:.2f}" for x in load)


def report(size: int, results: dict[str, list[tuple[Run, Run]]], startup: Run) -> None:
    """Medians of MB/s and CPU s per GiB, and the median of each round's ratio."""
    gib = size / (1024 * MIB)
    rounds = len(next(iter(results.values())))
    print(f"medians of {rounds} rounds, each pair run alternately")
    head = f"{'':26}{'MB/s':>7}{'cpu-s/GiB':>11}{'ratio':>7}{'cpu ratio':>11}{'peak RSS':>10}"
    print(head)
    worst = 0.0
    for name, runs in results.items():
        pipe = [p for p, _ in runs]
        ours = [o for _, o in runs]
        print(f"{'tar | age, ' + name:26}{rate(size, pipe):7.0f}{cpu(pipe) / gib:11.2f}")
        ratio = median([p.wall / o.wall for p, o in runs])
        cpu_ratio = median([p.cpu / o.cpu for p, o in runs])
        rss = max(o.rss_kib for o in ours) / 1024
        worst = max(worst, rss)
        print(
            f"{'tipline backup ' + name:26}{rate(size, ours):7.0f}{cpu(ours) / gib:11.2f}"
            f"{ratio:7.2f}{cpu_ratio:11.2f}{rss:7.1f} MiB"
        )
    print(
        f"start-up (imports) of each tipline command: {startup.wall:.2f} s, {startup.cpu:.2f} cpu-s"
    )
    verdict = "under" if worst < RSS_LIMIT_MIB else "OVER"
    print(f"peak RSS {worst:.1f} MiB: {verdict} the {RSS_LIMIT_MIB} MiB target")


def rate(size: int, runs: list[Run]) -> float:
    return size / MIB / median([r.wall for r in runs])


def cpu(runs: list[Run]) -> float:
    return median([r.cpu for r in runs])


if __name__ == "__main__":
    main()
