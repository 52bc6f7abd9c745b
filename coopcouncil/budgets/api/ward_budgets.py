"""Endpoints for councillors' ward budgets and their allocations (all published per ward)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.budgets import selectors, services
from coopcouncil.budgets.models import WardBudgetAllocation, WardPollOption
from coopcouncil.budgets.selectors.ward_budgets import WardBudgetSummary
from coopcouncil.core.errors import NotFound
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places

if TYPE_CHECKING:
    from coopcouncil.people.models import Organisation

router = Router(tags=["budgets: ward budgets"])


class WardBudgetOut(Schema):
    id: int
    councillor: str
    ward: str
    financial_year: str
    amount_pence: int
    approved_pence: int
    pending_pence: int
    remaining_pence: int


class OpenIn(Schema):
    financial_year: str
    amount_pence: int | None = None


class OpenOut(Schema):
    created: int


class WardAllocationIn(Schema):
    amount_pence: int
    purpose: str
    recipient_organisation: str | None = None
    recipient_project: str = ""
    councillor_reason: str = ""
    ward_poll_option_id: int | None = None
    override_justification: str = ""
    partner_name: str = ""
    partner_co_funding_pence: int = 0


class WardAllocationOut(Schema):
    id: int
    councillor: str
    ward: str
    recipient: str
    amount_pence: int
    purpose: str
    councillor_reason: str
    ward_poll_option_id: int | None
    is_override_of_residents_choice: bool
    override_justification: str
    partner_name: str
    partner_co_funding_pence: int
    status: str
    decision_reason: str
    created_at: datetime

    @staticmethod
    def resolve_councillor(allocation: WardBudgetAllocation) -> str:
        return allocation.ward_budget.councillor.full_name

    @staticmethod
    def resolve_ward(allocation: WardBudgetAllocation) -> str:
        return allocation.ward.slug

    @staticmethod
    def resolve_recipient(allocation: WardBudgetAllocation) -> str:
        return allocation.recipient_name


class WardAllocationDecisionIn(Schema):
    is_approved: bool
    reason: str = ""


def _budget_out(summary: WardBudgetSummary) -> dict:
    budget = summary.ward_budget
    return {
        "id": budget.pk,
        "councillor": budget.councillor.full_name,
        "ward": budget.ward.slug,
        "financial_year": budget.financial_year,
        "amount_pence": budget.amount_pence,
        "approved_pence": summary.approved_pence,
        "pending_pence": summary.pending_pence,
        "remaining_pence": summary.remaining_pence,
    }


def _community_group(slug: str | None) -> Organisation | None:
    if not slug:
        return None
    try:
        return people.organisation_get(slug)
    except NotFound:
        raise NotFound(
            "organisation_not_found", f"There is no group '{slug}'.", "recipient_organisation"
        ) from None


def _poll_option(option_id: int | None) -> WardPollOption | None:
    if option_id is None:
        return None
    try:
        return selectors.ward_poll_option_find(option_id)
    except NotFound as error:
        raise NotFound(error.code, error.message, "ward_poll_option_id") from None


@router.get("/ward-budgets", response=list[WardBudgetOut], summary="Councillors' ward budgets")
def ward_budget_list(request: HttpRequest, ward: str = "", financial_year: str = ""):
    summaries = selectors.ward_budget_summaries(
        ward=places.ward_get(ward) if ward else None, financial_year=financial_year
    )
    return [_budget_out(summary) for summary in summaries]


@router.get(
    "/ward-budgets/mine", response=WardBudgetOut, auth=django_auth, summary="My ward budget"
)
def ward_budget_mine(request: HttpRequest, financial_year: str = ""):
    summary = selectors.my_ward_budget(request.user, financial_year=financial_year)
    if summary is None:
        raise NotFound("ward_budget_not_found", "You have no ward budget.", "ward_budget")
    return _budget_out(summary)


@router.post(
    "/ward-budgets/open",
    response=OpenOut,
    auth=django_auth,
    summary="Open the year: a ward budget for every sitting councillor",
)
def ward_budgets_open(request: HttpRequest, payload: OpenIn):
    return {"created": services.ward_budgets_open(actor=request.user, **payload.dict())}


@router.post(
    "/ward-budgets/{ward_budget_id}/allocations",
    response={201: WardAllocationOut},
    auth=django_auth,
    summary="Allocate from my ward budget (only if eligible under the Local Leaders Programme)",
)
def ward_budget_allocate(request: HttpRequest, ward_budget_id: int, payload: WardAllocationIn):
    data = payload.dict()
    organisation = _community_group(data.pop("recipient_organisation"))
    allocation = services.ward_budget_allocate(
        actor=request.user,
        ward_budget=selectors.ward_budget_get(ward_budget_id),
        recipient_organisation=organisation,
        ward_poll_option=_poll_option(data.pop("ward_poll_option_id")),
        **data,
    )
    return 201, selectors.ward_allocation_get(allocation.pk)


@router.get(
    "/ward-allocations",
    response=list[WardAllocationOut],
    summary="Ward budget allocations, published per ward",
)
def ward_allocation_list(
    request: HttpRequest, ward: str = "", district: str = "", status: str = ""
):
    return selectors.ward_allocation_list(
        ward=places.ward_get(ward) if ward else None,
        district=places.district_get(district) if district else None,
        status=status,
    )


@router.post(
    "/ward-allocations/{allocation_id}/decision",
    response=WardAllocationOut,
    auth=django_auth,
    summary="The district team approves or refuses (with a reason)",
)
def ward_allocation_decide(
    request: HttpRequest, allocation_id: int, payload: WardAllocationDecisionIn
):
    allocation = services.ward_allocation_decide(
        actor=request.user,
        allocation=selectors.ward_allocation_get(allocation_id),
        **payload.dict(),
    )
    return selectors.ward_allocation_get(allocation.pk)
