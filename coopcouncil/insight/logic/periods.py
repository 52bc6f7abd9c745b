"""Calendar months: the periods insight counts and compares in."""

from __future__ import annotations

from datetime import date


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_after(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month (negative: before).

    >>> months_after(date(2026, 11, 17), 2)
    datetime.date(2027, 1, 1)
    """
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def recent_months(today: date, count: int) -> list[date]:
    """The first days of the last ``count`` months, the current one last."""
    this_month = month_start(today)
    return [months_after(this_month, offset) for offset in range(1 - count, 1)]
