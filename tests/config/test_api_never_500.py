"""Properties: no input, however odd, makes the API answer with a server error, and every
answer is one the OpenAPI document declares, in the shape it declares.

Schemathesis generates requests for every operation in the OpenAPI document (path ids out of
range, malformed dates, wrong types, huge numbers) and calls the WSGI app in-process. Each
operation is tried signed out, as an administrator, as a verified resident and as a
councillor (each signed in with a valid CSRF token, so the write paths see odd input too).
Any 5xx fails; so does a status the operation does not declare, or a body that does not match
the declared schema (every error body is the shared ``Problem``, declared once in
``config/api.py``).

The stateful test follows the OpenAPI links from creating a PB proposal, a public question, a
service request or a grant application to reading and acting on what was created.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from coopcouncil.config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CSRF = "fuzzcsrfsecret0123456789abcdefgh"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# The operations the stateful test walks: each create, and what its links lead to.
LINKED = [
    "coopcouncil_participation_api_proposal_submit",
    "coopcouncil_participation_api_proposal_list",
    "coopcouncil_participation_api_proposal_review",
    "coopcouncil_democracy_api_meetings_question_create",
    "coopcouncil_democracy_api_meetings_questions",
    "coopcouncil_democracy_api_meetings_question_moderate",
    "coopcouncil_servicerequests_api_request_report",
    "coopcouncil_servicerequests_api_request_detail",
    "coopcouncil_grants_api_application_create",
    "coopcouncil_grants_api_application_detail",
    "coopcouncil_grants_api_application_update",
    "coopcouncil_grants_api_application_submit",
]


@pytest.fixture
def requests_keep_the_test_connection():
    """What Django's test client does: a request must not close the connection that
    holds the test's transaction (on PostgreSQL that would really close it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _signed_in(user) -> dict:
    client = Client()
    client.force_login(user)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}
    return {"headers": {"X-CSRFToken": CSRF}, "cookies": cookies}


@pytest.fixture
def callers(administrator, make_resident, make_role, ward) -> dict[str, dict]:
    """How each kind of caller calls: signed out, and signed in in three roles."""
    return {
        "signed out": {},
        "administrator": _signed_in(administrator),
        "verified resident": _signed_in(make_resident(ward, "Vera Resident")),
        "councillor": _signed_in(make_role("councillor", "Cllr Colin Ward", ward=ward)),
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
def test_odd_input_never_gets_a_server_error(case, callers, requests_keep_the_test_connection):
    for caller in callers.values():
        case.call_and_validate(**caller, checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["verified resident", "administrator"])
def test_following_the_links_from_a_create_never_gets_a_server_error_or_an_undeclared_answer(
    role, callers, requests_keep_the_test_connection
):
    caller = callers[role]

    class Workflow(schema.include(operation_id=LINKED).as_state_machine()):
        def get_call_kwargs(self, case):
            return caller

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    Workflow.run(
        settings=settings(
            max_examples=8,
            stateful_step_count=4,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
