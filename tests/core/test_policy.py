from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from coopcouncil.core.policy import policy_decimal_map, policy_int, policy_str

NAME = "COOPCOUNCIL_CALL_IN_THRESHOLD"
BARS = ("pulse_survey_score", "budget_variance_percent")


@pytest.fixture(autouse=True)
def _not_in_settings(settings):
    if hasattr(settings, NAME):
        delattr(settings, NAME)


def test_policy_with_neither_setting_nor_variable_is_the_published_default(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)

    assert policy_int(NAME, 100) == 100
    assert policy_str(NAME, "mes-cost") == "mes-cost"
    assert policy_decimal_map(NAME, {}, keys=BARS) == {}


def test_policy_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv(NAME, " 150 ")

    assert policy_int(NAME, 100) == 150


def test_django_setting_wins_over_the_environment(monkeypatch, settings):
    monkeypatch.setenv(NAME, "150")
    setattr(settings, NAME, 80)

    assert policy_int(NAME, 100) == 80


@pytest.mark.parametrize("value", ["abc", "", "1.5", "12 000"])
def test_a_number_that_is_not_whole_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(NAME, value)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        policy_int(NAME, 100)


def test_a_bad_django_setting_is_refused_naming_it(settings):
    setattr(settings, NAME, True)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        policy_int(NAME, 100)


def test_text_outside_its_choices_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv(NAME, "coin-toss")

    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be one of greedy-cost"):
        policy_str(NAME, "greedy-cost", choices=("greedy-cost", "phragmen"))


def test_numbers_by_name_are_read_from_a_json_object_as_exact_decimals(monkeypatch):
    monkeypatch.setenv(NAME, '{"pulse_survey_score": 65.1, "budget_variance_percent": "4"}')

    assert policy_decimal_map(NAME, {}, keys=BARS) == {
        "pulse_survey_score": Decimal("65.1"),
        "budget_variance_percent": Decimal(4),
    }


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        "[65]",
        '{"pulse_survey_score": "high"}',
        '{"pulse_survey_score": NaN}',
        '{"pulse_survey_score": true}',
        '{"turnout": 10}',
    ],
)
def test_numbers_by_name_that_cannot_be_read_are_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(NAME, value)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        policy_decimal_map(NAME, {}, keys=BARS)
