"""Shamir secret sharing and the share word encoding."""

from __future__ import annotations

import itertools
import os
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.crypto.shamir import (
    combine_shares,
    share_to_words,
    split_secret,
    wordlist,
    words_to_share,
)


def test_any_threshold_subset_recovers_the_secret() -> None:
    secret = os.urandom(32)
    shares = split_secret(secret, 3, 5)
    assert len({s[2] for s in shares}) == 5  # each share carries its own x
    for subset in itertools.permutations(shares, 3):
        assert combine_shares(list(subset)) == secret
    assert combine_shares(shares) == secret
    assert combine_shares([*shares[:3], shares[0]]) == secret  # duplicates are fine


def test_too_few_wrong_or_mixed_shares_are_detected() -> None:
    secret = os.urandom(32)
    shares = split_secret(secret, 3, 5)
    with pytest.raises(ValueError, match="at least 3"):
        combine_shares(shares[:2])
    with pytest.raises(ValueError, match="at least 3"):
        combine_shares([shares[0], shares[0], shares[1]])
    corrupted = bytearray(shares[1])
    corrupted[10] ^= 1
    with pytest.raises(ValueError, match="do not combine"):
        combine_shares([shares[0], bytes(corrupted), shares[2]])
    other = split_secret(secret, 3, 5)  # same secret, fresh polynomials
    with pytest.raises(ValueError, match="do not combine"):
        combine_shares([shares[0], shares[1], other[2]])
    with pytest.raises(ValueError, match="different splits"):
        combine_shares([shares[0], shares[1], split_secret(secret, 2, 5)[2]])
    with pytest.raises(ValueError, match="same index"):
        combine_shares([shares[0], bytes(corrupted), shares[1], shares[2]])
    with pytest.raises(ValueError):
        combine_shares([])


def test_fewer_than_threshold_shares_reveal_nothing() -> None:
    # With t-1 shares fixed, every candidate secret is equally consistent:
    # for a 1-byte secret and t=2, one share's y takes every value as the
    # polynomial varies, so it does not determine the secret.
    ys = {split_secret(b"\x42", 2, 2)[0][3] for _ in range(2000)}
    assert len(ys) > 200


def test_split_validation() -> None:
    for args in ((b"", 2, 3), (b"x", 0, 3), (b"x", 4, 3), (b"x", 2, 256)):
        with pytest.raises(ValueError):
            split_secret(*args)


@settings(max_examples=50)
@given(secret=st.binary(min_size=1, max_size=64), t=st.integers(1, 5), extra=st.integers(0, 3))
def test_split_combine_property(secret: bytes, t: int, extra: int) -> None:
    shares = split_secret(secret, t, t + extra)
    assert combine_shares(shares[extra:]) == secret
    for share in shares:
        assert words_to_share(share_to_words(share)) == share


def test_wordlist_file() -> None:
    words = wordlist()
    assert len(words) == 2048 == len(set(words))
    assert all(w.isascii() and w.isalpha() and w.islower() and 4 <= len(w) <= 7 for w in words)
    assert len({w[:4] for w in words}) == 2048  # four letters identify a word
    # No two words are one edit apart, so a typo never gives another word.
    keys: set[str] = set()
    for word in words:
        variants = {word[:i] + "?" + word[i + 1 :] for i in range(len(word))}
        variants |= {word[:i] + word[i + 1 :] for i in range(len(word))}
        assert not variants & keys, word
        keys |= {v for v in variants if "?" in v}
    deletions = {w[:i] + w[i + 1 :] for w in words for i in range(len(w))}
    assert not deletions & set(words)


def test_wordlist_is_reproducible_from_the_eff_list() -> None:
    """The committed list is exactly what its header says it was made from."""
    text = resources.files("diceware").joinpath("wordlists/wordlist_en_eff.txt").read_text()
    eff = [line.split()[-1] for line in text.splitlines() if line.strip()]

    def dels(w: str) -> set[str]:
        return {w[:i] + w[i + 1 :] for i in range(len(w))}

    def subs(w: str) -> set[str]:
        return {w[:i] + "?" + w[i + 1 :] for i in range(len(w))}

    def swaps(w: str) -> set[str]:
        return {w[:i] + w[i + 1] + w[i] + w[i + 2 :] for i in range(len(w) - 1)}

    kept: list[str] = []
    seen: set[str] = set()
    deleted: set[str] = set()
    substituted: set[str] = set()
    prefixes: set[str] = set()
    for w in sorted(eff, key=lambda w: (len(w), w)):
        if not (w.isascii() and w.isalpha() and 4 <= len(w) <= 7) or w[:4] in prefixes:
            continue
        if w in deleted or dels(w) & seen or subs(w) & substituted or swaps(w) & seen:
            continue
        kept.append(w)
        seen.add(w)
        deleted |= dels(w)
        substituted |= subs(w)
        prefixes.add(w[:4])
    assert tuple(sorted(kept[:2048])) == wordlist()


def test_words_detect_typos_substitutions_and_swaps() -> None:
    share = split_secret(os.urandom(32), 2, 3)[0]
    words = share_to_words(share).split()
    assert words_to_share(" ".join(words).upper()) == share  # case-insensitive
    assert words_to_share("  ".join(w[:4] for w in words)) == share  # 4-letter prefixes
    # A misspelled word is not in the list at all ...
    typo = words.copy()
    # (one letter changed so that it is neither a word nor a word's 4-letter
    # prefix: a changed 4th letter can land on another word's prefix)
    known = set(wordlist()) | {w[:4] for w in wordlist()}
    typo[5] = next(t for c in "zqxjvkwyfbhmpgucdltsonrie" if (t := typo[5][:-1] + c) not in known)
    with pytest.raises(ValueError, match="word 6"):
        words_to_share(" ".join(typo))
    # ... and a wrong but valid word, or two words swapped, fail the checksum.
    for i in range(len(words)):
        wrong = words.copy()
        wrong[i] = next(w for w in wordlist() if w != words[i])
        with pytest.raises(ValueError, match="checksum"):
            words_to_share(" ".join(wrong))
    swapped = words.copy()
    j = next(k for k in range(len(words) - 1) if words[k] != words[k + 1])
    swapped[j], swapped[j + 1] = swapped[j + 1], swapped[j]
    with pytest.raises(ValueError, match="checksum"):
        words_to_share(" ".join(swapped))
    with pytest.raises(ValueError):
        words_to_share(" ".join(words[:-1]))  # a missing word
