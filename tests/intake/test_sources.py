"""Receipt-phrase derivation: deterministic, normalized, peppered, separated."""

from __future__ import annotations

import pytest

from tipline import wordlist
from tipline.crypto import HybridIdentity, decrypt, encrypt
from tipline.receipt_phrases import derive_source_keys, lookup_id, new_phrase

PEPPER = "a-pepper-that-is-long-enough-for-tests-000"
PHRASE = "abacus abdomen abdominal abide abiding ability ablaze"


def test_same_phrase_same_keys() -> None:
    first = derive_source_keys(PHRASE, PEPPER)
    second = derive_source_keys(PHRASE, PEPPER)
    assert first.lookup_id == second.lookup_id
    assert str(first.identity.recipient()) == str(second.identity.recipient())


def test_known_answer() -> None:
    # Pinned: changing the derivation would strand every source's phrase.
    keys = derive_source_keys(PHRASE, PEPPER)
    assert keys.lookup_id == EXPECTED_LOOKUP


def test_matches_the_documented_derivation() -> None:
    """HMAC(pepper, phrase) -> HKDF, done by hand."""
    import hashlib
    import hmac

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    from tipline import receipt_phrases as sources

    master = hmac.new(PEPPER.encode(), PHRASE.encode(), hashlib.sha256).digest()

    def expand(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    keys = derive_source_keys(PHRASE, PEPPER)
    assert keys.lookup_id == expand(sources.LOOKUP_INFO).hex()
    expected = HybridIdentity.from_seed(expand(sources.SEED_INFO))
    assert str(keys.identity.recipient()) == str(expected.recipient())


def test_lookup_id_and_recipient_shapes() -> None:
    keys = derive_source_keys(PHRASE, PEPPER)
    assert len(keys.lookup_id) == 64
    int(keys.lookup_id, 16)
    assert str(keys.identity.recipient()).startswith("age1pq1")
    assert isinstance(keys.identity, HybridIdentity)


def test_typing_variations_are_normalized() -> None:
    messy = "  Abacus-ABDOMEN abdominal   abide.abiding, ability_ablaze "
    assert (
        derive_source_keys(messy, PEPPER).lookup_id == derive_source_keys(PHRASE, PEPPER).lookup_id
    )


@pytest.mark.parametrize(
    "change",
    [
        {"phrase": PHRASE.replace("ablaze", "aboard")},
        {"pepper": PEPPER + "x"},
    ],
)
def test_every_input_matters(change: dict[str, object]) -> None:
    args: dict[str, object] = {"phrase": PHRASE, "pepper": PEPPER, **change}
    assert derive_source_keys(**args).lookup_id != derive_source_keys(PHRASE, PEPPER).lookup_id  # type: ignore[arg-type]


def test_lookup_id_and_seed_are_separated() -> None:
    keys = derive_source_keys(PHRASE, PEPPER)
    assert keys.lookup_id not in str(keys.identity)
    assert keys.lookup_id not in repr(keys)
    assert "AGE-SECRET-KEY" not in repr(keys)


def test_reply_sealed_to_source_opens_with_rederived_identity() -> None:
    recipient = derive_source_keys(PHRASE, PEPPER).identity.recipient()
    sealed = encrypt(b"a reply for the source", [recipient])
    identity = derive_source_keys(PHRASE.upper(), PEPPER).identity
    assert decrypt(sealed, [identity]) == b"a reply for the source"


def test_lookup_id_alone_matches_the_full_derivation() -> None:
    assert lookup_id(PHRASE, PEPPER) == derive_source_keys(PHRASE, PEPPER).lookup_id


@pytest.mark.parametrize(("phrase", "pepper"), [("", PEPPER), (PHRASE, ""), (" - ", PEPPER)])
def test_rejects_bad_arguments(phrase: str, pepper: str) -> None:
    with pytest.raises(ValueError):
        derive_source_keys(phrase, pepper)
    with pytest.raises(ValueError):
        lookup_id(phrase, pepper)


def test_new_phrase_is_seven_list_words() -> None:
    phrase = new_phrase()
    assert wordlist.is_well_formed(phrase)
    assert len(phrase.split()) == 7
    assert new_phrase() != phrase


EXPECTED_LOOKUP = "09b2fa7cf1c850c52f5851e815f2f06d8b15c9ad37859e19fd58b933c101e4ac"
