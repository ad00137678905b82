"""One id format everywhere: what new_id makes is what is_id accepts."""

from __future__ import annotations

from tipline.models.base import is_id, new_id


def test_new_ids_are_ids() -> None:
    assert all(is_id(new_id()) for _ in range(100))


def test_anything_else_is_not_an_id() -> None:
    for bad in ("", "0" * 31, "0" * 33, "A" * 32, "g" * 32, "0" * 32 + "\n", "../" + "0" * 29):
        assert not is_id(bad)
    assert not is_id(None)
    assert not is_id(12345)
