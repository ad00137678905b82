"""Topic tags: the admin-managed list, and tagging tips with it.

Names are the organization's configuration, validated here so that one
tag cannot impersonate another: no control or invisible formatting
characters (bidi overrides, zero-width joiners), whitespace collapsed, and
uniqueness decided on the NFKC-casefolded form, so "Home Raid", "home raid"
and "ｈｏｍｅ raid" are the same tag.

Every change is recorded in the audit log here (``tag.create``,
``tag.rename``, ``tag.retire``, ``tag.restore``, ``tip.tag``; ids only).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tipline import audit
from tipline.dialects import insert_new_rows
from tipline.models.base import is_id
from tipline.models.tag import TAG_NAME_MAX, Tag, tip_tags
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.tips import TagError

# From the mission (DESIGN.md): what the tips are about.
DEFAULT_TAGS = (
    "release-time handoff",
    "joint police–ICE operation",
    "detainer / ICE hold",
    "courthouse arrest",
    "racial profiling",
    "home raid",
    "other",
)
# Unicode categories that must not appear in a name: controls, invisible
# format characters (incl. bidi overrides), surrogates, private use, unassigned.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


@dataclass(frozen=True)
class TagChange:
    """Which tag ids a tagging call added and removed (for the audit log)."""

    added: frozenset[str]
    removed: frozenset[str]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def normalize_name(raw: str) -> tuple[str, str]:
    """Validate a tag name; return ``(display name, uniqueness key)``."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise TagError("A tag needs a name.")
    if len(name) > TAG_NAME_MAX:
        raise TagError(f"A tag name can have at most {TAG_NAME_MAX} characters.")
    if any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in name):
        raise TagError("A tag name cannot contain control or invisible characters.")
    key = unicodedata.normalize("NFKC", name).casefold()
    return name, key


def list_tags(session: Session, *, include_retired: bool = True) -> list[Tag]:
    """Tags in name order, active ones only unless ``include_retired``."""
    query = select(Tag).order_by(Tag.name_key)
    if not include_retired:
        query = query.where(Tag.retired.is_(False))
    return list(session.scalars(query))


def get_tag(session: Session, tag_id: str) -> Tag:
    tag = session.get(Tag, tag_id) if is_id(tag_id) else None
    if tag is None:
        raise TagError("There is no such tag.")
    return tag


def _check_free(session: Session, key: str, exclude_id: str | None = None) -> None:
    query = select(Tag.id).where(Tag.name_key == key)
    if exclude_id is not None:
        query = query.where(Tag.id != exclude_id)
    if session.scalar(query) is not None:
        raise TagError("A tag with that name already exists.")


def _flush_unique(session: Session) -> None:
    # Two admins racing past _check_free still cannot create a duplicate: the
    # unique index refuses, and only this savepoint is undone.
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise TagError("A tag with that name already exists.") from exc


def _record(session: Session, actor: User, action: str, tag: Tag) -> None:
    audit.record(session, actor=actor, action=action, object_type="tag", object_id=tag.id)


def create_tag(session: Session, raw_name: str, *, actor: User) -> Tag:
    name, key = normalize_name(raw_name)
    _check_free(session, key)
    tag = Tag(name=name, name_key=key, retired=False)
    session.add(tag)
    _flush_unique(session)
    _record(session, actor, "tag.create", tag)
    return tag


def rename_tag(session: Session, tag: Tag, raw_name: str, *, actor: User) -> None:
    name, key = normalize_name(raw_name)
    _check_free(session, key, exclude_id=tag.id)
    tag.name, tag.name_key = name, key
    _flush_unique(session)
    _record(session, actor, "tag.rename", tag)


def set_retired(session: Session, tag: Tag, retired: bool, *, actor: User) -> None:
    """Retire a tag (kept on tips, no longer offered) or bring it back."""
    tag.retired = retired
    session.flush()
    _record(session, actor, "tag.retire" if retired else "tag.restore", tag)


def ensure_default_tags(session: Session) -> int:
    """Create the mission's default tags if no tag exists yet; return how many.

    Only an empty list is seeded, so running ``tipline init`` again never
    brings back a default an admin has renamed or retired.
    """
    if session.scalar(select(func.count()).select_from(Tag)):
        return 0
    for raw in DEFAULT_TAGS:
        name, key = normalize_name(raw)
        session.add(Tag(name=name, name_key=key, retired=False))
    session.flush()
    return len(DEFAULT_TAGS)


def tag_usage(session: Session) -> dict[str, int]:
    """How many tips carry each tag (for the admin page, not the inbox)."""
    query = select(tip_tags.c.tag_id, func.count()).group_by(tip_tags.c.tag_id)
    return {tag_id: int(count) for tag_id, count in session.execute(query).all()}


def tags_for_tips(session: Session, tip_ids: Iterable[str]) -> dict[str, list[Tag]]:
    """Each tip's tags in name order (one query for a whole inbox page)."""
    ids = list(tip_ids)
    result: dict[str, list[Tag]] = {tip_id: [] for tip_id in ids}
    if not ids:
        return result
    rows = session.execute(
        select(tip_tags.c.tip_id, Tag)
        .join(Tag, Tag.id == tip_tags.c.tag_id)
        .where(tip_tags.c.tip_id.in_(ids))
        .order_by(Tag.name_key)
    )
    for tip_id, tag in rows.all():
        result[tip_id].append(tag)
    return result


def set_tip_tags(session: Session, tip: Tip, tag_ids: Collection[str], *, actor: User) -> TagChange:
    """Make ``tag_ids`` exactly the tip's tags (``tip.tag`` if that changes them).

    A retired tag the tip already has may stay, but cannot be newly added.
    """
    wanted = set(tag_ids)
    known = {tag.id: tag for tag in session.scalars(select(Tag).where(Tag.id.in_(wanted)))}
    if len(known) != len(wanted):
        raise TagError("One of the chosen tags does not exist.")
    current = set(session.scalars(select(tip_tags.c.tag_id).where(tip_tags.c.tip_id == tip.id)))
    added, removed = wanted - current, current - wanted
    if any(known[tag_id].retired for tag_id in added):
        raise TagError("A retired tag cannot be added to a tip.")
    if removed:
        session.execute(
            delete(tip_tags).where(tip_tags.c.tip_id == tip.id, tip_tags.c.tag_id.in_(removed))
        )
    # Another reviewer may add the same tag at the same moment: their row
    # then counts as ours rather than failing the primary key.
    insert_new_rows(
        session,
        tip_tags,
        [
            {"tip_id": tip.id, "tag_id": tag_id, "received_hour": tip.received_hour}
            for tag_id in sorted(added)
        ],
    )
    change = TagChange(added=frozenset(added), removed=frozenset(removed))
    if change.changed:
        audit.record(session, actor=actor, action="tip.tag", object_type="tip", object_id=tip.id)
    return change


def seed_default_tags(new_session: Callable[[], Session]) -> int:
    """:func:`ensure_default_tags` in its own committed transaction (``tipline init``)."""
    with new_session() as session, session.begin():
        return ensure_default_tags(session)
