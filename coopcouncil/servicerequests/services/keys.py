"""Open311 API keys: issued (shown once), revoked, and checked on every keyed call."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.logic.keys import key_generate, key_hash, key_matches, key_shown
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.servicerequests import policy
from coopcouncil.servicerequests.errors import RateLimited
from coopcouncil.servicerequests.logic.keys import PREFIX, calls_after
from coopcouncil.servicerequests.models import ApiKey


def api_key_create(*, actor: Actor, name: str, check_permission: bool = True) -> tuple[ApiKey, str]:
    """Issue a key to the client ``name``; the key itself is returned once and never stored.

    ``check_permission=False`` is for the command line, run by whoever runs the server.
    """
    if check_permission:
        require(actor, "servicerequests.manage_keys")
    name = name.strip()
    if not name:
        raise DomainError("name_missing", gettext("Name the client the key is for."), "name")
    key = key_generate(PREFIX)
    with transaction.atomic():
        api_key = ApiKey.objects.create(
            name=name[:120],
            key_hash=key_hash(key),
            shown=key_shown(key),
            created_by=acting_user(actor),
        )
        audit_record(
            actor=actor,
            action="servicerequests.api_key_created",
            target=api_key,
            summary=f"Open311 API key issued to {api_key.name}",
        )
    return api_key, key


def api_key_revoke(
    *, actor: Actor, api_key: ApiKey, check_permission: bool = True, now: datetime | None = None
) -> ApiKey:
    """Stop a key working at once; it stays listed, with when it was revoked."""
    if check_permission:
        require(actor, "servicerequests.manage_keys")
    with transaction.atomic():
        api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if api_key.revoked_at is not None:
            raise Conflict("api_key_revoked", gettext("This key is already revoked."))
        api_key.revoked_at = now or timezone.now()
        api_key.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="servicerequests.api_key_revoked",
            target=api_key,
            summary=f"Open311 API key of {api_key.name} revoked",
        )
    return api_key


def api_key_authenticate(*, key: str, now: datetime | None = None) -> ApiKey:
    """The live key matching ``key``, counted against its per-minute limit.

    Refused with 403 when missing, unknown or revoked, and 429 past the limit. A call is a
    use, not a governance action, so it updates the key's last use rather than the audit
    trail (which a busy client would otherwise flood).
    """
    if not key.strip():
        raise NotAllowed("api_key_missing", gettext("This call needs an api_key."), "api_key")
    now = now or timezone.now()
    with transaction.atomic():
        api_key = ApiKey.objects.select_for_update().filter(key_hash=key_hash(key)).first()
        if (
            api_key is None
            or not key_matches(key, api_key.key_hash)
            or api_key.revoked_at is not None
        ):
            raise NotAllowed("api_key_invalid", gettext("Invalid api_key."), "api_key")
        counted = calls_after(
            window=api_key.window,
            calls=api_key.window_calls,
            now=now,
            limit=policy.open311_calls_per_minute(),
        )
        if counted is None:
            raise RateLimited(
                "api_key_rate_limited",
                gettext("Too many calls with this api_key this minute; try again shortly."),
                "api_key",
            )
        api_key.window, api_key.window_calls = counted
        api_key.last_used_at = now
        api_key.save(update_fields=["window", "window_calls", "last_used_at"])
    return api_key
