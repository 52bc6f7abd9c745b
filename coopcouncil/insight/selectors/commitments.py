"""Reads for the public commitment tracker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.insight.logic.commitments import is_overdue
from coopcouncil.insight.models import Commitment, Milestone


def commitment_list(*, district=None, status: str = "") -> QuerySet[Commitment]:
    commitments = Commitment.objects.select_related("district").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
    )
    if district is not None:
        commitments = commitments.filter(district=district)
    if status:
        commitments = commitments.filter(status=status)
    return commitments


def commitment_get(slug: str) -> Commitment:
    commitment = commitment_list().filter(slug=slug).first()
    if commitment is None:
        raise NotFound(
            "commitment_not_found", gettext("There is no such commitment."), "commitment"
        )
    return commitment


@dataclass(frozen=True)
class CommitmentRow:
    commitment: Commitment
    is_overdue: bool
    milestones_done: int
    milestones_total: int


def commitment_rows(*, today: date, district=None, status: str = "") -> list[CommitmentRow]:
    """Commitments with how many milestones are done and whether they are late (two queries)."""
    rows = []
    for commitment in commitment_list(district=district, status=status):
        milestones = list(commitment.milestones.all())
        rows.append(
            CommitmentRow(
                commitment=commitment,
                is_overdue=is_overdue(
                    due_on=commitment.due_on, status=commitment.status, today=today
                ),
                milestones_done=sum(1 for m in milestones if m.done_on),
                milestones_total=len(milestones),
            )
        )
    return rows


def milestone_get(commitment: Commitment, milestone_id: int) -> Milestone:
    milestone = commitment.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFound("milestone_not_found", gettext("There is no such milestone."), "milestone")
    return milestone
