"""The summary service: sealed drafts, findings, decisions, approval, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip
from tests.exports_web.conftest import A_NUMBER, NAME, PHONE, REDACTED, SECRETS, SUMMARY
from tipline.blobs import BlobStore
from tipline.crypto import Identity, Recipient
from tipline.export.summaries.drafts import KEEP, REDACT, Draft, open_draft
from tipline.export.summaries.service import (
    AlreadyApprovedError,
    LeftoverFindingsError,
    StaleSummaryError,
    SummaryContentError,
    SummaryInputError,
    UndecidedFindingsError,
    UnreviewedNumbersError,
    approve,
    decide,
    drafts_waiting,
    people_for,
    review,
    summary_for,
    write_draft,
)
from tipline.models import AuditEvent, Case, Summary, Tip, User


def _write(
    session: Session,
    target: Tip | Case,
    actor: User,
    recipients: list[Recipient],
    identity: Identity,
    body: str = SUMMARY,
    **kwargs: object,
) -> Summary:
    summary, _ = write_draft(
        session,
        target,
        body,
        people=people_for(session, target, identity),
        actor=actor,
        recipients=recipients,
        identity=identity,
        **kwargs,  # type: ignore[arg-type]
    )
    return summary


def _redact_all(
    session: Session,
    summary: Summary,
    target: Tip | Case,
    actor: User,
    recipients: list[Recipient],
    identity: Identity,
) -> None:
    people = people_for(session, target, identity)
    result = review(open_draft(summary.sealed, [identity]), people)
    decide(
        session,
        summary,
        {item.key: REDACT for item in result.items},
        people=people,
        actor=actor,
        recipients=recipients,
        identity=identity,
    )


def _actions(session: Session, summary: Summary) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.object_id == summary.id)
    return list(session.scalars(query.order_by(AuditEvent.seq)))


def test_draft_is_sealed_in_the_database(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    db_session.flush()
    raw = db_session.execute(text("SELECT * FROM summaries")).all()
    dumped = repr(raw).encode() + b"".join(
        value for row in raw for value in row if isinstance(value, bytes | memoryview)
    )
    for secret in (*SECRETS, "Deputies handed"):
        assert secret.encode() not in dumped
    assert summary.status == "draft" and summary.approved_text is None
    assert open_draft(summary.sealed, [org_identity]).text == SUMMARY


def test_findings_use_the_case_people_list(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(
        db_session, case, actor, recipients, org_identity, body="Rosa Lopez saw it happen."
    )
    people = people_for(db_session, case, org_identity)
    assert people == [NAME, "Rosa Lopez"]
    result = review(open_draft(summary.sealed, [org_identity]), people)
    assert [(i.finding.text, i.finding.category, i.finding.confidence) for i in result.items] == [
        ("Rosa Lopez", "name", "high")
    ]
    # Without the list, the same words would be only a low-confidence guess.
    assert all(
        f.confidence == "low"
        for f in (i.finding for i in review(Draft("Rosa Lopez saw it happen."), []).items)
    )


def test_tip_summary_uses_the_people_of_every_case_holding_it(
    db_session: Session,
    tip: Tip,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    new_case(db_session, actor, recipients, [tip], title="Second", people=["Ana Ruiz"])
    assert sorted(people_for(db_session, tip, org_identity)) == sorted(
        [NAME, "Rosa Lopez", "Ana Ruiz"]
    )
    summary = _write(
        db_session,
        tip,
        actor,
        recipients,
        org_identity,
        body="ana ruiz and Maria Lopez were there.",
    )
    result = review(
        open_draft(summary.sealed, [org_identity]), people_for(db_session, tip, org_identity)
    )
    assert {i.finding.confidence for i in result.items} == {"high"}
    assert len(result.items) == 2


def test_approval_is_blocked_until_every_finding_is_decided(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    people = people_for(db_session, case, org_identity)
    with pytest.raises(UndecidedFindingsError, match="4 left"):
        approve(db_session, summary, people=people, actor=actor, identity=org_identity)
    result = review(open_draft(summary.sealed, [org_identity]), people)
    first = result.items[0].key
    assert (
        decide(
            db_session,
            summary,
            {first: REDACT},
            people=people,
            actor=actor,
            recipients=recipients,
            identity=org_identity,
        )
        == 1
    )
    with pytest.raises(UndecidedFindingsError, match="3 left"):
        approve(db_session, summary, people=people, actor=actor, identity=org_identity)
    assert summary.status == "draft" and summary.approved_text is None


def test_approved_text_has_the_replacements_and_is_stored_in_the_clear(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    _redact_all(db_session, summary, case, actor, recipients, org_identity)
    shared = approve(
        db_session,
        summary,
        people=people_for(db_session, case, org_identity),
        actor=actor,
        identity=org_identity,
        today=date(2025, 4, 9),
    )
    assert shared == REDACTED
    assert summary.status == "approved" and summary.approved_month == "2025-04"
    assert summary.approved_by_id == actor.id
    stored = db_session.execute(text("SELECT approved_text FROM summaries")).scalar_one()
    assert stored == REDACTED
    assert _actions(db_session, summary) == ["summary.edit", "summary.decide", "summary.approve"]
    with pytest.raises(AlreadyApprovedError):
        approve(db_session, summary, people=[], actor=actor, identity=org_identity)


def test_kept_findings_stay_and_redacted_style_hides_the_kind(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity, style="redacted")
    people = people_for(db_session, case, org_identity)
    items = review(open_draft(summary.sealed, [org_identity]), people).items
    choices = {i.key: (KEEP if i.finding.text == PHONE else REDACT) for i in items}
    decide(
        db_session,
        summary,
        choices,
        people=people,
        actor=actor,
        recipients=recipients,
        identity=org_identity,
    )
    shared = approve(db_session, summary, people=people, actor=actor, identity=org_identity)
    assert PHONE in shared and NAME not in shared and A_NUMBER not in shared
    assert "[redacted]" in shared and "[name]" not in shared


def test_editing_after_approval_needs_approval_again(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    _redact_all(db_session, summary, case, actor, recipients, org_identity)
    people = people_for(db_session, case, org_identity)
    approve(db_session, summary, people=people, actor=actor, identity=org_identity)
    version = summary.version
    _, changed = write_draft(
        db_session,
        case,
        SUMMARY + " Call 215-555-0199 for more.",
        people=people,
        actor=actor,
        recipients=recipients,
        identity=org_identity,
        expected_version=version,
    )
    assert changed
    assert summary.status == "draft" and summary.approved_text is None
    assert summary.approved_month is None and summary.version == version + 1
    # Earlier decisions carry over; only the new number waits for one.
    result = review(open_draft(summary.sealed, [org_identity]), people)
    assert [i.finding.text for i in result.items if i.decision is None] == ["215-555-0199"]
    assert drafts_waiting(db_session) == [summary]


def test_changing_a_decision_after_approval_needs_approval_again(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    _redact_all(db_session, summary, case, actor, recipients, org_identity)
    people = people_for(db_session, case, org_identity)
    approve(db_session, summary, people=people, actor=actor, identity=org_identity)
    key = review(open_draft(summary.sealed, [org_identity]), people).items[0].key
    decide(
        db_session,
        summary,
        {key: KEEP},
        people=people,
        actor=actor,
        recipients=recipients,
        identity=org_identity,
    )
    assert summary.status == "draft" and summary.approved_text is None


def test_saving_the_same_text_changes_nothing(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    version = summary.version
    same, changed = write_draft(
        db_session,
        case,
        SUMMARY + "\r\n",
        people=[],
        actor=actor,
        recipients=recipients,
        identity=org_identity,
        expected_version=version,
    )
    assert same is summary and not changed and summary.version == version


def test_stale_versions_are_refused(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    people = people_for(db_session, case, org_identity)
    with pytest.raises(StaleSummaryError):
        write_draft(
            db_session,
            case,
            "Another text.",
            people=people,
            actor=actor,
            recipients=recipients,
            identity=org_identity,
            expected_version=99,
        )
    with pytest.raises(StaleSummaryError):
        decide(
            db_session,
            summary,
            {},
            people=people,
            actor=actor,
            recipients=recipients,
            identity=org_identity,
            expected_version=summary.version - 1,
        )
    with pytest.raises(StaleSummaryError):
        approve(
            db_session,
            summary,
            people=people,
            actor=actor,
            identity=org_identity,
            expected_version=-1,
        )


def test_leftover_details_need_an_explicit_confirmation(
    db_session: Session,
    tip: Tip,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The detectors find nothing new in redacted text on the evaluation set;
    # simulate one that does, to check that approval then needs a confirmation.
    from tipline.export.pii.findings import Finding
    from tipline.export.summaries import drafts

    real = drafts.find_identifying

    def detector(text: str, *, people: object = ()) -> list[Finding]:
        found = real(text, people=people)  # type: ignore[arg-type]
        if "[phone]" in text:
            start = text.index("called")
            found.append(Finding(start, start + 6, "id_number", "called"))
        return found

    monkeypatch.setattr(drafts, "find_identifying", detector)
    summary = _write(db_session, tip, actor, recipients, org_identity, body=f"He called {PHONE}.")
    _redact_all(db_session, summary, tip, actor, recipients, org_identity)
    result = review(open_draft(summary.sealed, [org_identity]), [])
    assert result.preview == "He called [phone]." and len(result.leftovers) == 1
    with pytest.raises(LeftoverFindingsError, match="1 likely identifying"):
        approve(db_session, summary, people=[], actor=actor, identity=org_identity)
    assert summary.status == "draft"
    approve(
        db_session, summary, people=[], actor=actor, identity=org_identity, confirm_leftovers=True
    )
    assert summary.status == "approved"


def test_kept_details_are_not_leftovers(
    db_session: Session,
    tip: Tip,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    body = f"{NAME} called from jail. The hotline is {PHONE}."
    summary = _write(db_session, tip, actor, recipients, org_identity, body=body)
    people = people_for(db_session, tip, org_identity)
    items = review(open_draft(summary.sealed, [org_identity]), people).items
    choices = {i.key: (KEEP if i.finding.category == "phone" else REDACT) for i in items}
    decide(
        db_session,
        summary,
        choices,
        people=people,
        actor=actor,
        recipients=recipients,
        identity=org_identity,
    )
    assert review(open_draft(summary.sealed, [org_identity]), people).leftovers == ()
    approve(db_session, summary, people=people, actor=actor, identity=org_identity)
    assert summary.approved_text == f"[name] called from jail. The hotline is {PHONE}."


def test_a_name_added_to_the_case_later_waits_for_a_decision(
    db_session: Session,
    tip: Tip,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    from tipline.cases.details import make_details
    from tipline.cases.service import edit_details

    summary = _write(
        db_session,
        tip,
        actor,
        recipients,
        org_identity,
        # One lower-case word: the name heuristic leaves it alone.
        body=f"{NAME} and pedro were there.",
    )
    _redact_all(db_session, summary, tip, actor, recipients, org_identity)
    edit_details(
        db_session,
        case,
        make_details("Case", "", [NAME, "Pedro Alvarado"]),
        actor=actor,
        recipients=recipients,
    )
    people = people_for(db_session, tip, org_identity)
    result = review(open_draft(summary.sealed, [org_identity]), people)
    assert [i.finding.text for i in result.items if i.decision is None] == ["pedro"]
    with pytest.raises(UndecidedFindingsError):
        approve(db_session, summary, people=people, actor=actor, identity=org_identity)


def test_numbers_no_finding_covers_need_one_more_confirmation(
    db_session: Session,
    tip: Tip,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    body = f"{SUMMARY} They held her 9 days in Lancaster."
    summary = _write(db_session, tip, actor, recipients, org_identity, body=body)
    _redact_all(db_session, summary, tip, actor, recipients, org_identity)
    people = people_for(db_session, tip, org_identity)
    checks = review(open_draft(summary.sealed, [org_identity]), people).unreviewed
    assert checks.numbers == ("9",) and "Lancaster" in checks.words
    with pytest.raises(UnreviewedNumbersError, match="1 number"):
        approve(db_session, summary, people=people, actor=actor, identity=org_identity)
    assert summary.status == "draft" and summary.approved_text is None
    shared = approve(
        db_session, summary, people=people, actor=actor, identity=org_identity, confirm_numbers=True
    )
    assert "9 days in Lancaster" in shared and summary.status == "approved"


def test_text_is_cleaned_and_checked(
    db_session: Session,
    tip: Tip,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    with pytest.raises(SummaryInputError, match="empty"):
        _write(db_session, tip, actor, recipients, org_identity, body=" \u200b \n ")
    with pytest.raises(SummaryInputError, match="at most"):
        _write(db_session, tip, actor, recipients, org_identity, body="x" * 10_001)
    with pytest.raises(SummaryInputError):
        _write(db_session, tip, actor, recipients, org_identity, body="ok", style="bold")
    summary = _write(
        db_session,
        tip,
        actor,
        recipients,
        org_identity,
        body="Ma\u200bria Lo\u202epez\r\nwas there.",
    )
    assert open_draft(summary.sealed, [org_identity]).text == "Maria Lopez\nwas there."


def test_unknown_decisions_are_refused_and_unknown_keys_ignored(
    db_session: Session,
    case: Case,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, case, actor, recipients, org_identity)
    people = people_for(db_session, case, org_identity)
    with pytest.raises(SummaryInputError):
        decide(
            db_session,
            summary,
            {"x": "maybe"},
            people=people,
            actor=actor,
            recipients=recipients,
            identity=org_identity,
        )
    assert (
        decide(
            db_session,
            summary,
            {"name-000000000000-1": REDACT},
            people=people,
            actor=actor,
            recipients=recipients,
            identity=org_identity,
        )
        == 0
    )


def test_one_summary_per_target_and_damaged_drafts(
    db_session: Session,
    tip: Tip,
    blobs: BlobStore,
    actor: User,
    recipients: list[Recipient],
    org_identity: Identity,
) -> None:
    summary = _write(db_session, tip, actor, recipients, org_identity, body="First.")
    assert summary_for(db_session, tip) is summary
    assert summary.scope == "tip" and summary.target_id == tip.id
    other = sealed_tip(db_session, blobs, recipients, "Another tip.")
    assert summary_for(db_session, other) is None
    summary.sealed = b"not an age file"
    with pytest.raises(SummaryContentError):
        write_draft(
            db_session,
            tip,
            "Second.",
            people=[],
            actor=actor,
            recipients=recipients,
            identity=org_identity,
            expected_version=summary.version,
        )
