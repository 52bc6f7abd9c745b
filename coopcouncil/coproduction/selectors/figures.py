"""Figures everyone can see, per ward and per district, with no personal data; the records
insight counts for participation at scale; and a person's own co-production data.

Each figure is one grouped query, so a page costs the same however many wards or records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcouncil.coproduction.models import (
    CommitmentReturn,
    CommunityAsset,
    CommunityValueNomination,
    CreditAccount,
    CreditEntry,
    GrittingRoute,
    GrittingRun,
    LeaseAgreement,
    SafeguardingCheck,
    SignUp,
    StaffVolunteeringRequest,
)
from coopcouncil.core.interfaces import ParticipationSource
from coopcouncil.people.models import User
from coopcouncil.places.models import District, Ward

# SQLite sums decimals to "3", PostgreSQL to "3.00"; figures show hundredths on both.
HUNDREDTHS = Decimal("0.01")


@dataclass
class AreaFigures:
    """One ward's or district's co-production figures."""

    name: str
    slug: str
    volunteers: int = 0
    hours: Decimal = Decimal("0.00")
    credits_earned: int = 0
    credits_spent: int = 0
    assets_in_community_hands: int = 0
    commitments_met: int = 0
    commitments_returned: int = 0


def _grouped(queryset, key: str, **aggregates) -> dict[Any, dict]:
    return {row[key]: row for row in queryset.values(key).annotate(**aggregates).order_by()}


def _figures(areas: list, ward_path: str) -> list[AreaFigures]:
    """``ward_path`` "" groups by ward, "__district" by district."""
    today = timezone.localdate()
    attended = SignUp.objects.filter(status=SignUp.Status.ATTENDED)
    volunteering = _grouped(
        attended,
        f"shift__opportunity__ward{ward_path}",
        volunteers=Count("volunteer", distinct=True),
        hours=Sum("hours"),
    )
    credits = _grouped(
        CreditEntry.objects.all(),
        f"account__ward{ward_path}",
        earned=Sum("amount", filter=Q(amount__gt=0)),
        spent=Sum("amount", filter=Q(amount__lt=0)),
    )
    current = LeaseAgreement.objects.filter(starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    assets = _grouped(
        CommunityAsset.objects.filter(agreements__in=current),
        f"ward{ward_path}",
        held=Count("pk", distinct=True),
    )
    returns = _grouped(
        CommitmentReturn.objects.all(),
        f"commitment__application__asset__ward{ward_path}",
        met=Count("pk", filter=Q(is_met=True)),
        returned=Count("pk"),
    )
    rows = []
    for area in areas:
        row = AreaFigures(name=area.name, slug=area.slug)
        if area.pk in volunteering:
            row.volunteers = volunteering[area.pk]["volunteers"]
            row.hours = (volunteering[area.pk]["hours"] or Decimal(0)).quantize(HUNDREDTHS)
        if area.pk in credits:
            row.credits_earned = credits[area.pk]["earned"] or 0
            row.credits_spent = -(credits[area.pk]["spent"] or 0)
        row.assets_in_community_hands = assets.get(area.pk, {}).get("held", 0)
        row.commitments_met = returns.get(area.pk, {}).get("met", 0)
        row.commitments_returned = returns.get(area.pk, {}).get("returned", 0)
        rows.append(row)
    return rows


def ward_figures(district: District) -> list[AreaFigures]:
    """Each ward of ``district``."""
    return _figures(list(Ward.objects.filter(district=district).order_by("name")), "")


def district_figures() -> list[AreaFigures]:
    """Each district of the borough."""
    return _figures(list(District.objects.order_by("name")), "__district")


def all_ward_figures() -> list[AreaFigures]:
    """Every ward, for the open dataset."""
    return _figures(list(Ward.objects.order_by("name")), "")


def participation_sources() -> list[ParticipationSource]:
    """Co-production's records for insight's participation at scale.

    Delivering: confirmed volunteering, gritting runs, assets a group took on (credited to
    the member who applied). Supporting: time credits earned and spent.
    """
    return [
        ParticipationSource(
            role="delivering",
            kind="volunteering_hours",
            label=_("Volunteered (confirmed hours)"),
            events=SignUp.objects.filter(status=SignUp.Status.ATTENDED, volunteer__isnull=False)
            .annotate(user_id=F("volunteer_id"), at=F("shift__starts_at"))
            .values("user_id", "at"),
        ),
        ParticipationSource(
            role="delivering",
            kind="gritting_runs",
            label=_("Gritted a street"),
            events=GrittingRun.objects.filter(volunteer__isnull=False)
            .annotate(user_id=F("volunteer_id"), at=F("gritted_at"))
            .values("user_id", "at"),
        ),
        ParticipationSource(
            role="delivering",
            kind="assets_managed",
            label=_("Took on a community asset"),
            events=LeaseAgreement.objects.filter(application__submitted_by__isnull=False)
            .annotate(user_id=F("application__submitted_by_id"), at=F("application__decided_at"))
            .values("user_id", "at"),
        ),
        ParticipationSource(
            role="supporting",
            kind="time_credits",
            label=_("Earned or spent time credits"),
            events=CreditEntry.objects.filter(account__person__isnull=False)
            .annotate(user_id=F("account__person_id"))
            .values("user_id", "at"),
        ),
    ]


def coproduction_last_updated() -> datetime | None:
    """When the assets register or its leases last changed (for the open data catalogue)."""
    moments = [
        LeaseAgreement.objects.aggregate(at=Max("application__decided_at"))["at"],
        CommitmentReturn.objects.aggregate(at=Max("recorded_at"))["at"],
        SignUp.objects.aggregate(at=Max("confirmed_at"))["at"],
    ]
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None


def coproduction_personal_data(*, user: User) -> dict:
    """Everything co-production holds about a person, for their data export."""
    return {
        "sign_ups": [
            {
                "role": sign_up.shift.opportunity.role,
                "starts_at": sign_up.shift.starts_at.isoformat(),
                "status": sign_up.status,
                "hours": str(sign_up.hours) if sign_up.hours is not None else None,
            }
            for sign_up in SignUp.objects.filter(volunteer=user).select_related(
                "shift__opportunity"
            )
        ],
        "safeguarding_checks": [
            {"checked_on": check.checked_on.isoformat(), "expires_on": check.expires_on.isoformat()}
            for check in SafeguardingCheck.objects.filter(person=user)
        ],
        "time_credits": {
            "balance": sum(
                CreditAccount.objects.filter(person=user).values_list("balance", flat=True)
            ),
            "entries": [
                {"amount": entry.amount, "at": entry.at.isoformat(), "code": entry.code}
                for entry in CreditEntry.objects.filter(account__person=user)
            ],
        },
        "gritting_routes": list(
            GrittingRoute.objects.filter(volunteer=user).values_list("name", flat=True)
        ),
        "gritting_runs": [
            run.gritted_at.isoformat() for run in GrittingRun.objects.filter(volunteer=user)
        ],
        "staff_volunteering": [
            {
                "on_date": r.on_date.isoformat(),
                "days": str(r.days),
                "cause": r.cause,
                "status": r.status,
            }
            for r in StaffVolunteeringRequest.objects.filter(employee=user)
        ],
        "community_value_nominations": list(
            CommunityValueNomination.objects.filter(nominated_by=user).values_list(
                "name", flat=True
            )
        ),
    }
