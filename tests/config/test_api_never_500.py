"""Property: no input, however odd, makes the API answer with a server error.

Schemathesis generates requests for every operation in the OpenAPI document (path
ids out of range, malformed dates, wrong types, huge numbers) and calls the WSGI app
in-process; any 5xx fails. Each operation is tried signed out and as an
administrator with a valid CSRF token, so the write paths see odd input too.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from coopcouncil.config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CSRF = "fuzzcsrfsecret0123456789abcdefgh"


@pytest.fixture
def requests_keep_the_test_connection():
    """What Django's test client does: a request must not close the connection that
    holds the test's transaction (on PostgreSQL that would really close it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def as_administrator(administrator, places):
    client = Client()
    client.force_login(administrator)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}
    return {"headers": {"X-CSRFToken": CSRF}, "cookies": cookies}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_odd_input_never_gets_a_server_error(
    case, as_administrator, requests_keep_the_test_connection
):
    case.call_and_validate(checks=[not_a_server_error])
    case.call_and_validate(**as_administrator, checks=[not_a_server_error])
