"""Meetings, agenda items and public questions."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.api import Problem
from coopcouncil.core.errors import NotFound
from coopcouncil.core.ratelimits import rate_limit_request
from coopcouncil.democracy import policy, selectors
from coopcouncil.democracy.api.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    AgendaPartOut,
    AnswerIn,
    MeetingIn,
    MeetingOut,
    ModerationIn,
    QuestionIn,
    QuestionOut,
)
from coopcouncil.democracy.models import Meeting, Question
from coopcouncil.democracy.services import meetings as meeting_services
from coopcouncil.democracy.services import questions as question_services
from coopcouncil.places.selectors import district_get

router = Router()
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}
# Public actions past their rate limit (core.ratelimits) answer 429 with Retry-After.
RATE_LIMITED = {429: Problem}


def _with_cutoff(meeting: Meeting) -> Meeting:
    meeting.question_cutoff = selectors.question_cutoff_for(meeting)
    return meeting


@router.get("/meetings", response=list[MeetingOut], summary="Meetings, newest first")
def meetings(request, district: str = "", upcoming: bool | None = None):
    partnership = selectors.partnership_for_district(district_get(district)) if district else None
    return [
        _with_cutoff(m) for m in selectors.meeting_list(partnership=partnership, upcoming=upcoming)
    ]


@router.post(
    "/meetings",
    response={201: MeetingOut, **ERRORS},
    auth=django_auth,
    summary="Schedule a meeting (clerk or district team)",
)
def meeting_create(request, payload: MeetingIn):
    partnership = selectors.partnership_for_district(district_get(payload.district))
    sub_group = None
    if payload.sub_group_id is not None:
        sub_group = partnership.sub_groups.filter(pk=payload.sub_group_id).first()
        if sub_group is None:
            raise NotFound("sub_group_not_found", gettext("No such sub-group."), "sub_group_id")
    meeting = meeting_services.meeting_schedule(
        actor=request.user,
        partnership=partnership,
        title=payload.title,
        starts_at=payload.starts_at,
        venue=payload.venue,
        webcast_url=payload.webcast_url,
        sub_group=sub_group,
    )
    return 201, _with_cutoff(selectors.meeting_get(meeting.pk))


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, 404: Problem})
def meeting_detail(request, meeting_id: int):
    return _with_cutoff(selectors.meeting_get(meeting_id))


@router.get(
    "/meetings/{meeting_id}/agenda",
    response={200: list[AgendaPartOut], 404: Problem},
    summary="The agenda in its three fixed parts",
)
def agenda(request, meeting_id: int):
    return selectors.meeting_agenda(selectors.meeting_get(meeting_id))


@router.get(
    "/meetings/{meeting_id}/agenda-items", response={200: list[AgendaItemOut], 404: Problem}
)
def agenda_items(request, meeting_id: int):
    return list(selectors.meeting_get(meeting_id).agenda_items.all())


@router.post(
    "/meetings/{meeting_id}/agenda-items",
    response={201: AgendaItemOut, **ERRORS},
    auth=django_auth,
)
def agenda_item_create(request, meeting_id: int, payload: AgendaItemIn):
    item = meeting_services.agenda_item_add(
        actor=request.user, meeting=selectors.meeting_get(meeting_id), **payload.dict()
    )
    return 201, item


@router.get(
    "/meetings/{meeting_id}/questions",
    response={200: list[QuestionOut], 404: Problem},
    summary="Accepted public questions and their answers",
)
def questions(request, meeting_id: int):
    meeting = selectors.meeting_get(meeting_id)
    return list(meeting.questions.filter(status=Question.Status.ACCEPTED))


@router.post(
    "/meetings/{meeting_id}/questions",
    response={201: QuestionOut, **ERRORS, **RATE_LIMITED},
    auth=django_auth,
    summary="Ask a question (verified residents, until the cut-off)",
    # OpenAPI links: the meeting's questions, and the clerk's moderation of the new one.
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    "questions": {
                        "operationId": "coopcouncil_democracy_api_meetings_questions",
                        "parameters": {"meeting_id": "$request.path.meeting_id"},
                    },
                    "moderate": {
                        "operationId": "coopcouncil_democracy_api_meetings_question_moderate",
                        "parameters": {"question_id": "$response.body#/id"},
                    },
                }
            }
        }
    },
)
def question_create(request, meeting_id: int, payload: QuestionIn):
    rate_limit_request(policy.question_rate_limit(), request)
    question = question_services.question_ask(
        asker=request.user, meeting=selectors.meeting_get(meeting_id), text=payload.text
    )
    return 201, question


def _question(question_id: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("meeting__partnership"), pk=question_id
    )


@router.post(
    "/questions/{question_id}/moderation",
    response={200: QuestionOut, **ERRORS},
    auth=django_auth,
    summary="Accept, merge with a duplicate, or reject with a reason (clerk)",
)
def question_moderate(request, question_id: int, payload: ModerationIn):
    question = _question(question_id)
    merge_with = None
    if payload.merge_with_id is not None:
        merge_with = Question.objects.filter(pk=payload.merge_with_id).first()
    return question_services.question_moderate(
        actor=request.user,
        question=question,
        outcome=payload.outcome,
        reason=payload.reason,
        merge_with=merge_with,
        now=timezone.now(),
    )


@router.post(
    "/questions/{question_id}/answer",
    response={200: QuestionOut, **ERRORS},
    auth=django_auth,
    summary="Minute the answer to an accepted question",
)
def question_answer(request, question_id: int, payload: AnswerIn):
    return question_services.question_answer(
        actor=request.user, question=_question(question_id), answer=payload.answer
    )
