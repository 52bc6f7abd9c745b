"""Every API error, whichever layer refuses, carries ``{"detail", "code", "errors"}``.

A client acts on ``code`` (stable) and shows ``detail``; ``errors`` names the fields.
"""

import json

import pytest
from django.http import HttpResponseServerError
from django.test import Client, RequestFactory

from coopcouncil.config.api import ApiErrorBodyMiddleware

pytestmark = pytest.mark.django_db


def _shape(response) -> dict:
    body = json.loads(response.content)
    assert set(body) == {"detail", "code", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    return body


def test_a_broken_rule_carries_its_own_code_and_field(client):
    body = _shape(client.get("/api/v1/pb/processes/999999"))
    assert body["code"] == "pb_process_not_found"
    assert body["errors"] == {"process": [body["detail"]]}


def test_a_refusal_by_the_permission_layer_is_403_not_allowed(client, make_user):
    client.force_login(make_user("Ann Resident"))
    payload = {"name": "Parks", "slug": "parks", "financial_year": "2026/27", "amount_pence": 1}
    response = client.post("/api/v1/budgets/lines", payload, content_type="application/json")
    assert response.status_code == 403
    assert _shape(response)["code"] == "not_allowed"


def test_malformed_input_is_400_invalid_with_each_field(client, administrator):
    client.force_login(administrator)
    response = client.post("/api/v1/pb/processes", {"title": ""}, content_type="application/json")
    assert response.status_code == 400
    body = _shape(response)
    assert body["code"] == "invalid"
    assert {"title", "budget_pence"} <= set(body["errors"])


def test_a_body_that_is_not_json_is_400_bad_request(client, administrator):
    client.force_login(administrator)
    response = client.post("/api/v1/pb/processes", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert _shape(response)["code"] == "bad_request"


def test_a_missing_object_found_by_django_is_404_not_found(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/api/v1/democracy/questions/999999/moderation",
        {"outcome": "accept"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert _shape(response)["code"] == "not_found"


def test_a_write_signed_out_is_401_not_signed_in(client):
    response = client.post("/api/v1/pb/processes", {}, content_type="application/json")
    assert response.status_code == 401
    assert _shape(response)["code"] == "not_signed_in"


def test_a_write_without_the_csrf_token_is_403_csrf_failed(administrator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    response = client.post("/api/v1/pb/processes", {}, content_type="application/json")
    assert response.status_code == 403
    assert _shape(response)["code"] == "csrf_failed"


def test_a_method_the_address_does_not_take_is_405_with_allow(client):
    response = client.delete("/api/v1/pb/processes")
    assert response.status_code == 405
    assert _shape(response)["code"] == "method_not_allowed"
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


def test_an_address_under_the_api_that_names_no_endpoint_is_404_not_found(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert _shape(response)["code"] == "not_found"


def test_a_number_too_large_for_the_database_is_400_out_of_range(client):
    # SQLite cannot bind the number (400 out_of_range); PostgreSQL finds no such row (404).
    response = client.get("/api/v1/councillors/37708340240985253646172160")
    assert (
        _shape(response)["code"]
        == {400: "out_of_range", 404: "councillor_not_found"}[response.status_code]
    )


def test_pages_outside_the_api_keep_their_html_error_pages(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_crash_under_the_api_is_500_internal_server_error():
    middleware = ApiErrorBodyMiddleware(lambda request: HttpResponseServerError("<h1>500</h1>"))
    response = middleware(RequestFactory().get("/api/v1/pb/processes"))
    assert response.status_code == 500
    assert _shape(response)["code"] == "internal_server_error"
