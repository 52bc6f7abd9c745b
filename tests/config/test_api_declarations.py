"""The OpenAPI document declares every error an operation can answer, with the shared body,
and links each create the stateful fuzzer follows to what reads and acts on the new record."""

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
