"""The case page and the tip page's case panel: the forms, and the template context.

What the pages show is read by tipline.cases.reading (which opens the
sealed text and writes the audit event); this module adds the forms and the
labels, so a template only shows what its view passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

from sqlalchemy.orm import Session

from tipline import counties
from tipline.cases import CASE_STATUS_LABELS
from tipline.cases.queries import (
    assignable_users,
    assignee_ids,
    case_county_codes,
    case_tag_ids,
)
from tipline.cases.reading import CasePage, TipCasePanel
from tipline.cases.related import RelatedCase, RelatedTip
from tipline.models.case import Case
from tipline.review.case_forms import (
    AddToCaseForm,
    AssigneesForm,
    CaseCountiesForm,
    CaseStatusForm,
    CaseTagsForm,
    LinkTipsForm,
    NoteForm,
)
from tipline.tips.tags import list_tags
from tipline.tips.workflow import STATUS_LABELS, county_choices


def assignees_form(session: Session, case: Case) -> AssigneesForm:
    """Active reviewers and admins to choose from; the current ones ticked."""
    return AssigneesForm().fill(assignable_users(session), assignee_ids(session, case))


def tags_form(session: Session, case: Case) -> CaseTagsForm:
    return CaseTagsForm().fill(list_tags(session), case_tag_ids(session, case))


def counties_form(session: Session, case: Case, states: Sequence[str]) -> CaseCountiesForm:
    """The instance's counties to choose from; the case's own ones selected."""
    codes = case_county_codes(session, case)
    choices = [(value, label) for value, label in county_choices(states) if value]
    return CaseCountiesForm().fill(choices, codes, {fips: counties.name(fips) for fips in codes})


def case_page_context(
    session: Session, case: Case, page: CasePage, states: Sequence[str]
) -> dict[str, object]:
    """The case page's template variables: what was read, labels, and the forms."""
    return {
        **{field.name: getattr(page, field.name) for field in fields(page)},
        "status_label": CASE_STATUS_LABELS.get(case.status, case.status),
        "tip_status_labels": STATUS_LABELS,
        "county_name": counties.name,
        "status_form": CaseStatusForm().fill(case),
        "link_form": LinkTipsForm(),
        "assignees_form": assignees_form(session, case),
        "tags_form": tags_form(session, case),
        "counties_form": counties_form(session, case, states),
        "note_form": NoteForm(),
    }


@dataclass
class TipCasesSection:
    """What ``review/cases/_tip_panel.html`` shows under a tip."""

    cases: list[Case]
    related_tips: list[RelatedTip]
    related_cases: list[RelatedCase]
    titles: dict[str, str | None]
    add_form: AddToCaseForm | None
    county_name: Callable[[str | None], str]
    status_labels: dict[str, str]
    tip_status_labels: dict[str, str]


def tip_cases_section(panel: TipCasePanel) -> TipCasesSection:
    """The tip page's case section, with the "add to case" form when a case can take it."""
    form = AddToCaseForm().fill(panel.addable, panel.titles) if panel.addable else None
    if form is not None:
        form.tip_id.data = panel.tip.id
    return TipCasesSection(
        cases=panel.cases,
        related_tips=panel.related_tips,
        related_cases=panel.related_cases,
        titles=panel.titles,
        add_form=form,
        county_name=counties.name,
        status_labels=CASE_STATUS_LABELS,
        tip_status_labels=STATUS_LABELS,
    )
