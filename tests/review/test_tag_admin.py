"""The admin page for topic tags: create, rename, retire, restore."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.review.tip_factories import plain_tip
from tipline.models import AuditEvent, Tag, User
from tipline.tips.tags import list_tags


def _actions(db_session: Session) -> list[tuple[str, str | None]]:
    rows = db_session.execute(
        select(AuditEvent.action, AuditEvent.object_id)
        .where(AuditEvent.action.like("tag.%"))
        .order_by(AuditEvent.seq)
    )
    return [(action, object_id) for action, object_id in rows]


def test_admin_sees_tags_with_usage(
    admin_client: FlaskClient, db_session: Session, default_tags: dict[str, Tag]
) -> None:
    plain_tip(db_session, tags=[default_tags["home raid"]])
    html = admin_client.get("/admin/tags/").get_data(as_text=True)
    for name in ("release-time handoff", "joint police–ICE operation", "detainer / ICE hold"):
        assert f'<th scope="row">{name}</th>' in html
    assert "<td>1</td>" in html


def test_create_rename_retire_restore(
    admin_client: FlaskClient, admin_user: User, db_session: Session
) -> None:
    response = admin_client.post("/admin/tags/", data={"name": "  Jail  release "})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/tags/"
    [tag] = list_tags(db_session)
    assert tag.name == "Jail release"
    admin_client.post(f"/admin/tags/{tag.id}/rename", data={"name": "jail release (ICE)"})
    db_session.refresh(tag)
    assert tag.name == "jail release (ICE)"
    admin_client.post(f"/admin/tags/{tag.id}/retire", data={"retired": "1"})
    db_session.refresh(tag)
    assert tag.retired
    html = admin_client.get("/admin/tags/").get_data(as_text=True)
    assert "Offer again" in html
    admin_client.post(f"/admin/tags/{tag.id}/retire", data={"retired": "0"})
    db_session.refresh(tag)
    assert not tag.retired
    assert _actions(db_session) == [
        ("tag.create", tag.id),
        ("tag.rename", tag.id),
        ("tag.retire", tag.id),
        ("tag.restore", tag.id),
    ]


def test_bad_names_get_a_message(admin_client: FlaskClient, db_session: Session) -> None:
    admin_client.post("/admin/tags/", data={"name": "courthouse arrest"})
    for name, message in (
        ("Courthouse Arrest", "A tag with that name already exists."),
        ("", "A tag needs a name"),
        ("x" * 61, "A tag needs a name of at most 60 characters."),
        ("court\u202ehouse", "control or invisible characters"),
    ):
        response = admin_client.post("/admin/tags/", data={"name": name})
        assert response.status_code == 400, name
        assert message in response.get_data(as_text=True), name
    [tag] = list_tags(db_session)
    response = admin_client.post(
        f"/admin/tags/{tag.id}/rename", data={"name": " "}, follow_redirects=True
    )
    assert "A tag needs a name" in response.get_data(as_text=True)
    response = admin_client.post(f"/admin/tags/{tag.id}/retire", data={"retired": "x"})
    assert response.status_code == 400
    assert len(list_tags(db_session)) == 1


def test_tag_names_are_escaped(admin_client: FlaskClient, db_session: Session) -> None:
    admin_client.post("/admin/tags/", data={"name": "<img src=x onerror=alert(1)>"})
    html = admin_client.get("/admin/tags/").get_data(as_text=True)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_reviewers_cannot_manage_tags(
    reviewer_client: FlaskClient, db_session: Session, default_tags: dict[str, Tag]
) -> None:
    tag = default_tags["other"]
    assert reviewer_client.get("/admin/tags/").status_code == 403
    assert reviewer_client.post("/admin/tags/", data={"name": "x"}).status_code == 403
    assert (
        reviewer_client.post(f"/admin/tags/{tag.id}/rename", data={"name": "y"}).status_code == 403
    )
    assert (
        reviewer_client.post(f"/admin/tags/{tag.id}/retire", data={"retired": "1"}).status_code
        == 403
    )
    db_session.refresh(tag)
    assert tag.name == "other" and not tag.retired
