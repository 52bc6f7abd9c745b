"""Public questions: residents ask before the cut-off, the clerk moderates and answers."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic.deadlines import is_question_open, question_cutoff
from coopcouncil.democracy.models import Meeting, Question
from coopcouncil.democracy.selectors import next_meeting_taking_questions, questions_page_topic
from coopcouncil.democracy.services.notify import site_link
from coopcouncil.people.models import User
from coopcouncil.people.selectors import Actor, acting_user

MIN_LENGTH, MAX_LENGTH = 10, 2000


class QuestionsClosed(DomainError):
    """The cut-off has passed; ``next_meeting`` is where the question could go instead."""

    status = 409

    def __init__(self, meeting: Meeting, next_meeting: Meeting | None) -> None:
        cutoff = timezone.localtime(
            question_cutoff(meeting.starts_at, minutes_before=policy.question_cutoff_minutes())
        )
        message = f"Questions to this meeting closed at {cutoff:%H:%M on %d %B %Y}."
        if next_meeting is not None:
            starts = timezone.localtime(next_meeting.starts_at)
            message += (
                f" You can ask it at the next meeting, {next_meeting.title},"
                f" on {starts:%d %B %Y at %H:%M}."
            )
        else:
            message += " No later meeting is scheduled yet."
        super().__init__("questions_closed", message, "text")
        self.cutoff = cutoff
        self.next_meeting = next_meeting

    def as_body(self) -> dict:
        """The shared error body plus the cut-off and the meeting offered instead."""
        offered = self.next_meeting
        return {
            **super().as_body(),
            "cutoff": self.cutoff.isoformat(),
            "next_meeting": offered
            and {
                "id": offered.pk,
                "title": offered.title,
                "starts_at": offered.starts_at.isoformat(),
            },
        }


@transaction.atomic
def question_ask(
    *, asker: User, meeting: Meeting, text: str, now: datetime | None = None
) -> Question:
    """Submit a resident's question to a meeting, before its cut-off."""
    now = now or timezone.now()
    require(asker, "democracy.ask_question", meeting)
    text = text.strip()
    if not MIN_LENGTH <= len(text) <= MAX_LENGTH:
        raise DomainError(
            "question_length",
            gettext("A question must be between %(shortest)s and %(longest)s characters.")
            % {"shortest": MIN_LENGTH, "longest": MAX_LENGTH},
            "text",
        )
    if meeting.status != Meeting.Status.SCHEDULED or not is_question_open(
        meeting.starts_at, now=now, minutes_before=policy.question_cutoff_minutes()
    ):
        raise QuestionsClosed(meeting, next_meeting_taking_questions(meeting, now=now))
    question = Question.objects.create(meeting=meeting, asker=asker, text=text)
    audit_record(
        actor=asker,
        action="democracy.question_asked",
        target=question,
        summary=f"Question to {meeting}",
        page_topics=[questions_page_topic(meeting.pk)],
    )
    return question


def _tell_asker(question: Question, subject: str, body: str) -> None:
    link = site_link(reverse("democracy:meeting", args=[question.meeting_id]))
    email_after_commit(
        subject,
        f"Hello {question.asker.full_name},\n\n{body}\n\nYour question:\n{question.text}\n\n{link}",
        [question.asker.email],
    )


@transaction.atomic
def question_moderate(
    *,
    actor: Actor,
    question: Question,
    outcome: str,
    reason: str = "",
    merge_with: Question | None = None,
    now: datetime | None = None,
) -> Question:
    """Accept, merge with a duplicate, or reject with a reason from the fixed list."""
    require(actor, "democracy.moderate_question", question.meeting)
    if question.status != Question.Status.SUBMITTED:
        raise Conflict("question_moderated", gettext("This question has already been moderated."))
    meeting = question.meeting
    if outcome == "accept":
        question.status = Question.Status.ACCEPTED
        body = f"Your question has been accepted for {meeting}. The answer will be minuted."
    elif outcome == "merge":
        if (
            merge_with is None
            or merge_with.meeting_id != question.meeting_id
            or merge_with.status != Question.Status.ACCEPTED
        ):
            raise DomainError(
                "merge_target_invalid",
                gettext("Merge into an accepted question on the same meeting."),
                "merge_with",
            )
        question.status = Question.Status.MERGED
        question.merged_into = merge_with
        body = (
            f"Your question is close to one already accepted for {meeting}; they will be"
            f" answered together:\n{merge_with.text}"
        )
    elif outcome == "reject":
        if reason not in Question.RejectionReason.values:
            raise DomainError(
                "rejection_reason_invalid",
                gettext(
                    "Choose a reason: defamatory, a personal case, "
                    "or not the partnership's business."
                ),
                "reason",
            )
        question.status = Question.Status.REJECTED
        question.rejection_reason = reason
        label = Question.RejectionReason(reason).label
        body = f"Your question to {meeting} cannot be put to the meeting. Reason: {label}."
    else:
        raise DomainError("outcome_invalid", gettext("Choose accept, merge or reject."), "outcome")
    question.moderated_by = acting_user(actor)
    question.moderated_at = now or timezone.now()
    question.save()
    audit_record(
        actor=actor,
        action=f"democracy.question_{question.status}",
        target=question,
        summary=f"Question {question.pk}: {question.get_status_display()}",
        details={"reason": reason, "merged_into": merge_with and merge_with.pk},
    )
    _tell_asker(question, "Your question to the district partnership", body)
    return question


@transaction.atomic
def question_answer(
    *, actor: Actor, question: Question, answer: str, now: datetime | None = None
) -> Question:
    """Minute the answer to an accepted question (and to the questions merged into it)."""
    require(actor, "democracy.record_minutes", question.meeting)
    if question.status != Question.Status.ACCEPTED:
        raise Conflict("question_not_accepted", gettext("Only accepted questions are answered."))
    if not answer.strip():
        raise DomainError("answer_required", gettext("Write the answer given."), "answer")
    question.answer = answer.strip()
    question.answered_at = now or timezone.now()
    question.save(update_fields=["answer", "answered_at"])
    audit_record(
        actor=actor,
        action="democracy.question_answered",
        target=question,
        summary=f"Answered question {question.pk}",
    )
    for asked in [question, *question.merged_questions.select_related("asker")]:
        _tell_asker(
            asked, "Your question has been answered", f"The answer minuted:\n{question.answer}"
        )
    return question
