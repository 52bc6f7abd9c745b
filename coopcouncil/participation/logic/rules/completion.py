"""MES completed by raising the budget, then greedily: the variant pabutools documents.

MES alone often leaves money unspent. Following pabutools 1.2.3
(`completion_by_rule_combination` of `exhaustion_by_budget_increase` with
`budget_step = budget / 100`, then `greedy_utilitarian_welfare`), we re-run MES as if the
budget were 1 %, 2 %, 3 %... larger, until its outcome is exhaustive (no other project fits the
real budget) or costs more than the real budget; we keep the last outcome that fits and then
fund projects greedily (by satisfaction per cost) with what is left.

Worked example: budget 30, voters 1 and 2 approve a (cost 18), voter 3 approves b (cost 12).
Plain MES buys only a (voter 3 has 10 < 12). At a 20 % larger budget each voter holds 12, so
MES buys a and b; they cost 30 <= 30 and nothing else exists, so the outcome {a, b} is kept.

Each run re-uses one `EqualSharesMarket` (supporters grouped once, level counts shared between
runs that make the same purchases) and stops as soon as its spending passes the real budget,
because such a run is discarded anyway.

Why every 1 % step is still run: MES is not monotone in the budget (more money per voter can
change the order of purchases and so the outcome either way), so bisecting for "the first
step that overspends or is exhaustive" could jump over an earlier such step and return another
outcome than pabutools. Certifying that a range of steps cannot change the outcome would need
every run's choices to be stable over it; on Kraków 2024 they change at almost every step.
"""

from __future__ import annotations

from fractions import Fraction

from coopcouncil.participation.logic.outcome import Outcome, Tie
from coopcouncil.participation.logic.profile import COST_SATISFACTION, BallotProfile
from coopcouncil.participation.logic.rules.equal_shares import (
    EqualSharesMarket,
    EqualSharesRun,
    explain_run,
)
from coopcouncil.participation.logic.rules.greedy import greedy_pass

STEPS_PER_BUDGET = 100


def mes_cost_completed(profile: BallotProfile) -> Outcome:
    """MES (cost satisfaction) + budget increase by 1 % steps + greedy completion."""
    market = EqualSharesMarket(profile, COST_SATISFACTION)
    run, increases = last_feasible_run(market)
    results = explain_run(profile, run, stage=f"equal shares, budget +{increases} %")
    funded = run.funded
    ties: tuple[Tie, ...] = ()
    if not is_exhaustive(profile, funded):
        completion = greedy_pass(profile, COST_SATISFACTION, funded, stage="greedy completion")
        results.update(completion.results)
        ties = completion.ties
    chosen = sorted((r.round or 0, i) for i, r in results.items() if r.is_selected)
    return Outcome(
        rule="mes_cost_completed",
        budget=profile.budget,
        selected=tuple(profile.project_ids[i] for _, i in chosen),
        projects=tuple(results[i] for i in range(len(profile.project_ids))),
        notes=(
            f"equal shares ran with the budget raised by {increases} % "
            f"({increases} steps of 1 %), then greedy completion",
        ),
        ties=ties,
    )


def last_feasible_run(market: EqualSharesMarket) -> tuple[EqualSharesRun, int]:
    """The last MES run (budget raised k %) that fits the real budget, and its k.

    Stops at the first run that is exhaustive or overspends. A run that already funds every
    project someone wants cannot change with more money, so we stop there too (pabutools would
    keep raising the budget up to (n + 1) x budget and return the same outcome).
    """
    profile = market.profile
    budget = profile.budget
    wanted = sum(1 for total in market.total_satisfaction if total > 0)
    bound = budget * (profile.voter_count + 1)
    step = budget / STEPS_PER_BUDGET
    previous = EqualSharesRun(Fraction(0), (), (), {}, False)
    increases, raised = 0, budget
    while raised <= bound:
        run = market.run(market.equal_share(raised), cost_cap=budget)
        if run.is_over_cap:
            return previous, max(increases - 1, 0)
        if is_exhaustive(profile, run.funded) or len(run.funded) == wanted:
            return run, increases
        previous = run
        increases += 1
        raised += step
    return previous, increases - 1


def is_exhaustive(profile: BallotProfile, funded: tuple[int, ...]) -> bool:
    """True when no unfunded project fits in the budget left over."""
    chosen = set(funded)
    left = profile.budget - sum((profile.costs[i] for i in chosen), Fraction(0))
    return all(cost > left for i, cost in enumerate(profile.costs) if i not in chosen)
