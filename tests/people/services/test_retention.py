"""People's retention rules: what each removes, and what it leaves."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

from coopcouncil.core.interfaces import account_uses
from coopcouncil.core.retention import retention_apply
from coopcouncil.membership.models import Membership
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


def test_an_unconfirmed_account_another_app_uses_is_kept_and_reported(make_user, caplog):
    """Any registered use keeps the account (here a co-op membership, which deleting the
    account would delete); the dry run counts both; an unused one still goes."""
    now = timezone.now()
    member, unused = make_user(verified_email=False), make_user(verified_email=False)
    membership = Membership.objects.create(user=member, joined_at=now)
    User.objects.filter(pk__in=[member.pk, unused.pk]).update(date_joined=now - timedelta(40))

    dry = {o.record_type: o for o in retention_apply(dry_run=True)}["people.unconfirmed_accounts"]
    assert (dry.count, dry.held) == (1, {"membership.Membership.user": 1})
    assert User.objects.filter(pk=unused.pk).exists()

    with caplog.at_level("INFO", logger="coopcouncil.core.retention"):
        done = {o.record_type: o for o in retention_apply()}["people.unconfirmed_accounts"]
    assert (done.count, done.held) == (1, {"membership.Membership.user": 1})
    assert (
        "retention: people.unconfirmed_accounts 1 kept, in use by membership.Membership.user"
        in caplog.messages
    )
    assert not User.objects.filter(pk=unused.pk).exists()
    assert Membership.objects.get(user=member) == membership


# Kept out of the rule on purpose: people's own records (an account's residency, claims,
# keys go with it), the audit trail (the event stays, its actor is cleared), Django's admin
# log and two-factor devices, and the history tables that mirror a registered live table.
NOT_A_USE = {"people", "core", "admin", "otp_totp"}


def test_every_other_apps_field_naming_an_account_is_registered_as_a_use():
    """A new foreign key to the account must say it keeps the account in use, or an
    unconfirmed account's removal would take (or orphan) its rows."""
    naming = {
        f"{field.related_model._meta.label}.{field.field.name}"
        for field in get_user_model()._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and (field.one_to_many or field.one_to_one)
        and field.related_model._meta.app_label not in NOT_A_USE
        and not field.related_model.__name__.startswith("Historical")
    }
    assert naming == {use.kind for use in account_uses()}


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
