"""The public API: key types, parsing, recipient rules, one-shot encrypt/decrypt."""

from __future__ import annotations

import io
import os

import pytest

from tipline.crypto import (
    AgeError,
    HeaderError,
    HybridIdentity,
    HybridRecipient,
    KeyFormatError,
    NoIdentityError,
    RecipientError,
    ScryptIdentity,
    ScryptRecipient,
    Stanza,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    parse_identities_file,
    parse_identity,
    parse_recipient,
    parse_recipients_file,
)
from tipline.crypto.format import encode_header
from tipline.crypto.key_format import format_identity_file
from tipline.crypto.stream import EncryptWriter

# From the age spec's examples: a known identity/recipient pair would be better
# still, so check derivation against the CCTV vectors' keys instead.
CCTV_X25519 = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"
CCTV_HYBRID = "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG"
FAST = 10  # scrypt work factor for tests that are not about the cost


def test_identity_strings_round_trip() -> None:
    for text in (CCTV_X25519, CCTV_HYBRID):
        identity = parse_identity(text)
        assert str(identity) == text
        recipient = identity.recipient()
        assert parse_recipient(str(recipient)) == recipient
    assert str(parse_identity(CCTV_HYBRID).recipient()).startswith("age1pq1")
    assert len(str(parse_identity(CCTV_HYBRID).recipient())) > 1900


def test_deterministic_constructors() -> None:
    seed = bytes(range(32))
    assert str(X25519Identity.from_bytes(seed)) == str(X25519Identity.from_bytes(seed))
    assert HybridIdentity.from_seed(seed).recipient() == HybridIdentity.from_seed(seed).recipient()
    assert X25519Identity.generate().recipient() != X25519Identity.generate().recipient()
    with pytest.raises(ValueError):
        X25519Identity.from_bytes(b"short")
    with pytest.raises(ValueError):
        HybridIdentity.from_seed(bytes(31))


def test_reprs_never_show_secrets() -> None:
    for identity in (X25519Identity.generate(), HybridIdentity.generate()):
        secret = str(identity)
        assert secret.startswith("AGE-SECRET-KEY-")
        assert secret not in repr(identity)
        assert secret[20:40] not in repr(identity)
    assert "hunter2" not in repr(ScryptIdentity("hunter2"))
    assert "hunter2" not in repr(ScryptRecipient("hunter2"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "age1",
        "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",  # bad checksum
        "AGE1ZVKYG2LQZRAA2LNJVQEJ32NKUU0UES2S82HZRYE869XEEXVN73EQUNUJWJ",  # wrong case
        "ssh-ed25519 AAAA",
        "npub1xyz",
        CCTV_X25519,
    ],
)
def test_bad_recipients(text: str) -> None:
    with pytest.raises(KeyFormatError) as info:
        parse_recipient(text)
    assert isinstance(info.value, ValueError) and isinstance(info.value, AgeError)
    assert str(info.value)


def test_bad_identity_errors_do_not_echo_the_key() -> None:
    typo = CCTV_X25519[:-5] + "QQQQQ"
    with pytest.raises(KeyFormatError) as info:
        parse_identity(typo)
    assert "checksum" in str(info.value)
    assert typo[16:40] not in str(info.value)
    with pytest.raises(KeyFormatError, match="line 3"):
        parse_identities_file(f"# a comment\n\n{typo}\n")
    with pytest.raises(KeyFormatError) as info:
        parse_identities_file(f"# c\n{typo}\n")
    assert typo[16:40] not in str(info.value)
    with pytest.raises(KeyFormatError, match="recipient"):
        parse_identity("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj")


def test_key_files() -> None:
    x, h = X25519Identity.generate(), HybridIdentity.generate()
    text = format_identity_file(x) + "\n" + format_identity_file(h)
    assert "# created: " in text and f"# public key: {x.recipient()}" in text
    assert [str(i) for i in parse_identities_file(text)] == [str(x), str(h)]
    recipients = f"# org\n{x.recipient()}\n\n  {h.recipient()}  \r\n"
    assert parse_recipients_file(recipients) == [x.recipient(), h.recipient()]
    with pytest.raises(KeyFormatError, match="no recipients"):
        parse_recipients_file("# nothing\n")
    with pytest.raises(KeyFormatError, match="no identities"):
        parse_identities_file("")
    with pytest.raises(KeyFormatError, match="line 2"):
        parse_recipients_file(f"{x.recipient()}\nage1bogus\n")


def test_mixed_recipients_each_open_the_file() -> None:
    ids = [X25519Identity.generate(), HybridIdentity.generate(), X25519Identity.generate()]
    sealed = encrypt(b"tip", [i.recipient() for i in ids])
    assert sealed.count(b"\n-> ") == 3
    for identity in ids:
        assert decrypt(sealed, [identity]) == b"tip"
    with pytest.raises(NoIdentityError):
        decrypt(sealed, [HybridIdentity.generate(), X25519Identity.generate()])
    # Non-matching identities before the right one are skipped.
    assert decrypt(sealed, [HybridIdentity.generate(), ids[2]]) == b"tip"


def test_armor_is_detected_on_decrypt() -> None:
    identity = HybridIdentity.generate()
    sealed = encrypt(b"tip" * 1000, [identity.recipient()], armor=True)
    assert sealed.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert sealed.isascii()
    assert decrypt(sealed, [identity]) == b"tip" * 1000


def test_scrypt_round_trip_and_wrong_passphrase() -> None:
    sealed = encrypt(b"secret", [ScryptRecipient("correct horse", work_factor=FAST)])
    assert b"-> scrypt " in sealed and sealed.split(b"\n")[1].endswith(b" 10")
    assert decrypt(sealed, [ScryptIdentity("correct horse")]) == b"secret"
    assert decrypt(sealed, [ScryptIdentity(b"correct horse")]) == b"secret"
    with pytest.raises(NoIdentityError):
        decrypt(sealed, [ScryptIdentity("wrong horse")])
    with pytest.raises(NoIdentityError):  # an X25519 identity ignores scrypt stanzas
        decrypt(sealed, [X25519Identity.generate()])


def test_scrypt_must_be_alone_on_encrypt() -> None:
    with pytest.raises(RecipientError):
        encrypt(b"x", [ScryptRecipient("pw", FAST), X25519Identity.generate().recipient()])
    with pytest.raises(RecipientError):
        encrypt(b"x", [ScryptRecipient("pw", FAST), ScryptRecipient("pw2", FAST)])
    with pytest.raises(RecipientError):
        encrypt(b"x", [])


def _forge(stanza_sources, data: bytes = b"x") -> bytes:
    """An age file with exactly the stanzas the recipients produce, no checks."""
    file_key = os.urandom(16)
    stanzas = [s for r in stanza_sources for s in r.wrap(file_key)]
    out = io.BytesIO()
    with EncryptWriter(out, encode_header(stanzas, file_key), file_key, armor=False) as w:
        w.write(data)
    return out.getvalue()


def test_scrypt_must_be_alone_on_decrypt() -> None:
    identity = X25519Identity.generate()
    sealed = _forge([ScryptRecipient("pw", FAST), identity.recipient()])
    with pytest.raises(HeaderError, match="only stanza"):
        decrypt(sealed, [identity])
    with pytest.raises(HeaderError, match="only stanza"):
        decrypt(sealed, [ScryptIdentity("pw")])
    with pytest.raises(HeaderError, match="only stanza"):
        decrypt(_forge([ScryptRecipient("pw", FAST), ScryptRecipient("pw", FAST)]), [identity])
    assert decrypt(_forge([ScryptRecipient("pw", FAST)]), [ScryptIdentity("pw")]) == b"x"
    with pytest.raises(HeaderError, match="only stanza"):
        ScryptIdentity("pw").unwrap(
            [Stanza("scrypt", ("AAAAAAAAAAAAAAAAAAAAAA", "10"), bytes(32)), Stanza("x")]
        )


def test_scrypt_work_factor_limit() -> None:
    sealed = encrypt(b"x", [ScryptRecipient("pw", work_factor=12)])
    assert decrypt(sealed, [ScryptIdentity("pw", max_work_factor=12)]) == b"x"
    with pytest.raises(HeaderError, match="work factor 12 exceeds"):
        decrypt(sealed, [ScryptIdentity("pw", max_work_factor=11)])
    # The default cap is 22, as in age: a file claiming 23 is refused unworked.
    forged = sealed.replace(b" 12\n", b" 23\n")
    with pytest.raises(HeaderError, match="exceeds the limit 22"):
        decrypt(forged, [ScryptIdentity("pw")])
    with pytest.raises(ValueError):
        ScryptRecipient("pw", work_factor=0)
    with pytest.raises(ValueError):
        ScryptRecipient("")


def test_default_work_factor_is_18() -> None:
    assert ScryptRecipient("pw").work_factor == 18
    assert ScryptIdentity("pw").max_work_factor == 22


def test_unknown_stanzas_are_ignored() -> None:
    identity = HybridIdentity.generate()
    sealed = encrypt(b"x", [identity.recipient()])
    header_end = sealed.index(b"\n---")
    grease = b"\n-> some.example/grease 1 2 3\n" + b"A" * 64 + b"\nAAAA"
    forged = sealed[:header_end] + grease + sealed[header_end:]
    # The MAC covers the header, so the grease breaks it - but only at the MAC,
    # after the unknown stanza was skipped without complaint.
    from tipline.crypto import HeaderMACError

    with pytest.raises(HeaderMACError):
        decrypt(forged, [identity])


def test_recipient_types_are_distinct() -> None:
    h = HybridIdentity.generate().recipient()
    assert isinstance(parse_recipient(str(h)), HybridRecipient)
    x = X25519Identity.generate().recipient()
    assert isinstance(parse_recipient(str(x)), X25519Recipient)
    assert {x, x, h} == {x, h}
