"""Topic tags: defaults, names, uniqueness, retiring, tagging tips."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import Engine, Insert, insert, select
from sqlalchemy.orm import Session

from tests.review.factories import make_user
from tests.review.tip_factories import plain_tip
from tipline.crypto import HybridIdentity
from tipline.models import Tag, Tip, User, tip_tags
from tipline.tips import TagError
from tipline.tips.tags import (
    DEFAULT_TAGS,
    create_tag,
    ensure_default_tags,
    get_tag,
    list_tags,
    normalize_name,
    rename_tag,
    seed_default_tags,
    set_retired,
    set_tip_tags,
    tag_usage,
    tags_for_tips,
)

MISSION_TAGS = {
    "release-time handoff",
    "joint police–ICE operation",
    "detainer / ICE hold",
    "courthouse arrest",
    "racial profiling",
    "home raid",
    "other",
}


def test_defaults_are_the_missions_topics(db_session: Session) -> None:
    assert set(DEFAULT_TAGS) == MISSION_TAGS
    assert ensure_default_tags(db_session) == 7
    assert {tag.name for tag in list_tags(db_session)} == MISSION_TAGS
    assert ensure_default_tags(db_session) == 0


def test_defaults_never_come_back_once_the_list_exists(db_session: Session, actor: User) -> None:
    ensure_default_tags(db_session)
    tags = {tag.name: tag for tag in list_tags(db_session)}
    rename_tag(db_session, tags["other"], "miscellaneous", actor=actor)
    set_retired(db_session, tags["home raid"], True, actor=actor)
    assert ensure_default_tags(db_session) == 0
    names = {tag.name for tag in list_tags(db_session)}
    assert "other" not in names and "miscellaneous" in names
    assert "home raid" not in {tag.name for tag in list_tags(db_session, include_retired=False)}


def test_seed_default_tags_commits_its_own_transaction(db_connection) -> None:
    def new_session() -> Session:
        return Session(bind=db_connection, join_transaction_mode="create_savepoint")

    assert seed_default_tags(new_session) == 7
    with new_session() as session:
        assert len(list_tags(session)) == 7
    assert seed_default_tags(new_session) == 0


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("  home   raid ", "home raid"),
        ("Courthouse\tarrest", "Courthouse arrest"),
        ("e\u0301viction", "éviction"),  # NFC
    ],
)
def test_names_are_tidied(raw: str, name: str) -> None:
    assert normalize_name(raw)[0] == name


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "x" * 61,
        "home\u202eraid",  # right-to-left override
        "home\u200braid",  # zero-width space
        "home\x00raid",
        "home\x07raid",
    ],
)
def test_bad_names_are_refused(raw: str) -> None:
    with pytest.raises(TagError):
        normalize_name(raw)


def test_names_are_unique_ignoring_case_and_width(db_session: Session, actor: User) -> None:
    create_tag(db_session, "Home Raid", actor=actor)
    for duplicate in ("home raid", "HOME  RAID", "ｈｏｍｅ raid"):
        with pytest.raises(TagError, match="already exists"):
            create_tag(db_session, duplicate, actor=actor)
    assert [tag.name for tag in list_tags(db_session)] == ["Home Raid"]


def test_rename(db_session: Session, actor: User) -> None:
    tag = create_tag(db_session, "detainer", actor=actor)
    other = create_tag(db_session, "home raid", actor=actor)
    rename_tag(db_session, tag, "Detainer", actor=actor)  # its own name, other case: fine
    assert tag.name == "Detainer"
    with pytest.raises(TagError, match="already exists"):
        rename_tag(db_session, tag, "Home raid", actor=actor)
    assert tag.name == "Detainer" and other.name == "home raid"


def test_the_database_refuses_a_duplicate_that_slips_past_the_check(
    db_session: Session, actor: User
) -> None:
    create_tag(db_session, "racial profiling", actor=actor)
    db_session.add(Tag(name="Racial profiling", name_key="racial profiling"))
    from tipline.tips.tags import _flush_unique

    with pytest.raises(TagError, match="already exists"):
        _flush_unique(db_session)


def test_get_tag(db_session: Session, actor: User) -> None:
    tag = create_tag(db_session, "courthouse arrest", actor=actor)
    assert get_tag(db_session, tag.id) is tag
    with pytest.raises(TagError):
        get_tag(db_session, "0" * 32)


def test_tagging_a_tip(db_session: Session, default_tags: dict[str, Tag], actor: User) -> None:
    tip = plain_tip(db_session, hour=3)
    handoff, raid = default_tags["release-time handoff"], default_tags["home raid"]
    change = set_tip_tags(db_session, tip, [handoff.id, raid.id], actor=actor)
    assert change.added == {handoff.id, raid.id} and not change.removed and change.changed
    assert [t.name for t in tags_for_tips(db_session, [tip.id])[tip.id]] == [
        "home raid",
        "release-time handoff",
    ]
    # The copy of the sort key that lets the inbox walk a tag newest first.
    hours = set(
        db_session.scalars(select(tip_tags.c.received_hour).where(tip_tags.c.tip_id == tip.id))
    )
    assert hours == {tip.received_hour}
    change = set_tip_tags(db_session, tip, [raid.id], actor=actor)
    assert change.removed == {handoff.id} and not change.added
    assert not set_tip_tags(db_session, tip, [raid.id], actor=actor).changed
    assert tag_usage(db_session) == {raid.id: 1}
    assert tags_for_tips(db_session, []) == {}


def test_retired_tags_stay_but_cannot_be_added(
    db_session: Session, default_tags: dict[str, Tag], actor: User
) -> None:
    tip, fresh = plain_tip(db_session, hour=1), plain_tip(db_session, hour=2)
    raid = default_tags["home raid"]
    set_tip_tags(db_session, tip, [raid.id], actor=actor)
    set_retired(db_session, raid, True, actor=actor)
    set_tip_tags(
        db_session, tip, [raid.id, default_tags["other"].id], actor=actor
    )  # keeps it: fine
    with pytest.raises(TagError, match="retired"):
        set_tip_tags(db_session, fresh, [raid.id], actor=actor)
    set_retired(db_session, raid, False, actor=actor)
    set_tip_tags(db_session, fresh, [raid.id], actor=actor)


def test_unknown_tag_ids_are_refused(db_session: Session, default_tags, actor: User) -> None:
    tip = plain_tip(db_session)
    with pytest.raises(TagError, match="does not exist"):
        set_tip_tags(db_session, tip, ["0" * 32], actor=actor)


def test_tipline_init_seeds_the_defaults_once(
    cli_runner, tmp_path, monkeypatch, actor: User
) -> None:
    from tipline.cli import cli
    from tipline.config import load_config
    from tipline.db import Database

    monkeypatch.setenv("TIPLINE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("TIPLINE_KEYS", str(tmp_path / "keys"))
    for name, value in {"ARGON2_MEMORY_KIB": "64", "ARGON2_ITERATIONS": "1"}.items():
        monkeypatch.setenv(f"TIPLINE_{name}", value)
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("a long organization passphrase\n")
    args = ["init", "--non-interactive", "--passphrase-file", str(passphrase), "--work-factor", "2"]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    database = Database(load_config(tmp_path / "instance")["DATABASE_URL"])
    with database.session() as session:
        tags = {tag.name: tag for tag in list_tags(session)}
        assert set(tags) == MISSION_TAGS
        rename_tag(session, tags["other"], "something else", actor=actor)
        session.commit()
    assert cli_runner.invoke(cli, args).exit_code == 0
    with database.session() as session:
        names = {tag.name for tag in list_tags(session)}
    assert "other" not in names and len(names) == 7
    database.engine.dispose()


def test_a_tag_added_by_someone_else_meanwhile_is_no_error(
    db_session: Session, actor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another reviewer's insert lands between this call's read and its write."""
    tag = create_tag(db_session, "home raid", actor=actor)
    tip = plain_tip(db_session)
    real_execute = db_session.execute
    raced: list[bool] = []

    def racing_execute(statement: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(statement, Insert) and statement.table is tip_tags and not raced:
            raced.append(True)
            row = {"tip_id": tip.id, "tag_id": tag.id, "received_hour": tip.received_hour}
            real_execute(insert(tip_tags).values(**row))
        return real_execute(statement, *args, **kwargs)

    monkeypatch.setattr(db_session, "execute", racing_execute)
    change = set_tip_tags(db_session, tip, [tag.id], actor=actor)
    assert raced and change.added == {tag.id}
    assert list(db_session.scalars(select(tip_tags.c.tag_id))) == [tag.id]


def test_two_sessions_adding_the_same_tag_at_once(
    committed_engine: Engine, base_config: dict[str, Any], org_identity: HybridIdentity
) -> None:
    """Two reviewers' transactions, truly concurrent (PostgreSQL row locks).

    The second insert waits for the first transaction and then finds the row;
    it must not fail with a unique violation. (SQLite has one writer at a
    time, so there the second transaction waits for the whole first one.)
    """
    with Session(committed_engine) as setup:
        reviewers = [
            make_user(setup, base_config, org_identity, username=name) for name in ("ana", "bo")
        ]
        tag = create_tag(setup, "courthouse arrest", actor=reviewers[0])
        tip = plain_tip(setup)
        setup.commit()
        tag_id, tip_id = tag.id, tip.id
        ana, bo = (user.id for user in reviewers)
    first, second = Session(committed_engine), Session(committed_engine)
    errors: list[BaseException] = []
    try:
        set_tip_tags(first, first.get(Tip, tip_id), [tag_id], actor=first.get(User, ana))  # type: ignore[arg-type]
        started = threading.Event()

        def other_reviewer() -> None:
            try:
                started.set()
                tip_b, user_b = second.get(Tip, tip_id), second.get(User, bo)
                set_tip_tags(second, tip_b, [tag_id], actor=user_b)  # type: ignore[arg-type]
                second.commit()
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        thread = threading.Thread(target=other_reviewer)
        if committed_engine.dialect.name == "sqlite":
            first.commit()  # one writer at a time: the race is PostgreSQL's
            thread.start()
        else:
            thread.start()
            started.wait()
            time.sleep(0.3)  # let the second insert reach the row lock
            first.commit()
        thread.join(20)
    finally:
        first.close()
        second.close()
    assert errors == []
    with Session(committed_engine) as check:
        rows = check.execute(select(tip_tags.c.tip_id, tip_tags.c.tag_id)).all()
    assert rows == [(tip_id, tag_id)]
