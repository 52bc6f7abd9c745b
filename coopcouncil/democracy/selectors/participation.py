"""Democracy's kinds of taking part, offered to insight's "participation at scale" view.

Each is a ``core.interfaces.ParticipationSource``: rows of ``user_id`` and ``at`` that
insight counts in the database. All three are "deciding" (making decisions).
"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.interfaces import ParticipationSource
from coopcouncil.democracy.models import CallInSignature, PulseReceipt, Question


def participation_sources() -> list[ParticipationSource]:
    """Public questions asked, call-in petitions signed and pulse surveys answered.

    A survey receipt keeps no time (answers are anonymous), so it counts at the survey's
    opening.
    """
    return [
        ParticipationSource(
            role="deciding",
            kind="questions",
            label=_("Questions to a district partnership"),
            events=Question.objects.annotate(user_id=F("asker_id"), at=F("created_at")).values(
                "user_id", "at"
            ),
        ),
        ParticipationSource(
            role="deciding",
            kind="call_in_signatures",
            label=_("Call-in signatures"),
            events=CallInSignature.objects.annotate(
                user_id=F("signer_id"), at=F("signed_at")
            ).values("user_id", "at"),
        ),
        ParticipationSource(
            role="deciding",
            kind="survey_responses",
            label=_("Pulse survey responses"),
            events=PulseReceipt.objects.annotate(
                user_id=F("respondent_id"), at=F("survey__opens_at")
            ).values("user_id", "at"),
        ),
    ]
