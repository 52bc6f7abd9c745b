"""Reads for councillors' ward budgets: what is left, what was given, and what awaits a decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Q, QuerySet, Sum

from coopcouncil.budgets.logic.monitoring import financial_year_label
from coopcouncil.budgets.models import WardBudget, WardBudgetAllocation
from coopcouncil.core.errors import NotFound
from coopcouncil.people.selectors import current_roles, is_administrator
from coopcouncil.places.models import District, Ward

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

Status = WardBudgetAllocation.Status


class _Sums(TypedDict):
    approved: int | None
    pending: int | None


def _year_label(year: int | str) -> str:
    """2026 and "2026/27" both mean the financial year starting April 2026."""
    if isinstance(year, int):
        return f"{year}/{(year + 1) % 100:02d}"
    return year


def councillor_allocated_pence(user: Any, year: int | str) -> int:
    """Pence of a councillor's ward budget approved for the year (for the annual report)."""
    total = WardBudgetAllocation.objects.filter(
        ward_budget__councillor=user,
        ward_budget__financial_year=_year_label(year),
        status=Status.APPROVED,
    ).aggregate(total=Sum("amount_pence"))["total"]
    return total or 0


@dataclass(frozen=True)
class WardBudgetSummary:
    """A ward budget with what is approved, pending and left."""

    ward_budget: WardBudget
    approved_pence: int
    pending_pence: int

    @property
    def remaining_pence(self) -> int:
        return self.ward_budget.amount_pence - self.approved_pence - self.pending_pence


def _with_sums(
    budgets: QuerySet[WardBudget],
) -> QuerySet[WithAnnotations[WardBudget, _Sums]]:
    return budgets.select_related("councillor", "ward__district").annotate(
        approved=Sum("allocations__amount_pence", filter=Q(allocations__status=Status.APPROVED)),
        pending=Sum("allocations__amount_pence", filter=Q(allocations__status=Status.PENDING)),
    )


def ward_budget_summaries(*, ward: Ward | None = None, financial_year: str = "") -> list:
    budgets = WardBudget.objects.all()
    if ward is not None:
        budgets = budgets.filter(ward=ward)
    if financial_year:
        budgets = budgets.filter(financial_year=financial_year)
    return [
        WardBudgetSummary(budget, budget.approved or 0, budget.pending or 0)
        for budget in _with_sums(budgets).order_by("-financial_year", "ward__name")
    ]


def my_ward_budget(user: Any, *, financial_year: str = "") -> WardBudgetSummary | None:
    """The signed-in councillor's ward budget for the year (their latest when none is given)."""
    if not getattr(user, "is_authenticated", False):
        return None
    budgets = WardBudget.objects.filter(councillor=user)
    if financial_year:
        budgets = budgets.filter(financial_year=financial_year)
    budget = _with_sums(budgets).order_by("-financial_year").first()
    if budget is None:
        return None
    return WardBudgetSummary(budget, budget.approved or 0, budget.pending or 0)


def ward_budget_get(ward_budget_id: int) -> WardBudget:
    budget = (
        WardBudget.objects.select_related("councillor", "ward__district")
        .filter(pk=ward_budget_id)
        .first()
    )
    if budget is None:
        raise NotFound(
            "ward_budget_not_found", f"There is no ward budget {ward_budget_id}.", "ward_budget"
        )
    return budget


def ward_allocation_list(
    *,
    ward: Ward | None = None,
    district: District | None = None,
    ward_budget: WardBudget | None = None,
    status: str = "",
) -> QuerySet[WardBudgetAllocation]:
    """Allocations with their councillor, ward and recipient, newest first."""
    allocations = WardBudgetAllocation.objects.select_related(
        "ward__district", "ward_budget__councillor", "recipient_organisation", "decided_by"
    )
    if ward is not None:
        allocations = allocations.filter(ward=ward)
    if district is not None:
        allocations = allocations.filter(ward__district=district)
    if ward_budget is not None:
        allocations = allocations.filter(ward_budget=ward_budget)
    if status:
        allocations = allocations.filter(status=status)
    return allocations


def ward_allocation_get(allocation_id: int) -> WardBudgetAllocation:
    allocation = ward_allocation_list().filter(pk=allocation_id).first()
    if allocation is None:
        raise NotFound(
            "allocation_not_found", f"There is no ward budget allocation {allocation_id}.",
            "allocation",
        )  # fmt: skip
    return allocation


def current_financial_year(today) -> str:
    return financial_year_label(today)


@dataclass(frozen=True)
class WardDecisionQueue:
    """Allocations awaiting the person's decision, and whether they sit on a district team."""

    pending: QuerySet[WardBudgetAllocation]
    is_team: bool


def ward_decision_queue(user: Any) -> WardDecisionQueue:
    """Pending allocations in the districts whose team the person is on (all for administrators)."""
    pending = ward_allocation_list(status=Status.PENDING)
    if is_administrator(user):
        return WardDecisionQueue(pending, is_team=True)
    teams = current_roles(user, role="officer").filter(team="district_team", district__isnull=False)
    district_ids = list(teams.values_list("district_id", flat=True))
    return WardDecisionQueue(
        pending.filter(ward__district_id__in=district_ids), is_team=bool(district_ids)
    )
