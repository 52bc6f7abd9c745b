"""Writes for the spin-out pipeline: start one with its six stages, tick the checklist, sign off."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.mutuals.logic.spinouts import STAGES, sign_off_refusal
from coopcouncil.mutuals.models import Mutual, SpinOut, SpinOutStage
from coopcouncil.people.selectors import Actor, acting_user


def spin_out_start(
    *, actor: Actor, service: str, started_on: date | None = None, mutual: Mutual | None = None
) -> SpinOut:
    """A service starts considering mutualisation: its six stages and their checklists."""
    require(actor, "mutuals.manage_spin_outs")
    if not service.strip():
        raise DomainError("service_required", gettext("Name the service."), "service")
    with transaction.atomic():
        spin_out = SpinOut.objects.create(
            service=service.strip(), mutual=mutual, started_on=started_on or timezone.localdate()
        )
        SpinOutStage.objects.bulk_create(
            SpinOutStage(
                spin_out=spin_out,
                name=name,
                position=position,
                checklist=[{"item": item, "done": False} for item in checklist],
            )
            for position, (name, checklist) in enumerate(STAGES, start=1)
        )
        audit_record(
            actor=actor,
            action="mutuals.spin_out_started",
            target=spin_out,
            summary=spin_out.service,
        )
    return spin_out


def spin_out_stage_update(
    *, actor: Actor, stage: SpinOutStage, done: list[bool], due_on: date | None = None
) -> SpinOutStage:
    """Tick a stage's checklist items and set its due date (until it is signed off)."""
    require(actor, "mutuals.manage_spin_outs")
    if stage.signed_off_at is not None:
        raise Conflict("stage_signed_off", gettext("This stage is signed off."))
    if len(done) != len(stage.checklist):
        raise DomainError("checklist_mismatch", gettext("Answer every checklist item."), "done")
    with transaction.atomic():
        stage.checklist = [
            {"item": entry["item"], "done": bool(flag)}
            for entry, flag in zip(stage.checklist, done, strict=True)
        ]
        stage.due_on = due_on
        stage.save(update_fields=["checklist", "due_on"])
        audit_record(
            actor=actor,
            action="mutuals.spin_out_stage_updated",
            target=stage,
            summary=f"{stage.spin_out}: {stage.name}",
        )
    return stage


def spin_out_stage_sign_off(
    *, actor: Actor, stage: SpinOutStage, now: datetime | None = None
) -> SpinOutStage:
    """Sign a stage off: every checklist item done and every earlier stage signed off."""
    require(actor, "mutuals.sign_off_spin_out_stage")
    with transaction.atomic():
        stages = list(
            SpinOutStage.objects.select_for_update().filter(spin_out_id=stage.spin_out_id)
        )
        current = next(s for s in stages if s.pk == stage.pk)
        refusal = sign_off_refusal(
            stage=current.name,
            done=[entry["done"] for entry in current.checklist],
            signed_off=[s.name for s in stages if s.signed_off_at is not None],
        )
        if refusal is not None:
            raise Conflict(
                refusal,
                {
                    "already_signed_off": gettext("This stage is already signed off."),
                    "earlier_stage_open": gettext("Sign off the earlier stages first."),
                    "checklist_incomplete": gettext("Complete the checklist first."),
                }[refusal],
            )
        current.signed_off_by = acting_user(actor)
        current.signed_off_at = now or timezone.now()
        current.save(update_fields=["signed_off_by", "signed_off_at"])
        audit_record(
            actor=actor,
            action="mutuals.spin_out_stage_signed_off",
            target=current,
            summary=f"{current.spin_out}: {current.get_name_display()} signed off",
        )
    return current
