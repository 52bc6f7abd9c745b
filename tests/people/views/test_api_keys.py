"""The API keys page: staff and partners issue a key shown once and revoke their own;
administrators also see every account's keys; residents are refused."""

import pytest
from django.urls import reverse

from coopcouncil.people.models import ApiKey
from coopcouncil.people.services import api_key_create

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def officer(make_role):
    return make_role("officer", "Fran Finance", team="finance")


def test_an_officer_issues_a_key_shown_once_and_revokes_it(client, officer):
    client.force_login(officer, backend=BACKEND)
    assert reverse("people:api_keys") in client.get(reverse("people:profile")).content.decode()
    issued = client.post(
        reverse("people:api_keys"),
        {"name": "Spend dashboard", "is_read_only": "on", "expires_in_days": "90"},
    )
    assert issued.status_code == 200
    key = issued.context["new_key"]
    stored = ApiKey.objects.get()
    assert key.startswith(stored.shown) and key in issued.content.decode()
    assert stored.is_read_only and stored.expires_at is not None and stored.user == officer
    again = client.get(reverse("people:api_keys")).content.decode()
    assert key not in again and stored.shown in again and "Spend dashboard" in again
    revoked = client.post(reverse("people:api_key_revoke", args=[stored.pk]))
    assert revoked.status_code == 302
    stored.refresh_from_db()
    assert stored.revoked_at is not None


def test_a_bad_expiry_is_shown_on_its_field_and_issues_nothing(client, officer):
    client.force_login(officer, backend=BACKEND)
    page = client.post(reverse("people:api_keys"), {"name": "X", "expires_in_days": "0"})
    assert page.status_code == 200 and "expires_in_days" in page.context["form"].errors
    assert not ApiKey.objects.exists()


def test_residents_are_refused_and_others_keys_are_revoked_only_by_administrators(
    client, officer, make_user, make_role, administrator
):
    client.force_login(make_user("Rosa Resident"), backend=BACKEND)
    assert client.get(reverse("people:api_keys")).status_code == 403
    assert reverse("people:api_keys") not in client.get(reverse("people:profile")).content.decode()
    client.force_login(officer, backend=BACKEND)
    client.post(reverse("people:api_keys"), {"name": "Mine"})
    stored = ApiKey.objects.get()
    client.force_login(make_role("officer", team="clerk"), backend=BACKEND)
    assert client.get(reverse("people:api_keys")).context["all_keys"] is None
    refused = client.post(reverse("people:api_key_revoke", args=[stored.pk]))
    assert refused.status_code == 403
    client.force_login(administrator, backend=BACKEND)
    assert list(client.get(reverse("people:api_keys")).context["all_keys"]) == [stored]
    client.post(reverse("people:api_key_revoke", args=[stored.pk]))
    stored.refresh_from_db()
    assert stored.revoked_at is not None


def test_the_admin_lists_keys_but_never_issues_or_changes_them(admin_client, officer):
    api_key, key = api_key_create(actor=None, user=officer, name="Seen", check_permission=False)
    listing = admin_client.get("/admin/people/apikey/").content.decode()
    assert "Seen" in listing and api_key.shown in listing and key not in listing
    assert admin_client.get("/admin/people/apikey/add/").status_code == 403
