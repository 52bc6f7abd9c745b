"""Steps of opening and editing a process that check its terms.

The rules themselves are plain (`logic.process_terms`, tested without a database); these
steps copy a process and its heading plans into the logic's dataclasses and turn the problems
found into one `DomainError`, the first problem its own and the rest as field errors.
"""

from __future__ import annotations

from coopcouncil.core.errors import DomainError
from coopcouncil.participation.logic.process_terms import (
    HeadingTerms,
    PhaseDate,
    ProcessTerms,
    process_terms_problems,
    title_and_dates_problems,
)
from coopcouncil.participation.models import PHASE_DATES, PBProcess
from coopcouncil.participation.services.headings import HeadingPlan


def process_terms_check(*, process: PBProcess, headings: tuple[HeadingPlan, ...]) -> None:
    """Refuse terms and headings that do not fit together (while voting terms may change)."""
    _refuse(process_terms_problems(_terms(process, headings), _heading_terms(headings)))


def title_and_dates_check(*, process: PBProcess) -> None:
    """Refuse a blank title or phase dates out of order (once voting terms are fixed)."""
    _refuse(title_and_dates_problems(_terms(process)))


def _terms(process: PBProcess, plans: tuple[HeadingPlan, ...] = ()) -> ProcessTerms:
    # The district's name is read only when a ward heading could need it in a message.
    has_ward_heading = any(plan.ward is not None for plan in plans)
    return ProcessTerms(
        title=process.title,
        budget_pence=process.budget_pence,
        ballot_type=process.ballot_type,
        rule=process.rule,
        official_rule=process.official_rule,
        min_projects=process.min_projects,
        max_projects=process.max_projects,
        max_total_cost_pence=process.max_total_cost_pence,
        points_to_spread=process.points_to_spread,
        max_points_per_project=process.max_points_per_project,
        min_voter_age=process.min_voter_age,
        district_id=process.district_id,
        district_name=str(process.district) if process.district_id and has_ward_heading else "",
        phase_dates=tuple(
            PhaseDate(name=name, label=label, when=getattr(process, name))
            for name, label in PHASE_DATES.items()
        ),
    )


def _heading_terms(plans: tuple[HeadingPlan, ...]) -> tuple[HeadingTerms, ...]:
    return tuple(
        HeadingTerms(
            name=plan.name,
            budget_pence=plan.budget_pence,
            ward_name=str(plan.ward) if plan.ward is not None else None,
            ward_district_id=plan.ward.district_id if plan.ward is not None else None,
        )
        for plan in plans
    )


def _refuse(problems: dict[str, list[str]]) -> None:
    if problems:
        field, messages = next(iter(problems.items()))
        raise DomainError("pb_process_invalid", messages[0], field, errors=_rest(problems))


def _rest(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    # The first message is the error's own; the others travel as extra field errors.
    first = next(iter(errors))
    rest = {field: list(messages) for field, messages in errors.items()}
    rest[first] = rest[first][1:]
    return {field: messages for field, messages in rest.items() if messages}
