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
