"""The intake's pages: landing, the tip form, and the receipt.

Views validate the form, call one service (``submit_tip``), commit, and only
then tell the upload batch to keep its blobs; anything else, including an
exception, leaves the batch to be discarded at the end of the request.

The form page carries the in-browser sealing script when the organization's
recipients allow it (tipline.intake.sealed), and, while the intake is under a
flood, the proof-of-work script (tipline.intake.flood_guard); its CSP allows
exactly those files. Without JavaScript the form posts here and the server
seals what arrives, with or without a flood.

The blank form and the receipt are rendered once and filled in with each
visitor's token, challenge or phrase (tipline.intake.page_cache): rendering
them was the largest CPU cost of a tip.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, current_app, make_response, render_template, request
from flask import session as flask_session
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import generate_csrf

from tipline.db import get_session
from tipline.i18n import current_language
from tipline.intake import flood_guard, scripts
from tipline.intake.forms import TipForm
from tipline.intake.page_cache import PageCache
from tipline.intake.proof_of_work import (
    ProofError,
    ProofMissingError,
    ProofReplayedError,
    ProofStaleError,
)
from tipline.intake.request import files_refused, files_sent, sealed_files, upload_batch
from tipline.tips.flood import Arrival
from tipline.tips.submit import (
    InvalidSubmissionError,
    Receipt,
    SubmitSettings,
    TipInput,
    submit_tip,
)

bp = Blueprint("intake", __name__)
log = logging.getLogger(__name__)
FINGERPRINT_KEY = "tipline.intake.fingerprint"
# The recipient strings for in-browser sealing, or None where the set holds a
# type whose stanzas the server could not check (then only the server seals).
SEAL_RECIPIENTS_KEY = "tipline.intake.seal_recipients"
PAGE_CACHE_KEY = "tipline.intake.page_cache"


@bp.get("/")
def landing() -> ResponseReturnValue:
    return render_template(
        "intake/landing.html", fingerprint=current_app.extensions[FINGERPRINT_KEY]
    )


@bp.route("/tip", methods=["GET", "POST"])
def tip_form() -> ResponseReturnValue:
    if request.method == "GET":
        return blank_form_page()
    return _submit(TipForm())


def form_page(form: TipForm, status: int = 200, **context: Any) -> Response:
    """The tip form, with the scripts on offer and a CSP allowing exactly them.

    The sealing script when the recipients allow it; the proof-of-work script
    and its challenge while a flood is on.
    """
    recipients = current_app.extensions.get(SEAL_RECIPIENTS_KEY)
    challenge = flood_guard.challenge()
    page = _render_form(form, recipients, challenge, **context)
    return scripts.allow(make_response(page, status), _scripts(recipients, challenge))


def blank_form_page() -> Response:
    """The blank form of a GET: rendered once per key, filled in per visitor.

    tipline.intake.page_cache explains what may be cached; the key holds
    everything the blank page depends on besides the two per-visitor values.
    """
    recipients = current_app.extensions.get(SEAL_RECIPIENTS_KEY)
    challenge = flood_guard.challenge()
    values: dict[str, str] = {}
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        values["csrf"] = generate_csrf()  # this visitor's, in their session
    if challenge is not None:
        values["challenge"] = challenge
    flood = challenge is not None
    key = ("form", current_language(), request.script_root, request.path, recipients, flood)
    cache: PageCache = current_app.extensions[PAGE_CACHE_KEY]
    page = cache.render(key, values, lambda: _render_form(TipForm(), recipients, challenge))
    return scripts.allow(make_response(page), _scripts(recipients, challenge))


def _scripts(recipients: str | None, challenge: str | None) -> list[scripts.PageScript]:
    """The form's scripts: sealing when the recipients allow it, the proof of
    work while a flood is on."""
    wanted = (("seal", bool(recipients)), ("pow", challenge is not None))
    return [scripts.script(current_app, name) for name, on in wanted if on]


def _render_form(
    form: TipForm, recipients: str | None, challenge: str | None, **context: Any
) -> str:
    return render_template(
        "intake/form.html",
        form=form,
        seal_recipients=recipients,
        seal_script=scripts.script(current_app, "seal") if recipients else None,
        pow_challenge=challenge,
        pow_script=scripts.script(current_app, "pow") if challenge else None,
        **context,
    )


def _reshow(form: TipForm, status: int, **notice: object) -> ResponseReturnValue:
    """The form again, with what was typed (never the files), and why."""
    return form_page(form, status, files_dropped=files_sent(), **notice)


def proof_problem(exc: ProofError) -> str:
    """Which notice the form shows for a refused proof of work (both paths)."""
    if isinstance(exc, ProofStaleError):
        return "stale"
    if isinstance(exc, ProofReplayedError):
        return "replayed"
    if isinstance(exc, ProofMissingError):
        return "missing"
    return "invalid"


def log_arrival(arrival: Arrival, files: int, path: str) -> None:
    log.info(
        "tip received with %d attachment(s), sealed %s%s%s",
        files,
        path,
        ", during a flood" if arrival.during_flood else "",
        ", with a proof of work" if arrival.proof_of_work else "",
    )


def receipt_page(receipt: Receipt, files: int, *, sealed_in_browser: bool) -> ResponseReturnValue:
    """After the commit: forget the form's CSRF token and show the phrase, once.

    A new CSRF token for the next form: resending this POST (reload, back)
    then fails the token check instead of storing the same tip twice.

    The receipt is rendered in the POST response itself, not after a
    redirect: post/redirect/get would need the phrase to survive until the
    next request, i.e. to be stored server-side or in a cookie, and the
    phrase must never be stored or put in a cookie. Cache-Control: no-store
    (on every response) keeps it out of the browser's cache; reloading
    would ask to resend the form, which the page warns about.
    """
    flask_session.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    refused = files_refused()
    key = ("receipt", current_language(), request.script_root, files, sealed_in_browser, refused)
    # The phrase is cut out of the cached page: see tipline.intake.page_cache.
    cache: PageCache = current_app.extensions[PAGE_CACHE_KEY]
    return cache.render(
        key,
        {"phrase": receipt.phrase},
        lambda: render_template(
            "intake/receipt.html",
            phrase=receipt.phrase,
            files=files,
            sealed_in_browser=sealed_in_browser,
            files_refused=refused,
        ),
    )


def _submit(form: TipForm) -> ResponseReturnValue:
    if form.tripped_honeypot:
        # A person who filled it (it is hidden and labelled "leave empty") gets
        # the form back with their text and the field shown; a bot gets nothing.
        log.info("submission refused: honeypot field filled")
        form.validate()
        return _reshow(form, 400, honeypot=True)
    if not form.validate():
        if form.csrf_failed:
            log.info("submission refused: CSRF token missing or expired")
            return _reshow(form, 400, csrf_failed=True)
        log.info("submission refused: %d invalid field(s)", len(form.errors))
        return _reshow(form, 400)

    files = sealed_files()
    data = TipInput(
        what_happened=form.what_happened.data or "",
        language=current_language(),
        county_fips=form.county_fips,
        place=form.place.data or "",
        when=form.when.data or "",
        agencies=tuple(form.agencies.data or ()),
        knowledge=tuple(form.knowledge.data or ()),
    )
    batch = upload_batch()
    session = get_session()
    try:
        arrival = flood_guard.arrival(session)
        receipt = submit_tip(
            session, batch, data, files, SubmitSettings.from_config(current_app.config), arrival
        )
        session.commit()
    except ProofError as exc:
        session.rollback()
        problem = proof_problem(exc)
        log.info("submission refused: proof of work %s", problem)
        return _reshow(form, 400, proof_problem=problem)
    except InvalidSubmissionError:
        session.rollback()
        log.info("submission refused by the service")
        return _reshow(form, 400)
    batch.keep(receipt.blob_ids)
    log_arrival(arrival, len(files), "on the server")
    return receipt_page(receipt, len(files), sealed_in_browser=False)
