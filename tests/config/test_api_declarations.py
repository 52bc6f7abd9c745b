"""The OpenAPI document declares every error an operation can answer, with the shared body,
links each create the stateful fuzzer follows to what reads and acts on the new record, and
gives each schema class a component of its own."""

import enum
import inspect
import typing
from collections import defaultdict

import pytest
from pydantic import BaseModel

from coopcouncil.config.api import api

PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _operations() -> dict[tuple[str, str], dict]:
    schema = api.get_openapi_schema()
    return {
        (method, path): operation
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def test_every_error_response_is_declared_with_the_shared_problem_body():
    for (method, path), operation in _operations().items():
        errors = {
            int(status): r for status, r in operation["responses"].items() if int(status) >= 400
        }
        assert 403 in errors, (method, path)  # a session still owing its second factor
        if method != "get":
            assert {400, 404, 409} <= set(errors), (method, path)
        if operation.get("security"):
            assert 401 in errors, (method, path)
        if "{" in path:
            assert 404 in errors, (method, path)
        for response in errors.values():
            assert response["content"]["application/json"]["schema"] == PROBLEM, (method, path)


def test_the_problem_component_is_the_body_every_error_carries():
    problem = api.get_openapi_schema()["components"]["schemas"]["Problem"]
    assert set(problem["properties"]) == {"detail", "code", "errors"}
    assert set(problem["required"]) == {"detail", "code"}


def test_each_create_links_to_reading_what_it_made():
    operations = {op["operationId"]: op for op in _operations().values()}
    expected = {
        "participation_api_proposal_submit": "participation_api_proposal_list",
        "democracy_api_meetings_question_create": "democracy_api_meetings_questions",
        "servicerequests_api_request_report": "servicerequests_api_request_detail",
        "grants_api_application_create": "grants_api_application_detail",
    }
    for create, read in (("coopcouncil_" + c, "coopcouncil_" + r) for c, r in expected.items()):
        links = operations[create]["responses"][201]["links"].values()
        assert read in {link["operationId"] for link in links}, create
        assert all(link["operationId"] in operations for link in links), create


def _types_within(annotation) -> typing.Iterator[type]:
    """The classes an annotation names, through ``list[...]``, ``X | None``, ``dict[...]``."""
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, enum.Enum)):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _types_within(argument)


def _schema_classes() -> set[type]:
    """Every model and enum class the API's operations read or answer, however deeply nested.

    Ninja wraps each operation's parameters and each response in a model of its own; the
    classes inside those wrappers are the ones published as components.
    """
    found: set[type] = set()
    waiting: list[type] = []
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                wrappers = [*operation.models, *operation.response_models.values()]
                for wrapper in wrappers:
                    if isinstance(wrapper, type) and issubclass(wrapper, BaseModel):
                        for field in wrapper.model_fields.values():
                            waiting.extend(_types_within(field.annotation))
    while waiting:
        model = waiting.pop()
        if model in found:
            continue
        found.add(model)
        if issubclass(model, BaseModel):
            for field in model.model_fields.values():
                waiting.extend(_types_within(field.annotation))
    return found


def test_no_two_schema_classes_share_a_component_name():
    """Ninja names each component by its class name and keeps the last one it meets, so two
    apps' ``RoundOut`` would document one app's operations with the other's shape."""
    components = api.get_openapi_schema()["components"]["schemas"]
    classes_by_name: dict[str, set[type]] = defaultdict(set)
    for model in _schema_classes():
        classes_by_name[model.__name__].add(model)
    clashes = [
        " and ".join(sorted(f"{model.__module__}.{model.__qualname__}" for model in models))
        for name, models in sorted(classes_by_name.items())
        if len(models) > 1 and name in components
    ]
    assert not clashes, (
        "These schema classes share one OpenAPI component name, so one documents the other's"
        " operations; rename one of each (app-prefixed, in the council's words):\n"
        + "\n".join(clashes)
    )


@pytest.mark.django_db
def test_a_filter_naming_no_district_answers_the_404_it_declares(client):
    """``?district=`` names a record as a path id does: an unknown one is a declared 404."""
    response = client.get("/api/v1/councillors", {"district": "nowhere"})
    assert response.status_code == 404
    assert response.json()["code"] == "district_not_found"
    assert 404 in _operations()[("get", "/api/v1/councillors")]["responses"]


def test_every_rate_limited_endpoint_declares_429():
    """An endpoint that calls ``rate_limit_request`` answers 429 over the limit, so its
    operation must declare it (``openapi_extra={"x-rate-limited": True}``, or its own 429)."""
    operations = {op["operationId"]: op for op in _operations().values()}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if "rate_limit_request(" in inspect.getsource(operation.view_func):
                    declared = operations[
                        operation.operation_id or api.get_openapi_operation_id(operation)
                    ]["responses"]
                    assert 429 in declared, operation.view_func.__qualname__
