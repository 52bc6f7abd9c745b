"""How long people keeps personal data it no longer needs (registered in ``PeopleConfig``).

Accounts never confirmed and named by no other app's record, spent postal codes, expired
sessions, failed sign-ins and register-match tries: none is counted in any public figure, so
each is removed whole.
"""

from __future__ import annotations

import logging
from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import ProtectedError, QuerySet

from coopcouncil.core.interfaces import RetentionRule, account_uses
from coopcouncil.people.models import PostalCode, RegisterMatchAttempt, User

logger = logging.getLogger(__name__)


def _never_confirmed(*, before: datetime) -> QuerySet[User]:
    return User.objects.filter(
        email_verified_at__isnull=True,
        date_joined__lt=before,
        is_staff=False,
        is_superuser=False,
        role_assignments__isnull=True,
    ).distinct()


def _unconfirmed_accounts_held(*, before: datetime) -> dict[str, int]:
    """Accounts never confirmed that are kept because another app's record names them
    (``core.interfaces.AccountUse``), by that record's field; only fields that keep one."""
    never_confirmed = _never_confirmed(before=before)
    held = {
        use.kind: never_confirmed.filter(pk__in=use.accounts()).count() for use in account_uses()
    }
    return {kind: count for kind, count in held.items() if count}


def _unconfirmed_accounts(*, before: datetime, dry_run: bool) -> int:
    """Accounts whose email was never confirmed, holding no role and named by no other
    app's record: a member a co-op secretary added, say, is in use, and deleting the account
    would take the membership, its ballots' turnout and share applications with it."""
    unused = _never_confirmed(before=before)
    for use in account_uses():
        unused = unused.exclude(pk__in=use.accounts())
    if dry_run:
        return unused.count()
    removed = 0
    for user in unused:
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            # A field no app registered: keep the account, and say so, rather than fail.
            logger.warning("retention: account %s is protected by an unregistered field", user.pk)
            continue
        removed += 1
    return removed


def _postal_codes(*, before: datetime, dry_run: bool) -> int:
    spent = PostalCode.objects.filter(expires_at__lt=before)
    return spent.count() if dry_run else spent.delete()[0]


def _sessions(*, before: datetime, dry_run: bool) -> int:
    expired = Session.objects.filter(expire_date__lt=before)
    return expired.count() if dry_run else expired.delete()[0]


def _failed_sign_ins(*, before: datetime, dry_run: bool) -> int:
    attempts = AccessAttempt.objects.filter(attempt_time__lt=before)
    failures = AccessFailureLog.objects.filter(attempt_time__lt=before)
    if dry_run:
        return attempts.count() + failures.count()
    return attempts.delete()[0] + failures.delete()[0]


def _register_match_attempts(*, before: datetime, dry_run: bool) -> int:
    old = RegisterMatchAttempt.objects.filter(at__lt=before)
    return old.count() if dry_run else old.delete()[0]


PEOPLE_RETENTION_RULES = (
    RetentionRule(
        "people.unconfirmed_accounts",
        "Accounts whose email address was never confirmed and no other app's record uses "
        "(name, email, password hash).",
        "removed",
        30,
        _unconfirmed_accounts,
        _unconfirmed_accounts_held,
    ),
    RetentionRule(
        "people.postal_codes",
        "One-time residency codes posted to an address, after they expire.",
        "removed",
        90,
        _postal_codes,
    ),
    RetentionRule(
        "people.sessions",
        "Sign-in sessions, once expired.",
        "removed",
        0,
        _sessions,
    ),
    RetentionRule(
        "people.failed_sign_ins",
        "Failed sign-in records of the lockout (email typed, address, browser).",
        "removed",
        30,
        _failed_sign_ins,
    ),
    RetentionRule(
        "people.register_match_attempts",
        "Tries at the electoral-register match (account and address).",
        "removed",
        30,
        _register_match_attempts,
    ),
)
