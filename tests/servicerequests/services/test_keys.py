"""Open311 keys: hashed, shown once, revocable, rate-limited per key per minute."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from coopcouncil.core.errors import Conflict, NotAllowed
from coopcouncil.core.logic.keys import key_hash
from coopcouncil.servicerequests import services
from coopcouncil.servicerequests.errors import RateLimited
from coopcouncil.servicerequests.models import ApiKey


def test_only_the_hash_of_a_new_key_is_stored(administrator):
    api_key, key = services.api_key_create(actor=administrator, name="FixMyStreet")
    stored = ApiKey.objects.get()
    assert stored.key_hash == key_hash(key) and key not in str(stored.__dict__)
    assert services.api_key_authenticate(key=key) == api_key
    assert ApiKey.objects.get().last_used_at is not None


def test_only_administrators_issue_keys(reporter):
    with pytest.raises(NotAllowed):
        services.api_key_create(actor=reporter, name="Mine")


def test_a_revoked_unknown_or_missing_key_is_refused(administrator):
    api_key, key = services.api_key_create(actor=administrator, name="App")
    services.api_key_revoke(actor=administrator, api_key=api_key)
    for text, code in (
        (key, "api_key_invalid"),
        ("o311_guess", "api_key_invalid"),
        ("", "api_key_missing"),
    ):
        with pytest.raises(NotAllowed) as refused:
            services.api_key_authenticate(key=text)
        assert refused.value.code == code
    with pytest.raises(Conflict):
        services.api_key_revoke(actor=administrator, api_key=api_key)


def test_a_key_past_its_calls_a_minute_is_refused_until_the_next_minute(administrator, settings):
    settings.COOPCOUNCIL_OPEN311_CALLS_PER_MINUTE = 2
    _, key = services.api_key_create(actor=administrator, name="Busy")
    now = timezone.now().replace(second=5)
    services.api_key_authenticate(key=key, now=now)
    services.api_key_authenticate(key=key, now=now)
    with pytest.raises(RateLimited) as refused:
        services.api_key_authenticate(key=key, now=now + timedelta(seconds=10))
    assert refused.value.status == 429
    services.api_key_authenticate(key=key, now=now + timedelta(minutes=1))


@pytest.mark.django_db(transaction=True)
def test_concurrent_calls_never_exceed_the_limit(administrator, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers, so there is no race to test")
    settings.COOPCOUNCIL_OPEN311_CALLS_PER_MINUTE = 5
    _, key = services.api_key_create(actor=administrator, name="Race")
    now = timezone.now().replace(second=1)
    outcomes: list[str] = []

    def call() -> None:
        try:
            services.api_key_authenticate(key=key, now=now)
            outcomes.append("ok")
        except RateLimited:
            outcomes.append("limited")
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 5 and outcomes.count("limited") == 7
    assert ApiKey.objects.get().window_calls == 5
