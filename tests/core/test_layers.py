"""Who does what: services own the audit log, templates load no data.

The import contracts (setup.cfg, lint-imports) check which package may
import which; these check two rules an import graph cannot see.
"""

from __future__ import annotations

import ast
from pathlib import Path

from flask import Flask

import tipline

PACKAGE = Path(tipline.__file__).parent
WEB_AND_CLI = ("review", "intake", "cli")


def _audit_writes(path: Path) -> list[int]:
    """Lines of ``path`` that call ``audit.record`` (or ``record`` from tipline.audit)."""
    tree = ast.parse(path.read_text(), str(path))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "tipline.audit"
        for alias in node.names
    }
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "record":
            if isinstance(func.value, ast.Name) and func.value.id == "audit":
                lines.append(node.lineno)
        elif isinstance(func, ast.Name) and func.id in imported:
            lines.append(node.lineno)
    return lines


def test_no_view_or_command_writes_the_audit_log() -> None:
    """Every audit event is written by the service that makes the change or the read."""
    found = {
        str(path.relative_to(PACKAGE)): lines
        for folder in WEB_AND_CLI
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        if (lines := _audit_writes(path))
    }
    assert found == {}


def test_the_check_would_see_a_view_writing_it(tmp_path: Path) -> None:
    view = tmp_path / "view.py"
    view.write_text(
        "from tipline import audit\n"
        "from tipline.audit import record as write\n"
        "def show(s, u):\n"
        "    audit.record(s, actor=u, action='x')\n"
        "    write(s, actor=u, action='y')\n"
    )
    assert _audit_writes(view) == [4, 5]


def _context_keys(app: Flask) -> set[str]:
    keys: set[str] = set()
    with app.test_request_context("/"):
        for processors in app.template_context_processors.values():
            for processor in processors:
                keys.update(processor())
    return keys


def test_templates_get_only_request_state_from_context_processors(
    review_app: Flask, intake_app: Flask
) -> None:
    """Pages get their data from their view; nothing a template calls runs a query.

    What context processors may add: the signed-in user, the CSRF token, and
    the language switch. A view passes everything else to its template.
    """
    flask_defaults = {"g", "request", "session"}
    csrf = {"csrf_token", "csrf_meta_tag"}
    assert _context_keys(review_app) - flask_defaults - csrf == {"current_user"}
    language = {"current_language", "language_links"}
    assert _context_keys(intake_app) - flask_defaults - csrf == language
