"""Benchmark: searching 10k sealed tips, as a ratio to simply opening them all.

Search keeps no index (nothing readable is stored, not even in memory between
requests), so a search that matches nothing must open every tip: the floor
is the raw cost of opening them, and the ratio says what search adds on top
(folding to case- and accent-insensitive text, matching, the inbox query
that pages through the tips, the loaders). A common word stops after one
page of results and costs far less; that is printed too.

Setup: a temporary SQLite database and blob store; 10k tip documents in
English and Spanish, sealed one by one with the real code
(tipline.documents.seal_document, as the intake does) to a fresh
post-quantum organization key, then the rows inserted in bulk.

    python bench/search.py [--tips 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from tipline.blobs import BlobStore  # noqa: E402
from tipline.crypto import HybridIdentity  # noqa: E402
from tipline.db import make_engine  # noqa: E402
from tipline.documents import TipDocument, seal_document  # noqa: E402
from tipline.models import Base, Tip, User  # noqa: E402
from tipline.models.base import new_id  # noqa: E402
from tipline.search.engine import SCAN_BUDGET, search  # noqa: E402
from tipline.search.registry import SearchContext  # noqa: E402
from tipline.search.text import parse_query  # noqa: E402
from tipline.tips.content import open_tip  # noqa: E402
from tipline.tips.filters import InboxFilters  # noqa: E402

EN = (
    "Officers from the county jail handed a man over to ICE at the back door at 2 a.m., "
    "right after his release. His family was waiting at the front and was told nothing. "
    "A guard said this happens every week on the night shift."
)
ES = (
    "La detención ocurrió en la cárcel del condado: lo entregaron a migración por la puerta "
    "de atrás a las dos de la mañana, justo después de su liberación. Su familia esperaba "
    "afuera y nadie les dijo nada. Un guardia dijo que pasa cada semana."
)
PLACES = ("Norristown", "Doylestown", "Media", "West Chester", "Philadelphia", "Easton")
COUNTIES = ("42091", "42017", "42045", "42029", "42101", "42095")
# No read marks are asked for; any reader will do (each search adds one audit row).
READER = User(id="0" * 32, username="bench", role="reviewer")


def build(directory: Path, count: int) -> tuple[Session, BlobStore, HybridIdentity]:
    """A database and blob store holding ``count`` sealed tips."""
    engine = make_engine(f"sqlite:///{directory / 'bench.sqlite3'}")
    Base.metadata.create_all(engine)
    blobs = BlobStore(directory / "blobs")
    identity = HybridIdentity.generate()
    recipients = [identity.recipient()]
    rng = random.Random(5)
    start = datetime(2025, 1, 1)
    rows = []
    began = time.perf_counter()
    for n in range(count):
        spanish = rng.random() < 0.4
        place = rng.choice(PLACES)
        text = f"{ES if spanish else EN} ({place}, carta {n})"
        document = TipDocument(
            language="es" if spanish else "en",
            fields={
                "what_happened": text,
                "place": place,
                "when": "hace dos semanas",
                "agencies": ["ice", "county_jail"],
                "knowledge": ["saw"],
            },
        )
        blob_id = blobs.put(seal_document(document, recipients))
        rows.append(
            {
                "id": new_id(),
                "received_hour": start + timedelta(hours=n),
                "county_fips": rng.choice(COUNTIES),
                "status": "new",
                "size_bucket": 4096,
                "has_files": False,
                "body_blob": blob_id,
                "source_lookup": new_id() + new_id(),
                "source_recipient": "placeholder",
            }
        )
    session = Session(engine)
    session.execute(insert(Tip), rows)
    session.commit()
    print(f"setup: sealed and stored {count:,} tips in {time.perf_counter() - began:.1f} s")
    return session, blobs, identity


def open_all(session: Session, blobs: BlobStore, identity: HybridIdentity) -> int:
    """The floor: load every tip row and open its sealed document."""
    opened = 0
    for tip in session.scalars(select(Tip).order_by(Tip.received_hour.desc(), Tip.id.desc())):
        open_tip(blobs, tip, [identity])
        opened += 1
    return opened


def timed(
    actions: dict[str, Callable[[], object]], repeat: int, session: Session
) -> dict[str, float]:
    """Median seconds per action; the actions take turns, so load on the
    machine hits them all alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            session.expunge_all()  # no help from objects a previous run loaded
            began = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - began)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tips", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tipline-search-bench-") as tmp:
        session, blobs, identity = build(Path(tmp), args.tips)
        context = SearchContext(session=session, blobs=blobs, identities=[identity])
        budget = max(SCAN_BUDGET, args.tips)

        def find(query: str) -> Callable[[], object]:
            parsed = parse_query(query)
            return lambda: search(context, parsed, InboxFilters(), READER, budget=budget)

        assert open_all(session, blobs, identity) == args.tips  # warm the OS file cache
        miss = search(context, parse_query("zzzqqq"), InboxFilters(), READER, budget=budget)
        assert miss.scanned == args.tips and not miss.tips, "the full scan must see every tip"
        medians = timed(
            {
                "raw": lambda: open_all(session, blobs, identity),
                "nothing": find("zzzqqq"),
                "rare": find("detencion norristown"),
                "common": find("CÁRCEL"),
            },
            args.repeat,
            session,
        )
        session.close()
    raw, nothing, rare, common = (medians[k] for k in ("raw", "nothing", "rare", "common"))
    per_tip = raw / args.tips * 1e6
    print(f"raw: open all {args.tips:,} tips            {raw:7.3f} s  ({per_tip:.0f} µs per tip)")
    print(f"search, no match (opens every tip)    {nothing:7.3f} s  ratio {nothing / raw:.2f}")
    print(f"search, two rarer words (~7% of tips) {rare:7.3f} s  ratio {rare / raw:.2f}")
    print(f"search, common word (first page only) {common:7.3f} s  ratio {common / raw:.3f}")


if __name__ == "__main__":
    main()
