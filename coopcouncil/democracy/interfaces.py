"""What democracy asks of the apps above it, as typed slots those apps fill at start-up.

Democracy sits below budgets (budgets reads Local Leaders Programme eligibility and
decisions from here), so democracy may not import budgets. Where a democracy page needs a
figure only budgets holds, the figure's shape is declared here as a Protocol and budgets
registers the function that answers it in ``BudgetsConfig.ready()``. Until one is
registered (budgets not installed), democracy shows the figure as not yet recorded.

A registered function rather than a signal: democracy asks a question and needs the one
answer back, which a signal (any number of receivers, fire and forget) does not give.

The other way round, democracy *tells*: when a call-in suspends a decision, a review
confirms, amends or withdraws it, or removing fake signatures reinstates it, every
registered ``DecisionStatusListener`` is called in the same transaction. Grants registers
one in ``GrantsConfig.ready()`` and keeps its own award standing, so its pages never join
the decision register. A typed list rather than a Django signal: the listeners are named,
typed, and a failure is not swallowed.
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


class DecisionStatusListener(Protocol):
    """Told, inside the transaction that changed it, that decision ``decision_id``'s status
    went from ``previous`` to ``status`` (a call-in suspended it, a review confirmed,
    amended or withdrew it, or the clerk's removal of fake signatures reinstated it).
    Plain values, so this module needs none of democracy's models."""

    def __call__(self, *, decision_id: int, status: str, previous: str) -> None: ...


_status_listeners: list[DecisionStatusListener] = []


def decision_status_listen(listener: DecisionStatusListener) -> None:
    """Have ``listener`` told of every change of a decision's status after publication
    (grants keeps its awards' standing this way). Registering the same one twice is once."""
    if listener not in _status_listeners:
        _status_listeners.append(listener)


def decision_status_changed(decision_id: int, status: str, previous: str) -> None:
    """Tell every registered app; called by democracy's services in their transaction, so
    a listener's failure undoes the change and no app is left out of step."""
    for listener in _status_listeners:
        listener(decision_id=decision_id, status=status, previous=previous)
