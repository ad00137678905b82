"""What a receipt-phrase sign-in costs now, against the scrypt it replaced.

Usage: ``python bench/phrase.py [--seconds 3]``

A source signs in with seven diceware words. The server derives the lookup
id with the instance pepper (``tipline.receipt_phrases.lookup_id``: HMAC-SHA256 and
HKDF) and looks the tip up; only when one matches does it derive the reply
identity. This prints, per call and in CPU time (stable on a busy machine):

- a wrong phrase: the lookup id and the indexed read that finds nothing
  (issue 10's target: well under 5 ms of CPU);
- a right phrase: the same, plus the reply identity and its recipient;
- for comparison, the scrypt the derivation used to run on every attempt
  (N=2**14, r=8, p=8, 16 MiB), with its ratio to a wrong phrase now;
- how long guessing a 90.5-bit phrase takes at the measured rate, with no
  slow KDF at all (DESIGN.md, "Receipt phrases", says why that is enough).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from tipline.conversation.source_sessions import open_identity, seal_identity  # noqa: E402
from tipline.db import make_engine  # noqa: E402
from tipline.models import Base, Tip  # noqa: E402
from tipline.receipt_phrases import derive_source_keys, lookup_id, new_phrase  # noqa: E402

PEPPER = "bench-pepper-" + secrets.token_hex(16)
TIPS = 10_000
PHRASE_SPACE = 7776**7
SECONDS_PER_YEAR = 365.25 * 24 * 3600


def cpu_ms(fn: Callable[[], object], seconds: float, minimum: int = 20) -> float:
    """CPU milliseconds per call of ``fn``, averaged over about ``seconds``."""
    fn()  # warm up
    calls = 0
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start_wall < seconds or calls < minimum:
        fn()
        calls += 1
    return (time.process_time() - start_cpu) * 1000 / calls


def old_scrypt(phrase: str) -> bytes:
    """The derivation's slow step before issue 10 (for comparison only)."""
    keyed = hashlib.sha256(PEPPER.encode() + phrase.encode()).digest()
    return hashlib.scrypt(keyed, salt=b"bench", n=2**14, r=8, p=8, maxmem=2**25, dklen=32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args(argv)
    folder = tempfile.TemporaryDirectory()
    engine = make_engine(f"sqlite:///{folder.name}/bench.sqlite3")
    Base.metadata.create_all(engine)
    phrase = new_phrase()
    keys = derive_source_keys(phrase, PEPPER)
    with Session(engine) as session:
        session.add_all(
            Tip(
                id=secrets.token_hex(16),
                size_bucket=1024,
                body_blob=secrets.token_hex(16),
                source_lookup=secrets.token_hex(32) if i else keys.lookup_id,
                source_recipient="bench" if i else str(keys.identity.recipient()),
            )
            for i in range(TIPS)
        )
        session.commit()

        def find(words: str) -> Tip | None:
            return session.scalar(select(Tip).where(Tip.source_lookup == lookup_id(words, PEPPER)))

        def wrong() -> object:
            return find(new_phrase())

        def right() -> object:
            tip = find(phrase)
            assert tip is not None
            return (
                str(derive_source_keys(phrase, PEPPER).identity.recipient()) == tip.source_recipient
            )

        key = secrets.token_bytes(32)
        sealed = seal_identity(keys.identity, key)
        rows = [
            ("wrong phrase: lookup id + indexed read (no match)", wrong),
            ("right phrase: + reply identity and its recipient", right),
            (
                "seal the identity to the session key (sign-in)",
                lambda: seal_identity(keys.identity, key),
            ),
            ("open it again (each later request)", lambda: open_identity(sealed, key)),
            ("lookup id alone (HMAC + HKDF)", lambda: lookup_id(phrase, PEPPER)),
        ]
        print(f"Receipt phrases, {TIPS:,} tips in SQLite, CPU per call:")
        figures = {}
        for label, fn in rows:
            figures[label] = cpu_ms(fn, args.seconds / 2)
            print(f"  {label:<52} {figures[label]:8.3f} ms")
    engine.dispose()
    folder.cleanup()
    scrypt = cpu_ms(lambda: old_scrypt(phrase), args.seconds, minimum=3)
    wrong_ms = figures[rows[0][0]]
    print(f"  {'old scrypt N=2**14 r=8 p=8 (before issue 10)':<52} {scrypt:8.3f} ms")
    print(f"\nratio old scrypt / wrong phrase now: {scrypt / wrong_ms:,.0f}")
    print(f"wrong phrase under 5 ms of CPU: {'yes' if wrong_ms < 5 else 'NO'}")
    per_second = 1000 / figures[rows[4][0]]
    years = PHRASE_SPACE / 2 / (per_second * 1e6) / SECONDS_PER_YEAR
    bits = math.log2(PHRASE_SPACE)
    print(
        f"A phrase has {bits:.1f} bits: at {per_second:,.0f} guesses/s per core on a million "
        f"cores, half the space takes {years:.1e} years, and without the pepper (outside "
        "the database) a stolen database allows no guess at all."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
