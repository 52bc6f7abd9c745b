"""A person's own part: what they did, for their profile, their data export and erasure."""

from __future__ import annotations

from dataclasses import dataclass

from coopcouncil.insight.models import (
    Measurement,
    PrincipleTag,
    ServiceAssessment,
    StandardPerformance,
)
from coopcouncil.insight.selectors.participation import participation_sources
from coopcouncil.people.selectors import Actor, is_signed_in


@dataclass(frozen=True)
class MyParticipation:
    label: str
    role: str
    count: int


def my_participation(user: Actor) -> list[MyParticipation]:
    """How often this person took part in each way the platform records (one count per
    source), for "My co-operative council" on their profile."""
    if not is_signed_in(user):
        return []
    rows = []
    for source in participation_sources():
        count = source.events.filter(user_id=user.pk).count()
        if count:
            rows.append(MyParticipation(str(source.label), source.role, count))
    return rows


def insight_personal_data(*, user: Actor) -> dict:
    """What insight records about a person: only the evidence they entered as an officer.

    Participation at scale keeps counts, never people, so residents have nothing here.
    """
    if not is_signed_in(user):
        return {}
    return {
        "measurements_loaded": Measurement.objects.filter(imported_by=user).count(),
        "standard_figures_recorded": [
            {"standard": str(p.standard), "month": p.month.isoformat(), "value": str(p.value)}
            for p in StandardPerformance.objects.filter(recorded_by=user).select_related(
                "standard__district"
            )
        ],
        "tags_made": PrincipleTag.objects.filter(tagged_by=user).count(),
        "services_assessed": [
            {"service": a.service.service, "assessed_on": a.assessed_on.isoformat()}
            for a in ServiceAssessment.objects.filter(assessed_by=user).select_related("service")
        ],
    }
