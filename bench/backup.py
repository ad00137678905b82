"""Benchmark: ``tipline backup create`` and ``restore`` against ``tar | age`` of the same folder.

Builds a throwaway SQLite instance holding ``--size-mib`` of blobs (random
bytes standing in for sealed files: a backup copies them as they are) in
files of about ``--blob-kib``, each referenced by a tip row, then times, in
this one run:

- ``tar -cf - instance keys | age -r X25519`` (the Go age tool), then
  ``sync`` (tipline fsyncs what it writes, so the pipeline must too), and
  ``tipline backup create`` (sealed to the organization key and the same
  X25519 recipient), each in its own process;
- ``age -d > /dev/null`` and ``tipline backup verify -i`` (which also
  checks every part against the manifest);
- ``age -d | tar -x && sync`` and ``tipline backup restore -i`` into an
  empty target.

It prints MB/s for each, by the clock and per CPU second (user + system time
of the process and the children it waited for: steadier than the clock on a
shared machine), the ratios tipline / pipeline (the aim is >= 0.8), and
tipline's peak RSS (``ru_maxrss`` of the child, from ``wait4``), which must
stay under 100 MiB whatever the instance's size.

Usage::

    python bench/backup.py [--size-mib 2048] [--blob-kib 1024]
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
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert

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


def measure(command: list[str] | str, env: dict[str, str], shell: bool = False) -> Run:
    """Time one child process (a shell pipeline counts with its children)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, shell=shell)
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
    args = parser.parse_args()
    tipline = str(Path(sys.executable).with_name("tipline"))
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
        startup = measure([sys.executable, "-c", "import tipline.cli.backup"], env)
        pipe_out = root / "pipeline.age"
        pipe_create = measure(
            # Synced as tipline syncs its output: a backup must be on disk when it says so.
            f"tar -C {root / 'live'} -cf - instance keys | age -r {recipient} > {pipe_out}"
            f" && sync {pipe_out}",
            env,
            shell=True,
        )
        ours_out = root / "backup.age"
        ours_create = measure(
            [tipline, "backup", "create", "-o", str(ours_out), "-r", recipient, "--quiet"], env
        )
        pipe_verify = measure(f"age -d -i {offline_file} {pipe_out} > /dev/null", env, shell=True)
        ours_verify = measure(
            [tipline, "backup", "verify", str(ours_out), "-i", str(offline_file), "--quiet"], env
        )
        extract = root / "extracted"
        extract.mkdir()
        pipe_restore = measure(
            f"age -d -i {offline_file} {pipe_out} | tar -C {extract} -xf - && sync", env, shell=True
        )
        target = root / "target"
        target_env = {**env, "TIPLINE_INSTANCE": str(target / "instance")}
        target_env["TIPLINE_KEYS"] = str(target / "keys")
        ours_restore = measure(
            [tipline, "backup", "restore", str(ours_out), "-i", str(offline_file), "--quiet"],
            target_env,
        )
        shutil.rmtree(extract)

    runs = [pipe_create, ours_create, pipe_verify, ours_verify, pipe_restore, ours_restore]
    report(size, *runs)
    print(
        f"start-up (imports) of each tipline command: {startup.wall:.1f} s, {startup.cpu:.1f} cpu-s"
    )
    print("without it:")
    report(size, *(run if i % 2 == 0 else less(run, startup) for i, run in enumerate(runs)))


def less(run: Run, startup: Run) -> Run:
    return Run(run.wall - startup.wall, run.cpu - startup.cpu, run.rss_kib)


def report(
    size: int,
    pipe_create: Run,
    ours_create: Run,
    pipe_verify: Run,
    ours_verify: Run,
    pipe_restore: Run,
    ours_restore: Run,
) -> None:
    """MB/s by the clock and per CPU second (stable on a busy machine), and ratios."""

    def line(name: str, run: Run, baseline: Run | None) -> str:
        text = f"{name:28}{size / MIB / run.wall:8.0f}{size / MIB / run.cpu:10.0f}"
        if baseline is not None:
            text += f"{baseline.wall / run.wall:8.2f}{baseline.cpu / run.cpu:8.2f}"
            text += f"{run.rss_kib / 1024:10.1f} MiB"
        return text

    print(f"{'':28}{'MB/s':>8}{'MB/cpu-s':>10}{'ratio':>8}{'cpu':>8}{'peak RSS':>14}")
    print(line("tar | age -r (create)", pipe_create, None))
    print(line("tipline backup create", ours_create, pipe_create))
    print(line("age -d > /dev/null (verify)", pipe_verify, None))
    print(line("tipline backup verify", ours_verify, pipe_verify))
    print(line("age -d | tar -x (restore)", pipe_restore, None))
    print(line("tipline backup restore", ours_restore, pipe_restore))
    worst = max(ours_create.rss_kib, ours_verify.rss_kib, ours_restore.rss_kib) / 1024
    verdict = "under" if worst < RSS_LIMIT_MIB else "OVER"
    print(f"peak RSS {worst:.1f} MiB: {verdict} the {RSS_LIMIT_MIB} MiB target")


if __name__ == "__main__":
    main()
