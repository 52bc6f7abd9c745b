from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "coopcouncil.budgets"
    label = "budgets"

    def ready(self) -> None:
        # Importing the module registers this app's rules with core's permission registry.
        from coopcouncil.budgets import permissions  # noqa: F401
