"""Annual reports, 360-degree feedback and pulse survey results."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import interfaces, policy
from coopcouncil.democracy.logic import aggregates
from coopcouncil.democracy.models import (
    AnnualReport,
    DistrictPartnership,
    FeedbackRound,
    PulseAnswer,
    PulseSurvey,
)
from coopcouncil.democracy.selectors.attendance import councillor_attendance
from coopcouncil.democracy.selectors.leaders import (
    councillor_eligibility,
    councillor_training_sessions,
)

# --- Councillor accountability ---


def councillor_allocated_pence(user, *, year: int) -> int | None:
    """Ward budget the councillor allocated in ``year``, from the app that records it.

    None means "not yet recorded": no installed app answers ``interfaces.ward_budget_allocated``.
    """
    return interfaces.ward_budget_allocated(user, year=year)


def annual_report_figures(user, *, year: int) -> dict:
    """The figures an annual report shows, read live from the system."""
    record = councillor_attendance(user, year=year)
    training = list(councillor_training_sessions(user, year=year))
    return {
        "meetings_attended": record.attended,
        "meetings_expected": record.expected,
        "attendance_percent": record.percent,
        "training_sessions": training,
        "training_modules": sorted({s.session.module.title for s in training}),
        "budget_allocated_pence": councillor_allocated_pence(user, year=year),
        "eligibility": councillor_eligibility(user),
    }


def annual_reports_of(user) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(councillor=user).order_by("-year")


def annual_report_public(user_id: int, year: int) -> AnnualReport:
    report = (
        AnnualReport.objects.select_related("councillor")
        .filter(councillor_id=user_id, year=year, published_at__isnull=False)
        .first()
    )
    if report is None:
        raise NotFound("report_not_found", gettext("That annual report has not been published."))
    return report


def published_reports() -> QuerySet[AnnualReport]:
    return (
        AnnualReport.objects.filter(published_at__isnull=False)
        .select_related("councillor")
        .order_by("-year", "councillor__full_name")
    )


# --- 360 feedback and pulse surveys ---


def feedback_rounds() -> QuerySet[FeedbackRound]:
    return FeedbackRound.objects.select_related("subject").annotate(
        response_count=Count("responses")
    )


def feedback_round_get(pk: int) -> FeedbackRound:
    found = FeedbackRound.objects.select_related("subject").filter(pk=pk).first()
    if found is None:
        raise NotFound(
            "feedback_round_not_found", gettext("There is no feedback round %(pk)s.") % {"pk": pk}
        )
    return found


def feedback_results(feedback_round: FeedbackRound) -> aggregates.FeedbackSummary:
    """Aggregates only, and only from the policy minimum of responses."""
    return aggregates.feedback_summary(
        feedback_round.responses.values_list("respondent_group", "ratings"),
        competencies=aggregates.FEEDBACK_COMPETENCIES,
        minimum=policy.feedback_minimum_responses(),
    )


def pulse_surveys(*, partnership: DistrictPartnership | None = None) -> QuerySet[PulseSurvey]:
    surveys = PulseSurvey.objects.select_related("partnership__district")
    if partnership is not None:
        surveys = surveys.filter(partnership=partnership)
    return surveys


def pulse_survey_get(pk: int) -> PulseSurvey:
    survey = pulse_surveys().prefetch_related("questions").filter(pk=pk).first()
    if survey is None:
        raise NotFound("survey_not_found", gettext("There is no pulse survey %(pk)s.") % {"pk": pk})
    return survey


def pulse_results(survey: PulseSurvey) -> list[aggregates.QuestionResult]:
    ratings: dict[int, list[int]] = {}
    for question_id, rating in PulseAnswer.objects.filter(question__survey=survey).values_list(
        "question_id", "rating"
    ):
        ratings.setdefault(question_id, []).append(rating)
    return [
        aggregates.pulse_result(
            q.text,
            ratings.get(q.pk, []),
            labels=aggregates.YES_NO_LABELS if q.kind == "yes_no" else None,
        )
        for q in survey.questions.all()
    ]


def has_answered_pulse(user, survey: PulseSurvey) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and survey.receipts.filter(respondent=user).exists()
    )


def has_given_feedback(user, feedback_round: FeedbackRound) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and feedback_round.receipts.filter(respondent=user).exists()
    )
