from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from coopcouncil.budgets import policy
from coopcouncil.budgets.models import WardBudget
from coopcouncil.budgets.services import ward_budgets_open


@pytest.mark.django_db
def test_the_ward_budget_set_in_the_environment_is_what_each_councillor_gets(
    monkeypatch, councillor, finance
):
    monkeypatch.setenv("COOPCOUNCIL_WARD_BUDGET_PENCE", "450000")

    ward_budgets_open(actor=finance, financial_year="2027/28")

    assert WardBudget.objects.get(financial_year="2027/28").amount_pence == 450_000


def test_autonomy_bars_set_in_the_environment_replace_only_the_bars_they_name(monkeypatch):
    monkeypatch.setenv("COOPCOUNCIL_AUTONOMY_THRESHOLDS", '{"pulse_survey_score": 65.5}')

    thresholds = policy.autonomy_thresholds()

    assert thresholds.pulse_survey_score == Decimal("65.5")
    assert thresholds.budget_variance_percent == Decimal(5)


def test_an_autonomy_bar_that_does_not_exist_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("COOPCOUNCIL_AUTONOMY_THRESHOLDS", '{"turnout_percent": 40}')

    with pytest.raises(ImproperlyConfigured, match="COOPCOUNCIL_AUTONOMY_THRESHOLDS"):
        policy.autonomy_thresholds()
