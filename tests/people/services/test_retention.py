"""People's retention rules: what each removes, and what it leaves."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.utils import timezone

from coopcouncil.people.models import RegisterMatchAttempt, RoleAssignment, User
from coopcouncil.people.services.retention import PEOPLE_RETENTION_RULES

pytestmark = pytest.mark.django_db
RULES = {rule.record_type: rule for rule in PEOPLE_RETENTION_RULES}


def _enforce(record_type, before):
    return RULES[record_type].enforce(before=before, dry_run=False)


def test_only_old_unconfirmed_accounts_without_roles_are_removed(make_user):
    now = timezone.now()
    old, recent, confirmed, officer = (
        make_user(verified_email=False),
        make_user(verified_email=False),
        make_user(),
        make_user(verified_email=False),
    )
    RoleAssignment.objects.create(user=officer, role="officer", team="clerk")
    User.objects.filter(pk__in=[old.pk, confirmed.pk, officer.pk]).update(
        date_joined=now - timedelta(days=40)
    )
    assert _enforce("people.unconfirmed_accounts", now - timedelta(days=30)) == 1
    assert set(User.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk, officer.pk}


def test_expired_sessions_failed_sign_ins_and_match_attempts_are_removed(make_user):
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=now - timedelta(1))
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=now + timedelta(1))
    attempt = AccessAttempt.objects.create(username="x@example.org", failures_since_start=1)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=now - timedelta(days=40))
    RegisterMatchAttempt.objects.create(
        user=make_user(), at=now - timedelta(days=40), is_matched=False
    )
    assert _enforce("people.sessions", now) == 1
    assert _enforce("people.failed_sign_ins", now - timedelta(days=30)) == 1
    assert _enforce("people.register_match_attempts", now - timedelta(days=30)) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
