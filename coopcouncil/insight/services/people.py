"""Erasing a person from insight: the evidence stays, who entered it does not."""

from __future__ import annotations

from django.db import transaction

from coopcouncil.insight.models import (
    Measurement,
    PrincipleTag,
    ServiceAssessment,
    StandardPerformance,
)
from coopcouncil.people.models import User


def insight_erase(*, user: User) -> None:
    """Forget who loaded, recorded, tagged or assessed; the evidence itself stays.

    Called by people's account erasure (which writes the audit event), so it checks no
    permission of its own.
    """
    with transaction.atomic():
        Measurement.objects.filter(imported_by=user).update(imported_by=None)
        StandardPerformance.objects.filter(recorded_by=user).update(recorded_by=None)
        PrincipleTag.objects.filter(tagged_by=user).update(tagged_by=None)
        ServiceAssessment.objects.filter(assessed_by=user).update(assessed_by=None)
