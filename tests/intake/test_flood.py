"""Issue 10: the intake stays open under a flood; the proof of work; flood marks.

The small flood here is a few hundred requests through the test client; the
full-size one (10,000 junk tips and 10,000 wrong phrases from concurrent
clients against gunicorn) is bench/flood.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.intake.conftest import GOOD_TEXT, file_part, store_of, tip_data, tips
from tests.intake.test_sealed import Submission
from tests.intake.test_sealed import post as post_sealed
from tests.review.factories import make_user
from tipline import security
from tipline.conversation.messages import post_reply
from tipline.crypto import HybridIdentity
from tipline.intake.flood_guard import GAUGE_KEY
from tipline.intake.proof_of_work import (
    ProofInvalidError,
    ProofKey,
    ProofMissingError,
    ProofReplayedError,
    ProofStaleError,
    check_proof,
    issue,
    solves,
    verify,
)
from tipline.intake.scripts import POW_SCRIPT, PageScript
from tipline.key_folder import load_recipients
from tipline.models import SpentProof, Tip
from tipline.models.base import utcnow
from tipline.receipt_phrases import lookup_id
from tipline.tips import attachment_budget
from tipline.tips.flood import FloodGauge, recent_tips, under_flood
from tipline.web import get_blobs
from tipline.wordlist import generate

KEY = ProofKey.from_secret("a-secret-key-that-is-long-enough-for-tests")
_CHALLENGE = re.compile(r'name="pow_challenge" value="([^"]+)"')
_PHRASE = re.compile(r'class="receipt__phrase"[^>]*><code>([^<]+)</code>')


def solve(challenge: str) -> str:
    bits = int(challenge.split(".")[2])
    counter = 0
    while not solves(challenge, str(counter), bits):
        counter += 1
    return str(counter)


@pytest.fixture
def flooded(make_intake_app: Callable[..., Flask]) -> Flask:
    """An intake that is always under a flood, with a cheap proof of work."""
    return make_intake_app(FLOOD_TIPS_PER_TWO_HOURS=0, POW_BITS=4)


# --- the proof of work, checked without stored challenges -----------------------------


def test_a_solved_challenge_verifies_once(db_session: Session) -> None:
    challenge = issue(KEY, 4)
    answer = solve(challenge)
    assert check_proof(db_session, KEY, challenge, answer) is True
    with pytest.raises(ProofReplayedError):
        check_proof(db_session, KEY, challenge, answer)
    assert len(db_session.scalars(select(SpentProof)).all()) == 1


def test_no_solution_field_means_javascript_was_off(db_session: Session) -> None:
    assert check_proof(db_session, KEY, issue(KEY, 4), None) is False
    assert check_proof(db_session, KEY, None, None) is False


@pytest.mark.parametrize("answer", ["", "   ", "abc", "1" * 13])
def test_an_empty_or_garbled_answer_is_missing(answer: str) -> None:
    with pytest.raises(ProofMissingError):
        verify(KEY, issue(KEY, 4), answer)


def test_a_challenge_from_elsewhere_or_tampered_is_refused() -> None:
    other = ProofKey.from_secret("another-secret-key-that-is-long-enough")
    challenge = issue(other, 4)
    with pytest.raises(ProofInvalidError):
        verify(KEY, challenge, solve(challenge))
    # Lowering the difficulty in the challenge breaks its MAC.
    ours = issue(KEY, 20)
    easier = ours.replace(".20.", ".1.", 1)
    with pytest.raises(ProofInvalidError):
        verify(KEY, easier, solve(easier))
    with pytest.raises(ProofMissingError):
        verify(KEY, "not a challenge", "1")


def test_a_wrong_answer_is_refused() -> None:
    challenge = issue(KEY, 12)
    wrong = next(str(n) for n in range(10_000) if not solves(challenge, str(n), 12))
    with pytest.raises(ProofInvalidError):
        verify(KEY, challenge, wrong)


def test_a_stale_challenge_is_refused_and_spent_rows_expire(db_session: Session) -> None:
    old = utcnow() - timedelta(hours=2)
    challenge = issue(KEY, 4, now=old)
    with pytest.raises(ProofStaleError):
        verify(KEY, challenge, solve(challenge))
    db_session.add(SpentProof(digest="0" * 64, expires_at=datetime(2020, 1, 1)))
    db_session.flush()
    fresh = issue(KEY, 4)
    check_proof(db_session, KEY, fresh, solve(fresh))
    assert [row.digest for row in db_session.scalars(select(SpentProof))] != ["0" * 64]
    assert db_session.get(SpentProof, "0" * 64) is None


# --- flood detection ---------------------------------------------------------------------


def test_flood_is_judged_from_recent_tips(
    db_session: Session, make_tip_now: Callable[[], Tip]
) -> None:
    assert recent_tips(db_session) == 0 and not under_flood(db_session, 3)
    for _ in range(3):
        make_tip_now()
    assert recent_tips(db_session) == 3 and under_flood(db_session, 3)
    assert under_flood(db_session, 0)  # 0: always


def test_the_gauge_remembers_its_answer_for_a_few_seconds(db_session: Session) -> None:
    now = [100.0]
    counts: list[int] = []

    class Counting:
        def __enter__(self) -> Session:
            counts.append(1)
            return db_session

        def __exit__(self, *exc: object) -> None:
            return None

    gauge = FloodGauge(seconds=5, clock=lambda: now[0])
    assert gauge.under_flood(Counting, 10) is False  # type: ignore[arg-type]
    assert gauge.under_flood(Counting, 10) is False  # type: ignore[arg-type]
    now[0] += 6
    gauge.under_flood(Counting, 10)  # type: ignore[arg-type]
    assert len(counts) == 2


@pytest.fixture
def make_tip_now(
    db_session: Session, tmp_path: Path, org_identity: HybridIdentity
) -> Callable[[], Tip]:
    from tests.factories import make_tip
    from tipline.blobs import BlobStore

    store = BlobStore(tmp_path / "flood-blobs")

    def build() -> Tip:
        return make_tip(db_session, store, [org_identity.recipient()])[0]

    return build


# --- the form, with and without a flood ---------------------------------------------------


POW = PageScript.load(POW_SCRIPT)


def test_no_flood_no_proof_of_work_script_nor_its_hash(intake_app: Flask) -> None:
    response = intake_app.test_client().get("/tip")
    page = response.get_data(as_text=True)
    assert "pow.js" not in page and "pow_challenge" not in page
    assert POW.integrity not in response.headers["Content-Security-Policy"]


def test_under_a_flood_the_form_loads_the_script_allowed_by_its_hash(flooded: Flask) -> None:
    response = flooded.test_client().get("/tip")
    page = response.get_data(as_text=True)
    assert f'src="/static/pow.js" integrity="{POW.integrity}"' in page
    assert "<script>" not in page  # no inline script
    csp = response.headers["Content-Security-Policy"]
    assert csp.startswith(security.CSP + "; script-src ")
    assert f"'{POW.integrity}'" in csp.split("script-src")[1].split()
    assert "unsafe-inline" not in csp and "'self'" not in csp.split("script-src")[1]
    assert _CHALLENGE.search(page)
    # The script is served from here, and nothing in it reaches another origin.
    script = flooded.test_client().get("/static/pow.js").get_data(as_text=True)
    assert "crypto.subtle.digest" in script and "http" not in script.replace("https://", "")


def test_without_javascript_a_flood_tip_is_accepted_and_marked(flooded: Flask) -> None:
    client = flooded.test_client()
    challenge = _CHALLENGE.search(client.get("/tip").get_data(as_text=True))
    assert challenge
    response = client.post("/tip", data=tip_data(pow_challenge=challenge.group(1)))
    assert response.status_code == 200 and _PHRASE.search(response.get_data(as_text=True))
    [tip] = tips(flooded)
    assert tip.during_flood and not tip.proof_of_work


def test_with_a_proof_the_tip_is_marked_proven_and_a_replay_gets_a_clear_page(
    flooded: Flask,
) -> None:
    client = flooded.test_client()
    challenge = _CHALLENGE.search(client.get("/tip").get_data(as_text=True))
    assert challenge
    fields = {"pow_challenge": challenge.group(1), "pow_solution": solve(challenge.group(1))}
    assert client.post("/tip", data=tip_data(**fields)).status_code == 200
    [tip] = tips(flooded)
    assert tip.during_flood and tip.proof_of_work
    again = client.post("/tip", data=tip_data(**fields))
    page = again.get_data(as_text=True)
    assert again.status_code == 400 and "already sent once" in page and GOOD_TEXT in page
    assert len(tips(flooded)) == 1
    assert _CHALLENGE.search(page)  # a fresh challenge to try again with


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"pow_solution": ""}, "did not finish"),
        ({"pow_challenge": "v1.1.4.x.y", "pow_solution": "1"}, "did not finish"),
        ({"pow_challenge": issue(KEY, 4, now=utcnow() - timedelta(hours=3))}, "too long"),
    ],
)
def test_a_missing_or_stale_proof_gets_a_page_in_the_source_language(
    flooded: Flask, fields: dict[str, str], words: str
) -> None:
    if "pow_challenge" in fields and "pow_solution" not in fields:
        # A stale challenge this app issued (same key), correctly solved.
        key = ProofKey.from_secret(flooded.config["INTAKE_SECRET_KEY"])
        stale = issue(key, 4, now=utcnow() - timedelta(hours=3))
        fields = {"pow_challenge": stale, "pow_solution": solve(stale)}
    response = flooded.test_client().post("/tip", data=tip_data(**fields))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and words in page and GOOD_TEXT in page
    assert tips(flooded) == []
    spanish = flooded.test_client().post("/tip?lang=es", data=tip_data(**fields))
    assert spanish.status_code == 400 and "Enviar reporte" in spanish.get_data(as_text=True)


# --- the small flood ----------------------------------------------------------------------


def test_a_real_source_gets_through_a_flood_and_reads_a_reply(
    make_intake_app: Callable[..., Flask],
    db_session: Session,
    org_identity: HybridIdentity,
    base_config: dict[str, Any],
) -> None:
    """200 junk tips and 200 wrong phrases, then a source submits and comes back.

    With the old site-wide budgets (120 tips and 200 wrong phrases an hour)
    the source would have been turned away twice.
    """
    reviewer = make_user(db_session, base_config, org_identity, role="reviewer")
    app = make_intake_app(FLOOD_TIPS_PER_TWO_HOURS=50, POW_BITS=4)
    app.extensions[GAUGE_KEY] = FloodGauge(seconds=0)  # no caching: exact counts below
    junk = app.test_client()
    for index in range(200):
        assert (
            junk.post("/tip", data=tip_data(what_happened=f"junk {index} " * 5)).status_code == 200
        )
    for _ in range(200):
        assert junk.post("/return", data={"phrase": generate()}).status_code == 400
    source = app.test_client()
    assert _CHALLENGE.search(source.get("/tip").get_data(as_text=True))  # the flood is noticed
    response = source.post("/tip", data=tip_data())
    assert response.status_code == 200
    match = _PHRASE.search(response.get_data(as_text=True))
    assert match
    flood_marked = db_session.scalars(select(Tip).where(Tip.during_flood)).all()
    assert len(flood_marked) == 151  # from the 51st on, the source's included
    lookup = lookup_id(match.group(1), app.config["PHRASE_PEPPER"])
    real = db_session.scalars(select(Tip).where(Tip.source_lookup == lookup)).one()
    assert real.during_flood
    with app.app_context():
        post_reply(
            db_session,
            get_blobs(),
            real,
            reviewer,
            "We read it. Thank you.",
            [org_identity.recipient()],
        )
        db_session.flush()
    signed_in = source.post("/return", data={"phrase": match.group(1)})
    assert signed_in.status_code == 303
    conversation = source.get("/conversation").get_data(as_text=True)
    assert "We read it. Thank you." in conversation


# --- disk: attachments bounded per hour, text never refused ----------------------------


def test_past_the_hours_attachment_budget_files_are_dropped_and_text_kept(
    make_intake_app: Callable[..., Flask], db_session: Session
) -> None:
    app = make_intake_app(ATTACHMENT_BYTES_PER_HOUR=40_000)
    client = app.test_client()
    first = client.post("/tip", data=tip_data(attachments=[file_part(b"x" * 20_000)]))
    assert first.status_code == 200 and "were not kept" not in first.get_data(as_text=True)
    assert attachment_budget.used_this_hour(db_session) == 20_000
    # This one would pass the budget: its file is read and dropped, its text stored.
    second = client.post("/tip", data=tip_data(attachments=[file_part(b"y" * 30_000)]))
    page = second.get_data(as_text=True)
    assert second.status_code == 200 and "Your files were not kept" in page
    assert _PHRASE.search(page)
    stored = tips(app)
    assert len(stored) == 2 and sorted(t.has_files for t in stored) == [False, True]
    # Two sealed documents and the first file: nothing of the dropped one.
    assert len(list(store_of(app).ids())) == 3
    assert attachment_budget.used_this_hour(db_session) == 20_000
    # A text-only tip is never refused, however spent the budget is.
    assert client.post("/tip", data=tip_data()).status_code == 200


# --- the browser-sealed path: the same proof check and the same disk bound ---------------


def test_the_sealed_path_checks_the_proof_and_marks_the_tip(flooded: Flask, keys_dir: Path) -> None:
    org = load_recipients(keys_dir)
    client = flooded.test_client()
    challenge = _CHALLENGE.search(client.get("/tip").get_data(as_text=True))
    assert challenge
    proof = {"pow_challenge": challenge.group(1), "pow_solution": solve(challenge.group(1))}
    assert post_sealed(client, Submission(org), extra=proof).status_code == 200
    [tip] = tips(flooded)
    assert tip.during_flood and tip.proof_of_work
    again = post_sealed(client, Submission(org), extra=proof)
    assert again.status_code == 400 and "anti-spam check" in again.get_data(as_text=True)
    assert len(tips(flooded)) == 1


def test_the_sealed_path_refuses_files_past_the_budget_but_never_text(
    make_intake_app: Callable[..., Flask], keys_dir: Path
) -> None:
    org = load_recipients(keys_dir)
    client = make_intake_app(ATTACHMENT_BYTES_PER_HOUR=1000).test_client()
    with_files = post_sealed(client, Submission(org, [("a.bin", b"x" * 5000)]))
    assert with_files.status_code == 400
    assert "too many files in the last hour" in with_files.get_data(as_text=True)
    assert post_sealed(client, Submission(org)).status_code == 200
