"""What democracy asks of the apps above it, as typed slots those apps fill at start-up.

Democracy sits below budgets (budgets reads Local Leaders Programme eligibility and
decisions from here), so democracy may not import budgets. Where a democracy page needs a
figure only budgets holds, the figure's shape is declared here as a Protocol and budgets
registers the function that answers it in ``BudgetsConfig.ready()``. Until one is
registered (budgets not installed), democracy shows the figure as not yet recorded.

A registered function rather than a signal: democracy asks a question and needs the one
answer back, which a signal (any number of receivers, fire and forget) does not give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from coopcouncil.people.models import User


class WardBudgetAllocated(Protocol):
    """Pence of ``councillor``'s ward budget approved for the financial year starting
    April of ``year``."""

    def __call__(self, councillor: User, year: int, /) -> int: ...


class _Slot:
    """The answers registered so far, one per question."""

    def __init__(self) -> None:
        self.ward_budget_allocated: WardBudgetAllocated | None = None


_registered = _Slot()


def ward_budget_allocated_register(answer: WardBudgetAllocated) -> None:
    """Make ``answer`` the source of the figure; a second, different source is a mistake."""
    if _registered.ward_budget_allocated not in (None, answer):
        raise RuntimeError("Another app already answers the ward budget allocated figure.")
    _registered.ward_budget_allocated = answer


def ward_budget_allocated(councillor: User, *, year: int) -> int | None:
    """The registered app's figure, or None while no installed app records ward budgets."""
    answer = _registered.ward_budget_allocated
    return None if answer is None else answer(councillor, year)
