from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.democracy.logic.deadlines import (
    UpcomingMeeting,
    call_in_closes_at,
    clear_working_days_before,
    is_call_in_open,
    is_paper_late,
    is_question_open,
    next_open_meeting,
    papers_deadline,
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


# --- Papers: five clear working days before the meeting ---


def _late(published: datetime, meeting: datetime) -> bool:
    return is_paper_late(published, meeting, clear_days=5, zone=LONDON)


def test_papers_for_a_thursday_meeting_are_due_before_the_thursday_a_week_earlier():
    # Clear days 5, 6, 9, 10 and 11 March: neither the day of publication nor the meeting's.
    meeting = datetime(2026, 3, 12, 18, 30, tzinfo=LONDON)
    assert papers_deadline(meeting, clear_days=5, zone=LONDON) == datetime(
        2026, 3, 5, tzinfo=LONDON
    )
    assert not _late(datetime(2026, 3, 4, 23, 59, tzinfo=LONDON), meeting)
    assert _late(datetime(2026, 3, 5, 0, 0, tzinfo=LONDON), meeting)


def test_papers_published_on_the_sunday_are_on_time_for_the_next_monday_but_one():
    # Meeting Monday 9 March: clear days Monday 2 to Friday 6 March; the weekend is no day.
    meeting = datetime(2026, 3, 9, 18, 0, tzinfo=LONDON)
    assert not _late(datetime(2026, 3, 1, 20, 0, tzinfo=LONDON), meeting)
    assert _late(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON), meeting)
    assert (
        clear_working_days_before(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON), meeting, zone=LONDON)
        == 4
    )


def test_good_friday_and_easter_monday_are_not_clear_days():
    # Meeting Thursday 9 April 2026: clear days 31 March, 1, 2, 7 and 8 April.
    meeting = datetime(2026, 4, 9, 18, 30, tzinfo=LONDON)
    assert papers_deadline(meeting, clear_days=5, zone=LONDON) == datetime(
        2026, 3, 31, tzinfo=LONDON
    )
    assert not _late(datetime(2026, 3, 30, 16, 0, tzinfo=LONDON), meeting)
    published_tuesday = datetime(2026, 3, 31, 9, 0, tzinfo=LONDON)
    assert _late(published_tuesday, meeting)
    assert clear_working_days_before(published_tuesday, meeting, zone=LONDON) == 4


def test_christmas_boxing_day_in_lieu_and_new_year_are_not_clear_days():
    # Meeting Wednesday 6 January 2027: 25 and 28 December 2026 and 1 January 2027 are
    # bank holidays, so the clear days are 29, 30 and 31 December, 4 and 5 January.
    meeting = datetime(2027, 1, 6, 18, 0, tzinfo=LONDON)
    assert papers_deadline(meeting, clear_days=5, zone=LONDON) == datetime(
        2026, 12, 29, tzinfo=LONDON
    )
    assert not _late(datetime(2026, 12, 24, 12, 0, tzinfo=LONDON), meeting)
    assert _late(datetime(2026, 12, 29, 10, 0, tzinfo=LONDON), meeting)


def test_the_deadline_is_local_midnight_in_summer_time():
    # 00:30 on Thursday 25 June in London is still 24 June in UTC, and is late.
    meeting = datetime(2026, 7, 2, 18, 30, tzinfo=LONDON)
    assert papers_deadline(meeting, clear_days=5, zone=LONDON) == datetime(
        2026, 6, 24, 23, 0, tzinfo=UTC
    )
    assert _late(datetime(2026, 6, 24, 23, 30, tzinfo=UTC), meeting)


def test_papers_published_on_the_day_of_the_meeting_have_no_clear_days():
    meeting = datetime(2026, 3, 12, 18, 30, tzinfo=LONDON)
    published = datetime(2026, 3, 12, 9, 0, tzinfo=LONDON)
    assert clear_working_days_before(published, meeting, zone=LONDON) == 0
    assert clear_working_days_before(meeting + timedelta(days=3), meeting, zone=LONDON) == 0


@given(
    st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)),
    st.integers(0, 40 * 24),
    st.integers(1, 10),
)
def test_a_paper_is_late_exactly_when_it_has_fewer_clear_days_than_the_rule(
    meeting, hours_before, clear_days
):
    meeting = meeting.replace(tzinfo=LONDON)
    published = meeting - timedelta(hours=hours_before)
    clear = clear_working_days_before(published, meeting, zone=LONDON)
    assert is_paper_late(published, meeting, clear_days=clear_days, zone=LONDON) == (
        clear < clear_days
    )
