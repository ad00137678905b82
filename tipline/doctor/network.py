"""Is the review app reachable only where it should be?

The review app belongs on localhost, a VPN, or behind an onion service with
client authorization, never on a public interface. Two looks:

- ``REVIEW_BIND`` (what the review app's gunicorn ``--bind`` is set to, as
  in deploy/systemd/tipline-review.service) must be a loopback or private
  address, or a unix socket;
- the kernel's table of listening TCP sockets (``/proc/net/tcp`` and
  ``tcp6``): nothing may listen on the review port on all interfaces or
  on a public address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from pathlib import Path

from tipline.doctor import Finding, fail, ok, warn

NAME = "review exposure"
LISTEN = "0A"
FIX = (
    "bind the review app to 127.0.0.1 (gunicorn --bind 127.0.0.1:8081, REVIEW_BIND) and reach "
    "it through a client-authorized onion service or a VPN (docs/deployment.md)"
)


def parse_bind(bind: str) -> tuple[str, int] | None:
    """``"host:port"`` (IPv6 in brackets) as a pair; None for a unix socket."""
    if bind.startswith("unix:"):
        return None
    host, _, port = bind.rpartition(":")
    return host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 - describing, not binding


def is_public(host: str) -> bool:
    """True for an address other machines on the internet could reach."""
    if host in ("localhost",):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a host name: it may resolve to anything
    if address.is_unspecified:
        return True
    return not (address.is_loopback or address.is_private or address.is_link_local)


def listeners(proc: Path) -> list[tuple[str, int]]:
    """Every listening TCP socket's (address, port), from /proc/net/tcp and tcp6."""
    found: list[tuple[str, int]] = []
    for name, width in (("tcp", 8), ("tcp6", 32)):
        path = proc / "net" / name
        try:
            lines = path.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 4 or fields[3] != LISTEN:
                continue
            address, _, port = fields[1].partition(":")
            if len(address) == width:
                found.append((_decode(address), int(port, 16)))
    return found


def _decode(hex_address: str) -> str:
    # The kernel prints each 32-bit word in host (little-endian) byte order.
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    address = ipaddress.ip_address(words)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(address)


def check_review_exposure(bind: str, proc: Path = Path("/proc")) -> Finding:
    try:
        target = parse_bind(bind)
    except ValueError:
        return fail(NAME, f"REVIEW_BIND {bind!r} is not host:port or unix:/path.", FIX)
    if target is None:
        return ok(NAME, f"the review app is configured on a unix socket ({bind[5:]})")
    host, port = target
    if is_public(host):
        return fail(NAME, f"REVIEW_BIND is {bind}, which other machines can reach.", FIX)
    exposed = [(a, p) for a, p in listeners(proc) if p == port and is_public(a)]
    if exposed:
        where = ", ".join(f"{address}:{port}" for address, port in _unique(exposed))
        return fail(NAME, f"something listens on the review port on {where}.", FIX)
    if not any(p == port for _, p in listeners(proc)):
        return warn(
            NAME,
            f"nothing listens on {bind}; is the review app running, and is REVIEW_BIND right?",
            "start tipline-review.service, or set REVIEW_BIND to the review app's --bind",
        )
    return ok(NAME, f"the review app listens on {bind} only")


def _unique(items: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return list(dict.fromkeys(items))
