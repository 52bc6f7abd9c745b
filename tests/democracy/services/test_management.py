"""Running the democracy: membership, sub-groups, moving/cancelling meetings, the programme
register and setting up surveys. Each proves DB state, the audit row and the error code."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.core.permissions import check
from coopcouncil.democracy import selectors
from coopcouncil.democracy.models import (
    Decision,
    FeedbackRound,
    Meeting,
    PulseAnswer,
    PulseQuestion,
    PulseSurvey,
    SessionAttendance,
)
from coopcouncil.democracy.services import leaders, meetings, surveys
from coopcouncil.democracy.services.questions import question_ask
from coopcouncil.people.models import Organisation

pytestmark = pytest.mark.django_db


def _audited(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


# --- Membership ---


def test_partner_member_needs_an_organisation(partnership, clerk, make_user):
    with pytest.raises(DomainError) as refused:
        meetings.member_add(
            actor=clerk,
            partnership=partnership,
            user=make_user("Pat Police"),
            kind="partner",
            title="Police",
            start_date=date(2026, 1, 1),
        )
    assert refused.value.code == "organisation_required"
    assert not partnership.members.exists()


def test_partner_member_added_and_ended_with_audit(partnership, clerk, make_user):
    police = Organisation.objects.create(name="Police", slug="police", kind="police")
    member = meetings.member_add(
        actor=clerk,
        partnership=partnership,
        user=make_user("Pat Police"),
        kind="partner",
        title="Neighbourhood inspector",
        organisation=police,
        start_date=date(2026, 1, 1),
    )
    assert member.organisation == police and _audited("democracy.member_added")
    meetings.member_end(actor=clerk, member=member, end_date=date(2026, 6, 30))
    member.refresh_from_db()
    assert member.end_date == date(2026, 6, 30) and _audited("democracy.member_ended")


def test_ending_a_membership_twice_is_a_conflict(partnership, clerk, make_user):
    member = meetings.member_add(
        actor=clerk,
        partnership=partnership,
        user=make_user("Dee"),
        kind="district_team",
        title="Caseworker",
        start_date=date(2026, 1, 1),
    )
    meetings.member_end(actor=clerk, member=member, end_date=date(2026, 2, 1))
    with pytest.raises(Conflict) as refused:
        meetings.member_end(actor=clerk, member=member, end_date=date(2026, 3, 1))
    assert refused.value.code == "member_ended"


def test_sub_group_needs_a_name(partnership, clerk):
    with pytest.raises(DomainError) as refused:
        meetings.sub_group_create(actor=clerk, partnership=partnership, name="  ")
    assert refused.value.code == "name_required"


def test_sub_group_meetings_are_listed_with_it(partnership, clerk):
    group = meetings.sub_group_create(actor=clerk, partnership=partnership, name="Finance")
    meetings.meeting_schedule(
        actor=clerk,
        partnership=partnership,
        title="Finance sub-committee",
        starts_at=timezone.now() + timedelta(days=9),
        venue="Room 2",
        sub_group=group,
    )
    [listed] = selectors.sub_groups_with_meetings(partnership)
    assert [m.title for m in listed.meetings.all()] == ["Finance sub-committee"]


# --- Moving and cancelling a meeting ---


@pytest.fixture
def asked(ward, make_resident, make_meeting):
    meeting = make_meeting(starts_in=timedelta(days=10))
    resident = make_resident(ward)
    question_ask(asker=resident, meeting=meeting, text="When will the park gates be mended?")
    mail.outbox.clear()
    return meeting, resident


def test_reschedule_moves_the_meeting_and_emails_askers_on_commit(
    clerk, asked, django_capture_on_commit_callbacks
):
    meeting, resident = asked
    new_start = timezone.now() + timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_reschedule(
            actor=clerk, meeting=meeting, starts_at=new_start, venue="Town Hall"
        )
    meeting.refresh_from_db()
    assert meeting.starts_at == new_start and meeting.venue == "Town Hall"
    assert _audited("democracy.meeting_rescheduled")
    [sent] = mail.outbox
    assert sent.to == [resident.email] and "Town Hall" in sent.body


def test_reschedule_into_the_past_is_refused(clerk, asked):
    meeting, _ = asked
    with pytest.raises(DomainError) as refused:
        meetings.meeting_reschedule(
            actor=clerk,
            meeting=meeting,
            starts_at=timezone.now() - timedelta(hours=1),
            venue="Hall",
        )
    assert refused.value.code == "starts_in_past" and refused.value.field == "starts_at"


def test_cancel_tells_askers_why_and_cannot_be_repeated(
    clerk, asked, django_capture_on_commit_callbacks
):
    meeting, resident = asked
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_cancel(actor=clerk, meeting=meeting, reason="The hall flooded.")
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED
    assert _audited("democracy.meeting_cancelled")
    [sent] = mail.outbox
    assert sent.to == [resident.email] and "The hall flooded." in sent.body
    with pytest.raises(Conflict) as refused:
        meetings.meeting_cancel(actor=clerk, meeting=meeting, reason="Again")
    assert refused.value.code == "meeting_not_scheduled"


def test_no_email_when_a_cancellation_is_refused(councillor, asked):
    meeting, _ = asked
    with pytest.raises(NotAllowed):
        meetings.meeting_cancel(actor=councillor, meeting=meeting, reason="No")
    assert not mail.outbox and Meeting.objects.get(pk=meeting.pk).status == "scheduled"


# --- Local Leaders Programme ---


def _tz(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_programme_year_modules_and_sessions_are_set_up_by_the_clerk(clerk, councillor):
    year = leaders.programme_year_create(
        actor=clerk, title="LLP 2027", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    module = leaders.module_add(actor=clerk, programme=year, number=1, title="Local leadership")
    session = leaders.module_session_add(actor=clerk, module=module, starts_at=_tz(2027, 2, 3, 18))
    assert list(selectors.programme_modules(year)) == [module]
    assert list(module.sessions.all()) == [session]
    for action in ("llp_year_created", "llp_module_added", "llp_session_added"):
        assert _audited(f"democracy.{action}")
    with pytest.raises(NotAllowed):
        leaders.module_add(actor=councillor, programme=year, number=2, title="Skills")


def test_module_numbers_are_unique_and_sessions_fall_in_the_year(clerk):
    year = leaders.programme_year_create(
        actor=clerk, title="LLP 2027", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    module = leaders.module_add(actor=clerk, programme=year, number=1, title="One")
    with pytest.raises(Conflict) as duplicate:
        leaders.module_add(actor=clerk, programme=year, number=1, title="Again")
    assert duplicate.value.code == "module_exists"
    with pytest.raises(DomainError) as outside:
        leaders.module_session_add(actor=clerk, module=module, starts_at=_tz(2028, 3, 1, 18))
    assert outside.value.code == "session_outside_year"


def test_programme_year_must_end_after_it_starts(clerk):
    with pytest.raises(DomainError) as refused:
        leaders.programme_year_create(
            actor=clerk, title="Bad", starts_on=date(2027, 1, 1), ends_on=date(2026, 1, 1)
        )
    assert refused.value.code == "ends_before_start" and refused.value.field == "ends_on"


def test_register_tick_makes_councillor_eligible_and_budget_vote_follows(
    clerk, councillor, partnership, programme, attend
):
    budget = Decision(partnership=partnership, title="Ward fund", kind="budget")
    attend(councillor, 1, 2)  # two of six core modules: not enough
    assert not selectors.councillor_eligibility(councillor).is_eligible
    assert not check(councillor, "democracy.vote_on_budget", budget)
    third = programme.modules.get(number=3).sessions.get()
    leaders.session_attendance_set(actor=clerk, session=third, councillors=[councillor])
    assert selectors.councillor_eligibility(councillor).is_eligible
    assert check(councillor, "democracy.vote_on_budget", budget)
    assert _audited("democracy.llp_attendance_recorded").details["added"] == [councillor.pk]
    leaders.session_attendance_set(actor=clerk, session=third, councillors=[])
    assert not SessionAttendance.objects.filter(session=third).exists()
    assert not check(councillor, "democracy.vote_on_budget", budget)


def test_register_refuses_people_who_are_not_councillors(clerk, programme, make_user):
    session = programme.modules.get(number=1).sessions.get()
    with pytest.raises(DomainError) as refused:
        leaders.session_attendance_set(actor=clerk, session=session, councillors=[make_user()])
    assert refused.value.code == "not_councillors"
    assert not SessionAttendance.objects.exists()


# --- Pulse surveys and 360-degree rounds ---


def test_pulse_survey_with_scale_and_yes_no_questions(partnership, clerk, ward, make_resident):
    opens = timezone.now() - timedelta(hours=1)
    survey = surveys.pulse_survey_create(
        actor=clerk,
        partnership=partnership,
        title="How are we doing?",
        audience="residents",
        opens_at=opens,
        closes_at=opens + timedelta(days=14),
        questions=[("I feel safe in my area", "scale"), ("Did you use the library?", "yes_no")],
    )
    assert [q.kind for q in survey.questions.all()] == ["scale", "yes_no"]
    assert _audited("democracy.pulse_survey_created")
    scale, yes_no = survey.questions.all()
    with pytest.raises(DomainError) as refused:
        surveys.pulse_answer(
            respondent=make_resident(ward), survey=survey, ratings={scale.pk: 4, yes_no.pk: 3}
        )
    assert refused.value.code == "rating_out_of_range"
    surveys.pulse_answer(
        respondent=make_resident(ward), survey=survey, ratings={scale.pk: 4, yes_no.pk: 5}
    )
    _, yes_no_result = selectors.pulse_results(survey)
    assert yes_no_result.rows == [("Yes", 1, 100), ("No", 0, 0)]
    assert PulseAnswer.objects.count() == 2


def test_pulse_survey_refuses_bad_window_and_no_questions(partnership, clerk, councillor):
    opens = timezone.now()
    base = dict(partnership=partnership, title="T", audience="residents", opens_at=opens)
    with pytest.raises(DomainError) as window:
        surveys.pulse_survey_create(
            actor=clerk, closes_at=opens - timedelta(days=1), questions=[("Q", "scale")], **base
        )
    assert window.value.code == "closes_before_opens"
    with pytest.raises(DomainError) as empty:
        surveys.pulse_survey_create(
            actor=clerk, closes_at=opens + timedelta(days=1), questions=[(" ", "scale")], **base
        )
    assert empty.value.code == "questions_count"
    with pytest.raises(NotAllowed):
        surveys.pulse_survey_create(
            actor=councillor,
            closes_at=opens + timedelta(days=1),
            questions=[("Q", "scale")],
            **base,
        )
    assert not PulseSurvey.objects.exists() and not PulseQuestion.objects.exists()


def test_feedback_round_is_about_a_serving_councillor(clerk, councillor, make_user):
    opens = timezone.now()
    feedback_round = surveys.feedback_round_create(
        actor=clerk,
        subject=councillor,
        subject_role="Leader of the Council",
        opens_at=opens,
        closes_at=opens + timedelta(days=21),
    )
    assert feedback_round.subject == councillor and _audited("democracy.feedback_round_created")
    with pytest.raises(DomainError) as refused:
        surveys.feedback_round_create(
            actor=clerk,
            subject=make_user("Not A Councillor"),
            subject_role="Cabinet member",
            opens_at=opens,
            closes_at=opens + timedelta(days=21),
        )
    assert refused.value.code == "subject_not_councillor"
    with pytest.raises(NotAllowed):
        surveys.feedback_round_create(
            actor=councillor,
            subject=councillor,
            subject_role="Leader",
            opens_at=opens,
            closes_at=opens + timedelta(days=1),
        )
    assert FeedbackRound.objects.count() == 1
