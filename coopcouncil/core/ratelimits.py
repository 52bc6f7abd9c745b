"""Rate limits on public actions (signatures, questions, ballots, reports, sign-ups).

Each attempt adds one to two counters — the account's and the address's — for the current
fixed window (windows start on multiples of their length from the Unix epoch), in one
upsert statement on the ``RateLimitCount`` table. The database is what every uvicorn worker
and server shares, so the limit holds across processes; the statement is the same on
SQLite and PostgreSQL. An attempt past either limit is refused with ``RateLimited`` (429)
and the seconds until the window ends. Refused attempts count too, so a script that keeps
trying stays refused until the window ends.

Addresses are personal data: a counter is named by a keyed hash of the address
(HMAC with the site's secret key), never the address. The signing lane counts its batches
with the same statement (``counts_add_sql``) on its own connection.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Mapping
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from coopcouncil.core.errors import RateLimited
from coopcouncil.core.models import RateLimitCount
from coopcouncil.core.policy import RateLimit

__all__ = [
    "counts_add",
    "counts_add_sql",
    "counts_return_sql",
    "rate_limit_check",
    "rate_limit_names",
    "rate_limit_request",
    "window_start",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def window_start(limit: RateLimit, now: datetime) -> datetime:
    """The start of the fixed window ``now`` falls in."""
    windows = (now - _EPOCH) // limit.window
    return _EPOCH + windows * limit.window


def _address_name(address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def rate_limit_names(
    limit: RateLimit, *, account_id: int | None, address: str | None
) -> list[tuple[str, int]]:
    """The counters one attempt adds to, each with its limit (none when the limit is off)."""
    if not limit.is_on:
        return []
    names = []
    if account_id is not None and limit.per_account > 0:
        names.append((f"{limit.action}:account:{account_id}", limit.per_account))
    if address and limit.per_address > 0:
        names.append((f"{limit.action}:address:{_address_name(address)}", limit.per_address))
    return names


def counts_add_sql(rows: int) -> str:
    """One upsert adding to ``rows`` counters, returning each counter's new count.

    Parameters: ``name, window_start, added`` per row. Each name appears once (PostgreSQL
    refuses to update a row twice in one statement).
    """
    table = RateLimitCount._meta.db_table
    values = ", ".join(["(%s, %s, %s)"] * rows)
    return (
        f"INSERT INTO {table} (name, window_start, count) VALUES {values}"
        f" ON CONFLICT (name, window_start) DO UPDATE SET count = {table}.count + excluded.count"
        " RETURNING name, count"
    )


def counts_return_sql() -> str:
    """Take back attempts counted by ``counts_add_sql`` (parameters: ``count, name, window_start``).

    For the signing lane, which hands some requests to Django after counting them: Django
    counts those itself, so each attempt counts once.
    """
    table = RateLimitCount._meta.db_table
    return f"UPDATE {table} SET count = count - %s WHERE name = %s AND window_start = %s"


def counts_add(added: Mapping[str, int], *, start: datetime) -> dict[str, int]:
    """Add to the named counters of the window starting at ``start``; their new counts."""
    if not added:
        return {}
    params: list[str | datetime | int] = []
    for name, count in added.items():
        params += [name, start, count]
    with connection.cursor() as cursor:
        cursor.execute(counts_add_sql(len(added)), params)
        return dict(cursor.fetchall())


def rate_limit_check(
    limit: RateLimit,
    *,
    account_id: int | None,
    address: str | None,
    now: datetime | None = None,
) -> None:
    """Count one attempt at ``limit.action``; refuse it (429) past either limit."""
    names = rate_limit_names(limit, account_id=account_id, address=address)
    if not names:
        return
    now = now or timezone.now()
    start = window_start(limit, now)
    counts = counts_add({name: 1 for name, _ in names}, start=start)
    if all(counts[name] <= allowed for name, allowed in names):
        return
    retry_after = max(1, math.ceil((start + limit.window - now).total_seconds()))
    minutes = math.ceil(retry_after / 60)
    message = ngettext(
        "You have done this too many times in a short while. Please try again in a minute.",
        "You have done this too many times in a short while. "
        "Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    raise RateLimited("rate_limited", message, retry_after=retry_after)


def rate_limit_request(limit: RateLimit, request: HttpRequest) -> None:
    """Count one attempt by the request's account (if signed in) and address."""
    user = getattr(request, "user", None)
    account_id = user.pk if user is not None and user.is_authenticated else None
    rate_limit_check(limit, account_id=account_id, address=request.META.get("REMOTE_ADDR"))
