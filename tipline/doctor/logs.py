"""Is anything writing an access log? Access logs record visitors' addresses.

tipline itself logs events and counts only, but the servers around it log
every request with the client's address unless told not to. Looked at:

- running gunicorn processes (``/proc/<pid>/cmdline``, and
  ``GUNICORN_CMD_ARGS`` where the environment is readable): no
  ``--access-logfile`` / ``accesslog``;
- tipline's systemd units (``/etc/systemd/system/tipline*.service``);
- nginx (``/etc/nginx``): it writes an access log by default, so every
  ``access_log`` must be ``off`` and at least one must say so; its error
  log names the client in each line, so ``error_log`` must be at ``emerg``
  (start-up failures only) or go to ``/dev/null``;
- Apache (``/etc/apache2``): no ``CustomLog`` or ``TransferLog`` enabled;
- Tor (``/etc/tor/torrc``): ``SafeLogging`` must not be turned off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from tipline.doctor import Finding, fail, ok

NAME = "access logs"
_GUNICORN_FLAGS = re.compile(r"--access-logfile|--access_logfile|\baccesslog\s*=")
_NGINX_ACCESS = re.compile(r"^\s*access_log\s+([^;]+);", re.MULTILINE)
_NGINX_ERRORS = re.compile(r"^\s*error_log\s+([^;]+);", re.MULTILINE)
_APACHE_LOG = re.compile(r"^\s*(CustomLog|TransferLog)\s", re.MULTILINE | re.IGNORECASE)
_SAFE_LOGGING_OFF = re.compile(r"^\s*SafeLogging\s+0\b", re.MULTILINE | re.IGNORECASE)


def check_access_logs(proc: Path = Path("/proc"), etc: Path = Path("/etc")) -> Finding:
    problems: list[str] = []
    fixes: list[str] = []
    if any(_GUNICORN_FLAGS.search(args) for args in _gunicorn_commands(proc)):
        problems.append("a running gunicorn writes an access log")
        fixes.append("remove --access-logfile from gunicorn's command line")
    for unit in sorted((etc / "systemd" / "system").glob("tipline*.service")):
        if _GUNICORN_FLAGS.search(_uncommented(_read(unit))):
            problems.append(f"{unit} starts gunicorn with an access log")
            fixes.append(f"remove --access-logfile from {unit}")
    nginx = etc / "nginx"
    if nginx.is_dir():
        values = [
            m.group(1).strip() for f in _files(nginx) for m in _NGINX_ACCESS.finditer(_read(f))
        ]
        if not values or any(value.split()[0] != "off" for value in values):
            problems.append("nginx writes an access log (it does unless told 'access_log off;')")
            fixes.append(
                "put 'access_log off;' in nginx's http block and remove other access_log lines"
            )
        errors = [
            m.group(1).split() for f in _files(nginx) for m in _NGINX_ERRORS.finditer(_read(f))
        ]
        if not errors or any(w[0] != "/dev/null" and w[-1] != "emerg" for w in errors):
            problems.append("nginx's error log names clients (its lines carry their addresses)")
            fixes.append("set 'error_log stderr emerg;' and remove other error_log lines")
    apache = etc / "apache2"
    if apache.is_dir():
        enabled = [*apache.glob("sites-enabled/*"), *apache.glob("conf-enabled/*")]
        if any(_APACHE_LOG.search(_read(path)) for path in enabled):
            problems.append("Apache has a CustomLog or TransferLog enabled")
            fixes.append(
                "remove CustomLog and TransferLog from the enabled sites, "
                "and a2disconf other-vhosts-access-log"
            )
    torrc = etc / "tor" / "torrc"
    if _SAFE_LOGGING_OFF.search(_read(torrc)):
        problems.append(f"{torrc} turns SafeLogging off")
        fixes.append(f"remove 'SafeLogging 0' from {torrc}")
    if problems:
        return fail(NAME, "; ".join(problems) + ".", "; ".join(fixes) + ".")
    return ok(NAME, "no access log is configured (gunicorn, systemd units, nginx, Apache, Tor)")


def _gunicorn_commands(proc: Path) -> Iterator[str]:
    for entry in proc.glob("[0-9]*"):
        try:
            args = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "gunicorn" not in args or "tipline" not in args:
            continue
        yield args
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue  # another user's process: the command line has to do
        for item in environ:
            if item.startswith(b"GUNICORN_CMD_ARGS="):
                yield item.decode(errors="replace")


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        # Debian keeps sites in sites-available and links the enabled ones.
        if path.is_file() and "sites-available" not in path.parts and path.suffix != ".default":
            yield path


def _uncommented(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("#", ";")))


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""
