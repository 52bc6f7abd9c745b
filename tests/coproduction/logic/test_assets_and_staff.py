"""The asset register's CSV rows, commitments met, licences ending, and staff days."""

from datetime import date
from decimal import Decimal

from coopcouncil.coproduction.logic.assets import asset_row_check, commitment_is_met, is_ending_soon
from coopcouncil.coproduction.logic.staff_volunteering import (
    days_problem,
    days_remaining,
    financial_year_of,
)

ROW = {
    "reference": "park-1",
    "name": "Park",
    "kind": "park",
    "ward": "coldhurst",
    "running_cost_pence": "1200",
    "latitude": "53.5",
    "longitude": "-2.1",
}


def test_a_complete_row_is_read_with_cost_in_pence_and_condition_fair_by_default():
    row, problems = asset_row_check(ROW)
    assert problems == []
    assert row is not None and row.running_cost_pence == 1200 and row.condition == "fair"


def test_every_problem_in_a_row_is_named_by_field():
    row, problems = asset_row_check(
        {"kind": "castle", "condition": "shiny", "running_cost_pence": "12.50", "latitude": "95"}
    )
    fields = {field for field, _message in problems}
    assert row is None
    assert fields == {
        "reference",
        "name",
        "ward",
        "kind",
        "condition",
        "running_cost_pence",
        "latitude",
    }


def test_a_commitment_is_met_when_the_target_is_reached():
    assert commitment_is_met(target=30, achieved=30)
    assert not commitment_is_met(target=30, achieved=29)


def test_a_licence_is_flagged_within_the_warning_period_and_not_after_it_ends():
    today = date(2026, 3, 1)
    assert is_ending_soon(ends_on=date(2026, 4, 1), today=today, warning_days=56)
    assert not is_ending_soon(ends_on=date(2026, 6, 1), today=today, warning_days=56)
    assert not is_ending_soon(ends_on=date(2026, 2, 28), today=today, warning_days=56)


def test_the_financial_year_runs_from_april_to_march():
    assert financial_year_of(date(2026, 3, 31)) == (date(2025, 4, 1), date(2026, 3, 31))
    assert financial_year_of(date(2026, 4, 1)) == (date(2026, 4, 1), date(2027, 3, 31))


def test_days_are_taken_in_halves_within_what_is_left():
    remaining = days_remaining(entitlement=Decimal(3), taken_or_asked=Decimal("2.5"))
    assert remaining == Decimal("0.5")
    assert days_problem(days=Decimal("0.5"), remaining=remaining) is None
    assert days_problem(days=Decimal(1), remaining=remaining) == "days_over_entitlement"
    assert days_problem(days=Decimal("0.3"), remaining=Decimal(3)) == "days_not_halves"
