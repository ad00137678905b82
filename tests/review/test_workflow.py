"""Status transitions, county corrections and per-reviewer read marks."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.review.factories import make_user
from tests.review.tip_factories import plain_tip
from tipline.models import Tip, User
from tipline.models.tip import TIP_STATUSES
from tipline.tips import (
    InvalidCountyError,
    InvalidTransitionError,
    StaleStatusError,
    TipNotFoundError,
)
from tipline.tips.workflow import (
    TRANSITIONS,
    allowed_transitions,
    change_status,
    correct_county,
    county_choices,
    get_tip,
    is_read,
    mark_read,
    mark_unread,
    read_tip_ids,
)

ALLOWED = {
    ("new", "triaged"),
    ("new", "spam"),
    ("triaged", "corroborating"),
    ("triaged", "closed"),
    ("triaged", "spam"),
    ("corroborating", "closed"),
    ("corroborating", "triaged"),
    ("closed", "corroborating"),
    ("spam", "new"),
}


def test_the_rulebook_covers_every_status_and_only_statuses() -> None:
    assert set(TRANSITIONS) == set(TIP_STATUSES)
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED


@pytest.mark.parametrize("source", TIP_STATUSES)
@pytest.mark.parametrize("target", TIP_STATUSES)
def test_every_pair_of_statuses(db_session: Session, source: str, target: str, actor: User) -> None:
    tip = plain_tip(db_session, status=source)
    if (source, target) in ALLOWED:
        assert change_status(db_session, tip, target, expected=source, actor=actor) == source
        assert tip.status == target
        assert db_session.get(Tip, tip.id).status == target  # type: ignore[union-attr]
    else:
        with pytest.raises(InvalidTransitionError, match="cannot go from"):
            change_status(db_session, tip, target, expected=source, actor=actor)
        assert tip.status == source


def test_unknown_status_is_refused(db_session: Session, actor: User) -> None:
    tip = plain_tip(db_session)
    with pytest.raises(InvalidTransitionError, match="not a status"):
        change_status(db_session, tip, "deleted", expected="new", actor=actor)


def test_a_stale_form_is_refused(db_session: Session, actor: User) -> None:
    tip = plain_tip(db_session, status="triaged")
    with pytest.raises(StaleStatusError, match="now Triaged"):
        change_status(db_session, tip, "triaged", expected="new", actor=actor)


def test_a_concurrent_change_in_the_database_is_not_overwritten(
    db_session: Session, actor: User
) -> None:
    tip = plain_tip(db_session, status="new")
    # Another reviewer's request moves the tip while ours still holds "new".
    db_session.execute(
        update(Tip)
        .where(Tip.id == tip.id)
        .values(status="spam")
        .execution_options(synchronize_session=False)
    )
    assert tip.status == "new"  # our copy is stale
    with pytest.raises(StaleStatusError, match="now Spam"):
        change_status(db_session, tip, "triaged", expected="new", actor=actor)
    assert tip.status == "spam"


def test_allowed_transitions_for_an_unknown_status_is_empty() -> None:
    assert allowed_transitions("archived") == ()


def test_get_tip(db_session: Session) -> None:
    tip = plain_tip(db_session)
    assert get_tip(db_session, tip.id) is tip
    for bad in ("0" * 32, "nonsense", tip.id.upper(), tip.id + "0", "\x00" * 32, ""):
        with pytest.raises(TipNotFoundError):
            get_tip(db_session, bad)


# -- county ---------------------------------------------------------------------


def test_county_choices_are_the_states_counties_then_other() -> None:
    choices = county_choices(["PA"])
    assert len(choices) == 68
    assert ("42091", "Montgomery County, PA") in choices
    assert choices[-1] == ("", "Other / not sure")


def test_correct_county(db_session: Session, reviewer_user: User) -> None:
    tip = plain_tip(db_session, county_fips="42091")
    assert correct_county(db_session, tip, "42017", ["PA"], actor=reviewer_user) is True
    assert tip.county_fips == "42017"
    assert correct_county(db_session, tip, "42017", ["PA"], actor=reviewer_user) is False
    assert correct_county(db_session, tip, None, ["PA"], actor=reviewer_user) is True
    assert tip.county_fips is None
    assert correct_county(db_session, tip, "", ["PA"], actor=reviewer_user) is False


@pytest.mark.parametrize("fips", ["06037", "99999", "4209", "42091 ", "<b>", "none"])
def test_correct_county_refuses_other_states_and_garbage(
    db_session: Session, reviewer_user: User, fips: str
) -> None:
    tip = plain_tip(db_session, county_fips="42091")
    with pytest.raises(InvalidCountyError):
        correct_county(db_session, tip, fips, ["PA"], actor=reviewer_user)
    assert tip.county_fips == "42091"


def test_keeping_a_county_from_a_former_state_is_allowed(
    db_session: Session, reviewer_user: User
) -> None:
    tip = plain_tip(db_session, county_fips="06037")  # set before STATES changed
    assert correct_county(db_session, tip, "06037", ["PA"], actor=reviewer_user) is False
    assert correct_county(db_session, tip, "42091", ["PA"], actor=reviewer_user) is True


# -- read marks -----------------------------------------------------------------


def test_read_marks_are_per_reviewer(
    db_session: Session, reviewer_user: User, review_app, org_identity
) -> None:
    other = make_user(db_session, review_app.config, org_identity, role="reviewer")
    tip, second = plain_tip(db_session, hour=1), plain_tip(db_session, hour=2)
    assert mark_read(db_session, tip, reviewer_user.id) is True
    assert mark_read(db_session, tip, reviewer_user.id) is False  # idempotent
    assert is_read(db_session, tip, reviewer_user.id)
    assert not is_read(db_session, tip, other.id)
    assert read_tip_ids(db_session, reviewer_user.id, [tip.id, second.id]) == {tip.id}
    assert read_tip_ids(db_session, other.id, [tip.id, second.id]) == set()
    assert read_tip_ids(db_session, other.id, []) == set()
    assert mark_unread(db_session, tip, reviewer_user.id) is True
    assert mark_unread(db_session, tip, reviewer_user.id) is False
    assert not is_read(db_session, tip, reviewer_user.id)
