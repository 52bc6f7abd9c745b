"""Demand figures from counted rows: trends, time to fix, rates per 1,000 residents.

The database counts (grouped by ward, category and month); these functions turn the
counts into what the dashboards show. Rates are exact fractions, rounded only for display.

Example: 30 fly-tipping reports in a ward of 12,000 residents is 2.5 per 1,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@dataclass(frozen=True)
class CountRow:
    """Requests of one category, in one ward, reported in one month."""

    ward_code: str
    category_code: str
    month: date
    reported: int
    closed: int
    fix_seconds: int  # total time from report to close over the closed ones
    failure_demand: int


def months_back(last: date, count: int) -> list[date]:
    """The first days of the ``count`` months ending with ``last``'s month, oldest first."""
    year, month = last.year, last.month
    found = []
    for _ in range(count):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def per_thousand(count: int, population: int) -> Decimal | None:
    """Requests per 1,000 residents to one decimal place; None where nobody lives."""
    if population <= 0:
        return None
    rate = Fraction(count * 1000, population)
    return (Decimal(rate.numerator) / Decimal(rate.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def mean_days(fix_seconds: int, closed: int) -> Decimal | None:
    """The mean time to fix in days (one decimal place); None when nothing is closed yet."""
    if closed <= 0:
        return None
    return (Decimal(fix_seconds) / Decimal(closed * 86400)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class CategoryDemand:
    """One category over the period: totals, time to fix, and the monthly trend."""

    category_code: str
    reported: int
    closed: int
    mean_days_to_fix: Decimal | None
    failure_demand: int
    monthly: tuple[int, ...]

    @property
    def open(self) -> int:
        return self.reported - self.closed


def category_demand(rows: Iterable[CountRow], months: Sequence[date]) -> list[CategoryDemand]:
    """Per category, most reported first (ties by code), with one count per month."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    monthly: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        total = totals[row.category_code]
        total[0] += row.reported
        total[1] += row.closed
        total[2] += row.fix_seconds
        total[3] += row.failure_demand
        monthly[row.category_code][row.month] += row.reported
    found = [
        CategoryDemand(
            category_code=code,
            reported=reported,
            closed=closed,
            mean_days_to_fix=mean_days(fix_seconds, closed),
            failure_demand=failure,
            monthly=tuple(monthly[code][month] for month in months),
        )
        for code, (reported, closed, fix_seconds, failure) in totals.items()
    ]
    return sorted(found, key=lambda c: (-c.reported, c.category_code))


def ward_totals(rows: Iterable[CountRow], *, category_code: str | None = None) -> dict[str, int]:
    """Requests per ward code, of one category or all."""
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        if category_code is None or row.category_code == category_code:
            totals[row.ward_code] += row.reported
    return dict(totals)


@dataclass(frozen=True)
class ChartBar:
    """One bar of a server-drawn chart, in the chart's own units (0..height)."""

    label: str
    value: int
    x: int
    height: int
    top: int  # the bar's top edge, measured down from the top of the chart


def bar_chart(
    labels: Sequence[str], values: Sequence[int], *, height: int, width: int
) -> list[ChartBar]:
    """Bars scaled so the tallest fills ``height``, spread evenly across ``width``."""
    tallest = max(values, default=0)
    step = width // max(len(values), 1)
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar_height = (value * height // tallest) if tallest else 0
        bars.append(ChartBar(label, value, index * step, bar_height, height - bar_height))
    return bars


@dataclass(frozen=True)
class TimeToFix:
    """Of the requests received in a period, how many were fixed by their deadline.

    ``judged`` leaves out a request still open before its deadline: it may yet be fixed in
    time, so the month's figure settles as its deadlines pass.
    """

    judged: int
    in_time: int

    @property
    def share_percent(self) -> Decimal | None:
        """The share fixed in time, to one decimal place (None when nothing was judged)."""
        if not self.judged:
            return None
        share = Fraction(100 * self.in_time, self.judged)
        return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def fixed_in_time(
    requests: Iterable[tuple[date, date | None]],
    *,
    deadline: Callable[[date], date],
    today: date,
) -> TimeToFix:
    """Count requests, each ``(day received, day closed or None)``, fixed in time.

    ``deadline(day)`` is the last day on which a request received on ``day`` still counts as
    fixed in time (a standard's "within 2 working days" is the second working day after).

    Example: with a deadline two days after receipt, requests received on 1 June and closed
    on 3 June (in time), received 1 June and closed 4 June (late), and received 1 June and
    still open on 2 June (not yet judged) give 1 fixed in time of 2 judged: 50.0 %.
    """
    judged = fixed = 0
    for received, closed in requests:
        due = deadline(received)
        if closed is not None and closed <= due:
            judged += 1
            fixed += 1
        elif closed is not None or today > due:
            judged += 1
    return TimeToFix(judged=judged, in_time=fixed)
