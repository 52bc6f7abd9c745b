"""Writes for participatory budgeting: processes, proposals, reviews, ballots, results, delivery.

Every service checks permission through `coopcouncil.core.permissions`, validates, saves inside
one transaction and writes one audit event. Counting is done by the pure logic package through
`pabulib_adapter`; a count that fails leaves nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require, verified_residency
from coopcouncil.participation import pabulib_adapter
from coopcouncil.participation.logic.ballots import BallotConstraints, validate_ballot
from coopcouncil.participation.logic.counting import RULE_NAMES, UnknownRule
from coopcouncil.participation.logic.official import OFFICIAL_RULES
from coopcouncil.participation.logic.pabulib import PabulibFormatError, parse_pabulib
from coopcouncil.participation.logic.profile import UnsupportedRule
from coopcouncil.participation.models import (
    Ballot,
    BallotType,
    Delivery,
    Heading,
    PBProcess,
    Phase,
    Project,
    Result,
)
from coopcouncil.people.models import Organisation

IMPORT_BATCH = 5000


# --- Processes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadingPlan:
    """A heading to create with a process: a ward's or a theme's share of the budget."""

    name: str
    budget_pence: int
    ward: Any = None


def process_create(
    *,
    actor: Any,
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
    """Open a PB process in its proposals phase, with optional per-ward or per-theme headings."""
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
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **(dates or {}),
    )
    if rule:
        process.rule = rule
    if min_voter_age is not None:
        process.min_voter_age = min_voter_age
    require(actor, "pb.manage", process)
    _check_process(process, headings)
    with transaction.atomic():
        process.save()
        for plan in headings:
            Heading.objects.create(
                process=process,
                name=plan.name.strip(),
                kind=Heading.Kind.WARD if plan.ward is not None else Heading.Kind.THEME,
                ward=plan.ward,
                budget_pence=plan.budget_pence,
            )
        audit_record(
            actor=actor,
            action="pb.process_created",
            target=process,
            summary=f"PB process '{process.title}' opened for proposals in {process.area_name}",
            details={"budget_pence": process.budget_pence, "rule": process.rule},
        )
    return process


def _check_process(process: PBProcess, headings: tuple[HeadingPlan, ...]) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not process.title:
        add("title", "Give the process a title.")
    if process.budget_pence <= 0:
        add("budget_pence", "The budget must be more than zero.")
    if process.ballot_type not in pabulib_adapter.platform_ballot_types():
        add("ballot_type", "Choose approval, cumulative or ordinal ballots.")
    if process.rule not in RULE_NAMES:
        add("rule", f"Choose a counting rule: {', '.join(RULE_NAMES)}.")
    elif process.rule == pabulib_adapter.OFFICIAL and process.official_rule not in OFFICIAL_RULES:
        add("official_rule", f"Choose the city rule: {', '.join(OFFICIAL_RULES)}.")
    if process.ballot_type == BallotType.CUMULATIVE and not process.points_to_spread:
        add("points_to_spread", "A cumulative ballot needs a number of points to spread.")
    if process.max_projects is not None and process.max_projects < max(process.min_projects, 1):
        add("max_projects", "The most projects must be at least the fewest, and at least 1.")
    if not 0 <= process.min_voter_age <= 120:
        add("min_voter_age", "The minimum age must be between 0 and 120.")
    names = [plan.name.strip() for plan in headings]
    if len(set(names)) != len(names) or not all(names):
        add("headings", "Each heading needs its own name.")
    if sum(plan.budget_pence for plan in headings) > process.budget_pence:
        add("headings", "The headings' budgets add up to more than the whole budget.")
    if any(plan.budget_pence < 0 for plan in headings):
        add("headings", "A heading's budget cannot be negative.")
    for plan in headings:
        if (
            plan.ward is not None
            and process.district_id
            and (plan.ward.district_id != process.district_id)
        ):
            add("headings", f"{plan.ward} is not in {process.district}.")
    if errors:
        field, messages = next(iter(errors.items()))
        raise DomainError("pb_process_invalid", messages[0], field, errors=_rest(errors))


def _rest(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    # The first message is the error's own; the others travel as extra field errors.
    first = next(iter(errors))
    rest = {field: list(messages) for field, messages in errors.items()}
    rest[first] = rest[first][1:]
    return {field: messages for field, messages in rest.items() if messages}


def process_phase_advance(*, actor: Any, process: PBProcess, now: datetime | None = None) -> str:
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


# --- Proposals and review -----------------------------------------------------------------


def proposal_submit(
    *,
    actor: Any,
    process: PBProcess,
    title: str,
    description: str,
    estimated_cost_pence: int,
    ward: Any = None,
    heading: Heading | None = None,
    community_group: Organisation | None = None,
    photo: Any = None,
) -> Project:
    """A resident or community group proposes a project while proposals are open."""
    require(actor, "pb.propose", process)
    if process.phase != Phase.PROPOSALS:
        raise Conflict("pb_proposals_closed", "Proposals are closed for this process.")
    if not title.strip():
        raise DomainError("pb_title_missing", "Give your project a title.", "title")
    if estimated_cost_pence <= 0:
        raise DomainError("pb_cost_invalid", "The estimated cost must be more than zero.", "cost")
    if estimated_cost_pence > process.budget_pence:
        raise DomainError(
            "pb_cost_over_budget", "The estimated cost is more than the whole budget.", "cost"
        )
    if ward is not None and process.district_id and ward.district_id != process.district_id:
        raise DomainError("pb_ward_outside", f"{ward} is not in {process.district}.", "ward")
    if heading is not None and heading.process_id != process.pk:
        raise DomainError("pb_heading_unknown", "Choose one of this process's headings.", "heading")
    if heading is None and process.headings.exists():
        raise DomainError("pb_heading_missing", "Choose the heading for your project.", "heading")
    if community_group is not None and not _is_group_member(actor, community_group):
        raise DomainError(
            "pb_not_group_member",
            f"You can propose for {community_group} only as one of its members.",
            "community_group",
        )
    with transaction.atomic():
        project = Project.objects.create(
            process=process,
            title=title.strip(),
            description=description.strip(),
            ward=ward,
            heading=heading,
            estimated_cost_pence=estimated_cost_pence,
            proposer=actor,
            community_group=community_group,
        )
        # The Pabulib project_id is the row's own number: stable, unique within the process.
        project.code = str(project.pk)
        if photo:
            project.photo = photo
        project.save()
        audit_record(
            actor=actor,
            action="pb.proposal_submitted",
            target=project,
            summary=f"Proposal '{project.title}' submitted to '{process.title}'",
            details={"estimated_cost_pence": estimated_cost_pence},
        )
    return project


def _is_group_member(user: Any, group: Organisation) -> bool:
    from coopcouncil.core.permissions import current_roles

    return current_roles(user, role="group_member").filter(organisation=group).exists()


def proposal_review(
    *,
    actor: Any,
    project: Project,
    is_feasible: bool,
    reason: str,
    final_cost_pence: int | None = None,
    now: datetime | None = None,
) -> Project:
    """An officer finds a proposal feasible (with its final cost) or not, and says why."""
    with transaction.atomic():
        project = Project.objects.select_for_update().select_related("process").get(pk=project.pk)
        process = project.process
        require(actor, "pb.review", process)
        if process.phase not in (Phase.PROPOSALS, Phase.REVIEW):
            raise Conflict(
                "pb_review_closed", "Voting has opened: the ballot can no longer change."
            )
        if not reason.strip():
            raise DomainError("pb_reason_missing", "State the reason for your decision.", "reason")
        if is_feasible:
            if final_cost_pence is None or final_cost_pence <= 0:
                raise DomainError(
                    "pb_final_cost_missing",
                    "Give the final cost of a feasible project.",
                    "final_cost",
                )
            limit = project.heading.budget_pence if project.heading_id else process.budget_pence
            if final_cost_pence > limit:
                raise DomainError(
                    "pb_final_cost_over_budget",
                    "The final cost is more than the budget the project competes for.",
                    "final_cost",
                )
        project.status = Project.Status.FEASIBLE if is_feasible else Project.Status.INFEASIBLE
        project.final_cost_pence = final_cost_pence if is_feasible else project.final_cost_pence
        project.review_reason = reason.strip()
        project.reviewed_by = actor
        project.reviewed_at = now or timezone.now()
        project.save()
        audit_record(
            actor=actor,
            action="pb.proposal_reviewed",
            target=project,
            summary=f"'{project.title}' found {'feasible' if is_feasible else 'not feasible'}",
            details={"reason": project.review_reason, "final_cost_pence": final_cost_pence},
        )
    return project


# --- Voting -------------------------------------------------------------------------------


def voter_date_of_birth_give(*, user: Any, date_of_birth: date, now: datetime | None = None):
    """Record a voter's date of birth, asked for only to check a PB minimum voting age.

    The date lives on the account (`people.User.date_of_birth`, optional and private) so the
    person is asked once; the people app's export and erasure already cover it.
    """
    today = timezone.localdate(now or timezone.now())
    if date_of_birth > today or date_of_birth.year < today.year - 120:
        raise DomainError("pb_birth_date_invalid", "Enter a real date of birth.", "date_of_birth")
    with transaction.atomic():
        user.date_of_birth = date_of_birth
        user.save(update_fields=["date_of_birth"])
        audit_record(
            actor=user, action="pb.birth_date_given", target=user, summary="Date of birth given"
        )
    return user


def ballot_constraints(process: PBProcess, projects: list[Project]) -> BallotConstraints:
    """The process's ballot rules in the logic package's terms (costs in currency units)."""
    is_ordinal = process.ballot_type == BallotType.ORDINAL
    return BallotConstraints(
        project_costs={p.code: pabulib_adapter.units(p.cost_pence) for p in projects},
        min_projects=process.min_projects,
        max_projects=None if is_ordinal else process.max_projects,
        max_total_cost=(
            None
            if process.max_total_cost_pence is None
            else pabulib_adapter.units(process.max_total_cost_pence)
        ),
        points_to_spread=process.points_to_spread,
        max_points_per_project=process.max_points_per_project,
        max_ranked=process.max_projects if is_ordinal else None,
    )


def ballot_cast(
    *,
    voter: Any,
    process: PBProcess,
    choices: list[str],
    points: dict[str, int] | None = None,
    now: datetime | None = None,
) -> Ballot:
    """Cast or change the voter's one ballot; a ballot that breaks the rules is refused whole.

    Approval and ordinal `choices` are project codes (in rank order for ordinal); cumulative
    ballots give `points` per code, and projects given 0 points are left off. Casting the same
    ballot again changes nothing but the time.
    """
    now = now or timezone.now()
    require(voter, "pb.vote", process)
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        _check_voting_open(process, now)
        projects = list(process.projects.filter(status=Project.Status.FEASIBLE))
        constraints = ballot_constraints(process, projects)
        if process.ballot_type == BallotType.CUMULATIVE:
            given = {code: value for code, value in (points or {}).items() if value != 0}
            problems = validate_ballot(process.ballot_type, given, constraints)
            choices, stored_points = list(given), list(given.values())
        else:
            problems = validate_ballot(process.ballot_type, list(choices), constraints)
            choices, stored_points = list(choices), None
        if problems:
            messages = [problem[0].upper() + problem[1:] + "." for problem in problems]
            raise DomainError(
                "pb_ballot_invalid", messages[0], "choices", errors={"choices": messages[1:]}
            )
        residency = verified_residency(voter, now=now)
        ballot, created = Ballot.objects.update_or_create(
            process=process,
            voter=voter,
            defaults={
                "choices": choices,
                "points": stored_points,
                "ward": residency.ward if residency else None,
            },
        )
        audit_record(
            actor=voter,
            action="pb.ballot_cast" if created else "pb.ballot_changed",
            target=ballot,
            summary=f"Ballot {'cast' if created else 'changed'} in '{process.title}'",
        )
    return ballot


def _check_voting_open(process: PBProcess, now: datetime) -> None:
    if process.phase != Phase.VOTING:
        raise Conflict("pb_voting_closed", "Voting is not open in this process.")
    if process.voting_close_at and now >= process.voting_close_at:
        closed = timezone.localtime(process.voting_close_at)
        raise Conflict("pb_voting_closed", f"Voting closed on {closed:%d %B %Y at %H:%M}.")


def ballot_withdraw(*, voter: Any, process: PBProcess, now: datetime | None = None) -> None:
    """Take back one's ballot while voting is open."""
    now = now or timezone.now()
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        _check_voting_open(process, now)
        ballot = Ballot.objects.filter(process=process, voter=voter).first()
        if ballot is None:
            return
        audit_record(
            actor=voter,
            action="pb.ballot_withdrawn",
            target=ballot,
            summary=f"Ballot withdrawn from '{process.title}'",
        )
        ballot.delete()


# --- Results and delivery -----------------------------------------------------------------


def voting_close(*, actor: Any, process: PBProcess, now: datetime | None = None) -> Result:
    """Close voting, count the ballots under the process's rule and publish the result."""
    now = now or timezone.now()
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        require(actor, "pb.close_voting", process)
        if process.phase != Phase.VOTING:
            raise Conflict("pb_not_voting", "Voting is not open, so it cannot be closed.")
        process.phase = Phase.RESULTS
        if process.voting_close_at is None or process.voting_close_at > now:
            process.voting_close_at = now
        process.results_at = now
        process.save()
        result = _result_store(actor=actor, process=process, now=now)
        audit_record(
            actor=actor,
            action="pb.voting_closed",
            target=process,
            summary=f"Voting closed in '{process.title}'; {len(result.winners)} projects funded",
            details={"result": result.pk, "rule": result.rule, "winners": result.winners},
        )
    return result


def result_compute(*, actor: Any, process: PBProcess, now: datetime | None = None) -> Result:
    """Count the stored ballots again and store a fresh result snapshot (after voting)."""
    now = now or timezone.now()
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        require(actor, "pb.manage", process)
        if process.phase not in (Phase.RESULTS, Phase.DELIVERY):
            raise Conflict("pb_not_counted_yet", "Results are counted once voting has closed.")
        result = _result_store(actor=actor, process=process, now=now)
        audit_record(
            actor=actor,
            action="pb.result_computed",
            target=result,
            summary=f"'{process.title}' counted again by {result.rule}",
            details={"winners": result.winners},
        )
    return result


def _result_store(*, actor: Any, process: PBProcess, now: datetime) -> Result:
    try:
        count = pabulib_adapter.process_count(process)
    except (UnknownRule, UnsupportedRule) as error:
        raise DomainError("pb_rule_unsupported", str(error), "rule") from None
    result = Result.objects.create(
        process=process,
        rule=count.rule,
        winners=list(count.winners),
        explanation=count.as_json(),
        summary=count.summary,
        budget_used_pence=count.budget_used_pence,
        budget_left_pence=count.budget_left_pence,
        voter_count=count.voter_count,
        computed_at=now,
        computed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    funded = Project.objects.filter(process=process, code__in=count.winners)
    for project in funded:
        Delivery.objects.get_or_create(project=project)
    return result


def delivery_update(
    *, actor: Any, project: Project, status: str, spent_pence: int, note: str = ""
) -> Delivery:
    """Publish a funded project's delivery status and what has been spent on it."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("project__process")
            .filter(project=project)
            .first()
        )
        require(actor, "pb.deliver", project.process)
        if delivery is None:
            raise Conflict("pb_not_funded", "Only funded projects have a delivery record.")
        if status not in Delivery.Status.values:
            raise DomainError("pb_status_invalid", "Choose a delivery status.", "status")
        if spent_pence < 0:
            raise DomainError("pb_spent_invalid", "Spending cannot be negative.", "spent")
        delivery.status = status
        delivery.spent_pence = spent_pence
        delivery.note = note.strip()
        delivery.updated_by = actor
        delivery.save()
        audit_record(
            actor=actor,
            action="pb.delivery_updated",
            target=delivery,
            summary=f"'{project.display_title}': {delivery.get_status_display()}",
            details={"status": status, "spent_pence": spent_pence},
        )
    return delivery


# --- Pabulib import -----------------------------------------------------------------------


def process_import_pabulib(
    *,
    actor: Any,
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
    process.created_by = actor if getattr(actor, "is_authenticated", False) else None
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
                _result_store(actor=actor, process=process, now=now)
        except DomainError:
            pass  # The rule does not fit these ballots; the election is still worth keeping.
    return process
