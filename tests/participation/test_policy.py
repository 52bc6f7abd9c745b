import pytest
from django.core.exceptions import ImproperlyConfigured

from coopcouncil.participation import policy, services

pytestmark = pytest.mark.django_db


def test_a_new_process_takes_the_rule_and_voting_age_set_in_the_environment(
    monkeypatch, clerk, district
):
    monkeypatch.setenv("COOPCOUNCIL_PB_DEFAULT_RULE", "phragmen")
    monkeypatch.setenv("COOPCOUNCIL_PB_MIN_VOTER_AGE", "16")

    process = services.process_create(
        actor=clerk, title="Youth pot", budget_pence=500_000, district=district
    )

    assert (process.rule, process.min_voter_age) == ("phragmen", 16)


def test_a_default_rule_we_cannot_count_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("COOPCOUNCIL_PB_DEFAULT_RULE", "coin-toss")

    with pytest.raises(ImproperlyConfigured, match="COOPCOUNCIL_PB_DEFAULT_RULE"):
        policy.default_rule()
