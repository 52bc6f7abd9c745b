"""The result of counting a PB election, explained project by project.

Every rule returns an `Outcome` so the council can publish not only the winners but why each
project was or was not funded (the transparency the Equal Shares cities publish on
equalshares.net, and the "explain the outcome" habit of coopcouncil's STYLE.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class ProjectResult:
    """One project's fate under a rule.

    `round` is the 1-based position in which it was funded; `support` is the rule's measure
    (approvals, points, satisfaction per unit of cost...); `rho` is the Method of Equal Shares
    price per unit of satisfaction when it was bought (or last looked at); `stage` names the
    part of a composite rule that decided it ("equal shares", "greedy completion").
    """

    project_id: str
    cost: Fraction
    is_selected: bool
    reason: str
    round: int | None = None
    support: Fraction | None = None
    rho: Fraction | None = None
    stage: str = ""


@dataclass(frozen=True)
class Outcome:
    """Which projects a rule funds, in the order it funded them, and why."""

    rule: str
    budget: Fraction
    selected: tuple[str, ...]
    projects: tuple[ProjectResult, ...]
    notes: tuple[str, ...] = ()

    @property
    def total_cost(self) -> Fraction:
        """What the funded projects cost together."""
        return sum((p.cost for p in self.projects if p.is_selected), Fraction(0))

    @property
    def budget_left(self) -> Fraction:
        """Budget minus the cost of the funded projects."""
        return self.budget - self.total_cost

    def result(self, project_id: str) -> ProjectResult:
        """The explanation for one project; KeyError when the project is unknown."""
        for project in self.projects:
            if project.project_id == project_id:
                return project
        raise KeyError(project_id)
