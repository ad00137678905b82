"""Folding, query parsing and snippets: case, accents, Spanish, hostile input."""

from __future__ import annotations

import pytest

from tipline.search import QueryError
from tipline.search.text import MAX_QUERY_LENGTH, MAX_TERMS, fold, parse_query, snippet


def found(query: str, text: str) -> bool:
    return parse_query(query).matches(fold(text))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Norristown", "he was taken in norristown"),
        ("norristown", "NORRISTOWN, PA"),
        ("detención", "la detencion fue a las 2"),
        ("detencion", "La DETENCIÓN fue a las 2"),
        ("señor pérez", "el Senor PEREZ lo vio"),
        ("niño", "un nino de 12 años"),
        ("MIGRACIÓN", "migración llegó"),
        ("cárcel del condado", "en la carcel   del\ncondado"),
        ('"back door"', "at the BACK  door of the jail"),
        ("ﬁle", "a file was sent"),  # the ligature folds to "fi"
        ("strasse", "Hauptstraße 5"),
        ("e\u0301", "café"),  # a decomposed accent in the query
        ("café", "cafe\u0301"),  # and in the text
    ],
)
def test_case_and_accent_insensitive(query: str, text: str) -> None:
    assert found(query, text)


def test_every_word_must_occur_and_phrases_together() -> None:
    assert found("ICE jail", "the jail called ice")
    assert not found("ICE jail", "the jail called nobody")
    assert not found('"back door"', "the door at the back")
    assert found("back door", "the door at the back")


@pytest.mark.parametrize("metachars", [".*", "(", "[a-z]+", "\\d", "^$", "a|b", "?", "\\"])
def test_regex_metacharacters_are_plain_characters(metachars: str) -> None:
    text = "nothing special here"
    query = f"x{metachars}"
    assert not found(query, text)
    assert found(query, f"literally x{metachars} here")


def test_html_in_a_query_is_just_text() -> None:
    assert found("<script>", "he wrote <script> in the letter")
    assert not found("<script>", "he wrote script in the letter")


@pytest.mark.parametrize("empty", ["", "   ", "\n\t", '""', '" "'])
def test_empty_query_has_a_clear_message(empty: str) -> None:
    with pytest.raises(QueryError, match=r"Type a word|letter or digit"):
        parse_query(empty)


def test_punctuation_only_is_refused() -> None:
    with pytest.raises(QueryError, match="letter or digit"):
        parse_query("... ---")


def test_very_long_queries_are_refused() -> None:
    with pytest.raises(QueryError, match=f"at most {MAX_QUERY_LENGTH} characters"):
        parse_query("a" * (MAX_QUERY_LENGTH + 1))
    with pytest.raises(QueryError, match=f"at most {MAX_TERMS} words"):
        parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    assert parse_query("a" * MAX_QUERY_LENGTH).terms == ("a" * MAX_QUERY_LENGTH,)


def test_duplicate_terms_collapse() -> None:
    assert parse_query("Jail jail JAIL cárcel carcel").terms == ("jail", "carcel")


def test_snippet_marks_matches_in_the_original_text() -> None:
    text = (
        "Intro line.\n"
        + "x " * 60
        + "La DETENCIÓN ocurrió en Norristown, según el señor."
        + " y" * 60
    )
    pieces = snippet(text, parse_query("detencion norristown"))
    hits = [piece for piece, hit in pieces if hit]
    assert hits == ["DETENCIÓN", "Norristown"]
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    assert "\n" not in "".join(piece for piece, _ in pieces)


def test_snippet_with_decomposed_accents_and_short_text() -> None:
    pieces = snippet("cafe\u0301 con leche", parse_query("CAFÉ"))
    assert pieces[0] == ("cafe\u0301", True)
    assert "".join(p for p, _ in pieces) == "cafe\u0301 con leche"
