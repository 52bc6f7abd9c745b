"""District partnerships as bodies: finding one, its sub-groups, how residents take part."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.democracy import policy
from coopcouncil.democracy.logic import aggregates
from coopcouncil.democracy.models import (
    CallInSignature,
    DistrictPartnership,
    Meeting,
    MeetingPaper,
    PulseAnswer,
    Question,
    SubGroup,
)
from coopcouncil.democracy.selectors.papers import papers_on_time


def moment_of(value: date | datetime | None, *, end_of_day: bool = False) -> datetime:
    """An aware datetime for a date (local midnight, or the next one) or datetime."""
    if value is None:
        return timezone.now()
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    day = value + timedelta(days=1) if end_of_day else value
    return timezone.make_aware(datetime.combine(day, time.min))


def partnership_for_district(district) -> DistrictPartnership:
    partnership = (
        DistrictPartnership.objects.select_related("district").filter(district=district).first()
    )
    if partnership is None:
        raise NotFound(
            "partnership_not_found",
            gettext("%(district)s has no district partnership yet.") % {"district": district},
        )
    return partnership


def partnership_by_slug(slug: str) -> DistrictPartnership:
    partnership = (
        DistrictPartnership.objects.select_related("district").filter(district__slug=slug).first()
    )
    if partnership is None:
        raise NotFound(
            "partnership_not_found",
            gettext("There is no district partnership '%(slug)s'.") % {"slug": slug},
        )
    return partnership


def partnership_list() -> QuerySet[DistrictPartnership]:
    return DistrictPartnership.objects.select_related("district").order_by("district__name")


def sub_groups_with_meetings(partnership: DistrictPartnership) -> QuerySet[SubGroup]:
    """The partnership's sub-groups, each with its meetings (soonest first) loaded."""
    return partnership.sub_groups.prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at"))
    ).order_by("name")


# --- Participation figures (negotiated-autonomy scorecard) ---


@dataclass(frozen=True)
class DistrictParticipation:
    """How residents took part in a district's democracy over a period.

    ``meeting_attendance`` counts public attendees recorded in minutes; the two on-time
    rates are 0–100, None when no meeting was due. Papers are on time when a held meeting's
    agenda pack and reports were all published at least the rule's clear working days
    before it (``selectors.papers``); ``pulse_score`` is 0–100 from pulse
    surveys, None without answers.
    """

    questions_asked: int
    call_in_signatures: int
    meeting_attendance: int
    papers_published_on_time_rate: int | None
    minutes_published_on_time_rate: int | None
    pulse_score: int | None


def district_participation_figures(
    district, *, since: date | datetime, until: date | datetime
) -> DistrictParticipation:
    """How residents took part in ``district``'s democracy between ``since`` and ``until``.

    Dates are whole days, both included; datetimes are a half-open range.
    """
    start = moment_of(since)
    end = moment_of(until, end_of_day=True)
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(
            partnership__district=district, starts_at__gte=start, starts_at__lt=end
        ).exclude(status=Meeting.Status.CANCELLED)
    )
    held = [m for m in meetings if m.starts_at <= now]
    minutes_due = timedelta(days=policy.minutes_days_after())
    published: dict[int, list[MeetingPaper]] = {m.pk: [] for m in held}
    for paper in MeetingPaper.objects.filter(meeting__in=held, published_at__isnull=False):
        published[paper.meeting_id].append(paper)
    # Judged from each paper's own publication time under the clear working days rule.
    papers_flags = [papers_on_time(m, published[m.pk]) for m in held]
    minutes_flags = [
        m.minutes_published_at is not None and m.minutes_published_at <= m.starts_at + minutes_due
        for m in held
        if m.minutes_published_at is not None or m.starts_at + minutes_due < now
    ]
    answers = PulseAnswer.objects.filter(
        question__survey__partnership__district=district,
        answered_at__gte=start,
        answered_at__lt=end,
    ).values_list("rating", flat=True)
    return DistrictParticipation(
        questions_asked=Question.objects.filter(
            meeting__partnership__district=district, created_at__gte=start, created_at__lt=end
        ).count(),
        call_in_signatures=CallInSignature.objects.filter(
            petition__decision__partnership__district=district,
            signed_at__gte=start,
            signed_at__lt=end,
        ).count(),
        meeting_attendance=sum(m.public_attendees for m in held),
        papers_published_on_time_rate=aggregates.on_time_rate(papers_flags),
        minutes_published_on_time_rate=aggregates.on_time_rate(minutes_flags),
        pulse_score=aggregates.pulse_score([aggregates.pulse_result("all", answers)]),
    )
