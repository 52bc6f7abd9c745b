"""Rules for a councillor's own ward budget: what is left, and what an allocation must satisfy.

Each councillor has a small annual budget to spend in their ward, usually on what residents ask
for. The default is £3,300 (330,000p), the Stevenage figure for three-member wards; each
council sets its own as a setting. What is left is the budget less
allocations already approved and those still pending, so two pending requests cannot both
spend the same money. Partner co-funding (a housing association or parish putting in money
alongside) is recorded with the allocation but never draws on the council's budget.

A councillor may fund something other than what residents chose, but must say why in writing:
the reason is published with the allocation (co-operative council principle that decisions
taken on residents' behalf are explained to them).
"""

from __future__ import annotations

from dataclasses import dataclass

from coopcouncil.core.errors import DomainError
from coopcouncil.core.money import format_pence

__all__ = [
    "DEFAULT_WARD_BUDGET_PENCE",
    "Problem",
    "WardBudget",
    "WardBudgetAllocation",
    "WardBudgetError",
    "check_ward_budget_allocation",
    "require_ward_budget_allocation",
]

#: £3,300, the Stevenage figure for three-member wards; a setting overrides it.
DEFAULT_WARD_BUDGET_PENCE = 330_000


class WardBudgetError(DomainError):
    """An allocation breaks a ward budget rule; ``code`` is stable for the API and forms."""

    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(code, message, field)


@dataclass(frozen=True)
class Problem:
    """One broken rule, with the stable code and the form field to show it against."""

    code: str
    field: str
    message: str


@dataclass(frozen=True)
class WardBudget:
    """A councillor's budget for one financial year and what is already spoken for.

    When approving an allocation that is itself pending, leave it out of ``pending_pence``.
    """

    councillor_id: str
    financial_year: str
    approved_pence: int = 0
    pending_pence: int = 0
    amount_pence: int = DEFAULT_WARD_BUDGET_PENCE

    @property
    def remaining_pence(self) -> int:
        return self.amount_pence - self.approved_pence - self.pending_pence


@dataclass(frozen=True)
class WardBudgetAllocation:
    """A proposed allocation from the ward budget, with any partner money alongside."""

    amount_pence: int
    is_override_of_residents_choice: bool = False
    override_justification: str = ""
    partner_co_funding_pence: int = 0

    @property
    def project_total_pence(self) -> int:
        """What the project gets in all: council money plus partner co-funding."""
        return self.amount_pence + self.partner_co_funding_pence


def _is_pence(value: object) -> bool:
    return type(value) is int


def check_ward_budget_allocation(
    *, budget: WardBudget, allocation: WardBudgetAllocation
) -> list[Problem]:
    """Every rule the allocation breaks, in form order; an empty list means it may go ahead.

    Codes: ``amount_not_positive``, ``amount_exceeds_remaining``,
    ``override_needs_justification``, ``co_funding_negative``.
    """
    problems = []
    amount = allocation.amount_pence
    if not _is_pence(amount) or amount <= 0:
        problems.append(
            Problem(
                "amount_not_positive",
                "amount_pence",
                "An allocation must be a whole number of pence greater than £0.00.",
            )
        )
    elif amount > budget.remaining_pence:
        problems.append(
            Problem(
                "amount_exceeds_remaining",
                "amount_pence",
                f"{format_pence(amount)} is more than the {format_pence(budget.remaining_pence)} "
                f"left in this ward budget for {budget.financial_year} (after approved and "
                "pending allocations).",
            )
        )
    if allocation.is_override_of_residents_choice and not allocation.override_justification.strip():
        problems.append(
            Problem(
                "override_needs_justification",
                "override_justification",
                "Say why you are funding something other than what residents chose; "
                "the reason is published.",
            )
        )
    co_funding = allocation.partner_co_funding_pence
    if not _is_pence(co_funding) or co_funding < 0:
        problems.append(
            Problem(
                "co_funding_negative",
                "partner_co_funding_pence",
                "Partner co-funding must be a whole number of pence, £0.00 or more.",
            )
        )
    return problems


def require_ward_budget_allocation(*, budget: WardBudget, allocation: WardBudgetAllocation) -> None:
    """Raise ``WardBudgetError`` for the first broken rule, with the others as extra errors."""
    problems = check_ward_budget_allocation(budget=budget, allocation=allocation)
    if problems:
        first, *rest = problems
        error = WardBudgetError(first.code, first.field, first.message)
        for problem in rest:
            error.extra_errors.setdefault(problem.field, []).append(problem.message)
        raise error
