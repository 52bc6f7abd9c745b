"""API keys for the JSON API: issued to an account (shown once), revoked, and checked per call.

A key acts as its account, with the account's permissions — the same rules as a session —
or only reads when it is read-only. Creating and revoking are governance actions and are
audited; a call is a use, so it counts against the key's rate limit and moves
``last_used_at`` (at most once a minute) rather than writing the audit trail.
docs/reliability.md, "API keys".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, NotAuthenticated
from coopcouncil.core.logic.keys import key_generate, key_hash, key_matches, key_shown
from coopcouncil.core.permissions import require
from coopcouncil.core.ratelimits import rate_limit_check
from coopcouncil.people import policy
from coopcouncil.people.models import ApiKey, User
from coopcouncil.people.selectors import Actor

PREFIX = "cck_"
# How stale ``last_used_at`` may be: "used in the last minute" is all an owner needs.
LAST_USED_PRECISION = timedelta(minutes=1)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def api_key_create(
    *,
    actor: Actor,
    user: User,
    name: str,
    is_read_only: bool = False,
    expires_in_days: int | None = None,
    check_permission: bool = True,
    now: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Issue a key acting as ``user``; the key itself is returned once and never stored.

    ``check_permission=False`` is for the command line, run by whoever runs the server.
    """
    if check_permission:
        require(actor, "people.manage_api_keys", user)
    name = name.strip()
    if not name:
        raise DomainError("name_missing", gettext("Name the client the key is for."), "name")
    if expires_in_days is not None and expires_in_days < 1:
        raise DomainError(
            "expiry_invalid", gettext("A key lasts at least one day."), "expires_in_days"
        )
    if not user.is_active:
        raise DomainError("user_inactive", gettext("This account is closed."), "user")
    now = now or timezone.now()
    key = key_generate(PREFIX)
    with transaction.atomic():
        api_key = ApiKey.objects.create(
            user=user,
            name=name[:120],
            key_hash=key_hash(key),
            shown=key_shown(key),
            is_read_only=is_read_only,
            created_at=now,
            expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
        )
        audit_record(
            actor=actor,
            action="people.api_key_created",
            target=api_key,
            summary=f"API key {api_key.name} ({api_key.shown}) issued to {user.email}",
        )
    return api_key, key


def api_key_revoke(
    *, actor: Actor, api_key: ApiKey, check_permission: bool = True, now: datetime | None = None
) -> ApiKey:
    """Stop a key working at once; it stays listed, with when it was revoked."""
    if check_permission:
        require(actor, "people.manage_api_keys", api_key)
    with transaction.atomic():
        api_key = ApiKey.objects.select_for_update().select_related("user").get(pk=api_key.pk)
        if api_key.revoked_at is not None:
            raise Conflict("api_key_revoked", gettext("This key is already revoked."))
        api_key.revoked_at = now or timezone.now()
        api_key.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="people.api_key_revoked",
            target=api_key,
            summary=f"API key {api_key.name} ({api_key.shown}) of {api_key.user.email} revoked",
        )
    return api_key


def api_key_authenticate(*, key: str, method: str, now: datetime | None = None) -> ApiKey:
    """The live key matching ``key``, counted against its rate limit, for a call by ``method``.

    Unknown, revoked and expired keys, and keys of closed accounts, are refused with 401;
    a read-only key's write with 403; a call past the limit with 429.
    """
    now = now or timezone.now()
    # From the primary even on a GET: a revoked key must stop at once, not when a replica
    # catches up (config/routers.py would send this read to one).
    keys = ApiKey.objects.using(DEFAULT_DB_ALIAS).select_related("user")
    api_key = keys.filter(key_hash=key_hash(key)).first()
    if api_key is None or not key_matches(key, api_key.key_hash):
        raise NotAuthenticated("api_key_invalid", gettext("This API key is not valid."))
    if api_key.revoked_at is not None:
        raise NotAuthenticated("api_key_revoked", gettext("This API key has been revoked."))
    if not api_key.is_live(now):
        raise NotAuthenticated("api_key_expired", gettext("This API key has expired."))
    if not api_key.user.is_active:
        raise NotAuthenticated("api_key_invalid", gettext("This API key is not valid."))
    # The key stands in the account's place in the counter's name: the limit is per key.
    rate_limit_check(policy.api_key_rate_limit(), account_id=api_key.pk, address=None, now=now)
    if api_key.is_read_only and method.upper() not in SAFE_METHODS:
        raise NotAllowed("api_key_read_only", gettext("This API key may only read."))
    _last_used_record(api_key, now)
    return api_key


def _last_used_record(api_key: ApiKey, now: datetime) -> None:
    """Move ``last_used_at`` to ``now`` unless it moved within the last minute.

    One conditional UPDATE: concurrent calls in the same minute write it once between them.
    """
    if api_key.last_used_at is not None and now - api_key.last_used_at < LAST_USED_PRECISION:
        return
    stale = now - LAST_USED_PRECISION
    ApiKey.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale), pk=api_key.pk
    ).update(last_used_at=now)
    api_key.last_used_at = now


def api_keys_revoke_for_erasure(*, user: User, now: datetime | None = None) -> int:
    """Revoke every live key of an account being erased; how many were revoked."""
    return ApiKey.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )
