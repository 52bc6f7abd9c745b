"""A resident's own records in local democracy, for their subject access request."""

from __future__ import annotations

from typing import Any

from coopcouncil.democracy.models import CallInSignature, PulseReceipt, Question
from coopcouncil.people.models import User


def democracy_personal_data(*, user: User) -> dict[str, Any]:
    """Questions asked, call-in signatures and surveys answered (answers carry no name)."""
    return {
        "questions": [
            {
                "meeting": q.meeting.title,
                "text": q.text,
                "status": q.status,
                "asked_at": q.created_at.isoformat(),
            }
            for q in Question.objects.filter(asker=user).select_related("meeting")
        ],
        "call_in_signatures": [
            {
                "decision": s.petition.decision.title,
                "signed_at": s.signed_at.isoformat(),
                "show_name": s.show_name,
            }
            for s in CallInSignature.objects.filter(signer=user).select_related(
                "petition__decision"
            )
        ],
        "surveys_answered": [
            r.survey.title
            for r in PulseReceipt.objects.filter(respondent=user).select_related("survey")
        ],
    }
