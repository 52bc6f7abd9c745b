"""A voter's own ballot, and the date of birth a minimum voting age needs."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.errors import NotFound
from coopcouncil.core.ratelimits import rate_limit_request
from coopcouncil.participation import policy, selectors, services
from coopcouncil.participation.api.schemas import BallotIn, BallotOut, BirthDateIn

router = Router()


@router.get(
    "/processes/{process_id}/ballot",
    response=BallotOut,
    auth=django_auth,
    operation_id="coopcouncil_participation_api_ballot_detail",
)
def ballot_detail(request: HttpRequest, process_id: int):
    """The signed-in voter's own ballot."""
    ballot = selectors.ballot_of(selectors.process_get(process_id), request.user)
    if ballot is None:
        raise NotFound("pb_no_ballot", gettext("You have not voted in this process."))
    return ballot


@router.put(
    "/processes/{process_id}/ballot",
    response=BallotOut,
    auth=django_auth,
    operation_id="coopcouncil_participation_api_ballot_cast",
    openapi_extra={"x-rate-limited": True},
)
def ballot_cast(request: HttpRequest, process_id: int, payload: BallotIn):
    """Cast or change one's ballot while voting is open; a ballot breaking the rules is refused."""
    rate_limit_request(policy.ballot_rate_limit(), request)
    return services.ballot_cast(
        voter=request.user,
        process=selectors.process_get(process_id),
        choices=payload.choices,
        points=payload.points,
    )


@router.put(
    "/me/date-of-birth",
    response={204: None},
    auth=django_auth,
    operation_id="coopcouncil_participation_api_birth_date_give",
)
def birth_date_give(request: HttpRequest, payload: BirthDateIn):
    """Give one's date of birth, needed only to check a PB minimum voting age."""
    services.voter_date_of_birth_give(user=request.user, date_of_birth=payload.date_of_birth)
    return 204, None
