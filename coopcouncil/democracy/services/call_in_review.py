"""The clerk's removal of fake call-in signatures, and the suspension it may reverse.

Signatures are counted by their rows, so removing the fake ones is what corrects the
count. A decision suspended because the count reached the threshold is suspended only
while it holds: if the count after removal is below the threshold and the review has not
yet recorded an outcome, the decision is published again, its review item comes off the
agenda, and the petition reopens (or closes, if its window has passed). Everything happens
in one transaction with one audit event, which keeps the reason and the removed rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.democracy import interfaces
from coopcouncil.democracy.models import AgendaItem, CallInPetition, CallInSignature, Decision
from coopcouncil.people.selectors import Actor


@dataclass(frozen=True)
class SignaturesRemoved:
    """What the removal did: how many went, the count now, and whether the decision's
    suspension was reversed."""

    removed: int
    signature_count: int
    is_suspension_reversed: bool


@transaction.atomic
def call_in_signatures_remove(
    *,
    actor: Actor,
    petition: CallInPetition,
    signature_ids: Collection[int],
    reason: str,
    now: datetime | None = None,
) -> SignaturesRemoved:
    """Remove the chosen signatures of ``petition`` with the officer's reason."""
    petition = (
        CallInPetition.objects.select_for_update().select_related("decision").get(pk=petition.pk)
    )
    require(actor, "democracy.review_call_in_signatures", petition.decision)
    if not reason.strip():
        raise DomainError(
            "reason_required", gettext("Say why these signatures are removed."), "reason"
        )
    chosen = list(
        CallInSignature.objects.filter(petition=petition, pk__in=set(signature_ids)).order_by("id")
    )
    if not chosen or len(chosen) != len(set(signature_ids)):
        raise DomainError(
            "signatures_not_on_petition",
            gettext("Choose signatures of this call-in only."),
            "signature_ids",
        )
    removed = [
        {"id": s.pk, "signer_id": s.signer_id, "ward_id": s.ward_id, "signed_at": str(s.signed_at)}
        for s in chosen
    ]
    CallInSignature.objects.filter(pk__in=[s.pk for s in chosen]).delete()
    count = CallInSignature.objects.filter(petition=petition).count()
    is_reversed = _suspension_reverse(petition, count=count, now=now or timezone.now())
    audit_record(
        actor=actor,
        action="democracy.call_in_signatures_removed",
        target=petition.decision,
        summary=f"{len(chosen)} call-in signatures removed from '{petition.decision.title}'",
        details={
            "reason": reason.strip(),
            "signatures": removed,
            "signature_count": count,
            "threshold": petition.threshold,
            "suspension_reversed": is_reversed,
        },
    )
    return SignaturesRemoved(len(chosen), count, is_reversed)


def _suspension_reverse(petition: CallInPetition, *, count: int, now: datetime) -> bool:
    """Publish the decision again if its suspension rested on a count it no longer has."""
    if petition.status != CallInPetition.Status.THRESHOLD_REACHED or count >= petition.threshold:
        return False
    decision = Decision.objects.select_for_update().get(pk=petition.decision_id)
    previous = decision.status
    decision.status = Decision.Status.PUBLISHED
    decision.save(update_fields=["status"])
    interfaces.decision_status_changed(decision.pk, decision.status, previous)
    if petition.review_item_id is not None:
        AgendaItem.objects.filter(pk=petition.review_item_id).delete()
    is_open = petition.opens_at <= now < petition.closes_at
    petition.status = CallInPetition.Status.OPEN if is_open else CallInPetition.Status.CLOSED
    petition.threshold_reached_at = None
    petition.review_item = None
    petition.save(update_fields=["status", "threshold_reached_at", "review_item"])
    return True
