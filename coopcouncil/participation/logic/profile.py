"""Compact ballot profile: identical ballots merged, projects numbered, satisfaction ready.

Counting rules work on this rather than on `Election`: merging identical ballots (a
"multiprofile", Faliszewski et al. 2023, section 3) turns Wrocław 2015's 131,778 single-project
ballots into 197 weighted ones, and numbering projects lets the rules use lists, not dicts.

A ballot is read the way pabutools 1.2.3 reads it, so our outcomes match its reference ones:
an approval ballot is a set (a repeated id counts once); a cumulative ballot keeps the last
points given to a repeated id; an ordinal ballot keeps a repeated id at its first position.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class BallotProfile:
    """An election's ballots, merged and numbered.

    `ballots[i]` lists `(project index, score)` pairs of one distinct ballot, cast by
    `weights[i]` voters. The score is 1 for approval, the points for cumulative ballots and the
    Borda score (ballot length - 1 - position) for ordinal ballots.
    """

    project_ids: tuple[str, ...]
    costs: tuple[Fraction, ...]
    budget: Fraction
    vote_type: str
    voter_count: int
    weights: tuple[int, ...]
    ballots: tuple[tuple[tuple[int, int | Fraction], ...], ...]

    @property
    def is_approval(self) -> bool:
        """True for approval and choose-1 ballots."""
        return self.vote_type in (APPROVAL, CHOOSE_ONE)

    def satisfaction_per_vote(self, satisfaction: str) -> list[list[tuple[int, int | Fraction]]]:
        """For each project, its `(ballot index, satisfaction)` pairs with satisfaction > 0.

        With cost satisfaction an approval counts the project's cost; we return 1 here and
        let the rules scale by the cost, which keeps the integers small.
        """
        if satisfaction == CARDINALITY_SATISFACTION and not self.is_approval:
            raise UnsupportedRule(
                f"cardinality satisfaction is defined for approval ballots only "
                f"(vote_type={self.vote_type})"
            )
        supporters: list[list[tuple[int, int | Fraction]]] = [[] for _ in self.project_ids]
        for index, ballot in enumerate(self.ballots):
            for project, score in ballot:
                if score > 0:
                    supporters[project].append((index, score))
        return supporters

    def total_satisfaction(self, satisfaction: str) -> list[Fraction]:
        """Each project's total satisfaction over all voters (the greedy rule's numerator)."""
        totals = [Fraction(0)] * len(self.project_ids)
        for project, pairs in enumerate(self.satisfaction_per_vote(satisfaction)):
            total = sum(self.weights[i] * score for i, score in pairs)
            if satisfaction == COST_SATISFACTION and self.is_approval:
                total *= self.costs[project]
            totals[project] = Fraction(total)
        return totals


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
