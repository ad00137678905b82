"""County FIPS data and diceware words."""

from __future__ import annotations

import math

from tipline import counties, wordlist


def test_pennsylvania_has_67_counties_including_montgomery():
    pa = counties.counties_for(["PA"])
    assert len(pa) == 67
    assert {c.fips for c in pa} >= {"42091", "42101", "42003"}
    assert counties.name("42091") == "Montgomery County, PA"


def test_other_states_and_validation():
    assert counties.is_valid("34021", ["NJ"])  # Mercer County, NJ
    assert not counties.is_valid("34021", ["PA"])
    assert not counties.is_valid("99999", ["PA"])
    assert counties.name(None) == "Other / not sure"
    assert "99999" in counties.name("99999")


def test_phrase_has_about_90_bits_and_round_trips():
    assert len(wordlist.words()) == 7776
    assert math.log2(7776) * wordlist.PHRASE_WORDS > 90
    phrase = wordlist.generate()
    assert wordlist.is_well_formed(phrase)
    assert wordlist.is_well_formed("  " + phrase.upper().replace(" ", " - ") + " ")
    assert not wordlist.is_well_formed(phrase + " extra")
    assert not wordlist.is_well_formed("not real words at all here now")
    assert wordlist.generate() != phrase


def test_hyphenated_list_words_survive_normalization():
    hyphenated = [w for w in wordlist.words() if "-" in w]
    assert hyphenated  # "t-shirt", "yo-yo", ...
    phrase = " ".join([*hyphenated, "abacus", "zoom", "zebra"][:7])
    assert wordlist.is_well_formed(phrase)
    assert wordlist.normalize("T-SHIRT-abacus") == "t-shirt abacus"
