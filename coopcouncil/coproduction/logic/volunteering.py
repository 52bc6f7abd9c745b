"""Volunteering: who may take a place on a shift, and the hours an organiser may confirm.

A shift's places are a hard limit (the service books them with a conditional update); these
rules say whether one person may take a place at all. A role that works with children or
adults at risk needs a DBS check in date on the day the shift starts, so a check expiring
mid-season refuses only the later shifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

__all__ = [
    "MAX_SHIFT_HOURS",
    "HoursProblem",
    "check_confirmed_hours",
    "safeguarding_problem",
    "shift_hours",
]

# No one gives more than a day in one shift; a larger figure is a typing slip.
MAX_SHIFT_HOURS = Decimal(24)


def shift_hours(starts_at: datetime, ends_at: datetime) -> Decimal:
    """The shift's length in hours, to the minute (09:00 to 12:30 is 3.5)."""
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    return (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"))


def safeguarding_problem(
    *, is_check_needed: bool, check_expires_on: date | None, shift_starts_on: date
) -> str | None:
    """Why the person may not take the place, as a code, or None when they may.

    ``no_check``: none recorded; ``check_expired``: the latest one ends before the shift.

    >>> safeguarding_problem(is_check_needed=True, check_expires_on=None,
    ...                      shift_starts_on=date(2026, 1, 5))
    'no_check'
    """
    if not is_check_needed:
        return None
    if check_expires_on is None:
        return "no_check"
    if check_expires_on < shift_starts_on:
        return "check_expired"
    return None


@dataclass(frozen=True)
class HoursProblem:
    code: str
    message: str


def check_confirmed_hours(hours: Decimal) -> HoursProblem | None:
    """Hours an organiser confirms: more than none, at most a day, in quarter hours."""
    if hours <= 0:
        return HoursProblem("hours_not_positive", "Confirm more than zero hours.")
    if hours > MAX_SHIFT_HOURS:
        return HoursProblem("hours_too_many", "One shift cannot be more than 24 hours.")
    if (hours * 4) % 1 != 0:
        return HoursProblem("hours_not_quarter", "Give hours in quarter hours, e.g. 2.25.")
    return None
