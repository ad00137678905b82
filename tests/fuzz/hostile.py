"""What the route fuzzer sends: every parameter name the apps know, hostile values.

Names are collected from the code, not listed by hand, so a parameter or a
form field added later is fuzzed without anyone remembering to add it:

- every field of every WTForms form class in the ``tipline`` package;
- every ``name="..."`` of an input, select or textarea in the templates;
- every literal name read from a query string or form in the code
  (``args.get("x")``, ``getlist("x")``, ``"x" in request.args``,
  ``int_arg("x")``, and constants such as ``LANG_PARAM = "lang"``).

Values are what breaks parsers and databases: numbers past 64 bits, negative
and empty values, very long strings, control and invisible characters,
right-to-left overrides, invalid dates, markup, path tricks, and real ids of
the rows the fuzzer built, so that the code behind a valid id is reached too.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.fields.core import UnboundField

import tipline

PACKAGE = Path(tipline.__file__).resolve().parent
_READS = re.compile(
    r"""(?:args|form|values|fields)\.(?:get|getlist)\(\s*["']([^"']+)["']"""
    r"""|int_arg\(\s*["']([^"']+)["']"""
    r"""|["']([^"']+)["'] in request\.(?:args|form|values)"""
    # names kept in constants: LANG_PARAM = "lang", FILES_FIELD = "attachments"
    r"""|[A-Z_]*(?:PARAM|FIELD)S?\s*=\s*["']([A-Za-z_]+)["']"""
)
_TEMPLATE_NAMES = re.compile(r"""\bname=["']([A-Za-z_][\w.-]*)["']""")

HOSTILE: tuple[str, ...] = (
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+5",
    "1_000",
    "99999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "1e309",
    "NaN",
    "inf",
    "٣",  # an Arabic-Indic digit: int() accepts it
    "null",
    "[]",
    "{}",
    "true",
    "\x00",
    "a\x00b",
    "\u202e\u2066evil\u2069",
    "\ufeff",
    "\u200b\u200d",
    "e\u0301" * 40,
    "Ａｄｍｉｎ",
    "𝕏🙂👩🏽‍⚖️",
    "x" * 5000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../etc/passwd",
    "%00%2e%2e%2f",
    "' OR '1'='1",
    "0" * 32,
    "f" * 64,
    "2025-02-30",
    "0000-01-01",
    "9999-12-31",
    "2025-13",
    "42091",
    "99999",
    "new",
    "spam",
    "yes",
)


# Path values every id argument of every route gets, explicitly, on each run
# (PostgreSQL refuses NUL bytes in text; overlong and odd values must 404).
PATH_EDGES: tuple[str, ...] = ("\x00", "a\x00b", "x" * 5000, "9" * 40, "\u202e..")
# The same for ``<int:...>`` arguments (Werkzeug's converter takes only digits).
INT_EDGES: tuple[int, ...] = (0, 2**31, 2**63, 10**30)


@cache
def parameter_names() -> tuple[str, ...]:
    """Every query-string and form name the apps read, found in the code."""
    names: set[str] = set()
    for info in pkgutil.walk_packages(tipline.__path__, "tipline."):
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, Form):
                names.update(_form_fields(value))
    for path in PACKAGE.rglob("*.py"):
        for match in _READS.finditer(path.read_text(encoding="utf-8")):
            names.add(next(group for group in match.groups() if group))
    for path in (PACKAGE / "templates").rglob("*.html"):
        names.update(_TEMPLATE_NAMES.findall(path.read_text(encoding="utf-8")))
    return tuple(sorted(names))


def _form_fields(form_class: type[Form]) -> set[str]:
    found = set()
    for klass in form_class.__mro__:
        for name, value in vars(klass).items():
            if isinstance(value, UnboundField):
                found.add(name)
    return found


def values(real_ids: Sequence[str]) -> st.SearchStrategy[str]:
    """One hostile value: from the list, a real id, or any short text."""
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(tuple(real_ids) or ("0" * 32,)),
        st.text(max_size=40),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
    )


def parameters(
    names: Sequence[str], real_ids: Sequence[str]
) -> st.SearchStrategy[MultiDict[str, str]]:
    """A query string or form: known and unknown names, some repeated."""
    key = st.one_of(st.sampled_from(tuple(names)), st.text(min_size=1, max_size=12))
    pairs = st.lists(st.tuples(key, values(real_ids)), max_size=8)

    def build(items: list[tuple[str, str]], repeat: bool) -> MultiDict[str, str]:
        data: MultiDict[str, str] = MultiDict(items)
        if repeat and items:
            data.add(items[0][0], items[-1][1])  # the same key twice
        return data

    return st.builds(build, pairs, st.booleans())


def path_values(
    arguments: Mapping[str, str], real_ids: Mapping[str, Sequence[str]]
) -> st.SearchStrategy[dict[str, str | int]]:
    """Values for a rule's URL arguments, by converter (``string``, ``path``, ``int``)."""
    strategies: dict[str, st.SearchStrategy[str | int]] = {}
    for name, converter in arguments.items():
        if converter == "int":
            numbers = st.integers(min_value=0, max_value=2**70)
            strategies[name] = st.one_of(st.sampled_from(INT_EDGES), numbers)
            continue
        real = tuple(real_ids.get(name, ())) or ("0" * 32,)
        text = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=30))
        if converter == "string":  # no slash in one path segment
            text = text.map(lambda value: value.replace("/", "")).filter(bool)
        strategies[name] = st.one_of(st.sampled_from(real), text)
    return st.fixed_dictionaries(strategies)
