"""Assets of community value: the dates the Localism Act 2011 (Part 5, Chapter 3) sets.

A listing lasts five years from the day the asset is listed (s.87(3)). When the owner
notifies the council of an intended disposal (s.95), an *interim moratorium* of six weeks
runs from the notice, in which a community interest group may ask to be treated as a
potential bidder. If one does, the *full moratorium* runs to six months from the notice.
The *protected period* is eighteen months from the notice: within it the owner may sell
without a further moratorium, and no second moratorium may start.

Worked example: notice on 15 January 2026. The window to bid closes on 26 February 2026
(six weeks); with an intention to bid, the moratorium ends on 15 July 2026; the protected
period ends on 15 July 2027.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "BID_WINDOW",
    "LISTING_YEARS",
    "MORATORIUM_MONTHS",
    "PROTECTED_MONTHS",
    "DisposalDates",
    "disposal_dates",
    "listing_ends_on",
    "months_after",
]

BID_WINDOW = timedelta(weeks=6)
MORATORIUM_MONTHS = 6
PROTECTED_MONTHS = 18
LISTING_YEARS = 5


def months_after(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 August + 6 → 28/29 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def listing_ends_on(listed_on: date) -> date:
    """Five years from the listing."""
    return months_after(listed_on, 12 * LISTING_YEARS)


@dataclass(frozen=True)
class DisposalDates:
    """The dates that follow an owner's notice of intended disposal."""

    notice_on: date
    bid_window_ends_on: date
    moratorium_ends_on: date | None  # None unless a group asked to bid in the window
    protected_period_ends_on: date

    def may_sell_from(self) -> date:
        """The first day the owner may complete a sale (the day after the moratorium ends)."""
        return (self.moratorium_ends_on or self.bid_window_ends_on) + timedelta(days=1)


def disposal_dates(*, notice_on: date, intention_to_bid_on: date | None) -> DisposalDates:
    """The moratorium and protected period for a notice, and whether a bid stops the clock.

    An intention to bid counts only when made within the six-week window; a later one
    leaves the interim moratorium as the only one.
    """
    window_ends = notice_on + BID_WINDOW
    is_bid_in_time = (
        intention_to_bid_on is not None and notice_on <= intention_to_bid_on <= window_ends
    )
    return DisposalDates(
        notice_on=notice_on,
        bid_window_ends_on=window_ends,
        moratorium_ends_on=months_after(notice_on, MORATORIUM_MONTHS) if is_bid_in_time else None,
        protected_period_ends_on=months_after(notice_on, PROTECTED_MONTHS),
    )
