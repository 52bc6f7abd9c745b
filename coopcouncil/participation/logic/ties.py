"""Equal scores in a greedy count: the order that broke them, and whether it decided anything.

A greedy count ranks projects by one number (votes, points, votes per unit of cost) and funds
them in that order while they fit. Projects with the same number still have to be looked at in
some order, and the rule's tie-break gives it: pabutools and most cities take the smaller
project id compared as text ("10" before "2"); Warsaw's regulations take the cheaper project
first. Residents are owed the reason when that order, not the votes, decided who was funded,
so the outcome records such a tie and the results page says "tie at 172 votes between 314 and
1155, broken by lower cost first".

A tie is recorded when two or more projects share a score, the count was still open for them
(above any minimum support, not stopped), and one of them was not funded although it would
have fitted the money (and its category's money) left when the count reached the group: had
it come first, it would have been funded (or, under a no-skip rule, counting would not have
stopped before it). A tied project too dear for what was left is never decided by the order,
so such a group is not a recorded tie.

Worked example: budget 10; a costs 6 and b costs 5, both with 3 votes; c costs 4 with 2.
By smaller id, a is funded (4 left), b no longer fits, c is funded: a tie at 3 votes between
a and b, broken by smaller id, a funded. Cheaper first, b is funded (5 left), a no longer fits,
c is funded: the same tie, broken by lower cost, b funded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import groupby, pairwise

from coopcouncil.participation.logic.outcome import Tie
from coopcouncil.participation.logic.pabulib import format_number

LOWER_COST = "lower-cost"
SMALLER_ID = "smaller-id"

VOTES = "votes"
POINTS = "points"
VOTES_PER_COST = "votes-per-cost"
LOAD = "load"  # Phragmén: the supporters' new maximum load, in currency units per voter

_STEP_WORDS = {LOWER_COST: "lower cost first", SMALLER_ID: "smaller project id first"}
_MEASURE_WORDS = {
    VOTES: "votes",
    POINTS: "points",
    VOTES_PER_COST: "votes per unit of cost",
    LOAD: "load per voter",
}


@dataclass(frozen=True)
class TieBreak:
    """The order in which a rule looks at projects with equal scores, step by step."""

    steps: tuple[str, ...]

    def key(self, project_id: str, cost: Fraction) -> tuple[Fraction | str, ...]:
        """A sort key: sorting equal-score projects by it puts them in this tie-break's order."""
        return tuple(cost if step == LOWER_COST else project_id for step in self.steps)

    def deciding_steps(self, members: Sequence[tuple[str, Fraction]]) -> tuple[str, ...]:
        """The steps needed to order `members` ((project id, cost) pairs), in tie-break order."""
        used = set()
        ordered = sorted(members, key=lambda member: self.key(*member))
        for before, after in pairwise(ordered):
            for step, mine, theirs in zip(
                self.steps, self.key(*before), self.key(*after), strict=True
            ):
                if mine != theirs:
                    used.add(step)
                    break
        return tuple(step for step in self.steps if step in used)


BY_SMALLER_ID = TieBreak((SMALLER_ID,))
"""pabutools' `lexico_tie_breaking`: the rules that must match its reference outcomes."""

CHEAPER_FIRST = TieBreak((LOWER_COST, SMALLER_ID))
"""Votes first, then the lower cost (Warsaw); equal costs fall back to the smaller id."""


@dataclass(frozen=True)
class GreedyStep:
    """A greedy count reaching one project, and what it decided.

    `is_open` is False when the project could not be funded whatever its place: below the
    minimum support, or reached after a no-skip rule had stopped. `fits_first` says whether it
    fitted what was left when the count reached its group of equal scores, that is whether it
    would have been funded had the tie-break put it first.
    """

    project_id: str
    cost: Fraction
    support: Fraction
    fits_first: bool
    is_open: bool
    is_funded: bool


def decided_ties(steps: Sequence[GreedyStep], tie_break: TieBreak, measure: str) -> tuple[Tie, ...]:
    """The ties among `steps` (in the order counted) whose order decided a project's fate."""
    ties = []
    for support, grouped in groupby(steps, key=lambda step: step.support):
        group = list(grouped)
        start = group[0]
        if len(group) < 2 or not start.is_open:
            continue
        if any(not s.is_funded and s.fits_first for s in group):
            ties.append(
                Tie(
                    projects=tuple(s.project_id for s in group),
                    support=support,
                    measure=measure,
                    broken_by=tie_break.deciding_steps([(s.project_id, s.cost) for s in group]),
                    funded=tuple(s.project_id for s in group if s.is_funded),
                )
            )
    return tuple(ties)


def tie_sentence(tie: Tie) -> str:
    """The tie in plain English, as the JSON export and the CLI print it.

    The results page and the API build the same sentence through Django's translations.
    """
    names = list(tie.projects)
    between = f"{', '.join(names[:-1])} and {names[-1]}"
    broken = ", then ".join(_STEP_WORDS[step] for step in tie.broken_by)
    funded = ", ".join(tie.funded) if tie.funded else "none of them"
    return (
        f"tie at {format_number(tie.support)} {_MEASURE_WORDS[tie.measure]} between {between}, "
        f"broken by {broken}: {funded} funded"
    )
