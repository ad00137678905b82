"""The sandbox holds: escape attempts fail inside it, and its absence fails closed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

import tipline
from tests.safecopy import factories
from tests.safecopy.tools import needs_bwrap, needs_poppler, sandboxed
from tipline.safecopy.convert import convert
from tipline.safecopy.errors import ConversionError, SandboxUnavailableError
from tipline.safecopy.sandbox import bwrap_command
from tipline.safecopy.settings import Settings

# Run inside the sandbox as the hostile file would be: every attempt must fail.
PROBE = r"""
import json, os, socket, sys
secret, project_file = sys.argv[1], sys.argv[2]
results = {}
def attempt(name, action):
    try:
        action()
        results[name] = "allowed"
    except Exception as exc:
        results[name] = type(exc).__name__
attempt("read /etc/passwd", lambda: open("/etc/passwd").read())
attempt("read /etc/shadow", lambda: open("/etc/shadow").read())
attempt("read the instance secret", lambda: open(secret).read())
attempt("read the project's files", lambda: open(project_file).read())
results["visible"] = {}
for top in ("/", "/work", "/root", "/home", "/etc", "/run", "/tmp"):
    try:
        results["visible"][top] = sorted(os.listdir(top))
    except OSError:
        results["visible"][top] = []
attempt("write to /usr", lambda: open("/usr/escape", "w").write("x"))
attempt("write to the code", lambda: open("/run/safecopy/inside/x.py", "w").write("x"))
def connect():
    with socket.create_connection(("127.0.0.1", 5432), timeout=2):
        pass
attempt("connect to a local server", connect)
results["uid"] = os.getuid()
results["tipline env"] = sorted(k for k in os.environ if k.startswith("TIPLINE"))
results["interfaces"] = sorted(name for _, name in socket.if_nameindex())
print(json.dumps(results))
"""


@needs_bwrap
def test_escape_attempts_are_refused_inside_the_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "instance" / "config.py"
    secret.parent.mkdir()
    secret.write_text("INSTANCE_SECRET = 'must never be readable'\n")
    monkeypatch.setenv("TIPLINE_INSTANCE_SECRET", "x" * 40)
    project_file = Path(tipline.__file__).resolve().parents[1] / "setup.cfg"
    command = sandboxed([sys.executable, "-E", "-s", "-c", PROBE, str(secret), str(project_file)])
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    results = json.loads(done.stdout)

    for name in (
        "read /etc/passwd",
        "read /etc/shadow",
        "read the instance secret",
        "read the project's files",
        "write to /usr",
        "write to the code",
        "connect to a local server",
    ):
        assert results[name] != "allowed", name
    assert results["uid"] == 65534
    assert results["tipline env"] == []
    assert results["interfaces"] == ["lo"]  # its own network namespace, loopback down
    # Nothing else of the host is there: only system folders and the way to
    # the Python environment (which may live under /root, /work or /tmp).
    bound = [Path(p) for p in (sys.prefix, sys.base_prefix)]
    ancestors = {part for p in bound for part in p.parts}
    visible = results["visible"]
    assert set(visible["/"]) <= {"usr", "bin", "lib", "lib64", "sbin", "etc", "proc", "dev"} | {
        "tmp", "run"} | ancestors  # fmt: skip
    assert set(visible["/etc"]) <= {"fonts", "ld.so.cache", "libreoffice", "alternatives"}
    assert visible["/run"] == ["safecopy"]
    for top in ("/tmp", "/work", "/root", "/home"):
        assert set(visible[top]) <= ancestors


def test_the_command_binds_only_what_the_worker_needs() -> None:
    pytest.importorskip("shutil").which("bwrap") or pytest.skip("bubblewrap is not installed")
    args = bwrap_command(Settings())
    assert args[1] == "--unshare-all" and "--share-net" not in args
    assert "--clearenv" in args and "--die-with-parent" in args
    binds = [args[i + 1] for i, arg in enumerate(args) if arg in ("--bind", "--ro-bind")]
    assert "--bind" not in args  # nothing writable from the host
    for path in binds:
        allowed = ("/usr", "/bin", "/lib", "/lib64", "/sbin", sys.prefix, sys.base_prefix)
        assert path in allowed or path.endswith("/tipline/safecopy/inside"), path


def test_a_virtual_environment_under_tmp_stays_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    # bwrap mounts in order: a tmpfs on /tmp after the prefix's bind would hide
    # an interpreter installed under the host's /tmp (a clone in /tmp, say).
    pytest.importorskip("shutil").which("bwrap") or pytest.skip("bubblewrap is not installed")
    monkeypatch.setattr(sys, "prefix", "/tmp/clone/.venv")
    args = bwrap_command(Settings())
    tmpfs = args.index("--tmpfs")
    assert args[tmpfs + 1] == "/tmp"
    binds = [
        i for i, arg in enumerate(args) if arg == "--ro-bind" and args[i + 1].startswith("/tmp/")
    ]
    assert binds and all(tmpfs < i for i in binds)


def test_a_missing_bwrap_fails_closed() -> None:
    settings = replace(Settings(), bwrap="/nonexistent/bwrap")
    with pytest.raises(SandboxUnavailableError) as caught:
        convert([factories.gps_photo()], settings)
    assert "bubblewrap" in str(caught.value) and "not installed" in str(caught.value)


def test_a_bwrap_that_cannot_create_namespaces_fails_closed(tmp_path: Path) -> None:
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    with pytest.raises(SandboxUnavailableError) as caught:
        convert([factories.gps_photo()], replace(Settings(), bwrap=str(fake)))
    assert "could not start" in str(caught.value)


@needs_poppler
def test_the_unsandboxed_fallback_converts_with_the_same_limits(unsandboxed: Settings) -> None:
    conversion = convert([factories.hostile_pdf()], unsandboxed)
    assert conversion.pages == 1 and not conversion.sandboxed
    assert factories.AUTHOR.encode() not in conversion.pdf
    with pytest.raises(ConversionError) as caught:
        convert([factories.many_pages_pdf()], unsandboxed)
    assert caught.value.code == "too_many_pages"


def test_the_unsandboxed_fallback_refuses_office_documents(unsandboxed: Settings) -> None:
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ConversionError) as caught:
        convert([docx.getvalue()], unsandboxed)
    assert caught.value.code == "office_unsandboxed"
    assert "only inside the sandbox" in str(caught.value)
