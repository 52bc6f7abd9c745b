"""Our fast MES equals a plain, textbook MES on random small elections (hypothesis).

The fast market merges ballots by their positive scores, keeps voters in money "levels",
re-prices lazily and shares level counts between runs at different budgets (`_Node`). Each is
a shortcut; this file checks them against the plain method of Peters, Pierczyński and Skowron
(every voter separately, exact fractions, every project re-priced every round) and against
pabutools' step-by-step budget increase (`exhaustion_by_budget_increase`, 1 % steps, up to
(n + 1) x budget, no early stop), then greedy.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from coopcouncil.participation.logic.election import Election, Project, Vote
from coopcouncil.participation.logic.profile import (
    COST_SATISFACTION,
    BallotProfile,
    ballot_profile,
)
from coopcouncil.participation.logic.rules import mes_cost, mes_cost_completed
from coopcouncil.participation.logic.rules.completion import STEPS_PER_BUDGET, last_feasible_run
from coopcouncil.participation.logic.rules.equal_shares import EqualSharesMarket
from coopcouncil.participation.logic.rules.greedy import greedy_pass


@st.composite
def elections(draw) -> Election:
    """Approval, cumulative or ordinal ballots over up to 6 projects, up to 12 voters."""
    vote_type = draw(st.sampled_from(["approval", "cumulative", "ordinal"]))
    count = draw(st.integers(1, 6))
    ids = [str(i) for i in range(count)]
    # few distinct costs and points, so that ties between projects are common
    costs = draw(st.lists(st.integers(0, 8), min_size=count, max_size=count))
    votes = []
    for voter in range(draw(st.integers(1, 12))):
        chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=count, unique=True))
        points = None
        if vote_type == "cumulative":
            points = tuple(draw(st.integers(1, 3)) for _ in chosen)
        votes.append(Vote(str(voter), tuple(chosen), points))
    meta = {"budget": str(draw(st.integers(4, 24))), "vote_type": vote_type}
    if vote_type == "cumulative":
        meta["max_sum_points"] = "100"
    return Election(
        meta=meta,
        projects=tuple(Project(pid, Fraction(c)) for pid, c in zip(ids, costs, strict=True)),
        votes=tuple(votes),
    )


def plain_mes(profile: BallotProfile, per_voter: Fraction) -> list[int]:
    """Textbook MES with cost satisfaction: the projects bought, in order (free ones first)."""
    utilities = []  # one dict per voter: project -> satisfaction
    for ballot, weight in zip(profile.ballots, profile.weights, strict=True):
        utility = {
            p: score * profile.costs[p] if profile.is_approval else Fraction(score)
            for p, score in ballot
            if score > 0
        }
        utilities += [utility] * weight
    money = [per_voter] * len(utilities)
    wanted = [p for p in range(len(profile.costs)) if any(p in u for u in utilities)]
    bought = [p for p in wanted if profile.costs[p] == 0]
    while True:
        best = None
        for p in wanted:
            if p in bought:
                continue
            backers = sorted(
                (money[v] / u[p], v) for v, u in enumerate(utilities) if p in u and u[p] > 0
            )
            if sum(money[v] for _, v in backers) < profile.costs[p]:
                continue
            remaining, rich = profile.costs[p], sum(utilities[v][p] for _, v in backers)
            for ratio, v in backers:
                if ratio * rich >= remaining:
                    break
                remaining -= money[v]
                rich -= utilities[v][p]
            rho = remaining / rich
            key = (rho, profile.project_ids[p])
            if best is None or key < best[0]:
                best = (key, p)
        if best is None:
            return bought
        (rho, _), p = best
        for v, u in enumerate(utilities):
            if p in u:
                money[v] -= min(money[v], rho * u[p])
        bought.append(p)


def plain_completed(profile: BallotProfile) -> tuple[set[int], int, set[int]]:
    """pabutools' loop: raise the budget 1 % at a time to (n + 1) x budget, then greedy.

    Returns the equal-shares outcome kept, how many 1 % steps it was raised by, and the final
    outcome; outcomes as sets of project indices.
    """
    budget = profile.budget
    n = profile.voter_count
    previous: list[int] = []
    step, kept_step = 0, 0
    while budget + step * budget / STEPS_PER_BUDGET <= budget * (n + 1):
        outcome = plain_mes(profile, (budget + step * budget / STEPS_PER_BUDGET) / n)
        cost = sum((profile.costs[p] for p in outcome), Fraction(0))
        if cost > budget:
            break
        previous, kept_step = outcome, step
        left = budget - cost
        if all(c > left for p, c in enumerate(profile.costs) if p not in outcome):
            break
        step += 1
    results = greedy_pass(profile, COST_SATISFACTION, tuple(previous), stage="").results
    final = set(previous) | {p for p, r in results.items() if r.is_selected}
    return set(previous), kept_step, final


@settings(max_examples=150, deadline=None)
@given(elections())
def test_fast_equal_shares_buys_what_plain_equal_shares_buys(election):
    profile = ballot_profile(election)
    expected = [
        profile.project_ids[p] for p in plain_mes(profile, profile.budget / len(election.votes))
    ]
    assert list(mes_cost(profile).selected) == expected


@settings(max_examples=40, deadline=None)
@given(elections(), st.lists(st.integers(0, 300), min_size=1, max_size=6))
def test_runs_sharing_a_market_equal_runs_on_a_fresh_market(election, steps):
    """Level counts cached by earlier runs (any budgets, any order) never change a run."""
    profile = ballot_profile(election)
    shared = EqualSharesMarket(profile, COST_SATISFACTION)
    full = EqualSharesMarket(profile, COST_SATISFACTION)
    full.cache_room = 0  # the cache is full: counts are made again, nodes still shared
    for step in steps:
        share = shared.equal_share(profile.budget * (1 + Fraction(step, STEPS_PER_BUDGET)))
        fresh = EqualSharesMarket(profile, COST_SATISFACTION).run(share, with_purses=True)
        assert shared.run(share, with_purses=True) == fresh
        assert full.run(share, with_purses=True) == fresh


@settings(max_examples=100, deadline=None)
@given(elections())
def test_completion_equals_the_plain_step_by_step_loop(election):
    profile = ballot_profile(election)
    kept, kept_step, final = plain_completed(profile)
    run, increases = last_feasible_run(EqualSharesMarket(profile, COST_SATISFACTION))
    assert set(run.funded) == kept
    wanted = {p for p, total in enumerate(profile.score_totals) if total > 0}
    if kept != wanted:  # else we stop raising early (documented): same outcome, fewer steps
        assert increases == kept_step
    outcome = mes_cost_completed(profile)
    assert set(outcome.selected) == {profile.project_ids[p] for p in final}
