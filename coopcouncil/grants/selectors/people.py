"""What grants holds about a person, for their data export (people's ``user_export``)."""

from __future__ import annotations

from typing import Any

from coopcouncil.grants.models import Application, Score
from coopcouncil.people.models import User


def grants_personal_data(*, user: User) -> dict[str, Any]:
    """Applications the person drafted and the scores they gave as an assessor."""
    applications = Application.objects.filter(created_by=user).select_related("organisation")
    scores = Score.objects.filter(assessor=user).select_related("criterion", "application")
    return {
        "applications_drafted": [
            {
                "id": a.pk,
                "title": a.title,
                "organisation": a.organisation.name,
                "status": a.status,
                "created_at": a.created_at.isoformat(),
            }
            for a in applications
        ],
        "scores_given": [
            {
                "application": s.application.title,
                "criterion": s.criterion.name,
                "score": s.score,
                "comment": s.comment,
                "scored_at": s.scored_at.isoformat(),
            }
            for s in scores
        ],
    }
