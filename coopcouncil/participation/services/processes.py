"""Writes for PB processes: opening and editing one, moving its phases, importing a file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.participation import pabulib_adapter
from coopcouncil.participation.logic.counting import RULE_NAMES
from coopcouncil.participation.logic.pabulib import PabulibFormatError, parse_pabulib
from coopcouncil.participation.logic.process_terms import (
    HeadingTerms,
    PhaseDate,
    ProcessTerms,
    process_terms_problems,
    title_and_dates_problems,
)
from coopcouncil.participation.models import (
    PHASE_DATES,
    Ballot,
    BallotType,
    Heading,
    PBProcess,
    Phase,
    Project,
)
from coopcouncil.participation.services.results import result_store
from coopcouncil.people.selectors import Actor, acting_user

IMPORT_BATCH = 5000


@dataclass(frozen=True)
class HeadingPlan:
    """A heading to create with a process: a ward's or a theme's share of the budget."""

    name: str
    budget_pence: int
    ward: Any = None


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
    if rule:
        process.rule = rule
    if min_voter_age is not None:
        process.min_voter_age = min_voter_age
    _set_dates(process, dates or {})
    require(actor, "pb.manage", process)
    _normalise(process)
    _check_process(process, headings)
    with transaction.atomic():
        process.save()
        _save_headings(process, headings)
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
        before = {name: getattr(process, name) for name in (*EDITABLE_FIELDS, *PHASE_DATES)}
        old_headings = _heading_plans(process)
        for name, value in fields.items():
            setattr(process, name, value.strip() if name == "title" else value)
        _set_dates(process, dates or {})
        is_open = process.can_change_voting_terms
        if is_open:
            _normalise(process)
        plans = old_headings if headings is None else tuple(headings)
        changed = [name for name, value in before.items() if getattr(process, name) != value]
        if _plan_key(plans) != _plan_key(old_headings):
            changed.append("headings")
        if not changed:
            return process
        locked = [name for name in changed if name in (*VOTING_TERMS, "headings")]
        if locked and not is_open:
            raise Conflict(
                "pb_voting_terms_fixed",
                "Voting has opened: the budget, headings, area, ballot type and its limits, "
                "counting rule and minimum age can no longer change.",
                locked[0],
            )
        require(actor, "pb.manage", process)  # Moving the area needs the new area's right too.
        if is_open:
            _check_process(process, plans)
        else:
            _check_title_and_dates(process)
        process.save()
        if "headings" in changed:
            _replace_headings(process, plans)
        audit_record(
            actor=actor,
            action="pb.process_updated",
            target=process,
            summary=f"PB process '{process.title}' changed: {', '.join(changed)}",
            details={"changed": changed},
        )
    return process


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


def _heading_plans(process: PBProcess) -> tuple[HeadingPlan, ...]:
    return tuple(
        HeadingPlan(name=h.name, budget_pence=h.budget_pence, ward=h.ward)
        for h in process.headings.select_related("ward").order_by("name")
    )


def _plan_key(plans: tuple[HeadingPlan, ...]) -> list[tuple]:
    return sorted(
        (p.name.strip(), p.budget_pence, p.ward.pk if p.ward is not None else None) for p in plans
    )


def _save_headings(process: PBProcess, plans: tuple[HeadingPlan, ...]) -> None:
    for plan in plans:
        Heading.objects.create(
            process=process,
            name=plan.name.strip(),
            kind=Heading.Kind.WARD if plan.ward is not None else Heading.Kind.THEME,
            ward=plan.ward,
            budget_pence=plan.budget_pence,
        )


def _replace_headings(process: PBProcess, plans: tuple[HeadingPlan, ...]) -> None:
    existing = {h.name: h for h in process.headings.all()}
    wanted = {plan.name.strip(): plan for plan in plans}
    for name, heading in existing.items():
        if name in wanted:
            continue
        if heading.projects.exists():
            raise DomainError(
                "pb_heading_in_use",
                f"The heading '{name}' has proposals; it cannot be removed.",
                "headings",
            )
        heading.delete()
    for name, plan in wanted.items():
        Heading.objects.update_or_create(
            process=process,
            name=name,
            defaults={
                "kind": Heading.Kind.WARD if plan.ward is not None else Heading.Kind.THEME,
                "ward": plan.ward,
                "budget_pence": plan.budget_pence,
            },
        )


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


def _check_process(process: PBProcess, headings: tuple[HeadingPlan, ...]) -> None:
    _refuse(process_terms_problems(_terms(process, headings), _heading_terms(headings)))


def _check_title_and_dates(process: PBProcess) -> None:
    _refuse(title_and_dates_problems(_terms(process)))


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


def process_phase_advance(*, actor: Actor, process: PBProcess, now: datetime | None = None) -> str:
    """Move the process to its next phase; voting ends only through `voting_close`."""
    now = now or timezone.now()
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        require(actor, "pb.manage", process)
        if process.is_imported:
            raise Conflict("pb_imported", "An imported process is a record; its phases are fixed.")
        target = process.next_phase
        if target is None:
            raise Conflict("pb_last_phase", "The process is already in its last phase.")
        if process.phase == Phase.VOTING:
            raise Conflict("pb_close_voting", "Close voting to count the ballots.")
        if target == Phase.VOTING:
            waiting = process.projects.filter(status=Project.Status.SUBMITTED).count()
            if waiting:
                raise Conflict(
                    "pb_reviews_outstanding",
                    f"{waiting} proposals still wait for review; review them before voting opens.",
                )
            if not process.projects.filter(status=Project.Status.FEASIBLE).exists():
                raise Conflict("pb_empty_ballot", "No project is feasible: the ballot is empty.")
            process.voting_open_at = now
        if target == Phase.REVIEW:
            process.review_open_at = now
        previous = process.phase
        process.phase = target
        process.save()
        audit_record(
            actor=actor,
            action="pb.phase_changed",
            target=process,
            summary=f"'{process.title}' moved from {previous} to {target}",
            details={"from": previous, "to": target},
        )
    return target


def process_import_pabulib(
    *,
    actor: Actor,
    text: str,
    district: Any = None,
    title: str = "",
    rule: str = "",
    check_permission: bool = True,
    now: datetime | None = None,
) -> PBProcess:
    """Import a `.pb` file as a new, finished process; all or nothing.

    A malformed file is refused with its line number and nothing is written. The imported
    process is counted at once under `rule` (by default the file's own city rule when we can
    apply it, else greedy by cost) unless the rule does not fit the ballots.
    """
    now = now or timezone.now()
    try:
        election = parse_pabulib(text)
    except PabulibFormatError as error:
        raise DomainError("pabulib_invalid", str(error), "file") from None
    rule = rule or pabulib_adapter.default_rule_for(election)
    if rule not in RULE_NAMES:
        raise DomainError("pb_rule_unknown", f"Choose a rule: {', '.join(RULE_NAMES)}.", "rule")
    title = title or election.meta.get("description", "").strip() or "Imported PB election"
    try:
        rows = pabulib_adapter.rows_from_election(
            election, title=title, district=district, rule=rule
        )
    except ValueError as error:
        raise DomainError("pabulib_invalid", str(error), "file") from None
    process = rows.process
    process.created_by = acting_user(actor)
    if check_permission:
        require(actor, "pb.manage", process)
    with transaction.atomic():
        process.save()
        for project in rows.projects:
            project.process = process
        Project.objects.bulk_create(rows.projects, batch_size=IMPORT_BATCH)
        for ballot in rows.ballots:
            ballot.process = process
        Ballot.objects.bulk_create(rows.ballots, batch_size=IMPORT_BATCH)
        audit_record(
            actor=actor,
            action="pb.process_imported",
            target=process,
            summary=f"Pabulib election '{process.title}' imported",
            details={"projects": len(rows.projects), "ballots": len(rows.ballots)},
        )
        try:
            with transaction.atomic():
                result_store(actor=actor, process=process, now=now)
        except DomainError:
            pass  # The rule does not fit these ballots; the election is still worth keeping.
    return process
