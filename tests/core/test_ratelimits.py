"""Rate limits on public actions: fixed windows shared by every process (core.ratelimits)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured

from coopcouncil.core.errors import RateLimited
from coopcouncil.core.models import RateLimitCount
from coopcouncil.core.policy import RateLimit, rate_limit_policy
from coopcouncil.core.ratelimits import rate_limit_check, window_start

pytestmark = pytest.mark.django_db

LIMIT = RateLimit("petition", per_account=2, per_address=3, window=timedelta(hours=1))
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def attempt(account_id, address, now=NOON):
    rate_limit_check(LIMIT, account_id=account_id, address=address, now=now)


def test_the_attempt_past_the_account_limit_is_refused_until_the_window_ends():
    attempt(1, "192.0.2.1")
    attempt(1, "192.0.2.2")
    with pytest.raises(RateLimited) as refused:
        attempt(1, "192.0.2.3", now=NOON + timedelta(minutes=15))
    assert refused.value.code == "rate_limited" and refused.value.status == 429
    assert refused.value.retry_after == 45 * 60
    attempt(1, "192.0.2.3", now=NOON + timedelta(hours=1))  # the next window


def test_the_attempt_past_the_address_limit_is_refused_for_every_account():
    for account_id in (1, 2, 3):
        attempt(account_id, "192.0.2.1")
    with pytest.raises(RateLimited):
        attempt(4, "192.0.2.1")
    attempt(4, "192.0.2.9")  # another address is unaffected


def test_anonymous_attempts_count_by_address_only():
    for _ in range(3):
        attempt(None, "192.0.2.1")
    with pytest.raises(RateLimited):
        attempt(None, "192.0.2.1")


def test_windows_are_fixed_and_aligned_so_every_process_shares_them():
    assert window_start(LIMIT, NOON + timedelta(minutes=59)) == NOON
    assert window_start(LIMIT, NOON + timedelta(minutes=60)) == NOON + timedelta(hours=1)


def test_addresses_are_stored_only_as_keyed_hashes():
    attempt(7, "192.0.2.77")
    names = list(RateLimitCount.objects.values_list("name", flat=True))
    assert "petition:account:7" in names
    assert not any("192.0.2.77" in name for name in names)


def test_a_limit_of_zero_counts_nothing():
    off = RateLimit("petition", per_account=0, per_address=0, window=timedelta(hours=1))
    for _ in range(10):
        rate_limit_check(off, account_id=1, address="192.0.2.1", now=NOON)
    assert not RateLimitCount.objects.exists()


def test_limits_are_policy_settings_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("COOPCOUNCIL_RATE_LIMIT_PETITION_PER_ADDRESS", "500")
    limit = rate_limit_policy("petition", per_account=2, per_address=3, window_minutes=30)
    assert (limit.per_account, limit.per_address, limit.window) == (2, 500, timedelta(minutes=30))
    monkeypatch.setenv("COOPCOUNCIL_RATE_LIMIT_PETITION_PER_ACCOUNT", "-1")
    with pytest.raises(ImproperlyConfigured):
        rate_limit_policy("petition", per_account=2, per_address=3, window_minutes=30)
