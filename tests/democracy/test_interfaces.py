"""Democracy asks the app above it for the ward budget figure through one typed slot."""

import pytest

from coopcouncil.budgets.selectors import councillor_allocated_pence
from coopcouncil.democracy import interfaces


def test_a_second_app_may_not_claim_the_ward_budget_figure():
    with pytest.raises(RuntimeError):
        interfaces.ward_budget_allocated_register(lambda councillor, year: 0)
    # Budgets registering its own answer again (start-up run twice) is harmless.
    interfaces.ward_budget_allocated_register(councillor_allocated_pence)
