"""The interfaces other apps call: eligibility, attendance rate, participation figures."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.democracy import selectors
from coopcouncil.democracy.models import (
    CallInPetition,
    CallInSignature,
    Decision,
    MeetingAttendance,
    PulseAnswer,
    PulseQuestion,
    PulseSurvey,
    Question,
)

pytestmark = pytest.mark.django_db


def test_non_councillor_is_not_eligible_with_a_reason(make_user, programme):
    result = selectors.councillor_eligibility(make_user())
    assert not result.is_eligible and "councillor" in result.reason


def test_councillor_with_half_the_core_modules_is_eligible(councillor, attend):
    attend(councillor, 1, 2, 3)
    result = selectors.councillor_eligibility(councillor, as_of=date(2026, 6, 1))
    assert (result.is_eligible, result.modules_attended, result.modules_total) == (True, 3, 6)


def test_specialised_sessions_do_not_count_towards_eligibility(councillor, attend):
    attend(councillor, 1, 2, 7)
    result = selectors.councillor_eligibility(councillor, as_of=date(2026, 6, 1))
    assert not result.is_eligible and result.modules_attended == 2


def test_eligibility_counts_only_attendance_up_to_the_day_asked(councillor, attend):
    attend(councillor, 3, 4, 5)  # modules 1 to 6 are held on 1 to 6 February
    on_the_2nd = selectors.councillor_eligibility(councillor, as_of=date(2026, 2, 2))
    assert (on_the_2nd.is_eligible, on_the_2nd.modules_attended, on_the_2nd.modules_held) == (
        False,
        0,
        2,
    )
    assert selectors.councillor_eligibility(councillor, as_of=date(2026, 2, 5)).is_eligible


def test_a_new_year_counts_only_the_modules_it_has_held(councillor, attend, programme):
    from coopcouncil.democracy.models import Module, ModuleSession, ProgrammeYear

    attend(councillor, 1, 2, 3)  # 2026: eligible
    next_year = ProgrammeYear.objects.create(
        title="Local Leaders Programme 2027", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    for number in (1, 2, 3, 4):
        module = Module.objects.create(programme=next_year, number=number, title=f"M{number}")
        ModuleSession.objects.create(
            module=module, starts_at=timezone.make_aware(timezone.datetime(2027, 3, number, 18))
        )
    january = selectors.councillor_eligibility(councillor, as_of=date(2027, 1, 15))
    assert january.is_eligible and january.basis == "previous_year"
    assert january.reason.startswith(
        "Local Leaders Programme 2027 has held no module yet:"
        " Local Leaders Programme 2026's result stands"
    )
    march = selectors.councillor_eligibility(councillor, as_of=date(2027, 3, 2))
    assert (march.is_eligible, march.modules_held, march.basis) == (False, 2, "held_so_far")
    assert "0 of 2 modules held so far attended (0 %)" in march.reason


def test_without_a_programme_year_no_attendance_is_required(councillor):
    assert selectors.councillor_eligibility(councillor).is_eligible


def test_attendance_rate_counts_held_partnership_meetings_of_the_year(councillor, make_meeting):
    year = timezone.now().year
    held = [make_meeting(starts_in=-timedelta(hours=h)) for h in (1, 2, 3, 4)]
    make_meeting(starts_in=timedelta(days=1))  # not yet held
    if any(m.starts_at.year != year for m in held):
        pytest.skip("run too close to new year")
    MeetingAttendance.objects.create(meeting=held[0], user=councillor)
    MeetingAttendance.objects.create(meeting=held[1], user=councillor, is_present=False)
    assert selectors.councillor_attendance_rate(councillor, year=year) == 25.0
    assert selectors.councillor_attendance_rate(councillor, year=year - 5) is None


def test_participation_figures_for_a_district(
    ward, partnership, make_meeting, make_resident, councillor, make_paper
):
    now = timezone.now()
    past = make_meeting(
        starts_in=-timedelta(days=20),
        public_attendees=12,
        minutes_published_at=now - timedelta(days=15),
    )
    # Three weeks ahead is five clear working days whatever the bank holidays.
    make_paper(past, published_at=now - timedelta(days=41))
    make_meeting(starts_in=-timedelta(days=15))  # papers never published, minutes overdue
    resident = make_resident(ward)
    Question.objects.create(meeting=past, asker=resident, text="Why?")
    decision = Decision.objects.create(partnership=partnership, title="Bins", status="published")
    petition = CallInPetition.objects.create(
        decision=decision, opens_at=now, closes_at=now + timedelta(days=5), threshold=100
    )
    CallInSignature.objects.create(petition=petition, signer=resident, ward=ward)
    survey = PulseSurvey.objects.create(
        partnership=partnership,
        title="Pulse",
        audience="residents",
        opens_at=now,
        closes_at=now + timedelta(days=3),
    )
    question = PulseQuestion.objects.create(survey=survey, text="Heard?")
    PulseAnswer.objects.create(question=question, rating=5)
    PulseAnswer.objects.create(question=question, rating=3)

    figures = selectors.district_participation_figures(
        ward.district, since=(now - timedelta(days=60)).date(), until=now.date()
    )
    assert figures == selectors.DistrictParticipation(
        questions_asked=1,
        call_in_signatures=1,
        meeting_attendance=12,
        papers_published_on_time_rate=50,
        minutes_published_on_time_rate=50,
        pulse_score=75,
    )


def test_participation_figures_are_empty_for_a_quiet_district(other_ward):
    figures = selectors.district_participation_figures(
        other_ward.district, since=date(2026, 1, 1), until=date(2026, 12, 31)
    )
    assert figures.questions_asked == 0
    assert figures.papers_published_on_time_rate is None
    assert figures.pulse_score is None


def test_call_in_takes_signatures_only_inside_its_window_and_until_closed():
    now = timezone.now()
    petition = CallInPetition(
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1), threshold=2
    )
    assert selectors.call_in_is_open(petition, now=now)
    assert not selectors.call_in_is_open(petition, now=petition.closes_at)
    assert not selectors.call_in_is_open(petition, now=petition.opens_at - timedelta(seconds=1))
    petition.status = CallInPetition.Status.CLOSED
    assert not selectors.call_in_is_open(petition, now=now)
    assert not selectors.call_in_is_open(None, now=now)
