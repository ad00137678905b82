"""Which files of the instance and key folders a backup takes."""

from __future__ import annotations

from pathlib import Path

from tipline.backup.create import _files


def test_the_walk_skips_hidden_temporary_linked_and_skipped_files(tmp_path: Path) -> None:
    root = tmp_path / "instance"
    for name in [
        "config.py",
        "b/nested.txt",
        "a.txt",
        ".hidden",
        ".cache/inside.txt",
        "upload.tmp",
        "blobs/ab/0123",
        "tipline.sqlite3",
        "tipline.sqlite3-wal",
        "x.tmp/kept.txt",
    ]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / "link.txt").symlink_to(root / "a.txt")
    (root / "linked-folder").symlink_to(root / "b")
    skip = {
        (root / "blobs").resolve(),
        (root / "tipline.sqlite3").resolve(),
        (root / "tipline.sqlite3-wal").resolve(),
    }
    walked = list(_files(root, skip))
    assert [name for name, _ in walked] == ["a.txt", "b/nested.txt", "config.py", "x.tmp/kept.txt"]
    assert all(path == root / name for name, path in walked)
    assert list(_files(tmp_path / "missing", set())) == []
