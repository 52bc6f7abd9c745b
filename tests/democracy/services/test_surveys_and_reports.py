from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy import selectors
from coopcouncil.democracy.logic.aggregates import FEEDBACK_COMPETENCIES
from coopcouncil.democracy.models import (
    FeedbackResponse,
    FeedbackRound,
    ModuleSession,
    PulseQuestion,
    PulseSurvey,
    SessionAttendance,
)
from coopcouncil.democracy.services.leaders import annual_report_save, session_attendance_record
from coopcouncil.democracy.services.surveys import feedback_give, pulse_answer

pytestmark = pytest.mark.django_db
RATINGS = dict.fromkeys(FEEDBACK_COMPETENCIES, 4)


@pytest.fixture
def leader_round(make_role, ward):
    leader = make_role("councillor", "Leader Lee", ward=ward)
    now = timezone.now()
    return FeedbackRound.objects.create(
        subject=leader,
        subject_role="Leader of the Council",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
    )


def test_feedback_is_anonymous_and_shown_only_from_five(leader_round, make_role, ward):
    raters = [make_role("councillor", ward=ward) for _ in range(5)]
    for rater in raters[:4]:
        feedback_give(respondent=rater, feedback_round=leader_round, ratings=RATINGS)
    assert not selectors.feedback_results(leader_round).is_shown
    feedback_give(respondent=raters[4], feedback_round=leader_round, ratings=RATINGS)
    summary = selectors.feedback_results(leader_round)
    assert summary.is_shown and summary.scores[0].mean == 4
    assert not any(f.name in ("respondent", "user") for f in FeedbackResponse._meta.fields)


def test_feedback_once_per_person_and_not_about_yourself(leader_round, make_role, ward):
    rater = make_role("officer", team="clerk")
    feedback_give(respondent=rater, feedback_round=leader_round, ratings=RATINGS)
    with pytest.raises(DomainError) as twice:
        feedback_give(respondent=rater, feedback_round=leader_round, ratings=RATINGS)
    assert twice.value.status == 409
    with pytest.raises(NotAllowed):
        feedback_give(respondent=leader_round.subject, feedback_round=leader_round, ratings=RATINGS)


def test_feedback_rating_out_of_range_is_refused(leader_round, make_role):
    with pytest.raises(DomainError) as refused:
        feedback_give(
            respondent=make_role("officer", team="clerk"),
            feedback_round=leader_round,
            ratings={**RATINGS, FEEDBACK_COMPETENCIES[0]: 9},
        )
    assert refused.value.field == "ratings"
    assert not FeedbackResponse.objects.exists()


def test_residents_answer_their_district_pulse_survey_once(
    partnership, ward, other_ward, make_resident
):
    now = timezone.now()
    survey = PulseSurvey.objects.create(
        partnership=partnership,
        title="Pulse",
        audience="residents",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
    )
    question = PulseQuestion.objects.create(survey=survey, text="Heard?")
    resident = make_resident(ward)
    pulse_answer(respondent=resident, survey=survey, ratings={question.pk: 5})
    with pytest.raises(DomainError):
        pulse_answer(respondent=resident, survey=survey, ratings={question.pk: 5})
    with pytest.raises(NotAllowed):
        pulse_answer(respondent=make_resident(other_ward), survey=survey, ratings={question.pk: 1})
    [result] = selectors.pulse_results(survey)
    assert result.counts[5] == 1 and result.responses == 1
    assert AuditEvent.objects.filter(action="democracy.pulse_answered").count() == 1


def test_programme_attendance_is_for_councillors_only(clerk, councillor, programme, make_user):
    session = ModuleSession.objects.filter(module__programme=programme).first()
    assert session_attendance_record(actor=clerk, session=session, councillors=[councillor]) == 1
    with pytest.raises(DomainError):
        session_attendance_record(actor=clerk, session=session, councillors=[make_user()])
    with pytest.raises(NotAllowed):
        session_attendance_record(actor=councillor, session=session, councillors=[councillor])
    assert SessionAttendance.objects.count() == 1


def test_annual_report_is_for_serving_councillors(councillor, make_user):
    year = timezone.now().year
    report = annual_report_save(
        councillor=councillor,
        year=year,
        ward_work="Held twelve surgeries in Coldhurst.",
        publish=True,
    )
    assert report.published_at is not None
    with pytest.raises(NotAllowed):
        annual_report_save(councillor=make_user(), year=year, ward_work="x" * 30, publish=False)
    with pytest.raises(DomainError) as refused:
        annual_report_save(councillor=councillor, year=year + 1, ward_work="x" * 30, publish=False)
    assert refused.value.field == "year"
