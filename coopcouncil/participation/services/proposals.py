"""Writes for proposals: residents and community groups propose, officers review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.participation import photos
from coopcouncil.participation.models import (
    Heading,
    PBProcess,
    Phase,
    Project,
)
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import Actor, acting_user, current_roles


def proposal_submit(
    *,
    actor: Actor,
    process: PBProcess,
    title: str,
    description: str,
    estimated_cost_pence: int,
    ward: Any = None,
    heading: Heading | None = None,
    community_group: Organisation | None = None,
    photo: Any = None,
) -> Project:
    """A resident or community group proposes a project while proposals are open.

    An optional `photo` must be a JPEG, PNG or WebP image under 5 MB (`photos.photo_check`).
    """
    require(actor, "pb.propose", process)
    if process.phase != Phase.PROPOSALS:
        raise Conflict("pb_proposals_closed", gettext("Proposals are closed for this process."))
    if not title.strip():
        raise DomainError("pb_title_missing", gettext("Give your project a title."), "title")
    if estimated_cost_pence <= 0:
        raise DomainError(
            "pb_cost_invalid", gettext("The estimated cost must be more than zero."), "cost"
        )
    if estimated_cost_pence > process.budget_pence:
        raise DomainError(
            "pb_cost_over_budget",
            gettext("The estimated cost is more than the whole budget."),
            "cost",
        )
    if ward is not None and process.district_id and ward.district_id != process.district_id:
        raise DomainError(
            "pb_ward_outside",
            gettext("%(ward)s is not in %(district)s.")
            % {"ward": ward, "district": process.district},
            "ward",
        )
    if heading is not None and heading.process_id != process.pk:
        raise DomainError(
            "pb_heading_unknown", gettext("Choose one of this process's headings."), "heading"
        )
    if heading is None and process.headings.exists():
        raise DomainError(
            "pb_heading_missing", gettext("Choose the heading for your project."), "heading"
        )
    photo_type = photos.photo_check(photo) if photo else None
    if community_group is not None and not _is_group_member(actor, community_group):
        raise DomainError(
            "pb_not_group_member",
            gettext("You can propose for %(group)s only as one of its members.")
            % {"group": community_group},
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
            proposer=acting_user(actor),
            community_group=community_group,
        )
        # The Pabulib project_id is the row's own number: stable, unique within the process.
        project.code = str(project.pk)
        if photo_type:
            # Named by the project and its real type, never by the uploader's file name.
            name = f"process-{process.pk}-project-{project.pk}.{photos.EXTENSIONS[photo_type]}"
            project.photo.save(name, photo, save=False)
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
    return current_roles(user, role="group_member").filter(organisation=group).exists()


def proposal_review(
    *,
    actor: Actor,
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
                "pb_review_closed", gettext("Voting has opened: the ballot can no longer change.")
            )
        if not reason.strip():
            raise DomainError(
                "pb_reason_missing", gettext("State the reason for your decision."), "reason"
            )
        if is_feasible:
            if final_cost_pence is None or final_cost_pence <= 0:
                raise DomainError(
                    "pb_final_cost_missing",
                    gettext("Give the final cost of a feasible project."),
                    "final_cost",
                )
            limit = project.heading.budget_pence if project.heading else process.budget_pence
            if final_cost_pence > limit:
                raise DomainError(
                    "pb_final_cost_over_budget",
                    gettext("The final cost is more than the budget the project competes for."),
                    "final_cost",
                )
        project.status = Project.Status.FEASIBLE if is_feasible else Project.Status.INFEASIBLE
        project.final_cost_pence = final_cost_pence if is_feasible else project.final_cost_pence
        project.review_reason = reason.strip()
        project.reviewed_by = acting_user(actor)
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
