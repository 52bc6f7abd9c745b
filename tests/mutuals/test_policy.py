"""The default counting rule is the council's setting, read from the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from coopcouncil.mutuals import policy, services


def test_the_scottish_rule_is_the_default_and_the_setting_changes_it(settings, administrator):
    assert policy.default_election_rule() == "scottish"
    settings.COOPCOUNCIL_MUTUALS_ELECTION_RULE = "meek"
    mutual = services.mutual_register(
        actor=administrator, name="Meek Co-op", legal_form="cooperative_society"
    )
    assert mutual.election_rule == "meek"


def test_an_unknown_rule_in_the_setting_stops_with_its_name(settings):
    settings.COOPCOUNCIL_MUTUALS_ELECTION_RULE = "borda"
    with pytest.raises(ImproperlyConfigured, match="COOPCOUNCIL_MUTUALS_ELECTION_RULE"):
        policy.default_election_rule()
