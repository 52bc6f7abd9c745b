"""Writes that open a PB process and edit its title, terms, headings and phase dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict
from coopcouncil.core.permissions import require
from coopcouncil.participation import pabulib_adapter
from coopcouncil.participation.models import PHASE_DATES, BallotType, PBProcess
from coopcouncil.participation.services.headings import (
    HeadingPlan,
    heading_plans,
    heading_plans_differ,
    headings_replace,
    headings_save,
)
from coopcouncil.participation.services.terms import process_terms_check, title_and_dates_check
from coopcouncil.people.selectors import Actor, acting_user

# What voters were told when voting opened: fixed from then on.
VOTING_TERMS = (
    "district",
    "budget_pence",
    "ballot_type",
    "rule",
    "official_rule",
    "min_projects",
    "max_projects",
    "max_total_cost_pence",
    "points_to_spread",
    "max_points_per_project",
    "min_voter_age",
)
EDITABLE_FIELDS = ("title", "description", *VOTING_TERMS)


def process_create(
    *,
    actor: Actor,
    title: str,
    budget_pence: int,
    district: Any = None,
    description: str = "",
    ballot_type: str = BallotType.APPROVAL,
    rule: str = "",
    official_rule: str = "",
    min_projects: int = 0,
    max_projects: int | None = None,
    max_total_cost_pence: int | None = None,
    points_to_spread: int | None = None,
    max_points_per_project: int | None = None,
    min_voter_age: int | None = None,
    headings: tuple[HeadingPlan, ...] = (),
    dates: dict[str, datetime] | None = None,
) -> PBProcess:
    """Open a PB process in its proposals phase, with optional per-ward or per-theme headings.

    `dates` plans the phases (keys of `PHASE_DATES`); they must fall in phase order.
    Constraints that do not belong to the ballot type (points on an approval ballot...) are
    dropped. The web form and the API both come here.
    """
    process = PBProcess(
        title=title.strip(),
        description=description,
        district=district,
        budget_pence=budget_pence,
        ballot_type=ballot_type,
        official_rule=official_rule,
        min_projects=min_projects,
        max_projects=max_projects,
        max_total_cost_pence=max_total_cost_pence,
        points_to_spread=points_to_spread,
        max_points_per_project=max_points_per_project,
        created_by=acting_user(actor),
    )
    # Unset, the model's defaults apply: the council's policy (policy.py).
    if rule:
        process.rule = rule
    if min_voter_age is not None:
        process.min_voter_age = min_voter_age
    _set_dates(process, dates or {})
    require(actor, "pb.manage", process)
    _normalise(process)
    process_terms_check(process=process, headings=headings)
    with transaction.atomic():
        process.save()
        headings_save(process=process, plans=headings)
        audit_record(
            actor=actor,
            action="pb.process_created",
            target=process,
            summary=f"PB process '{process.title}' opened for proposals in {process.area_name}",
            details={"budget_pence": process.budget_pence, "rule": process.rule},
        )
    return process


def process_update(
    *,
    actor: Actor,
    process: PBProcess,
    headings: tuple[HeadingPlan, ...] | None = None,
    dates: dict[str, datetime | None] | None = None,
    **fields: Any,
) -> PBProcess:
    """Change a process's title, terms, headings or phase dates.

    Everything may change until voting opens. From then on the voting terms (budget,
    headings, area, ballot type and its limits, counting rule, minimum age) are fixed, so
    ballots already cast keep their meaning; the title, description and dates may still change.
    `headings`, when given, replaces the headings (matched by name); a heading that has
    proposals cannot be removed. Saving the same values again changes and records nothing.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"process_update() cannot change {', '.join(sorted(unknown))}")
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        require(actor, "pb.manage", process)
        changed, plans = _apply_changes(process, fields, dates or {}, headings)
        if not changed:
            return process
        _check_changes(actor, process, changed, plans)
        process.save()
        if "headings" in changed:
            headings_replace(process=process, plans=plans)
        audit_record(
            actor=actor,
            action="pb.process_updated",
            target=process,
            summary=f"PB process '{process.title}' changed: {', '.join(changed)}",
            details={"changed": changed},
        )
    return process


def _apply_changes(
    process: PBProcess,
    fields: Mapping[str, Any],
    dates: Mapping[str, datetime | None],
    headings: tuple[HeadingPlan, ...] | None,
) -> tuple[list[str], tuple[HeadingPlan, ...]]:
    # Set the new values on the (unsaved) process; say which changed and the headings wanted.
    before = {name: getattr(process, name) for name in (*EDITABLE_FIELDS, *PHASE_DATES)}
    old_headings = heading_plans(process=process)
    for name, value in fields.items():
        setattr(process, name, value.strip() if name == "title" else value)
    _set_dates(process, dates)
    if process.can_change_voting_terms:
        _normalise(process)
    plans = old_headings if headings is None else tuple(headings)
    changed = [name for name, value in before.items() if getattr(process, name) != value]
    if heading_plans_differ(plans=plans, others=old_headings):
        changed.append("headings")
    return changed, plans


def _check_changes(
    actor: Actor, process: PBProcess, changed: list[str], plans: tuple[HeadingPlan, ...]
) -> None:
    is_open = process.can_change_voting_terms
    locked = [name for name in changed if name in (*VOTING_TERMS, "headings")]
    if locked and not is_open:
        raise Conflict(
            "pb_voting_terms_fixed",
            gettext(
                "Voting has opened: the budget, headings, area, ballot type and its limits, "
                "counting rule and minimum age can no longer change."
            ),
            locked[0],
        )
    require(actor, "pb.manage", process)  # Moving the area needs the new area's right too.
    if is_open:
        process_terms_check(process=process, headings=plans)
    else:
        title_and_dates_check(process=process)


def _set_dates(process: PBProcess, dates: Mapping[str, datetime | None]) -> None:
    unknown = set(dates) - set(PHASE_DATES)
    if unknown:
        raise TypeError(f"unknown phase dates: {', '.join(sorted(unknown))}")
    for name, value in dates.items():
        setattr(process, name, value)


def _normalise(process: PBProcess) -> None:
    # Limits of other ballot types would be exported to Pabulib META and mislead counters.
    if process.ballot_type != BallotType.CUMULATIVE:
        process.points_to_spread = process.max_points_per_project = None
    if process.ballot_type != BallotType.APPROVAL:
        process.max_total_cost_pence = None
    if process.ballot_type == BallotType.CUMULATIVE:
        process.min_projects, process.max_projects = 0, None
    if process.rule != pabulib_adapter.OFFICIAL:
        process.official_rule = ""
