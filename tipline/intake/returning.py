"""A source comes back: the receipt-phrase page, the conversation, sign-out.

``/return`` takes the phrase and starts a source session
(tipline.conversation.source_sessions): the cookie gets a random session id and a
per-session key, never the phrase or anything derived from it alone. A
wrong phrase gets one generic answer; it costs the server one HMAC and one
read, so no budget of wrong phrases exists for a stranger to spend.
``/conversation`` shows the replies and the source's own messages and marks
the replies seen; ``/conversation/message`` adds text and files, the files
sealed as they stream in by the intake's own request class
(tipline.intake.request), exactly as for a new tip; ``/signout`` deletes
the session and says to close Tor Browser.

Views validate a form, call one service, commit, and only then keep the
upload batch's blobs; anything else leaves the batch to be discarded at the
end of the request. Log lines name events and counts, never the phrase, a
tip id or anything written. No JavaScript anywhere.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask import session as cookie
from flask.typing import ResponseReturnValue

from tipline import i18n
from tipline.conversation import (
    ConversationError,
    EmptyMessageError,
    SignInError,
    SourceSessionError,
    TooManyMessagesError,
    source_sessions,
)
from tipline.conversation.markers import mark_seen_by_source
from tipline.conversation.messages import post_source_message
from tipline.conversation.reading import list_conversation
from tipline.conversation.source_sessions import SourceSettings, SourceToken, SourceVisit
from tipline.db import get_session
from tipline.intake.errors import render_error
from tipline.intake.privacy import discard_rest_of_body
from tipline.intake.request import files_refused, files_sent, sealed_files, upload_batch
from tipline.intake.returning_forms import MessageForm, PhraseForm, SignOutForm
from tipline.web import get_blobs

bp = Blueprint("source", __name__)
log = logging.getLogger(__name__)


def _settings() -> SourceSettings:
    return SourceSettings.from_config(current_app.config)


def current_visit() -> SourceVisit | None:
    """This request's source session, or None; an ended one is deleted here."""
    if "source_visit" in g:
        return cast(SourceVisit | None, g.source_visit)
    visit = None
    token = SourceToken.from_cookie(cookie)
    if token is not None:
        session = get_session()
        try:
            visit = source_sessions.load(session, _settings(), token)
        except SourceSessionError:
            g.source_ended = True
            _forget()
        session.commit()  # an ended session's row is deleted
        if visit is not None and visit.token != token:
            cookie.update(visit.token.to_cookie())  # the idle deadline moved on
    g.source_visit = visit
    return visit


def _start(token: SourceToken) -> None:
    """A fresh cookie: the token, and the language choice if there was one."""
    language = cookie.get(i18n.SESSION_KEY)
    cookie.clear()  # also drops the old CSRF token
    if language:
        cookie[i18n.SESSION_KEY] = language
    cookie.update(token.to_cookie())


def _forget() -> None:
    for name in source_sessions.COOKIE_NAMES:
        cookie.pop(name, None)


def _to_sign_in() -> ResponseReturnValue:
    if g.get("source_ended"):
        return redirect(url_for("source.sign_in", ended=1), 303)
    return redirect(url_for("source.sign_in"), 303)


@bp.route("/return", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    form = PhraseForm()
    if request.method == "GET":
        if current_visit() is not None:
            return redirect(url_for("source.conversation"), 303)
        ended = "ended" in request.args or bool(g.get("source_ended"))
        return render_template("intake/return.html", form=form, ended=ended)
    if not form.validate():
        log.info("sign-in refused: %s", "CSRF token" if form.csrf_failed else "empty form")
        return _phrase_page(form, 400, csrf_failed=form.csrf_failed)
    session = get_session()
    try:
        token, _tip = source_sessions.sign_in(session, _settings(), form.phrase.data or "")
    except SignInError:
        session.rollback()  # nothing was written
        log.info("sign-in refused: wrong phrase")
        return _phrase_page(form, 400, wrong_phrase=True)
    session.commit()
    _start(token)
    log.info("source signed in")
    return redirect(url_for("source.conversation"), 303)


def _phrase_page(form: PhraseForm, status: int, **notice: bool) -> ResponseReturnValue:
    form.phrase.data = ""  # never echo a phrase, right or wrong
    return render_template("intake/return.html", form=form, **notice), status


@bp.get("/conversation")
def conversation() -> ResponseReturnValue:
    visit = current_visit()
    if visit is None:
        return _to_sign_in()
    response = _conversation_page(
        visit,
        MessageForm(),
        200,
        sent="sent" in request.args,
        files_refused="refused" in request.args,
    )
    # Shown with their "new" marks above; from now on they are read.
    mark_seen_by_source(get_session(), visit.tip)
    get_session().commit()
    return response


def _conversation_page(
    visit: SourceVisit, form: MessageForm, status: int, **notice: Any
) -> ResponseReturnValue:
    entries = list_conversation(get_session(), get_blobs(), visit.tip, visit.identity)
    return render_template(
        "intake/conversation.html",
        tip=visit.tip,
        entries=entries,
        new_replies=sum(1 for e in entries if not e.from_source and e.new_for_source),
        has_replies=any(not entry.from_source for entry in entries),
        form=form,
        signout_form=SignOutForm(),
        **notice,
    ), status


@bp.post("/conversation/message")
def post_message() -> ResponseReturnValue:
    visit = current_visit()
    if visit is None:
        # Not signed in: read no file into the store, just let the browser see the page.
        discard_rest_of_body(current_app.config["MAX_CONTENT_LENGTH"])
        return _to_sign_in()
    form = MessageForm()  # parsing the body seals the files as they arrive
    dropped = files_sent()
    if not form.validate():
        log.info("message refused: %s", "CSRF token" if form.csrf_failed else "invalid field")
        return _conversation_page(
            visit, form, 400, csrf_failed=form.csrf_failed, files_dropped=dropped
        )
    batch = upload_batch()
    files = sealed_files()
    session = get_session()
    try:
        posted = post_source_message(
            session, batch, visit.tip, form.body.data or "", files, i18n.current_language()
        )
        session.commit()
    except EmptyMessageError:
        session.rollback()
        return _conversation_page(visit, form, 400, empty=True, files_refused=files_refused())
    except TooManyMessagesError:
        session.rollback()
        log.warning("message refused: this tip's hourly message limit is reached")
        return _conversation_page(visit, form, 429, too_many=True, files_dropped=dropped)
    except ConversationError as exc:
        session.rollback()
        log.error("message refused by the service (%s)", type(exc).__name__)
        return render_error(500)
    batch.keep(posted.blob_ids)
    # A new CSRF token: resending this POST (reload, back) then fails the token check.
    cookie.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    log.info("source message received with %d file(s)", len(files))
    if files_refused():
        return redirect(url_for("source.conversation", sent=1, refused=1), 303)
    return redirect(url_for("source.conversation", sent=1), 303)


@bp.post("/signout")
def sign_out() -> ResponseReturnValue:
    form = SignOutForm()
    if not form.validate():
        log.info("sign-out refused: CSRF token")
        return render_error(400)
    token = SourceToken.from_cookie(cookie)
    if token is not None:
        session = get_session()
        source_sessions.sign_out(session, token)
        session.commit()
    _forget()
    log.info("source signed out")
    return render_template("intake/signed_out.html")
