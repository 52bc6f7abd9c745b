"""Papers on time, as the meeting page and the autonomy scorecard read them."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from coopcouncil.democracy import selectors

pytestmark = pytest.mark.django_db


def _at(*parts: int) -> datetime:
    return timezone.make_aware(datetime(*parts))


@pytest.fixture
def easter_meeting(make_meeting):
    """Thursday 24 April 2025: Good Friday and Easter Monday fall in the week before."""
    meeting = make_meeting(title="After Easter")
    meeting.starts_at = _at(2025, 4, 24, 18, 30)
    meeting.save()
    return meeting


def test_a_paper_eight_days_ahead_over_easter_is_late_with_three_clear_days(
    easter_meeting, make_paper
):
    # Clear days after Wednesday 16 April: 17, 22 and 23 April (18 and 21 are bank holidays).
    make_paper(easter_meeting, published_at=_at(2025, 4, 16, 9, 0))
    [row] = selectors.meeting_papers(easter_meeting, include_drafts=False)
    assert (row.is_late, row.clear_days, row.rule_days) == (True, 3, 5)


def test_drafts_are_listed_only_when_asked_for(easter_meeting, make_paper):
    make_paper(easter_meeting, published_at=None, title="Draft report", kind="report")
    assert selectors.meeting_papers(easter_meeting, include_drafts=False) == []
    [row] = selectors.meeting_papers(easter_meeting, include_drafts=True)
    assert (row.paper.title, row.is_late) == ("Draft report", None)


def test_papers_on_time_come_from_each_papers_clear_working_days(
    ward, make_meeting, make_paper, easter_meeting
):
    march = make_meeting(title="March")
    march.starts_at = _at(2025, 3, 13, 18, 30)
    march.save()
    # Clear days 6, 7, 10, 11 and 12 March: on time.
    make_paper(march, published_at=_at(2025, 3, 5, 16, 0))
    # Eight calendar days ahead, but only three clear working days over Easter: late.
    make_paper(easter_meeting, published_at=_at(2025, 4, 16, 9, 0))
    may = make_meeting(title="May, minutes only")
    may.starts_at = _at(2025, 5, 15, 18, 30)
    may.save()
    make_paper(may, published_at=_at(2025, 5, 16, 9, 0), kind="minutes")

    figures = selectors.district_participation_figures(
        ward.district, since=date(2025, 1, 1), until=date(2025, 12, 31)
    )
    # March on time; Easter late; May's agenda and reports were never published.
    assert figures.papers_published_on_time_rate == 33


def test_one_late_report_makes_the_meeting_late(ward, make_meeting, make_paper):
    meeting = make_meeting(title="March")
    meeting.starts_at = _at(2025, 3, 13, 18, 30)
    meeting.save()
    make_paper(meeting, published_at=_at(2025, 3, 5, 16, 0))
    make_paper(meeting, published_at=_at(2025, 3, 12, 9, 0), kind="report", title="Late")
    assert not selectors.papers_on_time(meeting, meeting.papers.all())
