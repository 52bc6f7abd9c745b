"""The co-production dividend ledger: balance = credits − spends, never negative."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.grants.logic.dividend import (
    CREDIT,
    SPEND,
    LedgerEntry,
    balance,
    credit_for,
    spend_problem,
)

amounts = st.integers(min_value=1, max_value=10**9)


def test_half_a_saving_is_credited_rounded_down_to_the_penny():
    assert credit_for(1_000_001, 50) == 500_000
    assert credit_for(1_000_000, 50) == 500_000


def test_a_share_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        credit_for(100, 101)


@given(st.lists(st.tuples(st.sampled_from([CREDIT, SPEND]), amounts), max_size=60))
def test_a_ledger_kept_through_the_spend_rule_balances_and_never_goes_negative(requests):
    """Spends the rule refuses are not written; the balance is credits − spends exactly."""
    ledger: list[LedgerEntry] = []
    for kind, amount in requests:
        if kind == SPEND and spend_problem(balance(ledger), amount) is not None:
            continue
        ledger.append(LedgerEntry(kind, amount))
        assert balance(ledger) >= 0
    credits = sum(e.amount_pence for e in ledger if e.kind == CREDIT)
    spends = sum(e.amount_pence for e in ledger if e.kind == SPEND)
    assert balance(ledger) == credits - spends


@given(amounts, amounts)
def test_a_spend_larger_than_the_balance_is_refused(held, asked):
    assert (spend_problem(held, asked) is None) == (asked <= held)
