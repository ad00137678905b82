"""File permissions: the keys and the instance folder must be private.

The instance holds ``config.py`` (the secrets that seal reviewers' key
copies and TOTP secrets), the SQLite database and the sealed blobs; the keys
folder holds the passphrase-protected identity. None of them may be
readable or writable by other users on the machine, and none writable by
the group. The public recipients file may be world-readable (it is meant to
be shared) but not writable by anyone else.
"""

from __future__ import annotations

import shlex
import stat
from collections.abc import Iterable
from pathlib import Path

from tipline.doctor import Finding, fail, ok, skip

PRIVATE = 0o077  # no group or other bits at all
SHARED_READ = 0o022  # readable by all is fine, writable by others is not
# The mode to set: (may be shared, is a folder) -> mode.
_MODES = {(True, True): 0o755, (True, False): 0o644, (False, True): 0o700, (False, False): 0o600}


def private_paths(
    name: str,
    root: Path,
    extra: Iterable[Path] = (),
    *,
    public: Iterable[str] = (),
    public_root: bool = False,
) -> Finding:
    """``root`` (a folder) and what is in it must be private; ``public`` names may be read."""
    if not root.exists():
        return skip(name, f"{root} does not exist here")
    problems: list[tuple[Path, int, int]] = []
    public_names = set(public)
    for path in [root, *_walk(root), *extra]:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            continue
        shared = path.name in public_names or (public_root and path == root)
        forbidden = SHARED_READ if shared else PRIVATE
        if mode & forbidden:
            wanted = _MODES[(shared, path.is_dir())]
            problems.append((path, mode, wanted))
    if not problems:
        return ok(name, f"{root} is private to its owner")
    shown = ", ".join(f"{path} ({mode:04o})" for path, mode, _ in problems[:3])
    more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
    fixes = sorted({(wanted, str(path)) for path, _, wanted in problems})
    commands = "; ".join(f"chmod {wanted:o} {shlex.quote(path)}" for wanted, path in fixes[:4])
    if len(fixes) > 4:
        commands = f"chmod -R go-rwx {shlex.quote(str(root))}"
    return fail(name, f"other users can reach {shown}{more}.", commands)


def _walk(root: Path) -> Iterable[Path]:
    # Shards of the blob store hold thousands of files; their folders and a
    # sample of each is enough to catch a wrong umask.
    if not root.is_dir():
        return
    for path in sorted(root.iterdir()):
        yield path
        if path.is_dir():
            for index, child in enumerate(sorted(path.iterdir())):
                if index >= 20:
                    break
                yield child
