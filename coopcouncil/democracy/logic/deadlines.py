"""Deadlines of public meetings: question cut-off and the call-in window.

All functions take ``now`` (aware datetimes in, aware datetimes out) so that tests
and the council's published examples control the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from coopcouncil.democracy.logic.calendar import add_working_days


def question_cutoff(starts_at: datetime, *, minutes_before: int) -> datetime:
    """The moment questions to a meeting close: ``minutes_before`` before it starts.

    The partnership's rule is 2 hours (120 minutes); the old rule was 2 clear days.
    """
    return starts_at - timedelta(minutes=minutes_before)


def is_question_open(starts_at: datetime, *, now: datetime, minutes_before: int) -> bool:
    """Questions are accepted strictly before the cut-off."""
    return now < question_cutoff(starts_at, minutes_before=minutes_before)


@dataclass(frozen=True)
class UpcomingMeeting:
    """A meeting a refused question could go to instead."""

    id: int
    starts_at: datetime


def next_open_meeting(
    meetings: Sequence[UpcomingMeeting], *, now: datetime, minutes_before: int
) -> UpcomingMeeting | None:
    """The earliest meeting still taking questions, or None."""
    open_ones = [
        m for m in meetings if is_question_open(m.starts_at, now=now, minutes_before=minutes_before)
    ]
    return min(open_ones, key=lambda m: m.starts_at, default=None)


def call_in_closes_at(published_at: datetime, *, working_days: int, zone: tzinfo) -> datetime:
    """End of the call-in window: midnight (local) after the last working day.

    The day of publication does not count: a decision published on Wednesday
    2 December 2026 with 10 working days can be called in until the end of
    Wednesday 16 December, so the window closes at 00:00 on 17 December.
    """
    local_day = published_at.astimezone(zone).date()
    last_day = add_working_days(local_day, working_days)
    naive = datetime.combine(last_day + timedelta(days=1), time.min)
    return naive.replace(tzinfo=zone)


def is_call_in_open(*, opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    return opens_at <= now < closes_at
