"""Sequential Phragmén: voters earn money continuously and buy projects as soon as they can.

All voters earn at the same rate; a project is bought when its supporters together hold its
cost, and they then spend everything they hold ("load"). Each round picks the project whose
supporters would end with the smallest maximum load, (their loads + cost) / supporters; ties go
to the smallest project id as text. Following pabutools 1.2.3 `sequential_phragmen`, counting
STOPS when the best next project does not fit the remaining budget (it does not skip it).
Brill, Freeman, Janson and Lackner, "Phragmén's voting methods and justified representation",
AAAI 2017; Los, Christoff and Grossi, "Proportional budget allocations", 2022.

Worked example: budget 10; a (cost 4) approved by voters 1, 2; b (cost 6) by voter 3; c
(cost 3) by voters 1, 2, 3. Round 1: a -> 4/2 = 2, b -> 6, c -> 3/3 = 1: buy c, all loads 1.
Round 2: a -> (1 + 1 + 4)/2 = 3, b -> (1 + 6)/1 = 7: buy a. Round 3: b (cost 6) does not fit
the 3 left, so counting stops with {c, a}.

A round where projects tie on the smallest new load is recorded in `Outcome.ties` when one of
them is never funded: had the tie-break picked it, it would have been bought that round.
"""

from __future__ import annotations

import math
from fractions import Fraction

from coopcouncil.participation.logic.outcome import Outcome, ProjectResult, Tie
from coopcouncil.participation.logic.pabulib import format_number
from coopcouncil.participation.logic.profile import BallotProfile, UnsupportedRule
from coopcouncil.participation.logic.ties import LOAD, SMALLER_ID


def phragmen(profile: BallotProfile) -> Outcome:
    """Sequential Phragmén on approval ballots; stops at the first best project that won't fit."""
    if not profile.is_approval:
        raise UnsupportedRule(
            f"phragmen is defined for approval ballots only (vote_type={profile.vote_type})"
        )
    state = _PhragmenState(profile)
    results = state.count()
    return Outcome(
        rule="phragmen",
        budget=profile.budget,
        selected=tuple(profile.project_ids[i] for i in state.funded),
        projects=tuple(results[i] for i in range(len(profile.project_ids))),
        notes=(state.stop_reason,) if state.stop_reason else (),
        ties=state.decided_ties(),
    )


class _PhragmenState:
    """Loads held as integers in units of 1/unit; each ballot points to one load level."""

    def __init__(self, profile: BallotProfile) -> None:
        self.profile = profile
        self.supporters = [
            [b for _, ones, heavy in groups for b in (*ones, *(b for b, _ in heavy))]
            for groups in profile.backers
        ]
        self.approvals = profile.backer_counts
        self.unit = math.lcm(*(c.denominator for c in profile.costs), 1)
        self.costs = [int(c * self.unit) for c in profile.costs]
        self.load_sum = [0] * len(profile.project_ids)
        self.level_load = [0]
        self.ballot_level = [0] * len(profile.weights)
        self.ballot_projects = profile.ballot_projects
        self.funded: list[int] = []
        self.tied_rounds: list[tuple[list[int], Fraction]] = []
        self.spent = Fraction(0)
        self.stop_reason = ""

    def count(self) -> dict[int, ProjectResult]:
        profile = self.profile
        results: dict[int, ProjectResult] = {}
        open_projects = []
        for index, cost in enumerate(profile.costs):
            if cost <= profile.budget:
                open_projects.append(index)
            else:
                results[index] = self._result(index, False, "costs more than the whole budget")
        while open_projects:
            tied, load = self._best(open_projects)
            left = profile.budget - self.spent
            too_dear = [i for i in tied if profile.costs[i] > left]
            if too_dear:
                self._stop(open_projects, results, too_dear[0], left)
                break
            chosen = min(tied, key=lambda i: profile.project_ids[i])
            if len(tied) > 1 and load is not None:
                self.tied_rounds.append((tied, load))
            self._buy(chosen, load)
            open_projects.remove(chosen)
            reason = f"funded in round {len(self.funded)}: supporters' load rose to {_show(load)}"
            results[chosen] = self._result(chosen, True, reason, len(self.funded), load)
        return results

    def decided_ties(self) -> tuple[Tie, ...]:
        """The tied rounds in which a project lost the tie-break and was never funded."""
        ids, funded = self.profile.project_ids, set(self.funded)
        ties = []
        for tied, load in self.tied_rounds:
            if all(i in funded for i in tied):
                continue
            ordered = sorted(tied, key=lambda i: ids[i])
            ties.append(
                Tie(
                    projects=tuple(ids[i] for i in ordered),
                    support=load,
                    measure=LOAD,
                    broken_by=(SMALLER_ID,),
                    funded=tuple(ids[i] for i in ordered if i in funded),
                )
            )
        return tuple(ties)

    def _best(self, open_projects: list[int]) -> tuple[list[int], Fraction | None]:
        """Projects tied on the smallest new maximum load (None stands for no supporters)."""
        best: list[int] = []
        best_num, best_den = 0, 0
        for index in open_projects:
            den = self.approvals[index]
            if den == 0:
                continue
            num = self.load_sum[index] + self.costs[index]
            if not best or num * best_den < best_num * den:
                best, best_num, best_den = [index], num, den
            elif num * best_den == best_num * den:
                best.append(index)
        if not best:
            return list(open_projects), None
        return best, Fraction(best_num, best_den * self.unit)

    def _buy(self, project: int, load: Fraction | None) -> None:
        self.funded.append(project)
        self.spent += self.profile.costs[project]
        if load is None:
            return
        in_units = load * self.unit
        if in_units.denominator != 1:
            factor = in_units.denominator
            self.unit *= factor
            self.costs = [c * factor for c in self.costs]
            self.load_sum = [s * factor for s in self.load_sum]
            self.level_load = [x * factor for x in self.level_load]
            in_units *= factor
        new_load, level = in_units.numerator, len(self.level_load)
        self.level_load.append(new_load)
        weights, load_sum = self.profile.weights, self.load_sum
        for ballot in self.supporters[project]:
            rise = (new_load - self.level_load[self.ballot_level[ballot]]) * weights[ballot]
            for other in self.ballot_projects[ballot]:
                load_sum[other] += rise
            self.ballot_level[ballot] = level

    def _stop(self, open_projects, results, blocker: int, left: Fraction) -> None:
        profile = self.profile
        self.stop_reason = (
            f"stopped: the best next project {profile.project_ids[blocker]} costs "
            f"{format_number(profile.costs[blocker])} > remaining {format_number(left)}"
        )
        for index in open_projects:
            results[index] = self._result(index, False, self.stop_reason)

    def _result(self, index, is_selected, reason, round_number=None, load=None) -> ProjectResult:
        return ProjectResult(
            project_id=self.profile.project_ids[index],
            cost=self.profile.costs[index],
            is_selected=is_selected,
            reason=reason,
            round=round_number,
            support=Fraction(self.approvals[index]),
            rho=load,
        )


def _show(value: Fraction | None) -> str:
    return "n/a (no supporters)" if value is None else f"{float(value):.6g}"
