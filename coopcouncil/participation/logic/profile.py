"""Compact ballot profile: identical ballots merged, projects numbered, satisfaction ready.

Counting rules work on this rather than on `Election`: merging identical ballots (a
"multiprofile", Faliszewski et al. 2023, section 3) turns Wrocław 2015's 131,778 single-project
ballots into 197 weighted ones, and numbering projects lets the rules use lists, not dicts.

A ballot is read the way pabutools 1.2.3 reads it, so our outcomes match its reference ones:
an approval ballot is a set (a repeated id counts once); a cumulative ballot keeps the last
points given to a repeated id; an ordinal ballot keeps a repeated id at its first position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from coopcouncil.participation.logic.election import (
    APPROVAL,
    CARDINAL_VOTE_TYPES,
    CHOOSE_ONE,
    ORDINAL,
    Election,
)

COST_SATISFACTION = "cost"
CARDINALITY_SATISFACTION = "cardinality"


class UnsupportedRule(ValueError):
    """The rule is not defined for this kind of ballot (e.g. Phragmén on ranked ballots)."""


Backers = tuple[tuple[int, tuple[int, ...], tuple[tuple[int, int], ...]], ...]


@dataclass(frozen=True)
class BallotProfile:
    """An election's ballots, merged and numbered.

    `ballots[i]` lists `(project index, score)` pairs of one distinct ballot, cast by
    `weights[i]` voters. The score is 1 for approval, the points for cumulative ballots and the
    Borda score (ballot length - 1 - position) for ordinal ballots.

    Derived once, for the rules: `backers[p]` groups the ballots giving project p a positive
    score as `(score, ballots cast once, (ballot, weight) cast more often)`, scores multiplied
    by `score_scale` so they are whole numbers; `score_totals[p]` sums weight x score and
    `backer_counts[p]` counts the voters behind p.
    """

    project_ids: tuple[str, ...]
    costs: tuple[Fraction, ...]
    budget: Fraction
    vote_type: str
    voter_count: int
    weights: tuple[int, ...]
    ballots: tuple[tuple[tuple[int, int | Fraction], ...], ...]
    score_scale: int = field(init=False, compare=False)
    backers: tuple[Backers, ...] = field(init=False, compare=False, repr=False)
    score_totals: tuple[int, ...] = field(init=False, compare=False, repr=False)
    backer_counts: tuple[int, ...] = field(init=False, compare=False, repr=False)
    ballot_projects: tuple[tuple[int, ...], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        scale = 1
        for ballot in self.ballots:
            for _, score in ballot:
                if isinstance(score, Fraction) and score.denominator != 1:
                    scale = math.lcm(scale, score.denominator)
        grouped: list[dict[int, tuple[list[int], list[tuple[int, int]]]]] = [
            {} for _ in self.project_ids
        ]
        for index, (ballot, weight) in enumerate(zip(self.ballots, self.weights, strict=True)):
            for project, score in ballot:
                if score > 0:
                    ones, heavy = grouped[project].setdefault(int(score * scale), ([], []))
                    if weight == 1:
                        ones.append(index)
                    else:
                        heavy.append((index, weight))
        backers = tuple(
            tuple((score, tuple(ones), tuple(heavy)) for score, (ones, heavy) in groups.items())
            for groups in grouped
        )
        counts = tuple(
            sum(len(ones) + sum(w for _, w in heavy) for _, ones, heavy in groups)
            for groups in backers
        )
        totals = tuple(
            sum(score * (len(ones) + sum(w for _, w in heavy)) for score, ones, heavy in groups)
            for groups in backers
        )
        set_field = object.__setattr__
        set_field(self, "score_scale", scale)
        set_field(self, "backers", backers)
        set_field(self, "backer_counts", counts)
        set_field(self, "score_totals", totals)
        set_field(self, "ballot_projects", tuple(tuple(p for p, _ in b) for b in self.ballots))

    @property
    def is_approval(self) -> bool:
        """True for approval and choose-1 ballots."""
        return self.vote_type in (APPROVAL, CHOOSE_ONE)

    def check_satisfaction(self, satisfaction: str) -> None:
        """Raise `UnsupportedRule` when `satisfaction` does not apply to these ballots."""
        if satisfaction == CARDINALITY_SATISFACTION and not self.is_approval:
            raise UnsupportedRule(
                f"cardinality satisfaction is defined for approval ballots only "
                f"(vote_type={self.vote_type})"
            )

    def satisfaction_unit(self, satisfaction: str, project: int) -> Fraction:
        """What one unit of a backer's (scaled) score is worth in satisfaction.

        With cost satisfaction an approval is worth the project's cost; scores of cumulative
        and ordinal ballots are worth themselves (divided back by `score_scale`).
        """
        if satisfaction == COST_SATISFACTION and self.is_approval:
            return self.costs[project]
        return Fraction(1, self.score_scale)

    def total_satisfaction(self, satisfaction: str) -> list[Fraction]:
        """Each project's total satisfaction over all voters (the greedy rule's numerator)."""
        self.check_satisfaction(satisfaction)
        return [
            total * self.satisfaction_unit(satisfaction, project)
            for project, total in enumerate(self.score_totals)
        ]


def ballot_profile(election: Election) -> BallotProfile:
    """Merge and number `election`'s ballots (see the module docstring for repeated ids)."""
    index = {p.project_id: i for i, p in enumerate(election.projects)}
    vote_type = election.vote_type
    counts: dict[tuple[tuple[int, int | Fraction], ...], int] = {}
    for vote in election.votes:
        key = _ballot_key(vote.projects, vote.points, vote_type, index)
        counts[key] = counts.get(key, 0) + 1
    return BallotProfile(
        project_ids=tuple(p.project_id for p in election.projects),
        costs=tuple(p.cost for p in election.projects),
        budget=election.budget,
        vote_type=vote_type,
        voter_count=len(election.votes),
        weights=tuple(counts.values()),
        ballots=tuple(counts.keys()),
    )


def _ballot_key(
    projects: tuple[str, ...],
    points: tuple[int | Fraction, ...] | None,
    vote_type: str,
    index: dict[str, int],
) -> tuple[tuple[int, int | Fraction], ...]:
    if vote_type in CARDINAL_VOTE_TYPES:
        scored: dict[int, int | Fraction] = {}
        for project_id, score in zip(projects, points or (), strict=True):
            scored[index[project_id]] = score
        return tuple(sorted(scored.items()))
    if vote_type == ORDINAL:
        ranking = list(dict.fromkeys(index[p] for p in projects))
        length = len(ranking)
        return tuple(sorted((p, length - 1 - i) for i, p in enumerate(ranking)))
    return tuple((p, 1) for p in sorted({index[p] for p in projects}))
