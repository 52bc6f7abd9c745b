"""Oversubscribed share offers: pro rata above protected minimum holdings."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coopcouncil.mutuals.logic.shares import ShareRequest, allocate_shares, annual_interest_pence


def test_the_worked_example_in_the_rule():
    requests = [ShareRequest(1, 90_000), ShareRequest(2, 60_000), ShareRequest(3, 10_000)]
    allocation = allocate_shares(requests, offer_pence=100_000, min_holding_pence=10_000)
    assert allocation == {1: 53_100, 2: 36_900, 3: 10_000}


def test_an_undersubscribed_offer_gives_everyone_what_they_asked():
    requests = [ShareRequest(1, 500), ShareRequest(2, 700)]
    assert allocate_shares(requests, offer_pence=10_000, min_holding_pence=100) == {1: 500, 2: 700}


def test_when_even_minimums_do_not_fit_earlier_applications_get_them():
    requests = [ShareRequest(n, 5_000) for n in range(1, 5)]
    allocation = allocate_shares(requests, offer_pence=10_000, min_holding_pence=5_000)
    assert allocation == {1: 5_000, 2: 5_000, 3: 0, 4: 0}


def test_interest_is_capped():
    assert annual_interest_pence(10_000, rate_percent=Decimal("6"), cap_percent=Decimal("4")) == 400


@st.composite
def offers(draw):
    share = draw(st.sampled_from([1, 100, 500]))
    minimum = share * draw(st.integers(min_value=1, max_value=20))
    maximum = minimum + share * draw(st.integers(min_value=0, max_value=200))
    asks = draw(
        st.lists(st.integers(min_value=minimum // share, max_value=maximum // share), max_size=40)
    )
    requests = [ShareRequest(n, units * share) for n, units in enumerate(asks)]
    offer = share * draw(st.integers(min_value=1, max_value=5_000))
    return requests, offer, minimum, share


@settings(max_examples=300, deadline=None)
@given(offers())
def test_no_one_gets_more_than_they_asked_and_the_total_never_exceeds_the_offer(case):
    requests, offer, minimum, share = case
    allocation = allocate_shares(
        requests, offer_pence=offer, min_holding_pence=minimum, share_pence=share
    )
    assert sum(allocation.values()) <= offer
    for request in requests:
        got = allocation[request.applicant]
        assert 0 <= got <= request.requested_pence
        assert got == 0 or got >= minimum  # minimum holdings are protected
        assert got % share == 0
