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
    assert Allocation.objects.filter(kind="adopted").count() == 3
    assert Allocation.objects.filter(kind="scenario").count() == 1
    assert first["WardBudget"] == 60 and first["LadderPlacement"] == 8
    assert first["LadderChallenge"] == 1 and first["WardBudgetAllocation"] > 0
    assert AutonomyRequest.objects.filter(status="granted").exists()
    assert AutonomyRequest.objects.exclude(scorecard={}).count() == 2
    demo_load()
    assert _counts() == first
