"""Properties every outcome must have, on random small elections (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coopcouncil.participation.logic.election import Election, Project, Vote
from coopcouncil.participation.logic.profile import COST_SATISFACTION, ballot_profile
from coopcouncil.participation.logic.rules import (
    greedy_card,
    greedy_cost,
    mes_card,
    mes_cost,
    mes_cost_completed,
    phragmen,
)
from coopcouncil.participation.logic.rules.equal_shares import EqualSharesMarket

ALL_RULES = (greedy_cost, greedy_card, mes_cost, mes_card, mes_cost_completed, phragmen)


@st.composite
def approval_elections(draw) -> Election:
    count = draw(st.integers(1, 6))
    ids = [str(i) for i in range(count)]
    costs = draw(st.lists(st.integers(1, 20), min_size=count, max_size=count))
    ballots = draw(st.lists(st.sets(st.sampled_from(ids), min_size=1), min_size=1, max_size=8))
    budget = draw(st.integers(1, 40))
    return Election(
        meta={"budget": str(budget), "vote_type": "approval"},
        projects=tuple(Project(pid, Fraction(c)) for pid, c in zip(ids, costs, strict=True)),
        votes=tuple(Vote(str(i), tuple(sorted(b))) for i, b in enumerate(ballots)),
    )


@settings(max_examples=60, deadline=None)
@given(approval_elections())
def test_no_rule_ever_spends_more_than_the_budget(election):
    profile = ballot_profile(election)
    for rule in ALL_RULES:
        assert rule(profile).total_cost <= profile.budget


@settings(max_examples=60, deadline=None)
@given(approval_elections())
def test_greedy_leaves_no_affordable_project_unfunded(election):
    profile = ballot_profile(election)
    for rule in (greedy_cost, greedy_card, mes_cost_completed):
        outcome = rule(profile)
        left = outcome.budget_left
        assert all(p.is_selected or p.cost > left for p in outcome.projects)


@settings(max_examples=60, deadline=None)
@given(approval_elections())
def test_equal_shares_charges_no_voter_more_than_an_equal_share(election):
    profile = ballot_profile(election)
    market = EqualSharesMarket(profile, COST_SATISFACTION)
    share = market.equal_share(profile.budget)
    run = market.run(share, with_purses=True)
    assert all(0 <= purse <= share for purse in run.purses)
    paid = sum((share - purse) * w for purse, w in zip(run.purses, profile.weights, strict=True))
    assert paid == sum((profile.costs[i] for i in run.funded), Fraction(0))


@settings(max_examples=40, deadline=None)
@given(approval_elections(), st.randoms(use_true_random=False))
def test_the_order_of_the_votes_does_not_matter(election, random):
    shuffled = list(election.votes)
    random.shuffle(shuffled)
    reordered = Election(meta=election.meta, projects=election.projects, votes=tuple(shuffled))
    for rule in ALL_RULES:
        assert rule(ballot_profile(reordered)).selected == rule(ballot_profile(election)).selected
