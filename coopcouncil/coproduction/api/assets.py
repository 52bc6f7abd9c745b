"""Endpoints for community assets, leases, commitments, assets of community value, figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.coproduction import selectors, services
from coopcouncil.coproduction.models import CommunityValueNomination, LeaseApplication
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places

router = Router(tags=["coproduction: community assets"])


class AssetOut(Schema):
    reference: str
    name: str
    kind: str
    ward: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    condition: str
    running_cost_pence: int
    current_use: str
    is_in_community_hands: bool


class AssetCommitmentIn(Schema):
    measure: str
    description: str
    target: int


class AssetTransferApplicationIn(Schema):
    organisation_id: int
    terms: str
    proposal: str
    commitments: list[AssetCommitmentIn]


class AssetTransferApplicationOut(Schema):
    id: int
    asset: str
    organisation: str
    terms: str
    status: str


class AssetTransferDecisionIn(Schema):
    is_agreed: bool
    assessment: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    rent_pence: int = 0
    next_review_on: date | None = None


class AssetReturnIn(Schema):
    year: int
    achieved: int


class AssetReturnOut(Schema):
    commitment_id: int
    year: int
    achieved: int
    is_met: bool


class NominationIn(Schema):
    name: str
    address: str
    ward: str
    reason: str
    organisation_id: int | None = None


class NominationOut(Schema):
    id: int
    name: str
    ward: str
    status: str
    listed_on: date | None
    listing_ends_on: date | None
    notice_on: date | None
    bid_window_ends_on: date | None
    moratorium_ends_on: date | None
    protected_period_ends_on: date | None


class ListingIn(Schema):
    is_listed: bool
    decided_on: date


class NoticeIn(Schema):
    notice_on: date
    intention_to_bid_on: date | None = None


class AssetFiguresOut(Schema):
    name: str
    slug: str
    volunteers: int
    hours: Decimal
    credits_earned: int
    credits_spent: int
    assets_in_community_hands: int
    commitments_met: int
    commitments_returned: int


def _asset_out(asset) -> dict:
    return {
        "reference": asset.reference,
        "name": asset.name,
        "kind": asset.kind,
        "ward": asset.ward.slug,
        "address": asset.address,
        "latitude": asset.latitude,
        "longitude": asset.longitude,
        "condition": asset.condition,
        "running_cost_pence": asset.running_cost_pence,
        "current_use": asset.current_use,
        "is_in_community_hands": bool(getattr(asset, "is_in_community_hands", False)),
    }


def _application_out(application: LeaseApplication) -> dict:
    return {
        "id": application.pk,
        "asset": application.asset.reference,
        "organisation": application.organisation.name,
        "terms": application.terms,
        "status": application.status,
    }


def _nomination_out(nomination: CommunityValueNomination) -> dict:
    dates = selectors.community_value_dates(nomination)
    disposal = dates.disposal
    return {
        "id": nomination.pk,
        "name": nomination.name,
        "ward": nomination.ward.slug,
        "status": nomination.status,
        "listed_on": nomination.listed_on,
        "listing_ends_on": dates.listing_ends_on,
        "notice_on": nomination.notice_on,
        "bid_window_ends_on": disposal.bid_window_ends_on if disposal else None,
        "moratorium_ends_on": disposal.moratorium_ends_on if disposal else None,
        "protected_period_ends_on": disposal.protected_period_ends_on if disposal else None,
    }


@router.get("/assets", response=list[AssetOut], summary="The community asset register")
def asset_list(request: HttpRequest, district: str = "", kind: str = ""):
    assets = selectors.asset_list(
        district=places.district_get(district) if district else None, kind=kind
    )
    return [_asset_out(asset) for asset in assets[:1000]]


@router.get("/assets/{reference}", response=AssetOut, summary="One asset")
def asset_get(request: HttpRequest, reference: str):
    return _asset_out(selectors.asset_get(reference))


@router.post(
    "/assets/{reference}/applications",
    response={201: AssetTransferApplicationOut},
    auth=django_auth,
    summary="A group applies to lease or take over an asset, with its commitments",
)
def lease_apply(request: HttpRequest, reference: str, payload: AssetTransferApplicationIn):
    application = services.lease_apply(
        actor=request.user,
        asset=selectors.asset_get(reference),
        organisation=people.organisation_get_by_id(
            payload.organisation_id, field="organisation_id"
        ),
        terms=payload.terms,
        proposal=payload.proposal,
        commitments=[(c.measure, c.description, c.target) for c in payload.commitments],
    )
    return 201, _application_out(application)


@router.post(
    "/asset-applications/{application_id}/decision",
    response=AssetTransferApplicationOut,
    auth=django_auth,
    summary="Agree (with term, rent, review) or refuse an application (asset officers)",
)
def lease_decide(request: HttpRequest, application_id: int, payload: AssetTransferDecisionIn):
    application = selectors.lease_application_get(application_id)
    return _application_out(
        services.lease_decide(actor=request.user, application=application, **payload.dict())
    )


@router.post(
    "/commitments/{commitment_id}/returns",
    response={201: AssetReturnOut},
    auth=django_auth,
    summary="A yearly return against a commitment (the group or an asset officer)",
)
def commitment_return(request: HttpRequest, commitment_id: int, payload: AssetReturnIn):
    record = services.commitment_return_record(
        actor=request.user, commitment=selectors.commitment_get(commitment_id), **payload.dict()
    )
    return 201, {
        "commitment_id": commitment_id,
        "year": record.year,
        "achieved": record.achieved,
        "is_met": record.is_met,
    }


class AssetsImportIn(Schema):
    text: str


class LicenceIn(Schema):
    asset: str
    organisation_id: int
    use: str
    starts_on: date
    ends_on: date


class LicenceOut(Schema):
    id: int
    asset: str
    organisation: str
    use: str
    starts_on: date
    ends_on: date
    is_ending_soon: bool


@router.post(
    "/asset-imports",
    response={201: dict},
    auth=django_auth,
    summary="Import the register as CSV text: every row or none, errors by row (officers)",
)
def assets_import(request: HttpRequest, payload: AssetsImportIn):
    return 201, {"imported": services.assets_import(actor=request.user, text=payload.text)}


@router.get(
    "/meanwhile-licences", response=list[LicenceOut], summary="Current meanwhile-use licences"
)
def licence_list(request: HttpRequest):
    ending = {licence.pk for licence in selectors.licences_ending_soon()}
    return [
        {
            "id": licence.pk,
            "asset": licence.asset.reference,
            "organisation": licence.organisation.name,
            "use": licence.use,
            "starts_on": licence.starts_on,
            "ends_on": licence.ends_on,
            "is_ending_soon": licence.pk in ending,
        }
        for licence in selectors.licences_current()[:500]
    ]


@router.post(
    "/meanwhile-licences",
    response={201: LicenceOut},
    auth=django_auth,
    summary="License a stalled site to a community use for a fixed time (officers)",
)
def licence_grant(request: HttpRequest, payload: LicenceIn):
    licence = services.meanwhile_licence_grant(
        actor=request.user,
        asset=selectors.asset_get(payload.asset),
        organisation=people.organisation_get_by_id(
            payload.organisation_id, field="organisation_id"
        ),
        use=payload.use,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return 201, {
        "id": licence.pk,
        "asset": payload.asset,
        "organisation": licence.organisation.name,
        "use": licence.use,
        "starts_on": licence.starts_on,
        "ends_on": licence.ends_on,
        "is_ending_soon": licence in selectors.licences_ending_soon(),
    }


@router.get("/community-value", response=list[NominationOut], summary="Assets of community value")
def nomination_list(request: HttpRequest):
    return [_nomination_out(n) for n in selectors.community_value_list()[:500]]


@router.get(
    "/community-value/{nomination_id}", response=NominationOut, summary="A nomination and its dates"
)
def nomination_get(request: HttpRequest, nomination_id: int):
    return _nomination_out(selectors.community_value_get(nomination_id))


@router.post(
    "/community-value", response={201: NominationOut}, auth=django_auth, summary="Nominate an asset"
)
def nominate(request: HttpRequest, payload: NominationIn):
    nomination = services.community_value_nominate(
        actor=request.user,
        name=payload.name,
        address=payload.address,
        ward=places.ward_get(payload.ward),
        reason=payload.reason,
        organisation=people.organisation_get_by_id(payload.organisation_id, field="organisation_id")
        if payload.organisation_id
        else None,
    )
    return 201, _nomination_out(nomination)


@router.post(
    "/community-value/{nomination_id}/decision",
    response=NominationOut,
    auth=django_auth,
    summary="List the asset or not (asset officers)",
)
def nomination_decide(request: HttpRequest, nomination_id: int, payload: ListingIn):
    nomination = selectors.community_value_get(nomination_id)
    return _nomination_out(
        services.community_value_list(actor=request.user, nomination=nomination, **payload.dict())
    )


@router.post(
    "/community-value/{nomination_id}/notice",
    response=NominationOut,
    auth=django_auth,
    summary="Record the owner's notice of intended sale (asset officers)",
)
def nomination_notice(request: HttpRequest, nomination_id: int, payload: NoticeIn):
    nomination = selectors.community_value_get(nomination_id)
    return _nomination_out(
        services.community_value_notice_record(
            actor=request.user, nomination=nomination, **payload.dict()
        )
    )


@router.get(
    "/figures",
    response=list[AssetFiguresOut],
    summary="Figures by district, or by ward of a district",
)
def figures(request: HttpRequest, district: str = ""):
    rows = (
        selectors.ward_figures(places.district_get(district))
        if district
        else selectors.district_figures()
    )
    return [row.__dict__ for row in rows]
