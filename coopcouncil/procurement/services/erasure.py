"""Erasure: what procurement holds about a person, removed when they are erased."""

from __future__ import annotations

from django.db import transaction

from coopcouncil.people.models import User
from coopcouncil.procurement.models import (
    Bid,
    Contract,
    ModeratedScore,
    PanelMember,
    QualityScore,
    QuarterlyReturn,
    ReturnLine,
)


def procurement_erase(*, user: User) -> None:
    """Clear the person from procurement's records, keeping the organisations' records.

    Panel scores stay, as the award decision rests on them, but their comments (the
    person's own words) go; "submitted by" and "recorded by" pointers are cleared. Registered
    with people's interfaces (``apps.py``), so ``user_erase`` calls it and writes the audit.
    """
    with transaction.atomic():
        QualityScore.objects.filter(evaluator__user=user).update(comment="")
        Bid.objects.filter(submitted_by=user).update(submitted_by=None)
        QuarterlyReturn.objects.filter(submitted_by=user).update(submitted_by=None)
        ReturnLine.objects.filter(remedy_recorded_by=user).update(remedy_recorded_by=None)
        ModeratedScore.objects.filter(moderated_by=user).update(moderated_by=None)
        Contract.objects.filter(awarded_by=user).update(awarded_by=None)
        PanelMember.objects.filter(user=user).update(has_scoring_rights=False)
