"""Reads for community assets: the register, leases and commitments, licences, ACV dates.

Mutuals and insight's social map read ``asset_list`` and ``leases_for_organisation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.coproduction import policy
from coopcouncil.coproduction.logic.assets import is_ending_soon
from coopcouncil.coproduction.logic.community_value import (
    DisposalDates,
    disposal_dates,
    listing_ends_on,
)
from coopcouncil.coproduction.models import (
    CommitmentReturn,
    CommunityAsset,
    CommunityValueNomination,
    LeaseAgreement,
    LeaseApplication,
    MeanwhileLicence,
    ServiceCommitment,
)
from coopcouncil.core.errors import NotFound
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District, Ward


def _in_community_hands(today: date) -> Exists:
    return Exists(
        LeaseAgreement.objects.filter(asset=OuterRef("pk"), starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )
    )


def asset_list(
    *, ward: Ward | None = None, district: District | None = None, kind: str = ""
) -> QuerySet[CommunityAsset]:
    """The register, each asset annotated ``is_in_community_hands`` (a current agreement)."""
    assets = CommunityAsset.objects.select_related("ward__district").annotate(
        is_in_community_hands=_in_community_hands(timezone.localdate())
    )
    if ward is not None:
        assets = assets.filter(ward=ward)
    if district is not None:
        assets = assets.filter(ward__district=district)
    if kind:
        assets = assets.filter(kind=kind)
    return assets


def asset_get(reference: str) -> CommunityAsset:
    asset = (
        CommunityAsset.objects.select_related("ward__district")
        .annotate(is_in_community_hands=_in_community_hands(timezone.localdate()))
        .prefetch_related(
            Prefetch(
                "agreements",
                queryset=LeaseAgreement.objects.select_related("organisation").prefetch_related(
                    "application__commitments__returns"
                ),
            ),
            Prefetch("licences", queryset=MeanwhileLicence.objects.select_related("organisation")),
        )
        .filter(reference=reference)
        .first()
    )
    if asset is None:
        raise NotFound("asset_not_found", gettext("There is no such asset."), "asset")
    return asset


def leases_for_organisation(organisation: Organisation) -> QuerySet[LeaseAgreement]:
    """The group's leases and transfers, with their assets."""
    return LeaseAgreement.objects.filter(organisation=organisation).select_related("asset__ward")


@dataclass(frozen=True)
class AssetHolder:
    """An organisation holding an asset today, by a lease, a transfer or a meanwhile licence."""

    asset_id: int
    organisation_id: int


def asset_holders(*, today: date | None = None) -> list[AssetHolder]:
    """Who holds which asset today (two queries): insight's social map ties groups that
    share an asset and places a group in its asset's ward."""
    today = today or timezone.localdate()
    current = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    leases = LeaseAgreement.objects.filter(current).values_list("asset_id", "organisation_id")
    licences = MeanwhileLicence.objects.filter(starts_on__lte=today, ends_on__gte=today)
    pairs = set(leases) | set(licences.values_list("asset_id", "organisation_id"))
    return [AssetHolder(asset, organisation) for asset, organisation in sorted(pairs)]


def lease_applications(*, status: str = "") -> QuerySet[LeaseApplication]:
    applications = LeaseApplication.objects.select_related(
        "asset", "organisation"
    ).prefetch_related("commitments")
    return applications.filter(status=status) if status else applications


def lease_application_get(application_id: int) -> LeaseApplication:
    application = lease_applications().filter(pk=application_id).first()
    if application is None:
        raise NotFound(
            "application_not_found", gettext("There is no such application."), "application_id"
        )
    return application


def agreements_with_commitments() -> QuerySet[LeaseAgreement]:
    """Agreements with each commitment and its returns (latest first), for monitoring."""
    commitments = ServiceCommitment.objects.prefetch_related(
        Prefetch("returns", queryset=CommitmentReturn.objects.order_by("-year"))
    )
    return LeaseAgreement.objects.select_related("asset__ward", "organisation").prefetch_related(
        Prefetch("application__commitments", queryset=commitments)
    )


def commitment_get(commitment_id: int) -> ServiceCommitment:
    commitment = (
        ServiceCommitment.objects.select_related("application").filter(pk=commitment_id).first()
    )
    if commitment is None:
        raise NotFound(
            "commitment_not_found", gettext("There is no such commitment."), "commitment_id"
        )
    return commitment


def commitments_missed() -> QuerySet[CommitmentReturn]:
    """Returns that fell short of their target, flagged for the asset officer."""
    return CommitmentReturn.objects.filter(is_met=False).select_related(
        "commitment__application__asset", "commitment__application__organisation"
    )


def licences_ending_soon(*, today: date | None = None) -> list[MeanwhileLicence]:
    """Meanwhile licences ending within the warning period (eight weeks by default)."""
    today = today or timezone.localdate()
    warning = policy.licence_warning_days()
    licences = MeanwhileLicence.objects.filter(ends_on__gte=today).select_related(
        "asset", "organisation"
    )
    return [
        licence
        for licence in licences
        if is_ending_soon(ends_on=licence.ends_on, today=today, warning_days=warning)
    ]


def lease_reviews_due(*, today: date | None = None) -> QuerySet[LeaseAgreement]:
    """Agreements whose review falls within the warning period (or is overdue)."""
    today = today or timezone.localdate()
    until = today + timedelta(days=policy.licence_warning_days())
    return LeaseAgreement.objects.filter(next_review_on__lte=until).select_related(
        "asset", "organisation"
    )


def licences_current(*, today: date | None = None) -> QuerySet[MeanwhileLicence]:
    today = today or timezone.localdate()
    return MeanwhileLicence.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related(
        "asset__ward", "organisation"
    )


# --- Assets of community value --------------------------------------------------------


@dataclass(frozen=True)
class CommunityValueDates:
    """The dates a nomination's page shows: listing end, and the sale clock once notified."""

    listing_ends_on: date | None
    disposal: DisposalDates | None


def community_value_dates(nomination: CommunityValueNomination) -> CommunityValueDates:
    disposal = None
    if nomination.notice_on is not None:
        disposal = disposal_dates(
            notice_on=nomination.notice_on, intention_to_bid_on=nomination.intention_to_bid_on
        )
    return CommunityValueDates(
        listing_ends_on=listing_ends_on(nomination.listed_on) if nomination.listed_on else None,
        disposal=disposal,
    )


def community_value_list(*, district: District | None = None) -> QuerySet[CommunityValueNomination]:
    nominations = CommunityValueNomination.objects.select_related("ward__district", "organisation")
    return nominations.filter(ward__district=district) if district is not None else nominations


def community_value_get(nomination_id: int) -> CommunityValueNomination:
    nomination = (
        community_value_list().select_related("nominated_by").filter(pk=nomination_id).first()
    )
    if nomination is None:
        raise NotFound(
            "nomination_not_found", gettext("There is no such nomination."), "nomination_id"
        )
    return nomination
