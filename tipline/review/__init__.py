"""The private review app: sign-in, inbox, tips, admin.

Runs as its own process with its own secret key and cookie
(``tipline_review``). It is meant for localhost, a VPN, or an onion service
with client authorization; never expose it next to the intake.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from tipline.web import create_base_app


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the review app (flaskr-style factory)."""
    app = create_base_app(__name__, "review", test_config)
    # Some blueprints' views live in more than one module: the sign-in steps
    # (login) and the account pages (account) are on auth.bp, and the case
    # actions (case_actions) on cases.bp. Importing those modules here, before
    # the blueprints are registered, attaches their views; the blueprint
    # modules themselves import none of them, so there is no cycle.
    from tipline.review import (
        account,
        admin,
        auth,
        bulk_spam,
        case_actions,
        cases,
        deletion,
        inbox,
        login,
        organizer,
        replies,
        safe_copies,
        search,
        shared_files,
        summaries,
        tags,
        tips,
        upkeep,
    )

    del account, case_actions, login  # imported for their views only

    auth.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(inbox.bp)
    app.register_blueprint(bulk_spam.bp)
    app.register_blueprint(tips.bp)
    app.register_blueprint(deletion.bp)
    app.register_blueprint(replies.bp)
    app.register_blueprint(safe_copies.bp)
    app.register_blueprint(shared_files.bp)
    app.register_blueprint(tags.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(summaries.bp)
    app.register_blueprint(organizer.bp)
    app.register_blueprint(upkeep.bp)
    return app
