"""Writes for voting: a voter's date of birth and their one, changeable ballot."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.participation import pabulib_adapter
from coopcouncil.participation.logic.ballots import BallotConstraints, validate_ballot
from coopcouncil.participation.models import (
    Ballot,
    BallotType,
    PBProcess,
    Phase,
    Project,
)
from coopcouncil.participation.selectors import ballots_page_topic
from coopcouncil.people.models import User
from coopcouncil.people.selectors import verified_residency
from coopcouncil.people.services import user_date_of_birth_set


def voter_date_of_birth_give(
    *, user: User, date_of_birth: date, now: datetime | None = None
) -> User:
    """Record a voter's date of birth, asked for only to check a PB minimum voting age.

    The date lives on the account (`people.User.date_of_birth`, optional and private) so the
    person is asked once; the people app owns the write, its export and its erasure.
    """
    return user_date_of_birth_set(
        user=user,
        date_of_birth=date_of_birth,
        reason="PB minimum voting age",
        now=now,
        audit_action="pb.birth_date_given",
    )


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
    ballot again changes nothing but the time. When the process has headings, an approval
    ballot's most projects and most cost apply within each heading.
    """
    now = now or timezone.now()
    require(voter, "pb.vote", process)
    with transaction.atomic():
        process = _process_held_open(process.pk)
        _check_voting_open(process, now)
        projects = list(
            process.projects.filter(status=Project.Status.FEASIBLE).select_related("heading")
        )
        constraints = ballot_constraints(process, projects)
        if process.ballot_type == BallotType.CUMULATIVE:
            given = {code: value for code, value in (points or {}).items() if value != 0}
            problems = validate_ballot(process.ballot_type, given, constraints)
            choices, stored_points = list(given), list(given.values())
        elif process.ballot_type == BallotType.APPROVAL and any(p.heading_id for p in projects):
            problems = _approval_problems_per_heading(process, projects, list(choices))
            choices, stored_points = list(choices), None
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
            page_topics=[ballots_page_topic(process.pk)],
        )
    return ballot


def _approval_problems_per_heading(
    process: PBProcess, projects: list[Project], choices: list[str]
) -> list[str]:
    """With headings, the most projects and the most cost apply within each heading.

    Each heading is counted on its own budget, so a voter chooses up to the limit in each
    one. The whole ballot is checked once for unknown or repeated projects and the fewest
    projects, then each heading's part against the limits.
    """
    whole = replace(ballot_constraints(process, projects), max_projects=None, max_total_cost=None)
    problems = validate_ballot(BallotType.APPROVAL, choices, whole)
    by_heading: dict[str, list[Project]] = {}
    for project in projects:
        if project.heading is not None:
            by_heading.setdefault(project.heading.name, []).append(project)
    for name, members in sorted(by_heading.items()):
        limits = replace(ballot_constraints(process, members), min_projects=0)
        part = [code for code in dict.fromkeys(choices) if code in limits.project_costs]
        problems += [
            f"in {name}, {problem}"
            for problem in validate_ballot(BallotType.APPROVAL, part, limits)
        ]
    return problems


def _process_held_open(process_id: int) -> PBProcess:
    """The process, share-locked until the ballot commits.

    Ballots only read the process, so many voters' ballots go ahead together; closing
    voting takes the row's exclusive lock (``voting_close``), which waits for every ballot
    already holding it, and a ballot arriving after waits for the close and then finds
    voting closed. So each ballot is counted or refused, never lost. One voter's ballots
    meet on the unique (process, voter) row instead. Django has no ``FOR SHARE``; a
    database without row locks (SQLite) runs one writer at a time anyway.
    """
    if not connection.features.has_select_for_update:
        return PBProcess.objects.get(pk=process_id)
    table = connection.ops.quote_name(PBProcess._meta.db_table)
    key = connection.ops.quote_name(PBProcess._meta.pk.column)
    locking = f"SELECT * FROM {table} WHERE {key} = %s FOR SHARE"  # noqa: S608 - names only
    found = list(PBProcess.objects.raw(locking, [process_id]))
    if not found:
        raise PBProcess.DoesNotExist
    return found[0]


def _check_voting_open(process: PBProcess, now: datetime) -> None:
    if process.phase != Phase.VOTING:
        raise Conflict("pb_voting_closed", gettext("Voting is not open in this process."))
    if process.voting_close_at and now >= process.voting_close_at:
        closed = timezone.localtime(process.voting_close_at)
        raise Conflict(
            "pb_voting_closed",
            gettext("Voting closed on %(date)s at %(time)s.")
            % {"date": date_format(closed, "d F Y"), "time": time_format(closed, "H:i")},
        )
