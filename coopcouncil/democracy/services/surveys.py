"""360-degree feedback and pulse surveys: set up by the clerk, answered anonymously once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.democracy.logic.aggregates import FEEDBACK_COMPETENCIES
from coopcouncil.democracy.models import (
    DistrictPartnership,
    FeedbackReceipt,
    FeedbackResponse,
    FeedbackRound,
    PulseAnswer,
    PulseQuestion,
    PulseReceipt,
    PulseSurvey,
)
from coopcouncil.people.models import RoleAssignment, User
from coopcouncil.people.selectors import Actor, current_roles

MAX_PULSE_QUESTIONS = 10


YES, NO = 5, 1


def _check_ratings(ratings: Mapping, expected: list, *, yes_no: frozenset = frozenset()) -> dict:
    """Every expected key rated 1–5, or yes (5) / no (1) for the keys in ``yes_no``."""
    missing = [str(key) for key in expected if key not in ratings]
    if missing:
        raise DomainError(
            "ratings_missing",
            gettext("Rate every item: %(missing)s.") % {"missing": ", ".join(missing)},
            "ratings",
        )
    cleaned = {}
    for key in expected:
        try:
            value = int(ratings[key])
        except (TypeError, ValueError):
            value = 0
        if key in yes_no and value not in (YES, NO):
            raise DomainError(
                "rating_out_of_range",
                gettext("Answer '%(key)s' yes or no.") % {"key": key},
                "ratings",
            )
        if not 1 <= value <= 5:
            raise DomainError(
                "rating_out_of_range",
                gettext("Rate '%(key)s' from 1 to 5.") % {"key": key},
                "ratings",
            )
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
    *,
    respondent: User,
    feedback_round: FeedbackRound,
    ratings: Mapping,
    now: datetime | None = None,
) -> None:
    """Rate the Leader or a Cabinet member. The response keeps no link to the respondent."""
    require(respondent, "democracy.give_feedback", feedback_round)
    now = now or timezone.now()
    if not feedback_round.opens_at <= now < feedback_round.closes_at:
        raise DomainError("feedback_closed", gettext("This feedback round is not open."))
    cleaned = _check_ratings(ratings, list(FEEDBACK_COMPETENCIES))
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(round=feedback_round, respondent=respondent)
    except IntegrityError:
        raise Conflict(
            "feedback_given", gettext("You have already given feedback in this round.")
        ) from None
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
    *, respondent: User, survey: PulseSurvey, ratings: Mapping, now: datetime | None = None
) -> None:
    """Answer every question of a pulse survey once, anonymously."""
    require(respondent, "democracy.answer_pulse", survey)
    now = now or timezone.now()
    if not survey.opens_at <= now < survey.closes_at:
        raise DomainError("survey_closed", gettext("This survey is not open."))
    questions = list(survey.questions.all())
    yes_no = frozenset(q.pk for q in questions if q.kind == PulseQuestion.Kind.YES_NO)
    cleaned = _check_ratings(ratings, [q.pk for q in questions], yes_no=yes_no)
    try:
        with transaction.atomic():
            PulseReceipt.objects.create(survey=survey, respondent=respondent)
    except IntegrityError:
        raise Conflict(
            "survey_answered", gettext("You have already answered this survey.")
        ) from None
    PulseAnswer.objects.bulk_create(
        [PulseAnswer(question=q, rating=cleaned[q.pk]) for q in questions]
    )
    audit_record(
        actor=respondent,
        action="democracy.pulse_answered",
        target=survey,
        summary="Pulse survey answered (answers are anonymous)",
    )


def _check_window(opens_at: datetime, closes_at: datetime) -> tuple[datetime, datetime]:
    opens_at, closes_at = (
        value if timezone.is_aware(value) else timezone.make_aware(value)
        for value in (opens_at, closes_at)
    )
    if closes_at <= opens_at:
        raise DomainError(
            "closes_before_opens", gettext("It must close after it opens."), "closes_at"
        )
    return opens_at, closes_at


@transaction.atomic
def pulse_survey_create(
    *,
    actor: Actor,
    partnership: DistrictPartnership,
    title: str,
    audience: str,
    opens_at: datetime,
    closes_at: datetime,
    questions: Sequence[tuple[str, str]],
) -> PulseSurvey:
    """Set up a short survey of a district's residents or councillors.

    ``questions`` are (text, kind) pairs, kind ``scale`` (1–5) or ``yes_no``. Run by the
    clerk or the district's own team, like the partnership's meetings.
    """
    require(actor, "democracy.manage_surveys", partnership)
    if not title.strip():
        raise DomainError("title_required", gettext("Give the survey a title."), "title")
    if audience not in PulseSurvey.Audience.values:
        raise DomainError(
            "audience_invalid", gettext("Choose residents or councillors."), "audience"
        )
    opens_at, closes_at = _check_window(opens_at, closes_at)
    questions = [(text.strip(), kind) for text, kind in questions if text.strip()]
    if not 1 <= len(questions) <= MAX_PULSE_QUESTIONS:
        raise DomainError(
            "questions_count",
            gettext("Ask between 1 and %(most)s questions.") % {"most": MAX_PULSE_QUESTIONS},
            "questions",
        )
    if any(kind not in PulseQuestion.Kind.values for _, kind in questions):
        raise DomainError(
            "question_kind_invalid", gettext("Answer on a 1–5 scale or yes/no."), "questions"
        )
    survey = PulseSurvey.objects.create(
        partnership=partnership,
        title=title.strip(),
        audience=audience,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    PulseQuestion.objects.bulk_create(
        [
            PulseQuestion(survey=survey, position=n, text=text, kind=kind)
            for n, (text, kind) in enumerate(questions, start=1)
        ]
    )
    audit_record(
        actor=actor,
        action="democracy.pulse_survey_created",
        target=survey,
        summary=f"{survey.title} for {survey.get_audience_display().lower()},"
        f" {len(questions)} questions",
    )
    return survey


@transaction.atomic
def feedback_round_create(
    *, actor: Actor, subject: User, subject_role: str, opens_at: datetime, closes_at: datetime
) -> FeedbackRound:
    """Open a 360-degree feedback round about the Leader or a Cabinet member (a councillor)."""
    require(actor, "democracy.manage_feedback")
    if not subject_role.strip():
        raise DomainError(
            "role_required", gettext("Give the subject's role, e.g. Leader."), "subject_role"
        )
    if not RoleAssignment.objects.current().filter(user=subject, role="councillor").exists():
        raise DomainError(
            "subject_not_councillor",
            gettext("%(subject)s is not a serving councillor; the Leader and Cabinet are.")
            % {"subject": subject},
            "subject",
        )
    opens_at, closes_at = _check_window(opens_at, closes_at)
    feedback_round = FeedbackRound.objects.create(
        subject=subject, subject_role=subject_role.strip(), opens_at=opens_at, closes_at=closes_at
    )
    audit_record(
        actor=actor,
        action="democracy.feedback_round_created",
        target=feedback_round,
        summary=str(feedback_round),
    )
    return feedback_round
