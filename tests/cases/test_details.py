"""Sealed case details, the people list, and notes (sealed, light Markdown, inert)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.factories import new_case
from tests.review.tip_factories import plain_tip
from tipline.cases import CaseInputError
from tipline.cases.details import (
    NOTE_MAX,
    TITLE_MAX,
    SealedContentError,
    case_people,
    make_details,
    open_details,
    open_note,
    parse_people,
    render_note,
)
from tipline.cases.service import add_note, edit_details
from tipline.cases.timeline import timeline
from tipline.crypto import HybridIdentity, Identity, Recipient, decrypt
from tipline.models import AuditEvent, CaseNote, User
from tipline.sanitize import render_markdown_light


def test_details_are_cleaned_and_checked() -> None:
    details = make_details("  Two   letters\tabout the jail ", " summary \r\n line 2 ", "")
    assert details.title == "Two letters about the jail"
    assert details.summary == "summary \n line 2"
    with pytest.raises(CaseInputError, match="needs a title"):
        make_details("   ")
    with pytest.raises(CaseInputError, match="at most"):
        make_details("x" * (TITLE_MAX + 1))
    # A bidi override could make a title read as something else.
    with pytest.raises(CaseInputError, match="invisible"):
        make_details("Case \u202egnp.exe")


def test_people_list_one_name_per_line_without_duplicates() -> None:
    people = parse_people("Ana Pérez\n\n  ana   PÉREZ \nOfficer D. Reyes\r\nJosé\u0301\n")
    assert people == ("Ana Pérez", "Officer D. Reyes", "José́")
    with pytest.raises(CaseInputError, match="invisible"):
        parse_people(["Ana\u200bPérez"])
    with pytest.raises(CaseInputError, match="at most"):
        parse_people([f"Person {i}" for i in range(201)])


def test_case_people_for_the_exports(
    db_session: Session, actor: User, recipients: list[Recipient], org_identity: Identity
) -> None:
    case = new_case(
        db_session, actor, recipients, [plain_tip(db_session)], people=["Ana Pérez", "D. Reyes"]
    )
    assert case_people(db_session, case, org_identity) == ["Ana Pérez", "D. Reyes"]
    edit_details(
        db_session,
        case,
        make_details("Same title", "", ["Ana Pérez", "Luis Ortiz"]),
        actor=actor,
        recipients=recipients,
    )
    # Always the current list, read from the database.
    assert case_people(db_session, case, org_identity) == ["Ana Pérez", "Luis Ortiz"]
    with pytest.raises(SealedContentError):
        case_people(db_session, case, HybridIdentity.generate())


def test_details_are_standard_padded_age_files(
    db_session: Session, actor: User, recipients: list[Recipient], org_identity: Identity
) -> None:
    short = new_case(db_session, actor, recipients, [plain_tip(db_session)], title="A")
    longer = new_case(db_session, actor, recipients, [plain_tip(db_session)], title="AB")
    # Padmé: one more character does not change the sealed size.
    assert len(short.sealed) == len(longer.sealed)
    plain = decrypt(short.sealed, [org_identity]).decode()
    assert plain.rstrip().startswith("{") and '"kind": "case"' in plain
    assert open_details(short, [org_identity]).title == "A"


def test_notes_are_sealed_timelined_and_audited(
    db_session: Session, actor: User, recipients: list[Recipient], org_identity: Identity
) -> None:
    case = new_case(db_session, actor, recipients, [plain_tip(db_session)])
    note = add_note(
        db_session,
        case,
        "Called **Anastasia Quintero** back.\n\n- asked about dates",
        actor=actor,
        recipients=recipients,
    )
    stored = db_session.scalar(select(CaseNote).where(CaseNote.case_id == case.id))
    assert stored is note and b"Quintero" not in note.sealed
    assert (
        open_note(note, [org_identity])
        == "Called **Anastasia Quintero** back.\n\n- asked about dates"
    )
    assert timeline(db_session, case)[-1].text == "added a note"
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == case.id)
    ).all()
    assert "case.note" in actions
    with pytest.raises(CaseInputError, match="empty"):
        add_note(db_session, case, " \n ", actor=actor, recipients=recipients)
    with pytest.raises(CaseInputError, match="at most"):
        add_note(db_session, case, "x" * (NOTE_MAX + 1), actor=actor, recipients=recipients)


def test_notes_render_light_markdown() -> None:
    html = str(render_note("Para *one* and **two**, `code`.\n\n- a\n- b\n\n1. x\n2. y"))
    assert "<p>Para <em>one</em> and <strong>two</strong>, <code>code</code>.</p>" in html
    assert "<ul><li>a</li><li>b</li></ul>" in html
    assert "<ol><li>x</li><li>y</li></ol>" in html
    link = str(render_note("[court docket](https://example.org/case?id=1&x=2)"))
    assert link == (
        '<p><a href="https://example.org/case?id=1&amp;x=2" '
        'rel="noopener noreferrer nofollow">court docket</a></p>'
    )


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](mailto:someone@example.org)",
    '[x](https://e.org/"onmouseover="alert(1))',
    "[x](https://e.org/'onclick='alert(1))",
    "**<svg onload=alert(1)>**",
    "<style>body{display:none}</style>",
    "<!-- comment --><iframe src=https://e.org></iframe>",
    "`</code><script>alert(1)</script>`",
    "[<b>x</b>](https://e.org)",
]


class _Elements(HTMLParser):
    """Every element and attribute the browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markdown_and_html_stay_inert(hostile: str) -> None:
    for tag, attrs in elements(str(render_note(hostile))):
        assert tag in {"p", "br", "strong", "em", "code", "ul", "ol", "li", "blockquote", "a"}
        if tag != "a":
            assert attrs == []
            continue
        names = dict(attrs)
        assert set(names) == {"href", "rel"}
        assert (names["href"] or "").startswith(("http://", "https://"))
        assert names["rel"] == "noopener noreferrer nofollow"
    # What was not turned into an element is text, escaped.
    assert "<script" not in str(render_note(hostile)).lower()


def test_invisible_characters_in_notes_are_shown() -> None:
    assert "⟨U+202E⟩" in str(render_note("pay to \u202eevil"))


def test_markdown_renderer_only_links_the_web() -> None:
    assert "<a " not in str(render_markdown_light("[m](mailto:a@b.org)"))
    assert "<a " not in str(render_markdown_light("[f](ftp://e.org/x)"))
    assert 'rel="noopener noreferrer nofollow"' in str(render_markdown_light("[w](http://e.org)"))
