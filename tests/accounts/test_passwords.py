"""Password rules and the Argon2id split into verifier and wrap key."""

from __future__ import annotations

import pytest

from tipline import wordlist
from tipline.accounts import passwords
from tipline.accounts.errors import WeakPasswordError
from tipline.accounts.passwords import KdfParams

PARAMS = KdfParams(memory_kib=64, iterations=1, lanes=1)
SECRET = "instance-secret-for-tests-0123456789abcd"


def test_password_needs_14_characters() -> None:
    with pytest.raises(WeakPasswordError):
        passwords.check_password("x" * 13)
    passwords.check_password("x" * 14)


def test_password_has_an_upper_bound_and_is_not_blank() -> None:
    with pytest.raises(WeakPasswordError):
        passwords.check_password("x" * (passwords.MAX_LENGTH + 1))
    with pytest.raises(WeakPasswordError):
        passwords.check_password(" " * 20)


def test_suggestions_are_diceware_and_long_enough() -> None:
    suggestion = passwords.suggest()
    words = suggestion.split(" ")
    assert len(words) == passwords.SUGGESTED_WORDS
    assert set(words) <= set(wordlist.words())
    passwords.check_password(suggestion)
    assert passwords.suggest() != suggestion
    assert len(passwords.one_time_password().split(" ")) == wordlist.PHRASE_WORDS


def test_derivation_is_deterministic_and_matches() -> None:
    salt = passwords.new_salt()
    one = passwords.derive("a long enough password", salt, PARAMS, SECRET, "u1")
    two = passwords.derive("a long enough password", salt, PARAMS, SECRET, "u1")
    assert one.matches(two.verifier)
    assert str(one.wrap_identity.recipient()) == str(two.wrap_identity.recipient())
    other = passwords.derive("a long enough passwore", salt, PARAMS, SECRET, "u1")
    assert not other.matches(one.verifier)


def test_verifier_and_wrap_key_depend_on_the_instance_secret() -> None:
    salt = passwords.new_salt()
    right = passwords.derive("a long enough password", salt, PARAMS, SECRET, "u1")
    wrong = passwords.derive("a long enough password", salt, PARAMS, SECRET + "x", "u1")
    assert not wrong.matches(right.verifier)
    assert str(wrong.wrap_identity.recipient()) != str(right.wrap_identity.recipient())


def test_wrap_key_is_bound_to_the_user_id() -> None:
    salt = passwords.new_salt()
    one = passwords.derive("a long enough password", salt, PARAMS, SECRET, "u1")
    two = passwords.derive("a long enough password", salt, PARAMS, SECRET, "u2")
    assert str(one.wrap_identity.recipient()) != str(two.wrap_identity.recipient())


def test_derived_keys_never_print_their_secrets() -> None:
    keys = passwords.derive("a long enough password", passwords.new_salt(), PARAMS, SECRET, "u")
    assert repr(keys) == "DerivedKeys(...)"
    assert "AGE-SECRET-KEY" not in repr(keys.wrap_identity)
