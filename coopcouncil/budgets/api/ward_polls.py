"""Endpoints for ward polls: open one on my ward budget, vote as a resident, read the count."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.budgets import selectors, services
from coopcouncil.budgets.models import WardPoll
from coopcouncil.core.errors import NotFound
from coopcouncil.places import selectors as places

router = Router(tags=["budgets: ward polls"])


class WardPollIn(Schema):
    question: str
    options: list[str]
    opens_at: datetime
    closes_at: datetime


class OptionOut(Schema):
    id: int
    label: str
    votes: int | None
    percent: Decimal | None
    is_leading: bool | None


class WardPollOut(Schema):
    id: int
    ward: str
    ward_budget_id: int
    question: str
    opens_at: datetime
    closes_at: datetime
    is_closed: bool
    options: list[OptionOut]
    votes: int
    eligible: int
    turnout_percent: Decimal | None


class WardPollVoteIn(Schema):
    option_id: int


def _poll_out(poll: WardPoll) -> dict:
    """The poll and its count; per-option votes only once it has closed, as on the page."""
    result = selectors.ward_poll_result(poll)
    is_closed = poll.closes_at <= timezone.now()
    return {
        "id": poll.pk,
        "ward": poll.ward.slug,
        "ward_budget_id": poll.ward_budget_id,
        "question": poll.question,
        "opens_at": poll.opens_at,
        "closes_at": poll.closes_at,
        "is_closed": is_closed,
        "options": [
            {
                "id": option.option_id,
                "label": option.label,
                "votes": option.votes if is_closed else None,
                "percent": option.percent if is_closed else None,
                "is_leading": option.is_leading if is_closed else None,
            }
            for option in result.options
        ],
        "votes": result.votes,
        "eligible": result.eligible,
        "turnout_percent": result.turnout_percent,
    }


@router.get("/ward-polls", response=list[WardPollOut], summary="Ward polls, latest first")
def ward_poll_list(request: HttpRequest, ward: str = ""):
    polls = selectors.ward_poll_list(ward=places.ward_get(ward) if ward else None)
    return [_poll_out(poll) for poll in polls[:50]]


@router.get("/ward-polls/{poll_id}", response=WardPollOut, summary="A ward poll and its count")
def ward_poll_get(request: HttpRequest, poll_id: int):
    return _poll_out(selectors.ward_poll_get(poll_id))


@router.post(
    "/ward-budgets/{ward_budget_id}/polls",
    response={201: WardPollOut},
    auth=django_auth,
    summary="Poll my ward on my ward budget (2 to 5 options, an open and close time)",
)
def ward_poll_open(request: HttpRequest, ward_budget_id: int, payload: WardPollIn):
    poll = services.ward_poll_open(
        actor=request.user, ward_budget=selectors.ward_budget_get(ward_budget_id), **payload.dict()
    )
    return 201, _poll_out(selectors.ward_poll_get(poll.pk))


@router.post(
    "/ward-polls/{poll_id}/votes",
    response={201: WardPollOut},
    auth=django_auth,
    summary="Vote in a ward poll (residents verified in the ward, once each)",
)
def ward_poll_vote(request: HttpRequest, poll_id: int, payload: WardPollVoteIn):
    poll = selectors.ward_poll_get(poll_id)
    try:
        option = selectors.ward_poll_option_get(poll, payload.option_id)
    except NotFound as error:
        raise NotFound(error.code, error.message, "option_id") from None
    services.ward_poll_vote(actor=request.user, poll=poll, option=option)
    return 201, _poll_out(poll)
