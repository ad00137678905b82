"""The baseline for bench/load.py: a Flask app with the tip form's shape, doing nothing.

Same framework, same Flask-WTF form fields and CSRF token in a signed session
cookie, same multipart body, same gunicorn settings; it validates the form and
answers with a short page, and stores nothing. The intake's cost above this
is what tipline itself spends on a tip (sealing, the phrase, the database).

    gunicorn --workers 4 --threads 4 'noop_form:create_app()'
"""

from __future__ import annotations

import os

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from jinja2 import DictLoader
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

PAGE = """<!doctype html><title>Send a tip</title>
<form method="post" action="/tip" enctype="multipart/form-data">
{{ form.csrf_token() }}{{ form.what_happened() }}{{ form.county() }}{{ form.place() }}
{{ form.when() }}{{ form.agencies() }}{{ form.knowledge() }}{{ form.attachments() }}
{{ form.leave_blank() }}<button>Send tip</button></form>"""
DONE = "<!doctype html><title>Sent</title><p>Your tip was sent.</p>"


class NoopForm(FlaskForm):  # type: ignore[misc]  # flask_wtf has no type hints
    what_happened = TextAreaField(validators=[InputRequired(), Length(min=20, max=60_000)])
    county = SelectField(choices=[("other", "Other")], validate_choice=False)
    place = StringField(validators=[Length(max=500)])
    when = StringField(validators=[Length(max=500)])
    agencies = SelectMultipleField(choices=[("ice", "ICE"), ("other", "Other")])
    knowledge = SelectMultipleField(choices=[("saw", "Saw"), ("told", "Told")])
    attachments = MultipleFileField()
    leave_blank = StringField()


def create_app() -> Flask:
    app = Flask(__name__)
    # One key for every worker, or a token from one would fail on another.
    app.config["SECRET_KEY"] = os.environ.get("NOOP_SECRET_KEY", "bench no-op secret key")
    app.config["WTF_CSRF_SSL_STRICT"] = False
    # Compiled once per worker, as the intake's templates are. (It used to be
    # render_template_string, which compiles on every GET: 60% of the no-op's
    # CPU per form page, a baseline slower than a no-op should be.)
    app.jinja_loader = DictLoader({"form.html": PAGE})

    @app.route("/tip", methods=["GET", "POST"])
    def tip() -> ResponseReturnValue:
        form = NoopForm()
        if request.method == "POST" and form.validate():
            return DONE
        return render_template("form.html", form=form), 400 if request.method == "POST" else 200

    return app
