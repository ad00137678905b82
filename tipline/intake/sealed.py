"""The tip form's JavaScript path: tips sealed in the source's browser.

When the form page's script runs (``static/seal/``, built from ``js/``), it
seals the tip document and every file with age to the organization's
recipients and posts them here as file parts, with only what the server needs
in the clear: the CSRF token (and any proof of work, checked here as on the
plain path by tipline.intake.flood_guard), county, language, and
for each file a random id and its size. The server never sees the words or
the files.

The request class (tipline.intake.request) checks each part as it streams
into the blob store (tipline.crypto.shape): a part that is not an age file
addressed exactly to the organization's recipients stops the request with
:class:`~tipline.intake.request.RefusedCiphertext`. This view then checks the
parts against the clear fields (one document, sizes that match the STREAM
framing, the limits), calls one service (``submit_sealed_tip``), commits and
shows the receipt, saying that the browser sealed the tip.

Any refusal shows the form again with a notice: the words are not here to
show back, so the notice says where they are (in the source's browser).
"""

from __future__ import annotations

import logging

from flask import current_app, request
from flask.typing import ResponseReturnValue

from tipline.crypto import AgeError
from tipline.crypto.base import Recipient
from tipline.crypto.shape import expected_shapes
from tipline.db import get_session
from tipline.intake import flood_guard
from tipline.intake.forms import SealedTipForm, TipForm
from tipline.intake.privacy import discard_rest_of_body
from tipline.intake.proof_of_work import ProofError
from tipline.intake.request import (
    FILES_FIELD,
    MAX_DOCUMENT_BYTES,
    RefusedCiphertext,
    files_fit,
    sealed_files,
    upload_batch,
)
from tipline.intake.views import bp, form_page, log_arrival, proof_problem, receipt_page
from tipline.tips.submit import (
    InvalidSubmissionError,
    SealedTipInput,
    SubmitSettings,
    submit_sealed_tip,
)
from tipline.tips.uploads import SealedFile

log = logging.getLogger(__name__)
DOCUMENT_FIELD = "document"


def seal_recipients(recipients: list[Recipient]) -> str | None:
    """The recipients as the page gives them to the script, if the server can
    check what it receives (see tipline.crypto.shape); otherwise ``None`` and
    the form is sealed on the server only."""
    try:
        expected_shapes(recipients)
    except AgeError:
        return None
    return " ".join(str(recipient) for recipient in recipients)


def _refused(status: int, notice: str) -> ResponseReturnValue:
    """The empty form with a notice; what the source typed is still in their browser."""
    return form_page(TipForm(formdata=None), status, sealed_notice=notice)


@bp.post("/tip/sealed")
def tip_sealed() -> ResponseReturnValue:
    try:
        form = SealedTipForm()
        files = sealed_files(FILES_FIELD)
        documents = sealed_files(DOCUMENT_FIELD)
    except RefusedCiphertext:
        # Let the browser read the page rather than see a reset connection.
        discard_rest_of_body(current_app.config["MAX_CONTENT_LENGTH"])
        log.info("sealed submission refused: a part is malformed or mis-addressed")
        return _refused(400, "refused")
    if not form.validate():
        log.info("sealed submission refused: %s", "CSRF" if form.csrf_failed else "fields")
        return _refused(400, "csrf" if form.csrf_failed else "refused")
    attachments = _match(files, documents)
    if attachments is None:
        log.info("sealed submission refused: parts do not match the clear fields")
        return _refused(400, "refused")
    if attachments and not files_fit(sum(item.size for _id, item in attachments)):
        # The sealed document names its files, so they cannot be dropped the
        # way the server-sealed path drops them: the tip comes back, and a
        # text-only one is never refused (tipline.tips.attachment_budget).
        log.warning("sealed submission refused: the hour's attachment budget is spent")
        return _refused(400, "files_busy")
    data = SealedTipInput(
        document=documents[0],
        attachments=attachments,
        language=form.language.data or "",
        county_fips=form.county_fips,
    )
    session = get_session()
    try:
        arrival = flood_guard.arrival(session)
        settings = SubmitSettings.from_config(current_app.config)
        receipt = submit_sealed_tip(session, data, settings, arrival)
        session.commit()
    except ProofError as exc:
        session.rollback()
        log.info("sealed submission refused: proof of work %s", proof_problem(exc))
        return _refused(400, "proof")
    except InvalidSubmissionError:
        session.rollback()
        log.info("sealed submission refused by the service")
        return _refused(400, "refused")
    upload_batch().keep(receipt.blob_ids)
    log_arrival(arrival, len(files), "in the browser")
    return receipt_page(receipt, len(files), sealed_in_browser=True)


def _match(
    files: list[SealedFile], documents: list[SealedFile]
) -> tuple[tuple[str, SealedFile], ...] | None:
    """Pair each sealed file with its id, or ``None`` if the parts and fields disagree.

    The sizes the browser declares must be the plaintext sizes the STREAM
    framing implies (a truncated part fails here), and the limits the form
    states hold for plaintext, as on the server-sealed path.
    """
    config = current_app.config
    ids = request.form.getlist("attachment_id")
    sizes = request.form.getlist("size")
    if len(documents) != 1 or documents[0].size > MAX_DOCUMENT_BYTES:
        return None
    if not len(ids) == len(sizes) == len(files) or len(files) > config["MAX_ATTACHMENTS"]:
        return None
    if [str(item.size) for item in files] != sizes:
        return None
    if sum(item.size for item in files) > config["MAX_UPLOAD_BYTES"]:
        return None
    return tuple(zip(ids, files, strict=True))
