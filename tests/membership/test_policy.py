"""The council's settings for membership and energy switching, read from the environment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from coopcouncil.membership import policy


def test_the_published_defaults_apply_when_nothing_is_set():
    assert policy.finder_fee_pence() == 2000
    assert policy.acceptance_days() == 28
    assert policy.officer_teams() == ("district_team", "finance")


def test_the_environment_sets_the_fee_and_the_teams(monkeypatch):
    monkeypatch.setenv("COOPCOUNCIL_ENERGY_FINDER_FEE_PENCE", "3500")
    monkeypatch.setenv("COOPCOUNCIL_MEMBERSHIP_OFFICER_TEAMS", "finance")
    assert policy.finder_fee_pence() == 3500
    assert policy.officer_teams() == ("finance",)


def test_an_unreadable_fee_names_its_variable(monkeypatch):
    monkeypatch.setenv("COOPCOUNCIL_ENERGY_FINDER_FEE_PENCE", "twenty")
    with pytest.raises(ImproperlyConfigured, match="COOPCOUNCIL_ENERGY_FINDER_FEE_PENCE"):
        policy.finder_fee_pence()
