"""Writes for the commitment tracker: commitments, their progress and milestones."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.insight.models import Commitment, CommitmentStatus, Milestone
from coopcouncil.people.selectors import Actor
from coopcouncil.places.models import District


def _text(value: str, field: str, message: str) -> str:
    if not value or not value.strip():
        raise DomainError(f"{field}_required", message, field)
    return value.strip()


def commitment_create(
    *,
    actor: Actor,
    title: str,
    owner: str,
    due_on: date,
    made_on: date,
    description: str = "",
    district: District | None = None,
) -> Commitment:
    """Publish a commitment: what was promised, who answers for it and by when."""
    require(actor, "insight.manage_commitments")
    title = _text(title, "title", gettext("Say what the council committed to."))
    owner = _text(owner, "owner", gettext("Say who answers for the commitment."))
    if due_on < made_on:
        raise DomainError(
            "due_on_invalid", gettext("It cannot be due before it was made."), "due_on"
        )
    slug = slugify(title)[:50]
    with transaction.atomic():
        if Commitment.objects.filter(slug=slug).exists():
            raise Conflict(
                "commitment_exists", gettext("That commitment is already published."), "title"
            )
        commitment = Commitment.objects.create(
            title=title,
            slug=slug,
            owner=owner,
            due_on=due_on,
            made_on=made_on,
            description=description.strip(),
            district=district,
        )
        audit_record(
            actor=actor,
            action="insight.commitment_created",
            target=commitment,
            summary=f"Commitment {title}, due {due_on:%d %b %Y}",
        )
    return commitment


def commitment_update(
    *, actor: Actor, commitment: Commitment, status: str, evidence: str
) -> Commitment:
    """Report progress: the status and the evidence residents can check it against."""
    require(actor, "insight.manage_commitments")
    if status not in CommitmentStatus.values:
        raise DomainError("status_invalid", gettext("Choose a status."), "status")
    evidence = evidence.strip()
    if status in ("done", "dropped") and not evidence:
        raise DomainError(
            "evidence_required",
            gettext("Give the evidence that it is done, or the reasons it was dropped."),
            "evidence",
        )
    with transaction.atomic():
        before = commitment.status
        commitment.status, commitment.evidence = status, evidence
        commitment.save(update_fields=["status", "evidence", "updated_at"])
        audit_record(
            actor=actor,
            action="insight.commitment_updated",
            target=commitment,
            summary=f"{commitment.title}: {before} → {status}",
        )
    return commitment


def milestone_add(*, actor: Actor, commitment: Commitment, title: str, due_on: date) -> Milestone:
    require(actor, "insight.manage_commitments")
    title = _text(title, "title", gettext("Name the milestone."))
    with transaction.atomic():
        milestone = Milestone.objects.create(commitment=commitment, title=title, due_on=due_on)
        audit_record(
            actor=actor,
            action="insight.milestone_added",
            target=milestone,
            summary=f"{commitment.title}: milestone {title}",
        )
    return milestone


def milestone_complete(
    *, actor: Actor, milestone: Milestone, done_on: date, evidence: str
) -> Milestone:
    require(actor, "insight.manage_commitments")
    evidence = _text(evidence, "evidence", gettext("Give the evidence the milestone was reached."))
    with transaction.atomic():
        milestone.done_on, milestone.evidence = done_on, evidence
        milestone.save(update_fields=["done_on", "evidence"])
        audit_record(
            actor=actor,
            action="insight.milestone_completed",
            target=milestone,
            summary=f"{milestone.title} done {done_on:%d %b %Y}",
        )
    return milestone
