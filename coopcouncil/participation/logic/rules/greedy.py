"""Greedy utilitarian welfare: fund the best value-for-money projects while they fit.

Projects are ranked by total satisfaction divided by cost, ties going to the smallest project
id compared as text ("10" before "2"), and funded in that order, skipping any that no longer
fit. With cost satisfaction on approval ballots, satisfaction / cost is the number of approvals,
so this is the "most votes first" rule most cities use (Faliszewski et al., IJCAI 2023,
section 4; pabutools 1.2.3 `greedy_utilitarian_welfare`).

Worked example: budget 10; project a costs 6 with 3 approvals, b costs 5 with 2, c costs 4
with 2. Cost satisfaction ranks a (3) then b and c tied on 2, where "b" < "c". a is funded
(4 left), b does not fit (5 > 4), c fits: the outcome is {a, c}. b was too dear for the 4 left
whatever the order, so the tie between b and c decided nothing and is not recorded; with c
costing 3 and b 4, b would be funded and c not, and the outcome would record "tie at 2 votes
between b and c, broken by smaller project id first" (`logic/ties.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from coopcouncil.participation.logic.election import CARDINAL_VOTE_TYPES, ORDINAL
from coopcouncil.participation.logic.outcome import Outcome, ProjectResult, Tie
from coopcouncil.participation.logic.pabulib import format_number
from coopcouncil.participation.logic.profile import (
    CARDINALITY_SATISFACTION,
    COST_SATISFACTION,
    BallotProfile,
)
from coopcouncil.participation.logic.ties import (
    BY_SMALLER_ID,
    POINTS,
    VOTES,
    VOTES_PER_COST,
    GreedyStep,
    decided_ties,
)

_INFINITE = Fraction(10) ** 100  # stands in for "free and wanted": ranks before any real ratio


def greedy_cost(profile: BallotProfile) -> Outcome:
    """Greedy welfare with cost satisfaction (points for cumulative, Borda for ordinal)."""
    return _outcome("greedy_cost", profile, greedy_pass(profile, COST_SATISFACTION, funded=()))


def greedy_card(profile: BallotProfile) -> Outcome:
    """Greedy welfare with cardinality satisfaction: approvals per unit of cost."""
    return _outcome(
        "greedy_card", profile, greedy_pass(profile, CARDINALITY_SATISFACTION, funded=())
    )


@dataclass(frozen=True)
class GreedyPass:
    """A greedy pass: an explanation for each project considered, keyed by project index, and
    the ties its order decided."""

    results: dict[int, ProjectResult]
    ties: tuple[Tie, ...]


def greedy_measure(profile: BallotProfile, satisfaction: str) -> str:
    """What a greedy score counts: votes, points (cumulative, Borda), or votes per unit of cost."""
    if satisfaction == CARDINALITY_SATISFACTION:
        return VOTES_PER_COST
    return POINTS if profile.vote_type in (*CARDINAL_VOTE_TYPES, ORDINAL) else VOTES


def satisfaction_density(profile: BallotProfile, satisfaction: str) -> list[Fraction]:
    """Each project's total satisfaction per unit of cost (pabutools' greedy score)."""
    densities = []
    for cost, total in zip(profile.costs, profile.total_satisfaction(satisfaction), strict=True):
        if total <= 0:
            densities.append(Fraction(0))
        elif cost == 0:
            densities.append(_INFINITE)
        else:
            densities.append(total / cost)
    return densities


def greedy_pass(
    profile: BallotProfile, satisfaction: str, funded: Sequence[int], stage: str = ""
) -> GreedyPass:
    """Run the greedy rule over the projects not in `funded`, keeping `funded` bought."""
    densities = satisfaction_density(profile, satisfaction)
    already = set(funded)
    remaining = profile.budget - sum((profile.costs[i] for i in funded), Fraction(0))
    order = sorted(
        (i for i in range(len(profile.project_ids)) if i not in already),
        key=lambda i: (-densities[i], profile.project_ids[i]),
    )
    results: dict[int, ProjectResult] = {}
    fits_first: dict[int, bool] = {}
    group_density, group_left = None, remaining
    next_round = len(funded) + 1
    for rank, index in enumerate(order, start=1):
        cost = profile.costs[index]
        if densities[index] != group_density:
            group_density, group_left = densities[index], remaining
        fits_first[index] = cost <= group_left
        label = f"ranked {rank} by satisfaction per cost ({_show(densities[index])})"
        if cost <= remaining:
            remaining -= cost
            reason = f"{label}; funded, {format_number(remaining)} left"
            results[index] = _result(profile, index, True, reason, next_round, densities, stage)
            next_round += 1
        else:
            reason = (
                f"{label}; did not fit: cost {format_number(cost)} > "
                f"remaining {format_number(remaining)}"
            )
            results[index] = _result(profile, index, False, reason, None, densities, stage)
    measure = greedy_measure(profile, satisfaction)
    return GreedyPass(results, _ties(profile, order, densities, fits_first, results, measure))


def _ties(profile, order, densities, fits_first, results, measure: str) -> tuple[Tie, ...]:
    steps = [
        GreedyStep(
            project_id=profile.project_ids[i],
            cost=profile.costs[i],
            support=densities[i],
            fits_first=fits_first[i],
            is_open=True,
            is_funded=results[i].is_selected,
        )
        for i in order
    ]
    return decided_ties(steps, BY_SMALLER_ID, measure)


def _result(
    profile: BallotProfile,
    index: int,
    is_selected: bool,
    reason: str,
    round_number: int | None,
    densities: list[Fraction],
    stage: str,
) -> ProjectResult:
    return ProjectResult(
        project_id=profile.project_ids[index],
        cost=profile.costs[index],
        is_selected=is_selected,
        reason=reason,
        round=round_number,
        support=densities[index],
        stage=stage,
    )


def _show(value: Fraction) -> str:
    if value == _INFINITE:
        return "free"
    return format_number(value) if value.denominator in (1, 2, 4, 5, 10) else f"{float(value):.6g}"


def _outcome(rule: str, profile: BallotProfile, greedy: GreedyPass) -> Outcome:
    results = greedy.results
    chosen = sorted((r.round, i) for i, r in results.items() if r.is_selected)
    return Outcome(
        rule=rule,
        budget=profile.budget,
        selected=tuple(profile.project_ids[i] for _, i in chosen),
        projects=tuple(results[i] for i in range(len(profile.project_ids))),
        ties=greedy.ties,
    )
