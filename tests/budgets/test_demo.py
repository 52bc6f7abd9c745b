"""The budgets demo loads every part of the issue and is safe to run twice."""

import pytest

from coopcouncil.budgets.models import (
    Allocation,
    AutonomyRequest,
    Commitment,
    LadderChallenge,
    LadderPlacement,
    SpendRecord,
    WardBudget,
    WardBudgetAllocation,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    models = (Allocation, AutonomyRequest, Commitment, LadderChallenge, LadderPlacement,
              SpendRecord, WardBudget, WardBudgetAllocation)  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_loads_everything_once():
    from coopcouncil.budgets.demo import demo_load
    from coopcouncil.demo.borough import demo_load_borough

    demo_load_borough()
    demo_load()
    first = _counts()
    # Four adopted formulas, plus the version Cabinet's grant of Highways to Saddleworth
    # published when it moved that money to the district.
    assert Allocation.objects.filter(kind="adopted").count() == 5
    assert Allocation.objects.filter(kind="scenario").count() == 1
    assert first["WardBudget"] == 60 and first["LadderPlacement"] == 8
    assert first["LadderChallenge"] == 1 and first["WardBudgetAllocation"] > 0
    assert AutonomyRequest.objects.filter(status="granted").exists()
    assert AutonomyRequest.objects.exclude(scorecard={}).count() == 2
    demo_load()
    assert _counts() == first


def test_the_demo_gives_budget_variance_a_real_figure_and_wards_their_shares():
    from coopcouncil.budgets.demo import demo_load
    from coopcouncil.budgets.selectors import monitoring_report
    from coopcouncil.demo.borough import demo_load_borough

    demo_load_borough()
    demo_load()
    scorecard = AutonomyRequest.objects.get(district__slug="west-oldham").scorecard
    row = next(row for row in scorecard["rows"] if row["key"] == "financial_aptitude")
    assert (row["figure"], row["outcome"]) == ("2.2", "pass")
    wards = monitoring_report().ward_rows()
    coldhurst = next(row for row in wards if row["ward"] == "coldhurst")
    assert (coldhurst["commitments_pence"], coldhurst["actual_pence"]) == (900_000, 420_000)
