"""Benchmark: ``tipline backup create`` and ``restore`` against ``tar | age`` of the same folder.

Builds a throwaway SQLite instance holding ``--size-mib`` of blobs (random
bytes standing in for sealed files: a backup copies them as they are) in
files of about ``--blob-kib``, each referenced by a tip row, then times, in
this one run:

- ``tar -cf - instance keys | age -r X25519`` (the Go age tool) and
  ``tipline backup create`` (sealed to the organization key and the same
  X25519 recipient), each in its own process;
- ``age -d | tar -x`` and ``tipline backup restore -i`` into an empty target.

It prints MB/s for each, the ratio tipline / pipeline (the aim is >= 0.8),
and tipline's peak RSS (``ru_maxrss`` of the child, from ``wait4``), which
must stay under 100 MiB whatever the instance's size.

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


def measure(
    command: list[str] | str, env: dict[str, str], shell: bool = False
) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one child process (for a shell: the largest child)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, shell=shell)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {command}")
    return elapsed, usage.ru_maxrss


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

        pipe_out = root / "pipeline.age"
        pipe_create, _ = measure(
            f"tar -C {root / 'live'} -cf - instance keys | age -r {recipient} > {pipe_out}",
            env,
            shell=True,
        )
        ours_out = root / "backup.age"
        ours_create, ours_create_rss = measure(
            [tipline, "backup", "create", "-o", str(ours_out), "-r", recipient, "--quiet"], env
        )
        extract = root / "extracted"
        extract.mkdir()
        pipe_restore, _ = measure(
            f"age -d -i {offline_file} {pipe_out} | tar -C {extract} -xf -", env, shell=True
        )
        target = root / "target"
        target_env = {**env, "TIPLINE_INSTANCE": str(target / "instance")}
        target_env["TIPLINE_KEYS"] = str(target / "keys")
        ours_restore, ours_restore_rss = measure(
            [tipline, "backup", "restore", str(ours_out), "-i", str(offline_file), "--quiet"],
            target_env,
        )
        shutil.rmtree(extract)

    def rate(seconds: float) -> float:
        return size / MIB / seconds

    print(f"{'':28}{'MB/s':>8}{'ratio':>8}{'peak RSS':>12}")
    print(f"{'tar | age -r (create)':28}{rate(pipe_create):8.0f}")
    print(
        f"{'tipline backup create':28}{rate(ours_create):8.0f}"
        f"{pipe_create / ours_create:8.2f}{ours_create_rss / 1024:9.1f} MiB"
    )
    print(f"{'age -d | tar -x (restore)':28}{rate(pipe_restore):8.0f}")
    print(
        f"{'tipline backup restore':28}{rate(ours_restore):8.0f}"
        f"{pipe_restore / ours_restore:8.2f}{ours_restore_rss / 1024:9.1f} MiB"
    )
    worst = max(ours_create_rss, ours_restore_rss) / 1024
    verdict = "under" if worst < RSS_LIMIT_MIB else "OVER"
    print(f"peak RSS {worst:.1f} MiB: {verdict} the {RSS_LIMIT_MIB} MiB target")


if __name__ == "__main__":
    main()
