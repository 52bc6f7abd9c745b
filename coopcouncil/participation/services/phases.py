"""Writes that move a PB process through its phases (proposals → review → voting)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict
from coopcouncil.core.permissions import require
from coopcouncil.participation.models import PBProcess, Phase, Project
from coopcouncil.people.selectors import Actor


def process_phase_advance(*, actor: Actor, process: PBProcess, now: datetime | None = None) -> str:
    """Move the process to its next phase; voting ends only through `voting_close`."""
    now = now or timezone.now()
    with transaction.atomic():
        process = PBProcess.objects.select_for_update().get(pk=process.pk)
        require(actor, "pb.manage", process)
        target = _next_phase(process)
        if target == Phase.VOTING:
            _check_ballot_ready(process)
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


def _next_phase(process: PBProcess) -> str:
    if process.is_imported:
        raise Conflict(
            "pb_imported", gettext("An imported process is a record; its phases are fixed.")
        )
    target = process.next_phase
    if target is None:
        raise Conflict("pb_last_phase", gettext("The process is already in its last phase."))
    if process.phase == Phase.VOTING:
        raise Conflict("pb_close_voting", gettext("Close voting to count the ballots."))
    return target


def _check_ballot_ready(process: PBProcess) -> None:
    # Voting opens on a settled ballot: every proposal reviewed, at least one feasible.
    waiting = process.projects.filter(status=Project.Status.SUBMITTED).count()
    if waiting:
        raise Conflict(
            "pb_reviews_outstanding",
            ngettext(
                "%(count)d proposal still waits for review; review it before voting opens.",
                "%(count)d proposals still wait for review; review them before voting opens.",
                waiting,
            )
            % {"count": waiting},
        )
    if not process.projects.filter(status=Project.Status.FEASIBLE).exists():
        raise Conflict("pb_empty_ballot", gettext("No project is feasible: the ballot is empty."))
