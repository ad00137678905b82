"""Hostile values in every parameter of every route of both apps: never a 5xx.

Routes are enumerated from each app's ``url_map``, so routes other branches
add are fuzzed without anyone listing them; a route that cannot be fuzzed (a
URL converter or an argument name the fuzzer has no values for) fails
:func:`test_every_route_can_be_fuzzed` with what to add. Each route gets
Hypothesis examples (derandomized, so a run is repeatable) of: a visitor
(anonymous, a signed-in source, each review role and each half-finished
sign-in), path arguments, a query string and, for methods with a body, a form
(tests/fuzz/hostile.py says what names and values). Every example runs in a
SAVEPOINT that is rolled back, so what one example changes (a sign-out, a
disabled account) does not blunt the next.

The default run is quick (``EXAMPLES`` per route, both databases); the slow
run (``pytest -m slow tests/fuzz``) tries many more.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any
from unittest import mock

import pytest
from flask import Flask
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.routing import Rule

from tests.fuzz.hostile import INT_EDGES, PATH_EDGES, parameter_names, parameters, path_values
from tests.fuzz.world import ID_ARGUMENTS, INTAKE_ROLES, REVIEW_ROLES, World, build_world
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity
from tipline.web import BLOBS_KEY

EXAMPLES = 12
SLOW = 300
# Werkzeug converter classes the fuzzer knows how to fill, by converter name.
CONVERTERS = {"UnicodeConverter": "string", "PathConverter": "path", "IntegerConverter": "int"}
# Methods Flask adds to every rule by itself.
AUTOMATIC = {"HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Target:
    """One rule and one method to fuzz."""

    endpoint: str
    rule: Rule
    method: str
    arguments: dict[str, str]  # argument name -> converter name


def targets(app: Flask) -> tuple[list[Target], list[str]]:
    """What to fuzz in ``app``, and the routes that cannot be (with what to add)."""
    found, problems = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: (rule.rule, rule.endpoint)):
        arguments = {}
        for name, converter in rule._converters.items():
            kind = CONVERTERS.get(type(converter).__name__)
            if kind is None:
                problems.append(
                    f"{rule.endpoint} ({rule.rule}): no values for the converter "
                    f"{type(converter).__name__}; add it to CONVERTERS in {__file__}"
                )
            elif kind != "int" and name not in ID_ARGUMENTS:
                problems.append(
                    f"{rule.endpoint} ({rule.rule}): no real ids for the URL argument "
                    f"{name!r}; add it to ID_ARGUMENTS in tests/fuzz/world.py"
                )
            arguments[name] = kind or "string"
        for method in sorted((rule.methods or set()) - AUTOMATIC):
            found.append(Target(rule.endpoint, rule, method, arguments))
    return found, problems


@pytest.fixture
def world(review_app: Flask, db_session: Session, org_identity: HybridIdentity) -> World:
    store: BlobStore = review_app.extensions[BLOBS_KEY]
    return build_world(db_session, review_app.config, store, org_identity)


def test_every_route_can_be_fuzzed(intake_app: Flask, review_app: Flask) -> None:
    for app in (intake_app, review_app):
        found, problems = targets(app)
        assert not problems, "\n".join(problems)
        assert found


@dataclass(frozen=True)
class Fuzzing:
    """One app under the fuzzer: its rows, visitors and how hard to try."""

    app: Flask
    connection: Connection
    world: World
    roles: tuple[str, ...]
    cookies: dict[str, dict[str, str]]
    examples: int


def fuzz(run: Fuzzing) -> None:
    """Send ``run.examples`` hostile requests to every route; fail on a 5xx."""
    names = parameter_names()
    found, _problems = targets(run.app)
    failures: list[str] = []
    for target in found:
        try:
            fuzz_route(run, names, target)
        except Exception as error:  # every failing route is reported, not only the first
            failures.append(f"{target.method} {target.rule.rule}: {type(error).__name__}: {error}")
    assert not failures, "\n\n".join(failures)


def fuzz_route(run: Fuzzing, names: tuple[str, ...], target: Target) -> None:
    """Hypothesis examples for one route and method."""
    world = run.world
    request = st.fixed_dictionaries(
        {
            "role": st.sampled_from(run.roles),
            "path": path_values(target.arguments, world.ids_for_arguments(target.arguments)),
            "query": parameters(names, world.all_ids),
            "form": parameters(names, world.all_ids),
            "file": st.booleans(),
        }
    )

    @settings(
        max_examples=run.examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(request)
    def one_route(example: dict[str, Any]) -> None:
        status, summary = send(run, target, example)
        assert status < 500, summary

    # Edge values go in as the visitor who reaches most code behind an id.
    deepest = "admin" if "admin" in run.cookies else "source"
    for edge in edge_examples(target, world, deepest):
        one_route = example(edge)(one_route)
    one_route()


def edge_examples(target: Target, world: World, role: str) -> list[dict[str, Any]]:
    """Each URL argument in turn set to each edge value, the others real ids."""
    real: dict[str, str | int] = {
        name: (ids[0] if ids else "0" * 32)
        for name, ids in world.ids_for_arguments(target.arguments).items()
    }
    real.update({name: 1 for name, kind in target.arguments.items() if kind == "int"})
    found = []
    for name, kind in target.arguments.items():
        edges: tuple[str | int, ...] = INT_EDGES if kind == "int" else PATH_EDGES
        for value in edges:
            found.append(
                {
                    "role": role,
                    "path": {**real, name: value},
                    "query": MultiDict(),
                    "form": MultiDict(),
                    "file": False,
                }
            )
    return found


def send(run: Fuzzing, target: Target, example: dict[str, Any]) -> tuple[int, str]:
    """One request, in a SAVEPOINT rolled back afterwards; (status, what was sent)."""
    path = target.rule.build(example["path"], append_unknown=False)
    assert path is not None
    client = run.app.test_client()
    cookie = run.cookies.get(example["role"])
    if cookie:
        with client.session_transaction() as session:
            session.update(cookie)
    data: MultiDict[str, Any] | None = None
    if target.method not in ("GET", "DELETE"):
        data = MultiDict(example["form"])
        if example["file"]:
            data.add("attachments", FileStorage(io.BytesIO(b"%PDF-1.4 x"), "a\u202e.pdf"))
    savepoint = run.connection.begin_nested()
    # The rollback brings deleted rows back but not unlinked files: an approved
    # deletion keeps its files here, so later examples still find every blob
    # (tests/upkeep checks that files go).
    keep_files = mock.patch("tipline.review.deletion.unlink_blobs", return_value=0)
    try:
        with keep_files:
            response = client.open(
                path[1], method=target.method, query_string=example["query"], data=data
            )
        response.get_data()  # a streamed body fails while it is read
        response.close()
    finally:
        if savepoint.is_active:
            savepoint.rollback()
    summary = (
        f"{response.status_code} as {example['role']} with path {example['path']!r}, "
        f"query {list(example['query'].items(multi=True))!r}, "
        f"form {list(example['form'].items(multi=True))!r}"
    )
    return response.status_code, summary


def test_intake_routes_never_answer_5xx(
    intake_app: Flask, db_connection: Connection, world: World
) -> None:
    # The review app's blob store, where the world's rows are, is the intake's too.
    fuzz(Fuzzing(intake_app, db_connection, world, INTAKE_ROLES, world.intake_cookies, EXAMPLES))


def test_review_routes_never_answer_5xx(
    review_app: Flask, db_connection: Connection, world: World
) -> None:
    fuzz(Fuzzing(review_app, db_connection, world, REVIEW_ROLES, world.review_cookies, EXAMPLES))


@pytest.mark.slow
def test_routes_never_answer_5xx_long_run(
    intake_app: Flask, review_app: Flask, db_connection: Connection, world: World
) -> None:
    fuzz(Fuzzing(intake_app, db_connection, world, INTAKE_ROLES, world.intake_cookies, SLOW))
    fuzz(Fuzzing(review_app, db_connection, world, REVIEW_ROLES, world.review_cookies, SLOW))


def test_the_world_reaches_the_code_behind_real_ids(review_app: Flask, world: World) -> None:
    """The ids the fuzzer mixes in open real pages: a shared file, a safe copy's
    preview, a pending deletion (else those routes would only ever 404)."""
    tip_id, other_id = world.ids["tip"]
    [shared] = world.ids["shared_file"]
    client = review_app.test_client()
    with client.session_transaction() as session:
        session.update(world.review_cookies["organizer"])
    assert client.get(f"/organizer/files/{shared}.pdf").status_code == 200
    with client.session_transaction() as session:
        session.update(world.review_cookies["admin"])
    previews = [
        f"/tips/{tip_id}/files/{file}/safe-copy/pages/1.jpg" for file in world.ids["attachment"]
    ]
    assert 200 in [client.get(url).status_code for url in previews]
    page = client.get(f"/tips/{other_id}/delete").get_data(as_text=True)
    assert "Approve" in page
