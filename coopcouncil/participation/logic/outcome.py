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
    part of a composite rule that decided it ("equal shares", "greedy completion");
    `is_below_minimum` marks a project the city's minimum support kept out, whatever it cost.
    """

    project_id: str
    cost: Fraction
    is_selected: bool
    reason: str
    round: int | None = None
    support: Fraction | None = None
    rho: Fraction | None = None
    stage: str = ""
    is_below_minimum: bool = False


@dataclass(frozen=True)
class Tie:
    """Projects level on the rule's measure, where the order between them decided who was funded.

    `projects` are in the order the tie-break put them; `support` is the shared score, in
    `measure` (`logic.ties.VOTES`, `POINTS`, `VOTES_PER_COST` or Phragmén's `LOAD`);
    `broken_by` names the tie-break steps that actually ordered them (`logic.ties.LOWER_COST`,
    `SMALLER_ID`), and `funded` those of them the rule funded. See `logic/ties.py` for when a
    tie is recorded.
    """

    projects: tuple[str, ...]
    support: Fraction
    measure: str
    broken_by: tuple[str, ...]
    funded: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """Which projects a rule funds, in the order it funded them, and why.

    `ties` lists the equal scores whose tie-break decided a project's fate;
    `minimum_support` is the score a project needed to be funded at all, where the city's rule
    set one (META `min_project_score_threshold`).
    """

    rule: str
    budget: Fraction
    selected: tuple[str, ...]
    projects: tuple[ProjectResult, ...]
    notes: tuple[str, ...] = ()
    ties: tuple[Tie, ...] = ()
    minimum_support: Fraction | None = None

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
