"""360-degree feedback and pulse surveys: anonymous answers, one per person."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import current_roles, require
from coopcouncil.democracy.logic.aggregates import FEEDBACK_COMPETENCIES
from coopcouncil.democracy.models import (
    FeedbackReceipt,
    FeedbackResponse,
    FeedbackRound,
    PulseAnswer,
    PulseReceipt,
    PulseSurvey,
)


def _check_ratings(ratings: Mapping, expected: list) -> dict:
    missing = [str(key) for key in expected if key not in ratings]
    if missing:
        raise DomainError("ratings_missing", f"Rate every item: {', '.join(missing)}.", "ratings")
    cleaned = {}
    for key in expected:
        try:
            value = int(ratings[key])
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise DomainError("rating_out_of_range", f"Rate '{key}' from 1 to 5.", "ratings")
        cleaned[key] = value
    return cleaned


def _respondent_group(user) -> str:
    roles = set(current_roles(user).values_list("role", flat=True))
    for group in ("councillor", "officer", "partner"):
        if group in roles:
            return group
    return "partner"


@transaction.atomic
def feedback_give(
    *, respondent, feedback_round: FeedbackRound, ratings: Mapping, now: datetime | None = None
) -> None:
    """Rate the Leader or a Cabinet member. The response keeps no link to the respondent."""
    require(respondent, "democracy.give_feedback", feedback_round)
    now = now or timezone.now()
    if not feedback_round.opens_at <= now < feedback_round.closes_at:
        raise DomainError("feedback_closed", "This feedback round is not open.")
    cleaned = _check_ratings(ratings, list(FEEDBACK_COMPETENCIES))
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(round=feedback_round, respondent=respondent)
    except IntegrityError:
        raise Conflict("feedback_given", "You have already given feedback in this round.") from None
    FeedbackResponse.objects.create(
        round=feedback_round, respondent_group=_respondent_group(respondent), ratings=cleaned
    )
    audit_record(
        actor=respondent,
        action="democracy.feedback_given",
        target=feedback_round,
        summary="Feedback given (contents are anonymous)",
    )


@transaction.atomic
def pulse_answer(
    *, respondent, survey: PulseSurvey, ratings: Mapping, now: datetime | None = None
) -> None:
    """Answer every question of a pulse survey once, anonymously."""
    require(respondent, "democracy.answer_pulse", survey)
    now = now or timezone.now()
    if not survey.opens_at <= now < survey.closes_at:
        raise DomainError("survey_closed", "This survey is not open.")
    questions = list(survey.questions.all())
    cleaned = _check_ratings(ratings, [q.pk for q in questions])
    try:
        with transaction.atomic():
            PulseReceipt.objects.create(survey=survey, respondent=respondent)
    except IntegrityError:
        raise Conflict("survey_answered", "You have already answered this survey.") from None
    PulseAnswer.objects.bulk_create(
        [PulseAnswer(question=q, rating=cleaned[q.pk]) for q in questions]
    )
    audit_record(
        actor=respondent,
        action="democracy.pulse_answered",
        target=survey,
        summary="Pulse survey answered (answers are anonymous)",
    )
