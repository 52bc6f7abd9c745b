"""Writes after voting: closing it, counting, recounting and publishing delivery."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.participation import pabulib_adapter
from coopcouncil.participation.logic.counting import UnknownRule
from coopcouncil.participation.logic.profile import UnsupportedRule
from coopcouncil.participation.models import (
    Delivery,
    PBProcess,
    Phase,
    Project,
    Result,
)
from coopcouncil.people.selectors import Actor, acting_user


def voting_close(*, actor: Actor, process: PBProcess, now: datetime | None = None) -> Result:
    """Close voting, count the ballots under the process's rule and publish the result."""
    now = now or timezone.now()
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        require(actor, "pb.close_voting", process)
        if process.phase != Phase.VOTING:
            raise Conflict("pb_not_voting", gettext("Voting is not open, so it cannot be closed."))
        process.phase = Phase.RESULTS
        if process.voting_close_at is None or process.voting_close_at > now:
            process.voting_close_at = now
        process.results_at = now
        process.save()
        result = result_store(actor=actor, process=process, now=now)
        audit_record(
            actor=actor,
            action="pb.voting_closed",
            target=process,
            summary=f"Voting closed in '{process.title}'; {len(result.winners)} projects funded",
            details={"result": result.pk, "rule": result.rule, "winners": result.winners},
        )
    return result


def result_compute(*, actor: Actor, process: PBProcess, now: datetime | None = None) -> Result:
    """Count the stored ballots again and store a fresh result snapshot (after voting)."""
    now = now or timezone.now()
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        require(actor, "pb.manage", process)
        if process.phase not in (Phase.RESULTS, Phase.DELIVERY):
            raise Conflict(
                "pb_not_counted_yet", gettext("Results are counted once voting has closed.")
            )
        result = result_store(actor=actor, process=process, now=now)
        audit_record(
            actor=actor,
            action="pb.result_computed",
            target=result,
            summary=f"'{process.title}' counted again by {result.rule}",
            details={"winners": result.winners},
        )
    return result


def result_store(*, actor: Actor, process: PBProcess, now: datetime) -> Result:
    """Count and store a result snapshot, opening delivery records for the winners.

    Runs inside the caller's transaction and writes no audit event: the caller does.
    """
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
        computed_by=acting_user(actor),
    )
    funded = Project.objects.filter(process=process, code__in=count.winners)
    for project in funded:
        Delivery.objects.get_or_create(project=project)
    return result


def delivery_update(
    *, actor: Actor, project: Project, status: str, spent_pence: int, note: str = ""
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
            raise Conflict("pb_not_funded", gettext("Only funded projects have a delivery record."))
        if status not in Delivery.Status.values:
            raise DomainError("pb_status_invalid", gettext("Choose a delivery status."), "status")
        if spent_pence < 0:
            raise DomainError("pb_spent_invalid", gettext("Spending cannot be negative."), "spent")
        delivery.status = status
        delivery.spent_pence = spent_pence
        delivery.note = note.strip()
        delivery.updated_by = acting_user(actor)
        delivery.save()
        audit_record(
            actor=actor,
            action="pb.delivery_updated",
            target=delivery,
            summary=f"'{project.display_title}': {delivery.get_status_display()}",
            details={"status": status, "spent_pence": spent_pence},
        )
    return delivery
