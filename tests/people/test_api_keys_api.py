"""Calling /api/v1/ with an API key: it acts as its account under the same rules, needs no
CSRF token, and a key that does not work is refused in the shared error shape."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from coopcouncil.config.api import api
from coopcouncil.democracy.models import DistrictPartnership, SubGroup
from coopcouncil.people.models import ApiKey
from coopcouncil.people.services import api_key_create, api_key_revoke

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def csrf_client():
    """A client that, like a real one, is held to CSRF when it relies on a session."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def clerk(make_role):
    return make_role("officer", "Clara Clerk", team="clerk")


@pytest.fixture
def sub_groups_url(ward):
    partnership = DistrictPartnership.objects.create(district=ward.district, name="West")
    return f"/api/v1/democracy/partnerships/{partnership.district.slug}/sub-groups"


def _key(user, **options) -> str:
    return api_key_create(actor=user, user=user, name="Client", **options)[1]


def _bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_key_reads_as_its_account_by_bearer_or_x_api_key(csrf_client, clerk):
    key = _key(clerk)
    assert csrf_client.get("/api/v1/me", **_bearer(key)).json()["email"] == clerk.email
    assert csrf_client.get("/api/v1/me", HTTP_X_API_KEY=key).json()["email"] == clerk.email
    assert ApiKey.objects.get().last_used_at is not None


def test_a_key_writes_what_its_account_may_without_csrf_and_is_refused_what_it_may_not(
    csrf_client, clerk, make_role, sub_groups_url
):
    created = csrf_client.post(sub_groups_url, {"name": "Finance"}, JSON, **_bearer(_key(clerk)))
    assert created.status_code == 201 and SubGroup.objects.get().name == "Finance"
    finance = make_role("officer", "Fran Finance", team="finance")
    refused = csrf_client.post(sub_groups_url, {"name": "Roads"}, JSON, **_bearer(_key(finance)))
    assert refused.status_code == 403 and SubGroup.objects.count() == 1


def test_a_session_without_a_key_is_still_held_to_csrf(csrf_client, clerk, sub_groups_url):
    csrf_client.force_login(clerk)
    refused = csrf_client.post(sub_groups_url, {"name": "Finance"}, JSON)
    assert (refused.status_code, refused.json()["code"]) == (403, "csrf_failed")


def test_a_read_only_key_is_refused_on_writes(csrf_client, clerk, sub_groups_url):
    key = _key(clerk, is_read_only=True)
    assert csrf_client.get(sub_groups_url, **_bearer(key)).status_code == 200
    refused = csrf_client.post(sub_groups_url, {"name": "Finance"}, JSON, **_bearer(key))
    assert (refused.status_code, refused.json()["code"]) == (403, "api_key_read_only")
    assert not SubGroup.objects.exists()


def test_revoked_expired_and_unknown_keys_get_401_with_a_code(csrf_client, clerk):
    revoked = api_key_create(actor=clerk, user=clerk, name="Old")
    api_key_revoke(actor=clerk, api_key=revoked[0])
    expiring = _key(clerk, expires_in_days=1)
    ApiKey.objects.filter(expires_at__isnull=False).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    for key, code in [
        (revoked[1], "api_key_revoked"),
        (expiring, "api_key_expired"),
        ("cck_unknown", "api_key_invalid"),
    ]:
        response = csrf_client.get("/api/v1/me", **_bearer(key))
        assert (response.status_code, response.json()["code"]) == (401, code)
        assert set(response.json()) == {"detail", "code", "errors"}
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_key_past_its_limit_gets_429_with_retry_after(csrf_client, clerk, settings):
    settings.COOPCOUNCIL_RATE_LIMIT_API_KEY_CALL_PER_ACCOUNT = 1
    key = _key(clerk)
    assert csrf_client.get("/api/v1/me", **_bearer(key)).status_code == 200
    limited = csrf_client.get("/api/v1/me", **_bearer(key))
    assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited")
    assert 1 <= int(limited["Retry-After"]) <= 60


def test_the_openapi_document_declares_the_key_beside_the_session():
    schema = api.get_openapi_schema()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiKeyBearer"]["scheme"] == "bearer"
    assert schemes["ApiKeyHeader"] == {"type": "apiKey", "in": "header", "name": "X-Api-Key"}
    me = schema["paths"]["/api/v1/me"]["get"]["security"]
    assert {"ApiKeyBearer": []} in me and {"ApiKeyHeader": []} in me and len(me) == 3
