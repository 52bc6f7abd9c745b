"""Check a resident's ballot against the rules of the vote before it is cast.

The platform's own PB votes use the same three ballot kinds as Pabulib (Faliszewski et al.
2023, section 2): approval (tick projects, possibly within a spending limit, as in Warszawa's
`max_sum_cost`), cumulative (spread points, as in Toulouse's `max_points` / `max_sum_points`)
and ordinal (rank up to k projects, as in Kraków). `validate_ballot` returns every problem in
plain words so the form can show them all at once; an empty list means the ballot is valid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from coopcouncil.participation.logic.pabulib import format_number

APPROVAL_BALLOT = "approval"
CUMULATIVE_BALLOT = "cumulative"
ORDINAL_BALLOT = "ordinal"
BALLOT_TYPES = (APPROVAL_BALLOT, CUMULATIVE_BALLOT, ORDINAL_BALLOT)


@dataclass(frozen=True)
class BallotConstraints:
    """What a valid ballot looks like in one vote.

    `project_costs` lists the projects on the ballot paper. Approval: `min_projects`,
    `max_projects`, `max_total_cost`. Cumulative: `points_to_spread` (the most a voter may
    give in all), `min_points_total`, `max_points_per_project`. Ordinal: `max_ranked` (k).
    """

    project_costs: Mapping[str, Fraction] = field(default_factory=dict)
    min_projects: int = 0
    max_projects: int | None = None
    max_total_cost: Fraction | None = None
    points_to_spread: int | None = None
    min_points_total: int = 0
    max_points_per_project: int | None = None
    max_ranked: int | None = None


def validate_ballot(
    ballot_type: str,
    choices: Sequence[str] | Mapping[str, int],
    constraints: BallotConstraints,
) -> list[str]:
    """Every reason `choices` is not a valid `ballot_type` ballot; [] when it is valid.

    Approval and ordinal `choices` are project ids (in rank order for ordinal); cumulative
    `choices` map project ids to points.

    >>> rules = BallotConstraints(project_costs={"a": 5, "b": 7}, max_total_cost=10)
    >>> validate_ballot("approval", ["a", "b"], rules)
    ['the projects chosen cost 12 in total; the limit is 10']
    """
    if ballot_type not in BALLOT_TYPES:
        return [f"unknown ballot type {ballot_type!r}; expected one of {', '.join(BALLOT_TYPES)}"]
    if ballot_type == CUMULATIVE_BALLOT:
        if not isinstance(choices, Mapping):
            return ["a cumulative ballot gives points to projects"]
        return _cumulative_errors(choices, constraints)
    if isinstance(choices, Mapping | str):
        return [f"an {ballot_type} ballot lists project ids"]
    errors = _unknown_and_repeated(list(choices), constraints)
    if ballot_type == APPROVAL_BALLOT:
        errors += _approval_errors(list(dict.fromkeys(choices)), constraints)
    elif constraints.max_ranked is not None and len(choices) > constraints.max_ranked:
        errors.append(f"{len(choices)} projects ranked; at most {constraints.max_ranked} allowed")
    elif len(choices) < constraints.min_projects:
        errors.append(f"rank at least {constraints.min_projects} projects")
    return errors


def _unknown_and_repeated(choices: list[str], constraints: BallotConstraints) -> list[str]:
    errors = [
        f"project {p!r} is not on the ballot" for p in choices if p not in constraints.project_costs
    ]
    errors += [f"project {p!r} is chosen {n} times" for p, n in Counter(choices).items() if n > 1]
    return errors


def _approval_errors(chosen: list[str], constraints: BallotConstraints) -> list[str]:
    errors = []
    if len(chosen) < constraints.min_projects:
        errors.append(f"choose at least {constraints.min_projects} projects")
    if constraints.max_projects is not None and len(chosen) > constraints.max_projects:
        errors.append(f"{len(chosen)} projects chosen; at most {constraints.max_projects} allowed")
    if constraints.max_total_cost is not None:
        total = sum((Fraction(constraints.project_costs.get(p, 0)) for p in chosen), Fraction(0))
        if total > constraints.max_total_cost:
            errors.append(
                f"the projects chosen cost {format_number(total)} in total; "
                f"the limit is {format_number(constraints.max_total_cost)}"
            )
    return errors


def _cumulative_errors(points: Mapping[str, int], constraints: BallotConstraints) -> list[str]:
    errors = [
        f"project {p!r} is not on the ballot" for p in points if p not in constraints.project_costs
    ]
    for project, given in points.items():
        if not isinstance(given, int) or isinstance(given, bool) or given < 0:
            errors.append(f"points for {project!r} must be a whole number of 0 or more")
        elif (
            constraints.max_points_per_project is not None
            and given > constraints.max_points_per_project
        ):
            errors.append(
                f"{given} points for {project!r}; "
                f"at most {constraints.max_points_per_project} per project"
            )
    total = sum(p for p in points.values() if isinstance(p, int) and p > 0)
    if constraints.points_to_spread is not None and total > constraints.points_to_spread:
        errors.append(f"{total} points given; only {constraints.points_to_spread} to spread")
    if total < constraints.min_points_total:
        errors.append(f"give at least {constraints.min_points_total} points in all")
    return errors
