from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "coopcouncil.budgets"
    label = "budgets"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.budgets import permissions  # noqa: F401

        # Democracy's annual reports show the ward budget a councillor allocated; democracy
        # sits below budgets, so budgets hands it the figure (democracy/interfaces.py).
        from coopcouncil.budgets.selectors import councillor_allocated_pence
        from coopcouncil.democracy.interfaces import ward_budget_allocated_register

        ward_budget_allocated_register(councillor_allocated_pence)

        _account_uses_register()


def _account_uses_register() -> None:
    """Every field of this app naming an account: while a row names one, people's
    retention keeps that account (``core.interfaces.AccountUse``)."""
    from coopcouncil.budgets.models import (
        Allocation,
        AllocationFormula,
        AutonomyRequest,
        AutonomyThreshold,
        Commitment,
        CostCentre,
        LadderChallenge,
        SpendImport,
        WardBudget,
        WardBudgetAllocation,
        WardPoll,
        WardPollVote,
    )
    from coopcouncil.core.interfaces import AccountUse, account_uses_register

    account_uses_register(
        AccountUse(Allocation, "created_by"),
        AccountUse(AllocationFormula, "created_by"),
        AccountUse(AutonomyRequest, "assessed_by"),
        AccountUse(AutonomyRequest, "cabinet_recorded_by"),
        AccountUse(AutonomyRequest, "requested_by"),
        AccountUse(AutonomyThreshold, "set_by"),
        AccountUse(Commitment, "created_by"),
        AccountUse(CostCentre, "updated_by"),
        AccountUse(LadderChallenge, "answered_by"),
        AccountUse(LadderChallenge, "challenger"),
        AccountUse(SpendImport, "imported_by"),
        AccountUse(WardBudget, "councillor"),
        AccountUse(WardBudgetAllocation, "decided_by"),
        AccountUse(WardPoll, "created_by"),
        AccountUse(WardPollVote, "voter"),
    )
