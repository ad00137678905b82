"""What a receipt-phrase sign-in costs, and why that cost is the point.

Usage: ``python bench/phrase.py [--log-n 12 14 15 16] [--seconds 3]``

A source signs in with seven diceware words. The server cannot look the
phrase up directly: it runs the slow, peppered KDF (``tipline.receipt_phrases``:
HMAC, then scrypt with N=2**log_n, r=8, p=8, then HKDF) to find the lookup id
and re-derive the source's reply key. That cost is a deliberate defence: it
is what each guess costs anyone holding a stolen database *and* the pepper,
and what the site's hourly budget of wrong phrases bounds for everyone else.

For each ``log_n`` this prints the milliseconds per derivation (median and
best) and scrypt's memory, and compares it with a plain dictionary lookup by
id (the cost of finding a tip if the phrase were simply stored); then it
prints the rest of a sign-in at the default (finding the tip by lookup id in
SQLite, sealing the identity to the session key, opening it again on the next
request). The guessing figures assume the phrase's 90.5 bits (7776**7).
"""

from __future__ import annotations

import argparse
import math
import secrets
import statistics
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from tipline.config import DEFAULTS  # noqa: E402
from tipline.conversation.source_sessions import open_identity, seal_identity  # noqa: E402
from tipline.db import make_engine  # noqa: E402
from tipline.models import Base, Tip  # noqa: E402
from tipline.receipt_phrases import SCRYPT_P, SCRYPT_R, derive_source_keys, new_phrase  # noqa: E402

PEPPER = "bench-pepper-" + secrets.token_hex(16)
TIPS = 100_000
PHRASE_SPACE = 7776**7
SECONDS_PER_YEAR = 365.25 * 24 * 3600


def per_call_ms(fn: Callable[[], object], seconds: float, minimum: int = 3) -> tuple[float, float]:
    """(median, best) wall time of one call, in milliseconds."""
    fn()  # warm up
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times) < minimum:
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def dict_lookup_ms() -> float:
    """One ``dict[id]`` lookup among TIPS entries, in milliseconds."""
    table = {secrets.token_hex(32): object() for _ in range(TIPS)}
    keys = list(table)[:: TIPS // 1000]
    loops = 200
    total = timeit.timeit(lambda: [table[k] for k in keys], number=loops)
    return total / (loops * len(keys)) * 1000


def kdf_rows(log_ns: list[int], seconds: float, lookup_ms: float) -> None:
    default = DEFAULTS["PHRASE_KDF_LOG_N"]
    print(f"Phrase derivation (scrypt r={SCRYPT_R}, p={SCRYPT_P}), one core:")
    print(
        f"  {'log_n':>5}  {'memory':>8}  {'median ms':>10}  {'best ms':>8}  "
        f"{'x dict lookup':>14}  {'guesses/s/core':>14}  {'years to guess (1M cores)':>26}"
    )
    phrase = new_phrase()
    for log_n in log_ns:
        median, best = per_call_ms(partial(derive_source_keys, phrase, PEPPER, log_n), seconds)
        memory_mib = 128 * SCRYPT_R * 2**log_n / 2**20
        rate = 1000 / median
        # Half the space on average, a million cores working on it.
        years = PHRASE_SPACE / 2 / (rate * 1e6) / SECONDS_PER_YEAR
        mark = "  <- default" if log_n == default else ""
        print(
            f"  {log_n:>5}  {memory_mib:>5.0f} MiB  {median:>10.1f}  {best:>8.1f}  "
            f"{median / lookup_ms:>14,.0f}  {rate:>14.1f}  {years:>26.1e}{mark}"
        )


def sign_in_rest(seconds: float) -> None:
    """The work around the KDF at sign-in and on each later request."""
    folder = tempfile.TemporaryDirectory()
    engine = make_engine(f"sqlite:///{folder.name}/bench.sqlite3")
    Base.metadata.create_all(engine)
    keys = derive_source_keys(new_phrase(), PEPPER, 4)
    with Session(engine) as session:
        session.add_all(
            Tip(
                id=secrets.token_hex(16),
                size_bucket=1024,
                body_blob=secrets.token_hex(16),
                source_lookup=secrets.token_hex(32) if i else keys.lookup_id,
                source_recipient="bench",
            )
            for i in range(10_000)
        )
        session.commit()

        def find() -> object:
            return session.scalar(select(Tip).where(Tip.source_lookup == keys.lookup_id))

        key = secrets.token_bytes(32)
        sealed = seal_identity(keys.identity, key)
        rows = [
            ("find the tip by lookup id (SQLite, 10k tips)", find),
            ("seal the identity to the session key", lambda: seal_identity(keys.identity, key)),
            ("open it on a later request", lambda: open_identity(sealed, key)),
        ]
        print("\nThe rest of a sign-in, and each later request:")
        for label, fn in rows:
            median, _best = per_call_ms(fn, seconds / 3, minimum=20)
            print(f"  {label:<46} {median:8.3f} ms")
    engine.dispose()
    folder.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = DEFAULTS["PHRASE_KDF_LOG_N"]
    parser.add_argument("--log-n", type=int, nargs="+", default=[12, 14, default, 16])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args(argv)
    lookup_ms = dict_lookup_ms()
    print(f"Plain dictionary lookup by id ({TIPS:,} entries): {lookup_ms * 1e6:.0f} ns\n")
    kdf_rows(sorted(set(args.log_n)), args.seconds, lookup_ms)
    sign_in_rest(args.seconds)
    bits = math.log2(PHRASE_SPACE)
    print(
        f"\nA phrase has {bits:.1f} bits. Without the pepper (kept outside the database) "
        "a stolen database allows no guessing at all; the slow KDF is the second wall."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
