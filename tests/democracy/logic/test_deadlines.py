from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from coopcouncil.democracy.logic.deadlines import (
    UpcomingMeeting,
    call_in_closes_at,
    is_call_in_open,
    is_question_open,
    next_open_meeting,
    question_cutoff,
)

LONDON = ZoneInfo("Europe/London")
MEETING = datetime(2026, 12, 10, 18, 30, tzinfo=LONDON)


def test_question_cutoff_is_two_hours_before_the_meeting():
    assert question_cutoff(MEETING, minutes_before=120) == datetime(
        2026, 12, 10, 16, 30, tzinfo=LONDON
    )


def test_question_is_refused_at_the_cutoff_itself():
    cutoff = question_cutoff(MEETING, minutes_before=120)
    assert is_question_open(MEETING, now=cutoff - timedelta(seconds=1), minutes_before=120)
    assert not is_question_open(MEETING, now=cutoff, minutes_before=120)


def test_next_open_meeting_skips_meetings_past_their_cutoff():
    now = datetime(2026, 12, 10, 17, 0, tzinfo=LONDON)
    meetings = [
        UpcomingMeeting(1, MEETING),
        UpcomingMeeting(3, MEETING + timedelta(days=120)),
        UpcomingMeeting(2, MEETING + timedelta(days=60)),
    ]
    assert next_open_meeting(meetings, now=now, minutes_before=120).id == 2
    assert next_open_meeting(meetings[:1], now=now, minutes_before=120) is None


def test_call_in_window_closes_at_midnight_after_the_tenth_working_day():
    published = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    closes = call_in_closes_at(published, working_days=10, zone=LONDON)
    assert closes == datetime(2026, 12, 17, 0, 0, tzinfo=LONDON)
    assert is_call_in_open(opens_at=published, closes_at=closes, now=closes - timedelta(seconds=1))
    assert not is_call_in_open(opens_at=published, closes_at=closes, now=closes)


def test_call_in_window_uses_the_local_date_of_publication():
    # 00:30 on 3 December in London in winter is 00:30 UTC: the local day is the 3rd.
    published = datetime(2026, 12, 3, 0, 30, tzinfo=UTC)
    closes = call_in_closes_at(published, working_days=1, zone=LONDON)
    assert closes == datetime(2026, 12, 5, 0, 0, tzinfo=LONDON)
