from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "coopcouncil.budgets"
    label = "budgets"
