"""deploy/: the systemd units pass ``systemd-analyze verify`` and score well on its
security check; the torrc has the proof-of-work defence and a client-authorized
review service; the units and the proxy example match what tipline expects.

``systemd-analyze`` runs offline on unit files (no running systemd needed);
where it is missing the tests say so and skip. The units' ``/opt/tipline/venv``
is pointed at this virtualenv, so ``verify`` finds real executables.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
ANALYZE = shutil.which("systemd-analyze")
needs_systemd = pytest.mark.skipif(
    ANALYZE is None, reason="systemd-analyze is not installed (Debian package 'systemd')"
)
HARDENING = (
    "NoNewPrivileges=yes",
    "PrivateTmp=yes",
    "ProtectSystem=strict",
    "ProtectHome=yes",
    "PrivateDevices=yes",
    "CapabilityBoundingSet=",
    "SystemCallFilter=@system-service",
    "UMask=0077",
    "InaccessiblePaths=-/var/lib/tipline/keys/identity.age",
)


@pytest.fixture(scope="module")
def local_units(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("units")
    copies = []
    for unit in UNITS:
        copy = folder / unit.name
        copy.write_text(unit.read_text().replace("/opt/tipline/venv", sys.prefix))
        copies.append(copy)
    return copies


def test_there_is_a_unit_for_each_process() -> None:
    assert [unit.name for unit in UNITS] == [
        "tipline-intake.service",
        "tipline-review.service",
        "tipline-worker.service",
    ]


@pytest.mark.parametrize("unit", UNITS, ids=lambda path: path.name)
def test_each_unit_is_hardened_and_logs_no_access(unit: Path) -> None:
    text = unit.read_text()
    for option in HARDENING:
        assert option in text.splitlines(), f"{unit.name} lacks {option}"
    service = [line for line in text.splitlines() if not line.startswith("#")]
    assert not any("access-log" in line for line in service)
    assert "User=tipline" in service


def test_the_web_apps_listen_on_loopback_only() -> None:
    for name, port in (("intake", 8080), ("review", 8081)):
        text = (DEPLOY / "systemd" / f"tipline-{name}.service").read_text()
        assert f"--bind 127.0.0.1:{port} " in text
        assert "IPAddressDeny=any" in text and "IPAddressAllow=localhost" in text


@needs_systemd
def test_systemd_analyze_verify_accepts_the_units(local_units: list[Path]) -> None:
    assert ANALYZE is not None
    result = subprocess.run(
        [ANALYZE, "verify", "--man=no", *map(str, local_units)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if "Failed to initialize manager" in result.stderr or "Failed to setup" in result.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr


@needs_systemd
def test_systemd_rates_each_unit_well_exposed_at_most_2(local_units: list[Path]) -> None:
    assert ANALYZE is not None
    for unit in local_units:
        result = subprocess.run(
            [ANALYZE, "security", "--offline=yes", "--no-pager", str(unit)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        score = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
        if score is None:
            pytest.skip(f"systemd-analyze security cannot rate units here: {result.stderr[:200]}")
        assert float(score.group(1)) <= 2.0, result.stdout


def _options(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            pairs.append((key, value.strip()))
    return pairs


def test_the_torrc_defends_the_intake_and_locks_the_review_site() -> None:
    options = _options(DEPLOY / "tor" / "torrc")
    services: dict[str, dict[str, str]] = {}
    current = None
    for key, value in options:
        if key == "HiddenServiceDir":
            current = value
            services[current] = {}
        elif current is not None:
            services[current][key] = value
    intake = services["/var/lib/tor/tipline-intake/"]
    review = services["/var/lib/tor/tipline-review/"]
    assert intake["HiddenServicePort"] == "80 127.0.0.1:8080"
    assert intake["HiddenServicePoWDefensesEnabled"] == "1"
    assert intake["HiddenServiceEnableIntroDoSDefense"] == "1"
    assert review["HiddenServicePort"] == "80 127.0.0.1:8081"
    # Client authorization is the authorized_clients/ folder of the review
    # service; the file says how to fill it.
    text = (DEPLOY / "tor" / "torrc").read_text()
    assert "/var/lib/tor/tipline-review/authorized_clients/" in text
    assert ("SafeLogging", "1") in options


@pytest.mark.skipif(shutil.which("tor") is None, reason="tor is not installed")
def test_tor_accepts_the_torrc(tmp_path: Path) -> None:
    data = tmp_path / "tor"
    data.mkdir(mode=0o700)
    torrc = (DEPLOY / "tor" / "torrc").read_text().replace("/var/lib/tor/", f"{data}/")
    (tmp_path / "torrc").write_text(f"{torrc}\nDataDirectory {data}\n")
    result = subprocess.run(
        ["tor", "--verify-config", "-f", str(tmp_path / "torrc")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Configuration was valid" in result.stdout, result.stdout + result.stderr


def test_the_proxy_example_logs_nothing_and_buffers_nothing_to_disk() -> None:
    text = (DEPLOY / "nginx" / "tipline.conf").read_text()
    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    directives = [line for line in lines if line]
    for required in (
        "access_log off;",
        "error_log stderr emerg;",
        "proxy_request_buffering off;",
        "client_body_in_file_only off;",
        "proxy_buffering off;",
        "proxy_max_temp_file_size 0;",
        'proxy_set_header X-Forwarded-For "";',
    ):
        assert required in directives, required
    assert not [d for d in directives if d.startswith("access_log") and d != "access_log off;"]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_add_review_client_writes_a_matching_key_pair(tmp_path: Path) -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    (tmp_path / "authorized_clients").mkdir()
    (tmp_path / "hostname").write_text("reviewexample.onion\n")
    script = DEPLOY / "tor" / "add-review-client"
    result = subprocess.run(
        [str(script), "alice-laptop", str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_RELOAD": "1"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    private_b32 = result.stdout.strip().splitlines()[-1]
    auth = (tmp_path / "authorized_clients" / "alice-laptop.auth").read_text().strip()
    assert auth.startswith("descriptor:x25519:")
    assert (tmp_path / "authorized_clients" / "alice-laptop.auth").stat().st_mode & 0o077 == 0

    def unb32(text: str) -> bytes:
        return base64.b32decode(text + "=" * (-len(text) % 8))

    private = X25519PrivateKey.from_private_bytes(unb32(private_b32))
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert unb32(auth.removeprefix("descriptor:x25519:")) == public
    again = subprocess.run(
        [str(script), "alice-laptop", str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 1 and "already exists" in again.stderr
