"""Meetings, agendas in their three fixed parts, minutes and public questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic.deadlines import (
    UpcomingMeeting,
    is_question_open,
    next_open_meeting,
    question_cutoff,
)
from coopcouncil.democracy.models import (
    AgendaItem,
    DistrictPartnership,
    Meeting,
    Question,
    Vote,
)
from coopcouncil.democracy.selectors.membership import (
    partnership_councillors,
    partnership_members,
)
from coopcouncil.people.models import RoleAssignment, User

# --- Meetings and agendas ---


def meeting_list(
    *, partnership: DistrictPartnership | None = None, upcoming: bool | None = None, now=None
) -> QuerySet[Meeting]:
    """Meetings, soonest first when upcoming and newest first when past."""
    now = now or timezone.now()
    meetings = Meeting.objects.select_related("partnership__district", "sub_group")
    if partnership is not None:
        meetings = meetings.filter(partnership=partnership)
    if upcoming is True:
        return meetings.filter(starts_at__gte=now).order_by("starts_at")
    if upcoming is False:
        return meetings.filter(starts_at__lt=now).order_by("-starts_at")
    return meetings.order_by("-starts_at")


def meeting_get(pk: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related("partnership__district", "sub_group").filter(pk=pk).first()
    )
    if meeting is None:
        raise NotFound("meeting_not_found", gettext("There is no meeting %(pk)s.") % {"pk": pk})
    return meeting


def next_main_meeting(partnership: DistrictPartnership, *, now) -> Meeting | None:
    """The partnership's next full (not sub-group) meeting still to come."""
    return (
        Meeting.objects.filter(
            partnership=partnership,
            sub_group__isnull=True,
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=now,
        )
        .order_by("starts_at")
        .first()
    )


def next_meeting_taking_questions(meeting: Meeting, *, now) -> Meeting | None:
    """Where a question refused after the cut-off could go: the same body's next meeting."""
    later = Meeting.objects.filter(
        partnership_id=meeting.partnership_id,
        sub_group_id=meeting.sub_group_id,
        status=Meeting.Status.SCHEDULED,
        starts_at__gt=now,
    ).exclude(pk=meeting.pk)
    choices = [UpcomingMeeting(m.pk, m.starts_at) for m in later]
    chosen = next_open_meeting(choices, now=now, minutes_before=policy.question_cutoff_minutes())
    return None if chosen is None else later.get(pk=chosen.id)


def question_cutoff_for(meeting: Meeting) -> datetime:
    return question_cutoff(meeting.starts_at, minutes_before=policy.question_cutoff_minutes())


def is_taking_questions(meeting: Meeting, *, now=None) -> bool:
    return meeting.status == Meeting.Status.SCHEDULED and is_question_open(
        meeting.starts_at,
        now=now or timezone.now(),
        minutes_before=policy.question_cutoff_minutes(),
    )


@dataclass(frozen=True)
class AgendaPart:
    number: int
    title: str
    items: list
    questions: list


def meeting_councillors(meeting: Meeting) -> QuerySet[User]:
    """The councillors who vote at ``meeting``: those seated for its district today."""
    return User.objects.filter(
        pk__in=partnership_councillors(meeting.partnership).values("user_id")
    )


def meeting_people(meeting: Meeting) -> QuerySet[User]:
    """Councillors and members of the meeting's partnership, by name: who can attend or declare."""
    # A compound query must not be ordered inside; order the people instead.
    councillors = partnership_councillors(meeting.partnership).order_by().values("user_id")
    members = partnership_members(meeting.partnership).order_by().values("user_id")
    return User.objects.filter(pk__in=councillors.union(members)).order_by("full_name")


def meeting_agenda(meeting: Meeting) -> list[AgendaPart]:
    """The agenda's three fixed parts in order; accepted questions sit in part 1."""
    items = list(meeting.agenda_items.select_related("call_in_review_of"))
    questions = list(
        meeting.questions.filter(status=Question.Status.ACCEPTED)
        .select_related("asker")
        .prefetch_related("merged_questions")
    )
    return [
        AgendaPart(
            number=part.value,
            title=part.label,
            items=[i for i in items if i.part == part.value],
            questions=questions if part == AgendaItem.Part.PUBLIC_QUESTIONS else [],
        )
        for part in AgendaItem.Part
    ]


def meeting_minutes(meeting: Meeting) -> dict:
    """Everything the minutes record, loaded in a handful of queries."""
    return {
        "attendance": list(
            meeting.attendance.select_related("user").order_by("-is_present", "user__full_name")
        ),
        "declarations": list(meeting.declarations.select_related("user", "agenda_item")),
        "answered": list(
            meeting.questions.filter(status=Question.Status.ACCEPTED)
            .exclude(answer="")
            .select_related("asker")
        ),
        "decisions": list(
            meeting.decisions.prefetch_related(
                "wards", Prefetch("votes", queryset=Vote.objects.select_related("councillor"))
            )
        ),
    }


def questions_to_moderate(*, partnership: DistrictPartnership | None = None):
    questions = Question.objects.filter(status=Question.Status.SUBMITTED).select_related(
        "asker", "meeting__partnership"
    )
    if partnership is not None:
        questions = questions.filter(meeting__partnership=partnership)
    return questions.order_by("meeting__starts_at", "created_at")


def questions_of(user) -> QuerySet[Question]:
    """A resident's own questions with their status and answer."""
    return (
        Question.objects.filter(asker=user)
        .select_related("meeting__partnership", "merged_into")
        .order_by("-created_at")
    )


def meetings_of_councillor(user, *, now=None) -> QuerySet[Meeting]:
    """Upcoming meetings of the partnerships the councillor sits on."""
    districts = RoleAssignment.objects.current().filter(user=user, role="councillor")
    return meeting_list(upcoming=True, now=now).filter(
        partnership__district_id__in=districts.values("ward__district_id")
    )
