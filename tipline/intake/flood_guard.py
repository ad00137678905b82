"""The intake's side of the flood defences: the challenge on the form, the check on POST.

Glue between Flask and the services: tipline.tips.flood says whether a flood
is on (remembered per process for a few seconds), tipline.intake.
proof_of_work issues and checks challenges. While a flood is on, the tip
form carries a challenge and loads ``static/pow.js``, allowed by its hash
in that page's CSP (tipline.intake.scripts, as the sealing script is); at
any other time the form loads no such script. Both submission paths (the
plain form and the browser-sealed one) call :func:`arrival`.
"""

from __future__ import annotations

from flask import Flask, current_app, request
from sqlalchemy.orm import Session

from tipline.db import get_db, read_only
from tipline.intake.proof_of_work import ProofKey, check_proof, issue
from tipline.tips.flood import Arrival, FloodGauge

GAUGE_KEY = "tipline.intake.flood_gauge"
PROOF_KEY = "tipline.intake.proof_key"
CHALLENGE_FIELD = "pow_challenge"
SOLUTION_FIELD = "pow_solution"


def init_app(app: Flask) -> None:
    app.extensions[GAUGE_KEY] = FloodGauge()
    app.extensions[PROOF_KEY] = ProofKey.from_secret(app.config["INTAKE_SECRET_KEY"])


def reading_session() -> Session:
    """A session of its own for a short count, taking no SQLite write lock."""
    session = get_db().session()
    read_only(session)
    return session


def under_flood() -> bool:
    gauge: FloodGauge = current_app.extensions[GAUGE_KEY]
    return gauge.under_flood(reading_session, current_app.config["FLOOD_TIPS_PER_TWO_HOURS"])


def challenge() -> str | None:
    """A fresh challenge for the tip form while a flood is on, else ``None``."""
    if not under_flood():
        return None
    key: ProofKey = current_app.extensions[PROOF_KEY]
    return issue(key, current_app.config["POW_BITS"])


def arrival(session: Session) -> Arrival:
    """How this POST arrived; raises :class:`~tipline.intake.proof_of_work.ProofError`."""
    key: ProofKey = current_app.extensions[PROOF_KEY]
    proven = check_proof(
        session, key, request.form.get(CHALLENGE_FIELD), request.form.get(SOLUTION_FIELD)
    )
    return Arrival(during_flood=under_flood(), proof_of_work=proven)
