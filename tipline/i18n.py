"""Languages for both apps: English and Spanish, chosen without JavaScript.

The browser's ``Accept-Language`` picks the language; a visible switch (a
plain link carrying ``?lang=es``) overrides it, and the choice is remembered
in the app's own session cookie. That cookie holds only the language code,
which identifies no one. Catalogs live in ``tipline/translations`` and are
shared by the intake and review apps (``babel.cfg`` extracts from both).

Usage, in an app factory: ``i18n.init_app(app)``. Templates get
``current_language`` and ``language_links`` (the other languages, with a URL
for the current page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app, request, session
from flask.typing import ResponseReturnValue
from flask_babel import Babel, get_locale

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANG_PARAM = "lang"
SESSION_KEY = "lang"
# Each language's name in that language: a Spanish speaker looks for "Español".
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str


def init_app(app: Flask) -> None:
    """Configure Flask-Babel with our selector, the switch and template helpers."""
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    Babel(app, locale_selector=select_language)
    app.before_request(remember_choice)
    app.after_request(_content_language)
    app.context_processor(_template_helpers)


def supported() -> list[str]:
    languages: list[str] = current_app.config.get("LANGUAGES", [DEFAULT_LANGUAGE])
    return [code for code in languages if code in LANGUAGE_NAMES]


def select_language() -> str:
    """The switch's remembered choice, else the browser's preference, else English."""
    languages = supported()
    chosen = session.get(SESSION_KEY)
    if isinstance(chosen, str) and chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or DEFAULT_LANGUAGE


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def remember_choice() -> ResponseReturnValue | None:
    """Store ``?lang=xx`` from the switch in the session (before the view runs)."""
    wanted = request.args.get(LANG_PARAM)
    if wanted is not None and wanted in supported() and session.get(SESSION_KEY) != wanted:
        session[SESSION_KEY] = wanted
    return None


def language_links() -> list[LanguageLink]:
    """Links to the current page in each other language (the visible switch)."""
    here = current_language()
    return [
        LanguageLink(code, LANGUAGE_NAMES[code], f"{request.path}?{LANG_PARAM}={code}")
        for code in supported()
        if code != here
    ]


def _content_language(response: Any) -> Any:
    if response.mimetype == "text/html":
        response.headers["Content-Language"] = current_language()
    return response


def _template_helpers() -> dict[str, Any]:
    return {"current_language": current_language, "language_links": language_links}
