"""A councillor's ward budget: what is left and what an allocation must satisfy."""

import pytest

from coopcouncil.budgets.logic.ward_budgets import (
    DEFAULT_WARD_BUDGET_PENCE,
    WardBudget,
    WardBudgetAllocation,
    WardBudgetError,
    check_ward_budget_allocation,
    require_ward_budget_allocation,
)


def budget(**changes):
    return WardBudget(councillor_id="cllr-1", financial_year="2026/27", **changes)


def codes(problems):
    return [problem.code for problem in problems]


def test_default_budget_is_the_stevenage_three_member_ward_figure():
    assert DEFAULT_WARD_BUDGET_PENCE == 330_000
    assert budget().remaining_pence == 330_000


def test_remaining_is_amount_less_approved_less_pending():
    assert budget(approved_pence=100_000, pending_pence=50_000).remaining_pence == 180_000


def test_allocation_within_what_is_left_has_no_problems():
    allocation = WardBudgetAllocation(amount_pence=180_000)
    ward_budget = budget(approved_pence=100_000, pending_pence=50_000)
    assert check_ward_budget_allocation(budget=ward_budget, allocation=allocation) == []


def test_allocation_over_what_is_left_after_pending_is_refused():
    problems = check_ward_budget_allocation(
        budget=budget(approved_pence=100_000, pending_pence=50_000),
        allocation=WardBudgetAllocation(amount_pence=180_001),
    )
    assert codes(problems) == ["amount_exceeds_remaining"]
    assert problems[0].field == "amount_pence"
    assert "£1,800.00 left" in problems[0].message


@pytest.mark.parametrize("amount", [0, -100, 10.5])
def test_allocation_must_be_more_than_nothing(amount):
    problems = check_ward_budget_allocation(
        budget=budget(), allocation=WardBudgetAllocation(amount_pence=amount)
    )
    assert codes(problems) == ["amount_not_positive"]


@pytest.mark.parametrize("justification", ["", "   "])
def test_overriding_residents_choice_needs_a_written_reason(justification):
    allocation = WardBudgetAllocation(
        amount_pence=1000,
        is_override_of_residents_choice=True,
        override_justification=justification,
    )
    problems = check_ward_budget_allocation(budget=budget(), allocation=allocation)
    assert [(p.code, p.field) for p in problems] == [
        ("override_needs_justification", "override_justification")
    ]


def test_override_with_a_reason_is_allowed():
    allocation = WardBudgetAllocation(
        amount_pence=1000,
        is_override_of_residents_choice=True,
        override_justification="The chosen site flooded; the same group asked for this instead.",
    )
    assert check_ward_budget_allocation(budget=budget(), allocation=allocation) == []


def test_partner_co_funding_does_not_draw_on_the_council_budget():
    allocation = WardBudgetAllocation(amount_pence=330_000, partner_co_funding_pence=1_000_000)
    assert check_ward_budget_allocation(budget=budget(), allocation=allocation) == []
    assert allocation.project_total_pence == 1_330_000


def test_negative_co_funding_is_refused():
    allocation = WardBudgetAllocation(amount_pence=1000, partner_co_funding_pence=-1)
    problems = check_ward_budget_allocation(budget=budget(), allocation=allocation)
    assert codes(problems) == ["co_funding_negative"]


def test_every_broken_rule_is_reported_not_just_the_first():
    allocation = WardBudgetAllocation(
        amount_pence=0, is_override_of_residents_choice=True, partner_co_funding_pence=-5
    )
    problems = check_ward_budget_allocation(budget=budget(), allocation=allocation)
    assert codes(problems) == [
        "amount_not_positive",
        "override_needs_justification",
        "co_funding_negative",
    ]


def test_require_raises_the_first_problem_with_the_rest_as_field_errors():
    allocation = WardBudgetAllocation(amount_pence=400_000, is_override_of_residents_choice=True)
    with pytest.raises(WardBudgetError) as caught:
        require_ward_budget_allocation(budget=budget(), allocation=allocation)
    assert caught.value.code == "amount_exceeds_remaining"
    assert caught.value.field == "amount_pence"
    assert set(caught.value.errors) == {"amount_pence", "override_justification"}


def test_require_passes_quietly_when_nothing_is_broken():
    require_ward_budget_allocation(budget=budget(), allocation=WardBudgetAllocation(amount_pence=1))
