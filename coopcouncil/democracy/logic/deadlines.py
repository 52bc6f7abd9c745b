"""Deadlines of public meetings: question cut-off, the call-in window, papers on time.

All functions take ``now`` (aware datetimes in, aware datetimes out) so that tests
and the council's published examples control the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from coopcouncil.democracy.logic.calendar import (
    add_working_days,
    working_day_before,
    working_days_between,
)


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


def papers_deadline(meeting_starts_at: datetime, *, clear_days: int, zone: tzinfo) -> datetime:
    """The moment by which a meeting's papers must be published (strictly before it).

    The access-to-information rule (Local Government Act 1972, s.100B, as the partnership
    adopts it): papers are open to the public at least ``clear_days`` clear working days
    before the meeting. Clear days leave out the day of publication and the day of the
    meeting; weekends and bank holidays do not count. So the last clear day is the working
    day before the meeting, the first is ``clear_days`` working days before it, and the
    papers must be out by the start (local midnight) of that first clear day.

    Example: for a meeting on Thursday 12 March 2026 the five clear days are 5, 6, 9, 10
    and 11 March, so papers published on Wednesday 4 March are on time and papers
    published on Thursday 5 March are late: the deadline is 00:00 on 5 March.
    """
    meeting_day = meeting_starts_at.astimezone(zone).date()
    first_clear_day = working_day_before(meeting_day, clear_days)
    return datetime.combine(first_clear_day, time.min).replace(tzinfo=zone)


def clear_working_days_before(
    published_at: datetime, meeting_starts_at: datetime, *, zone: tzinfo
) -> int:
    """Working days strictly between the day of publication and the day of the meeting."""
    published_day = published_at.astimezone(zone).date()
    meeting_day = meeting_starts_at.astimezone(zone).date()
    return working_days_between(published_day, meeting_day - timedelta(days=1))


def is_paper_late(
    published_at: datetime, meeting_starts_at: datetime, *, clear_days: int, zone: tzinfo
) -> bool:
    """True when a paper came out later than ``papers_deadline`` allows."""
    return published_at >= papers_deadline(meeting_starts_at, clear_days=clear_days, zone=zone)
