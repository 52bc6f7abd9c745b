"""Published decisions, call-in petitions and the searchable public archive."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy.logic.deadlines import is_call_in_open
from coopcouncil.democracy.models import (
    CallInPetition,
    CallInSignature,
    Decision,
    DistrictPartnership,
    Meeting,
    Question,
    Vote,
)

# --- Decisions and call-in ---


def decision_list(
    *, partnership: DistrictPartnership | None = None, status: str = ""
) -> QuerySet[Decision]:
    """Published decisions (drafts stay with the clerk), newest first."""
    decisions = (
        Decision.objects.exclude(status=Decision.Status.DRAFT)
        .select_related("partnership__district", "call_in")
        .prefetch_related("wards")
    )
    if partnership is not None:
        decisions = decisions.filter(partnership=partnership)
    if status:
        decisions = decisions.filter(status=status)
    return decisions.order_by("-published_at")


def _named_votes() -> Prefetch:
    return Prefetch("votes", queryset=Vote.objects.select_related("councillor"))


def decision_list_with_votes(
    *, partnership: DistrictPartnership | None = None, status: str = ""
) -> QuerySet[Decision]:
    """``decision_list`` with each decision's named votes loaded, for the open-data API."""
    return decision_list(partnership=partnership, status=status).prefetch_related(_named_votes())


def decision_get(pk: int, *, include_drafts: bool = False) -> Decision:
    decisions = Decision.objects.select_related(
        "partnership__district", "meeting", "call_in__review_item__meeting"
    ).prefetch_related("wards", _named_votes())
    if not include_drafts:
        decisions = decisions.exclude(status=Decision.Status.DRAFT)
    decision = decisions.filter(pk=pk).first()
    if decision is None:
        raise NotFound(
            "decision_not_found", gettext("There is no published decision %(pk)s.") % {"pk": pk}
        )
    return decision


def call_in_counts_by_ward(petition) -> list[dict]:
    """Public signature counts per ward, largest first."""
    rows = (
        petition.signatures.values("ward__name")
        .annotate(signatures=Count("id"))
        .order_by("-signatures", "ward__name")
    )
    return [{"ward": r["ward__name"], "signatures": r["signatures"]} for r in rows]


def call_in_public_names(petition) -> list[str]:
    """Names of signers who chose to show them; everyone else is counted only."""
    return list(
        petition.signatures.filter(show_name=True)
        .order_by("signed_at")
        .values_list("signer__full_name", flat=True)
    )


def call_in_is_open(petition: CallInPetition | None, *, now: datetime) -> bool:
    """Whether ``petition`` takes signatures at ``now``: not closed, and inside its window.

    The same window the signing service enforces, so the page offers the form only then.
    """
    return (
        petition is not None
        and petition.status != CallInPetition.Status.CLOSED
        and is_call_in_open(opens_at=petition.opens_at, closes_at=petition.closes_at, now=now)
    )


def has_signed(user, petition) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and petition.signatures.filter(signer=user).exists()
    )


def has_signed_a_call_in_since(user, since: datetime) -> bool:
    """Whether the person signed any call-in petition at or after ``since`` (membership's
    "have my say" pledge is ticked from this, not typed in)."""
    return CallInSignature.objects.filter(signer=user, signed_at__gte=since).exists()


# --- Public archive ---


def archive_search(*, text: str = "", district=None, limit: int = 50) -> dict:
    """Search past meetings, decisions and answered questions by words in them."""
    meetings = Meeting.objects.filter(minutes_published_at__isnull=False).select_related(
        "partnership__district"
    )
    decisions = decision_list()
    questions = Question.objects.filter(status=Question.Status.ACCEPTED).exclude(answer="")
    if district is not None:
        meetings = meetings.filter(partnership__district=district)
        decisions = decisions.filter(partnership__district=district)
        questions = questions.filter(meeting__partnership__district=district)
    for word in text.split():
        meetings = meetings.filter(
            Q(title__icontains=word)
            | Q(minutes_notes__icontains=word)
            | Q(agenda_items__title__icontains=word)
        ).distinct()
        decisions = decisions.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        questions = questions.filter(Q(text__icontains=word) | Q(answer__icontains=word))
    return {
        "meetings": list(meetings.order_by("-starts_at")[:limit]),
        "decisions": list(decisions[:limit]),
        "questions": list(
            questions.select_related("meeting__partnership").order_by("-answered_at")[:limit]
        ),
    }


def call_in_page_topic(decision_id: int) -> str:
    """The page-cache topic of one decision's call-in signatures (core/caching.py): each
    signature re-renders that decision's page, not every democracy page."""
    return f"democracy.call_in.{decision_id}"


def questions_page_topic(meeting_id: int) -> str:
    """The page-cache topic of the questions put to one meeting: a question asked (awaiting
    moderation, shown on no shared page) leaves the decision pages in the news cached."""
    return f"democracy.questions.{meeting_id}"
