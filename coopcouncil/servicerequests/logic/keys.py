"""Open311 API keys: made at random, shown once, kept only as a SHA-256 hash.

A key is ``o311_`` and 32 random bytes in URL-safe base64. The database keeps its hash
and its first characters (to tell keys apart in lists), so a stolen database reveals no
usable key. Each key may make ``limit`` calls a minute (a fixed window by the clock minute).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

PREFIX = "o311_"
SHOWN_CHARACTERS = 12


def key_generate() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.strip().encode("utf-8")).hexdigest()


def key_shown(key: str) -> str:
    """The start of a key, safe to list: ``o311_AbCdEfG``."""
    return key[:SHOWN_CHARACTERS]


def minute_of(now: datetime) -> datetime:
    """The clock minute ``now`` falls in: the rate limit's window."""
    return now.replace(second=0, microsecond=0)


def calls_after(
    *, window: datetime | None, calls: int, now: datetime, limit: int
) -> tuple[datetime, int] | None:
    """The key's (window, calls) after one more call, or None when the limit is reached.

    Example: with a limit of 2, a third call in the same minute is refused; the first call
    in the next minute starts the count again at 1.
    """
    current = minute_of(now)
    used = calls if window == current else 0
    if used >= limit:
        return None
    return current, used + 1
