"""Open311 API keys: their prefix and their per-minute limit.

Making, hashing and showing a key is shared with the accounts' API keys
(``core/logic/keys.py``). Each Open311 key may make ``limit`` calls a minute (a fixed window
by the clock minute).
"""

from __future__ import annotations

from datetime import datetime

PREFIX = "o311_"


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
