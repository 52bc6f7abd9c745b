"""API keys for the JSON API: issued to an account, hashed at rest, revocable, expiring,
with their last use kept to the minute; exported with the account and revoked on erasure."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, NotAuthenticated
from coopcouncil.core.logic.keys import key_hash
from coopcouncil.core.models import AuditEvent
from coopcouncil.people.models import ApiKey, Organisation
from coopcouncil.people.services import (
    api_key_authenticate,
    api_key_create,
    api_key_revoke,
    user_erase,
    user_export,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_role):
    return make_role("officer", "Fran Finance", team="finance")


@pytest.fixture
def make_partner(make_role):
    def make(name: str = ""):
        trust = Organisation.objects.create(
            name=f"Trust {name}", slug=f"trust-{name.lower()}", kind="voluntary"
        )
        return make_role("partner", name, organisation=trust)

    return make


def test_a_key_is_shown_once_and_only_its_hash_and_first_characters_are_stored(officer):
    api_key, key = api_key_create(actor=officer, user=officer, name="Spend dashboard")
    stored = ApiKey.objects.get()
    assert key.startswith("cck_") and stored.key_hash == key_hash(key)
    stored_values = ApiKey.objects.values_list(*[f.attname for f in ApiKey._meta.fields]).get()
    assert key not in [str(value) for value in stored_values]
    assert key.startswith(stored.shown) and stored.user == officer and not stored.is_read_only
    assert AuditEvent.objects.filter(action="people.api_key_created", actor=officer).count() == 1


def test_only_staff_and_partners_hold_keys_and_only_administrators_issue_others(
    officer, make_partner, make_user, administrator
):
    resident = make_user("Rosa Resident")
    with pytest.raises(NotAllowed):
        api_key_create(actor=resident, user=resident, name="Mine")
    with pytest.raises(NotAllowed):
        api_key_create(actor=officer, user=make_partner("Other"), name="Theirs")
    partner = make_partner("Pat")
    assert api_key_create(actor=partner, user=partner, name="Bookings")[0].user == partner
    assert api_key_create(actor=administrator, user=officer, name="Given")[0].user == officer


def test_a_key_needs_a_name_and_an_expiry_of_at_least_a_day(officer):
    with pytest.raises(DomainError) as unnamed:
        api_key_create(actor=officer, user=officer, name="  ")
    with pytest.raises(DomainError) as too_short:
        api_key_create(actor=officer, user=officer, name="Short", expires_in_days=0)
    assert (unnamed.value.field, too_short.value.field) == ("name", "expires_in_days")
    assert not ApiKey.objects.exists()


def test_revoked_expired_and_unknown_keys_are_refused_as_not_authenticated(officer):
    now = timezone.now()
    revoked, revoked_key = api_key_create(actor=officer, user=officer, name="Old")
    api_key_revoke(actor=officer, api_key=revoked)
    _, expiring_key = api_key_create(actor=officer, user=officer, name="Trial", expires_in_days=1)
    assert api_key_authenticate(key=expiring_key, method="GET", now=now).name == "Trial"
    refusals = {
        revoked_key: "api_key_revoked",
        expiring_key: "api_key_expired",
        "cck_guessed": "api_key_invalid",
    }
    for key, code in refusals.items():
        with pytest.raises(NotAuthenticated) as refused:
            api_key_authenticate(key=key, method="GET", now=now + timedelta(days=2))
        assert refused.value.code == code and refused.value.status == 401
    with pytest.raises(Conflict):
        api_key_revoke(actor=officer, api_key=revoked)
    assert AuditEvent.objects.filter(action="people.api_key_revoked").count() == 1


def test_another_persons_key_is_revoked_only_by_an_administrator(officer, make_role, administrator):
    api_key, _ = api_key_create(actor=officer, user=officer, name="Mine")
    with pytest.raises(NotAllowed):
        api_key_revoke(actor=make_role("officer", team="clerk"), api_key=api_key)
    assert api_key_revoke(actor=administrator, api_key=api_key).revoked_at is not None


def test_a_read_only_key_reads_but_is_refused_for_writes(officer):
    _, key = api_key_create(actor=officer, user=officer, name="Reader", is_read_only=True)
    assert api_key_authenticate(key=key, method="GET").is_read_only
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        with pytest.raises(NotAllowed) as refused:
            api_key_authenticate(key=key, method=method)
        assert refused.value.code == "api_key_read_only"


def test_last_use_is_recorded_at_most_once_a_minute(officer, django_assert_num_queries):
    _, key = api_key_create(actor=officer, user=officer, name="Busy")
    now = timezone.now()
    api_key_authenticate(key=key, method="GET", now=now)
    assert ApiKey.objects.get().last_used_at == now
    # Within the minute: the key's look-up and the rate limit's count, no write to the key.
    with django_assert_num_queries(2):
        api_key_authenticate(key=key, method="GET", now=now + timedelta(seconds=50))
    assert ApiKey.objects.get().last_used_at == now
    api_key_authenticate(key=key, method="GET", now=now + timedelta(seconds=61))
    assert ApiKey.objects.get().last_used_at == now + timedelta(seconds=61)


def test_calls_past_the_keys_limit_are_refused_until_the_window_passes(officer, settings):
    settings.COOPCOUNCIL_RATE_LIMIT_API_KEY_CALL_PER_ACCOUNT = 2
    _, key = api_key_create(actor=officer, user=officer, name="Chatty")
    _, other_key = api_key_create(actor=officer, user=officer, name="Quiet")
    now = timezone.now().replace(second=0, microsecond=0)
    api_key_authenticate(key=key, method="GET", now=now)
    api_key_authenticate(key=key, method="GET", now=now + timedelta(seconds=10))
    with pytest.raises(DomainError) as limited:
        api_key_authenticate(key=key, method="GET", now=now + timedelta(seconds=20))
    assert limited.value.status == 429 and limited.value.retry_after == 40
    # The limit is each key's own.
    assert api_key_authenticate(key=other_key, method="GET", now=now).name == "Quiet"
    assert api_key_authenticate(key=key, method="GET", now=now + timedelta(minutes=1)).name


def test_export_lists_a_persons_keys_by_name_and_erasure_revokes_them(officer):
    live, key = api_key_create(actor=officer, user=officer, name="Dashboard", is_read_only=True)
    exported = user_export(user=officer)["api_keys"]
    assert [(k["name"], k["is_read_only"], k["revoked_at"]) for k in exported] == [
        ("Dashboard", True, None)
    ]
    assert live.key_hash not in str(exported) and live.shown not in str(exported)
    user_erase(user=officer)
    assert ApiKey.objects.get().revoked_at is not None
    with pytest.raises(NotAuthenticated):
        api_key_authenticate(key=key, method="GET")
