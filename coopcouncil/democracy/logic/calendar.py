"""Working days in England and Wales, for the community call-in window.

A working day is Monday to Friday and not a bank holiday. Bank holidays follow the
Banking and Financial Dealings Act 1971 and its standing proclamations — New Year's
Day, Good Friday, Easter Monday, the first and last Mondays of May, the last Monday of
August, Christmas Day and Boxing Day, with a weekday in lieu when one falls at a
weekend — plus the one-off changes made by royal proclamation (``PROCLAIMED``). So any
year has its holidays, and a new proclamation is one line here.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

# One-off changes by royal proclamation: (days added, days no longer holidays).
PROCLAIMED: dict[int, tuple[tuple[date, ...], tuple[date, ...]]] = {
    1995: ((date(1995, 5, 8),), (date(1995, 5, 1),)),  # VE Day 50th anniversary
    1999: ((date(1999, 12, 31),), ()),  # the millennium
    2002: ((date(2002, 6, 3), date(2002, 6, 4)), (date(2002, 5, 27),)),  # Golden Jubilee
    2011: ((date(2011, 4, 29),), ()),  # royal wedding
    2012: ((date(2012, 6, 4), date(2012, 6, 5)), (date(2012, 5, 28),)),  # Diamond Jubilee
    2020: ((date(2020, 5, 8),), (date(2020, 5, 4),)),  # VE Day 75th anniversary
    2022: (
        (date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)),  # Platinum Jubilee, funeral
        (date(2022, 5, 30),),
    ),
    2023: ((date(2023, 5, 8),), ()),  # coronation
}


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _in_lieu(day: date) -> date:
    """The day itself, or the Monday after it when it falls at a weekend."""
    return _monday_on_or_after(day) if day.weekday() >= 5 else day


def _last_monday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _christmas(year: int) -> tuple[date, date]:
    """Christmas Day and Boxing Day, or the weekdays in lieu of them."""
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if christmas.weekday() == 5:  # Saturday: Monday 27th and Tuesday 28th
        return christmas + timedelta(days=2), boxing + timedelta(days=2)
    if christmas.weekday() == 6:  # Sunday: Boxing Day Monday, Christmas on Tuesday 27th
        return christmas + timedelta(days=2), boxing
    if boxing.weekday() == 5:  # Friday Christmas, Saturday Boxing Day: Monday 28th
        return christmas, boxing + timedelta(days=2)
    return christmas, boxing


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in ``year``, days in lieu included."""
    easter = easter_sunday(year)
    days = {
        _in_lieu(date(year, 1, 1)),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _monday_on_or_after(date(year, 5, 1)),
        _last_monday(year, 5),
        _last_monday(year, 8),
        *_christmas(year),
    }
    added, removed = PROCLAIMED.get(year, ((), ()))
    return frozenset((days - set(removed)) | set(added))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts).

    Example: a decision published on Friday 18 December 2026 with a 10 working-day
    window runs through Wednesday 6 January 2027 — 25 and 28 December and 1 January
    are bank holidays.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_day_before(start: date, days: int) -> date:
    """The working day ``days`` working days before ``start`` (``start`` itself never counts).

    Example: 5 working days before Tuesday 7 April 2026 is Friday 27 March: Easter Monday
    (6 April) and Good Friday (3 April) are bank holidays.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day = start
    remaining = days
    while remaining:
        day -= timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
