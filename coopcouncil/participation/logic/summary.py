"""Headline figures for a published PB result.

The share of voters with at least one funded project they supported is the "exclusion ratio"
complement used to compare rules (Faliszewski et al., IJCAI 2023, section 5; equalshares.net
comparison step): a council can say "71 % of voters will see a project they backed".
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from coopcouncil.participation.logic.election import Election
from coopcouncil.participation.logic.outcome import Outcome


@dataclass(frozen=True)
class ResultsSummary:
    """Headline figures: who got something, what was spent."""

    voters: int
    voters_with_funded_project: int
    projects_funded: int
    total_cost: Fraction
    budget: Fraction

    @property
    def share_with_funded_project(self) -> Fraction:
        """Share of voters with at least one funded project they supported (0 with no voters)."""
        return (
            Fraction(self.voters_with_funded_project, self.voters) if self.voters else Fraction(0)
        )


def results_summary(election: Election, outcome: Outcome) -> ResultsSummary:
    """Summarise `outcome` for `election`'s voters.

    A voter supported a project when it is on their ballot with a positive score: ticked,
    given points, or ranked at any position.
    """
    funded = set(outcome.selected)
    reached = 0
    for vote in election.votes:
        if vote.points is None:
            backed = vote.projects
        else:
            backed = tuple(
                p for p, points in zip(vote.projects, vote.points, strict=True) if points > 0
            )
        if any(project in funded for project in backed):
            reached += 1
    return ResultsSummary(
        voters=len(election.votes),
        voters_with_funded_project=reached,
        projects_funded=len(funded),
        total_cost=outcome.total_cost,
        budget=outcome.budget,
    )
