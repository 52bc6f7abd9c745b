"""The Method of Equal Shares (MES): every voter gets an equal share of the budget to spend.

Each voter starts with budget / n. In each round, for every project still affordable by its
supporters, find the smallest price rho per unit of satisfaction such that supporters paying
min(their money, rho x their satisfaction) cover the cost; fund the project with the smallest
rho (ties: smallest project id as text) and charge its supporters. Stop when no project is
affordable. Peters, Pierczyński and Skowron, "Proportional Participatory Budgeting with Additive
Utilities", NeurIPS 2021; https://equalshares.net; pabutools 1.2.3 `method_of_equal_shares`.

Worked example (approval, cost satisfaction): budget 30, three voters with 10 each. Voters 1
and 2 approve a (cost 18); voter 3 approves b (cost 12). a: each supporter pays 9 <= 10, so
rho = 9 / 18 = 1/2. b: voter 3 would pay 12 > 10, unaffordable. a is funded; nothing else is
affordable, so MES funds {a} and leaves 12 unspent — which is why cities complete it.

Exactness and speed: money is held as integers in units of 1/D of the currency, D being raised
whenever a price needs a finer unit; voters who have paid for the same purchases with the same
scores share a "level" (and so the same money), so a price needs a sort of a few levels.
Projects are kept in a heap by a lower bound of rho and re-priced only when one of their
supporters has paid since (rho never falls as voters spend): the same choice as re-pricing all.

Many runs on one profile (the completion by budget increase runs MES up to ~200 times) share
an `EqualSharesMarket`: ballots merged by their positive scores, the seed heap, and a tree of
`_Node`s — one per sequence of purchases — holding how many of each project's supporters sit on
each level. Those counts do not depend on the budget, so a run re-counts ballots only where no
earlier run made the same purchases; prices, payments and every decision are computed afresh
from the run's own money, so each run is exactly the run a fresh market would make
(tests/participation/logic/test_equal_shares_plain.py checks this and a plain textbook MES).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from operator import itemgetter, mul
from typing import cast

from coopcouncil.participation.logic.election import ORDINAL
from coopcouncil.participation.logic.outcome import Outcome, ProjectResult
from coopcouncil.participation.logic.pabulib import format_number
from coopcouncil.participation.logic.profile import (
    CARDINALITY_SATISFACTION,
    COST_SATISFACTION,
    BallotProfile,
)


@dataclass(frozen=True)
class Purchase:
    """One project bought by equal shares: who paid at which price."""

    project: int
    round: int
    rho: Fraction
    payment_per_satisfaction: Fraction


@dataclass(frozen=True)
class EqualSharesRun:
    """What one run of MES bought, and what the others' supporters had left."""

    per_voter_budget: Fraction
    purchases: tuple[Purchase, ...]
    free: tuple[int, ...]
    unaffordable: dict[int, Fraction]
    is_over_cap: bool
    purses: tuple[Fraction, ...] = ()

    @property
    def funded(self) -> tuple[int, ...]:
        """Indices of funded projects, free ones first, then in purchase order."""
        return self.free + tuple(p.project for p in self.purchases)


def mes_cost(profile: BallotProfile) -> Outcome:
    """MES with cost satisfaction (points for cumulative, Borda for ordinal), no completion."""
    return equal_shares_outcome("mes_cost", profile, COST_SATISFACTION)


def mes_card(profile: BallotProfile) -> Outcome:
    """MES with cardinality satisfaction (approval ballots only), no completion."""
    return equal_shares_outcome("mes_card", profile, CARDINALITY_SATISFACTION)


def equal_shares_outcome(rule: str, profile: BallotProfile, satisfaction: str) -> Outcome:
    """Run MES once with budget / n per voter and explain every project."""
    market = EqualSharesMarket(profile, satisfaction)
    run = market.run(market.equal_share(profile.budget))
    results = explain_run(profile, run, stage="")
    return Outcome(
        rule=rule,
        budget=profile.budget,
        selected=tuple(profile.project_ids[i] for i in run.funded),
        projects=tuple(results[i] for i in range(len(profile.project_ids))),
    )


def explain_run(
    profile: BallotProfile, run: EqualSharesRun, stage: str
) -> dict[int, ProjectResult]:
    """One `ProjectResult` per project for a finished MES run."""
    results: dict[int, ProjectResult] = {}
    for index in run.free:
        results[index] = _project_result(
            profile, index, True, "costs nothing and has supporters", 1
        )
    for purchase in run.purchases:
        reason = (
            f"funded in round {purchase.round}: each supporter paid "
            f"{_money(purchase.payment_per_satisfaction)} per unit of satisfaction "
            f"(rho {_decimal(purchase.rho)})"
        )
        results[purchase.project] = _project_result(
            profile, purchase.project, True, reason, purchase.round, purchase.rho, stage
        )
    for index in range(len(profile.project_ids)):
        if index in results:
            continue
        money = run.unaffordable.get(index)
        if money is None:
            reason = "no voter gets any satisfaction from it"
        else:
            reason = (
                f"not affordable: its supporters had {_money(money)} left, "
                f"cost {format_number(profile.costs[index])}"
            )
        results[index] = _project_result(profile, index, False, reason, None, None, stage)
    return results


def _project_result(
    profile: BallotProfile,
    index: int,
    is_selected: bool,
    reason: str,
    round_number: int | None,
    rho: Fraction | None = None,
    stage: str = "",
) -> ProjectResult:
    return ProjectResult(
        project_id=profile.project_ids[index],
        cost=profile.costs[index],
        is_selected=is_selected,
        reason=reason,
        round=round_number,
        rho=rho,
        stage=stage,
    )


def _decimal(value: Fraction) -> str:
    return f"{float(value):.6g}"


def _money(value: Fraction) -> str:
    return (
        format_number(value)
        if value.denominator in (1, 2, 4, 5, 10, 20, 25, 50, 100)
        else (f"{float(value):.2f}")
    )


class EqualSharesMarket:
    """A profile prepared once for many MES runs (the completion re-runs MES ~100-200 times).

    MES only looks at positive scores, so the market merges the profile's ballots again by
    their positively scored projects: on an ordinal ballot the last-ranked project has Borda
    score 0, and Kraków 2024's 31,410 distinct three-project ballots become 6,886. Fewer
    ballots to count and move, and charging a project no longer marks as stale the projects
    its supporters merely ranked last.
    """

    def __init__(
        self, profile: BallotProfile, satisfaction: str, tie_order: list | None = None
    ) -> None:
        """`tie_order[p]` ranks tied projects (smallest first); default: project id as text."""
        profile.check_satisfaction(satisfaction)
        self.tie_order = tie_order if tie_order is not None else list(profile.project_ids)
        self.profile = profile
        self.satisfaction = satisfaction
        self.ballot_of, self.ballot_count, groups, self.ballot_projects = _positive_ballots(profile)
        self.total_satisfaction = profile.score_totals
        self.sort_multiplier = [
            math.lcm(*(score for score, _, _ in project_groups)) if project_groups else 1
            for project_groups in groups
        ]
        self.units = [profile.satisfaction_unit(satisfaction, p) for p in range(len(profile.costs))]
        # (level, score) -> voters, before anyone has paid: everyone is on level 0
        self.first_levels = [
            _Count(
                {
                    (0, value): len(ones) + sum(w for _, w in heavy)
                    for value, ones, heavy in by_score
                }
            )
            for by_score in groups
        ]
        self.voters_by_value = [
            [_split_by_weight(value, ones, heavy) for value, ones, heavy in project_groups]
            for project_groups in groups
        ]
        self.backers_by_value = [
            [(value, (*ones, *(b for b, _ in heavy))) for value, ones, heavy in by_score]
            for by_score in groups
        ]
        self.neighbours = [
            frozenset().union(*(self.ballot_projects[b] for b in _ballots(project_groups)))
            for project_groups in groups
        ]
        self.seed_heap = self._seed_heap()
        self.free = tuple(
            project
            for project, total in enumerate(self.total_satisfaction)
            if total > 0 and profile.costs[project] == 0
        )
        self.root = _Node(None, -1, {})
        self.cache_room = _CACHED_LEVELS

    def _seed_heap(self) -> list[tuple[float, Fraction, object, int]]:
        """Every wanted, non-free project keyed by a lower bound of its rho: cost / satisfaction.

        The bound does not depend on the voters' money, so all runs share it.
        """
        heap = []
        for project, total in enumerate(self.total_satisfaction):
            cost = self.profile.costs[project]
            if total > 0 and cost != 0:
                bound = cost / (total * self.units[project])
                heap.append((float(bound), bound, self.tie_order[project], project))
        heapq.heapify(heap)
        return heap

    def equal_share(self, budget: Fraction) -> Fraction:
        """budget / n, the money each voter starts with."""
        return budget / self.profile.voter_count if self.profile.voter_count else Fraction(0)

    def utility_unit(self, project: int) -> Fraction:
        """What one unit of a backer's score is worth in satisfaction (the cost, or 1)."""
        return self.units[project]

    def run(
        self,
        per_voter_budget: Fraction,
        cost_cap: Fraction | None = None,
        with_purses: bool = False,
    ) -> EqualSharesRun:
        """Run MES from `per_voter_budget` each; stop early once spending passes `cost_cap`.

        With `with_purses`, the run also reports what each distinct ballot's voters have left.
        """
        return _Run(self, per_voter_budget, cost_cap).finish(with_purses)


_level, _score = itemgetter(0), itemgetter(1)


def _positive_ballots(profile: BallotProfile):
    """The profile's ballots merged by their positively scored projects.

    Returns (market ballot of each profile ballot, market ballot count, per project the
    `(score, ballots cast once, (ballot, weight) cast more often)` groups as in
    `BallotProfile.backers`, projects each market ballot scores positively). A ballot scoring
    nothing positively maps to a market ballot that backs nothing and so never pays. When no
    ballot gives a project a score of 0 (approval ballots, most cumulative ones), the profile
    is already merged that way and its groups are used as they are.
    """
    if profile.is_approval or all(score > 0 for ballot in profile.ballots for _, score in ballot):
        return (
            range(len(profile.weights)),
            len(profile.weights),
            profile.backers,
            profile.ballot_projects,
        )
    keys: list[tuple[tuple[int, int], ...]]
    if profile.vote_type == ORDINAL:  # Borda scores are whole numbers >= 0: keep the truthy
        keys = cast(
            "list[tuple[tuple[int, int], ...]]",
            [tuple(filter(_score, ballot)) for ballot in profile.ballots],
        )
    else:
        scale = profile.score_scale
        keys = [
            tuple((project, int(score * scale)) for project, score in ballot if score > 0)
            for ballot in profile.ballots
        ]
    index: dict[tuple[tuple[int, int], ...], int] = {}
    weights: list[int] = []
    ballot_of = []
    for key, weight in zip(keys, profile.weights, strict=True):
        merged = index.setdefault(key, len(index))
        if merged == len(weights):
            weights.append(weight)
        else:
            weights[merged] += weight
        ballot_of.append(merged)
    grouped: list[dict[int, tuple[list[int], list[tuple[int, int]]]]] = [
        {} for _ in profile.project_ids
    ]
    for merged, key in enumerate(index):
        weight = weights[merged]
        for project, score in key:
            ones, heavy = grouped[project].setdefault(score, ([], []))
            if weight == 1:
                ones.append(merged)
            else:
                heavy.append((merged, weight))
    groups = tuple(
        tuple((score, tuple(ones), tuple(heavy)) for score, (ones, heavy) in by_score.items())
        for by_score in grouped
    )
    projects = tuple(tuple(project for project, _ in key) for key in index)
    return tuple(ballot_of), len(index), groups, projects


# At most this many (level, score) counts are kept in a market's `_Node`s (~100 bytes each):
# Kraków 2024's completion needs ~110,000; Budapest 2024 would keep 4 million (~0.5 GB), where
# runs rarely repeat each other's purchases and counting again costs little more.
_CACHED_LEVELS = 1_500_000

_EXPAND_UP_TO = 6  # counting a ballot w times in C beats a Python step up to about here


def _split_by_weight(value: int, ones: tuple[int, ...], heavy: tuple[tuple[int, int], ...]):
    """(value, ballots repeated by weight for `Counter`, (ballot, weight) of the heaviest)."""
    light = list(ones)
    heaviest = []
    for ballot, weight in heavy:
        if weight <= _EXPAND_UP_TO:
            light.extend([ballot] * weight)
        else:
            heaviest.append((ballot, weight))
    return value, light, heaviest


class _Count:
    """A project's backers by (level, score) -> voters, with its two columns for fast sums."""

    __slots__ = ("by_key", "at_levels", "voters")

    def __init__(self, by_key: dict[tuple[int, int], int]) -> None:
        self.by_key = by_key
        self.at_levels = tuple(map(_level, by_key))
        self.voters = tuple(by_key.values())


def _ballots(groups) -> list[int]:
    return [b for _, ones, heavy in groups for b in (*ones, *(b for b, _ in heavy))]


class _Node:
    """Who sits on which level after buying a sequence of projects, shared by all runs.

    Each (level, score) group of a bought project's supporters moves to a new level of its
    own, so which voters share a level depends only on the projects bought and their order,
    never on the money the voters started with. Runs at different budgets (the completion's
    1 % steps) mostly buy the same first projects, so they walk the same nodes and reuse the
    level counts kept here instead of counting the supporters' ballots again.
    """

    __slots__ = ("project", "children", "counts", "new_keys", "moves", "levels")

    def __init__(self, parent: _Node | None, project: int, bought: dict[tuple[int, int], int]):
        self.project = project
        self.children: dict[int, _Node] = {}
        # project -> {(level, score): voters backing it at that level}, counted at this node
        self.counts: dict[int, _Count] = {}
        if parent is None:
            self.new_keys: tuple[tuple[int, int], ...] = ()
            self.moves: dict[int, dict[int, int]] = {}
            self.levels = 1
            return
        first = parent.levels
        self.new_keys = tuple(bought)  # new level first + i holds the voters of key i
        self.levels = first + len(self.new_keys)
        self.moves = {}
        for offset, (level, score) in enumerate(self.new_keys):
            self.moves.setdefault(score, {})[level] = first + offset


class _Run:
    """One MES run: the money on each level, the node of levels reached, the price heap."""

    def __init__(self, market: EqualSharesMarket, per_voter_budget: Fraction, cap: Fraction | None):
        self.market = market
        profile = market.profile
        self.cap = cap
        self.unit = math.lcm(per_voter_budget.denominator, *(c.denominator for c in profile.costs))
        self.level_money = [int(per_voter_budget * self.unit)]
        self.node = market.root
        self.path = [market.root]
        # ballot_level is only kept up to date (along `path`) when a count is not cached
        self.ballot_level = [0] * market.ballot_count
        self.synced = 0
        # costs in the first unit; x `finer` (how much finer the unit has become) when used,
        # rather than re-scaling every cost at each refinement
        self.first_costs = [int(c * self.unit) for c in profile.costs]
        self.finer = 1
        self.per_voter_budget = per_voter_budget
        self.free: list[int] = []
        # float(rho) first: rounding is monotone, so unequal floats order exactly and equal
        # floats fall through to the exact Fraction — cheap comparisons, exact decisions.
        self.heap: list[tuple[float, Fraction, object, int]] = []
        self.stale: set[int] = set()
        self.touched: set[int] = set()
        self.priced: dict[int, tuple[Fraction, _Count]] = {}
        self.unaffordable: dict[int, Fraction] = {}
        self.spent = Fraction(0)
        self._seed(profile)

    def _seed(self, profile: BallotProfile) -> None:
        if profile.voter_count == 0:
            return
        market = self.market
        self.free = list(market.free)
        self.heap = list(market.seed_heap)
        self.stale = {project for *_, project in self.heap}

    def finish(self, with_purses: bool = False) -> EqualSharesRun:
        purchases: list[Purchase] = []
        while (purchase := self._next_purchase(len(purchases) + 1)) is not None:
            purchases.append(purchase)
            self.spent += self.market.profile.costs[purchase.project]
            if self.cap is not None and self.spent > self.cap:
                break
        purses: tuple[Fraction, ...] = ()
        if with_purses:
            self._sync_ballot_levels()
            purses = tuple(
                Fraction(self.level_money[self.ballot_level[ballot]], self.unit)
                for ballot in self.market.ballot_of
            )
        return EqualSharesRun(
            per_voter_budget=self.per_voter_budget,
            purchases=tuple(purchases),
            free=tuple(self.free),
            unaffordable=self.unaffordable,
            is_over_cap=self.cap is not None and self.spent > self.cap,
            purses=purses,
        )

    def _next_purchase(self, round_number: int) -> Purchase | None:
        heap, stale = self.heap, self.stale
        while heap:
            _, _, tie, project = heapq.heappop(heap)
            if project in stale:
                stale.discard(project)
                price = self._price(project)
                if price is not None:
                    heapq.heappush(heap, (float(price[0]), price[0], tie, project))
                continue
            rho, count = self.priced.pop(project)
            per_score = rho * self.market.utility_unit(project)
            self._charge(project, per_score, count)
            return Purchase(project, round_number, rho, per_score)
        return None

    def _price(self, project: int) -> tuple[Fraction, _Count] | None:
        """Price `project` now: rho, or None (and forget it) when its supporters can't pay."""
        count: _Count | None
        if project not in self.touched:
            count = self.market.first_levels[project]
        else:
            count = self.node.counts.get(project)
            if count is None:
                count = self._count(project)
                if len(count.voters) <= self.market.cache_room:
                    self.market.cache_room -= len(count.voters)
                    self.node.counts[project] = count
        levels = count.by_key
        money = self.level_money
        available = sum(map(mul, map(money.__getitem__, count.at_levels), count.voters))
        cost = self.first_costs[project] * self.finer
        if available < cost:
            self.unaffordable[project] = Fraction(available, self.unit)
            return None
        multiplier = self.market.sort_multiplier[project]
        order = sorted(levels, key=lambda key: money[key[0]] * (multiplier // key[1]))
        remaining, rich = cost, self.market.total_satisfaction[project]
        for level, value in order:
            if remaining * value <= money[level] * rich:
                break
            voters = levels[level, value]
            remaining -= money[level] * voters
            rich -= value * voters
        rho = Fraction(remaining, rich * self.unit) / self.market.utility_unit(project)
        self.priced[project] = (rho, count)
        return rho, count

    def _count(self, project: int) -> _Count:
        """(level, score) -> voters backing `project` there, counted from the ballots."""
        self._sync_ballot_levels()
        levels: dict[tuple[int, int], int] = {}
        at_level = self.ballot_level.__getitem__
        for value, light, heaviest in self.market.voters_by_value[project]:
            if light:
                for level, count in Counter(map(at_level, light)).items():
                    levels[level, value] = count
            for ballot, weight in heaviest:
                key = (at_level(ballot), value)
                levels[key] = levels.get(key, 0) + weight
        return _Count(levels)

    def _sync_ballot_levels(self) -> None:
        """Move the ballots along the purchases made since they were last brought up to date."""
        ballot_level = self.ballot_level
        for node in self.path[self.synced + 1 :]:
            for value, ballots in self.market.backers_by_value[node.project]:
                moves = node.moves[value]
                if len(moves) == 1:
                    ((_, after),) = moves.items()
                    for ballot in ballots:
                        ballot_level[ballot] = after
                    continue
                for ballot in ballots:
                    ballot_level[ballot] = moves[ballot_level[ballot]]
        self.synced = len(self.path) - 1

    def _charge(self, project: int, per_score: Fraction, count: _Count) -> None:
        """Each supporter pays min(their money, price x score); their projects need re-pricing."""
        in_units = per_score * self.unit
        if in_units.denominator != 1:
            self._refine_unit(in_units.denominator)
            in_units *= in_units.denominator
        price = in_units.numerator
        node = self.node
        child = node.children.get(project)
        if child is None:
            child = node.children[project] = _Node(node, project, count.by_key)
        money = self.level_money
        for level, value in child.new_keys:
            after = money[level] - price * value
            money.append(after if after > 0 else 0)
        self.node = child
        self.path.append(child)
        neighbours = self.market.neighbours[project]
        self.stale |= neighbours
        self.touched |= neighbours
        self.stale.discard(project)

    def _refine_unit(self, factor: int) -> None:
        """Make the money unit `factor` times finer."""
        self.unit *= factor
        self.level_money = [money * factor for money in self.level_money]
        self.finer *= factor
