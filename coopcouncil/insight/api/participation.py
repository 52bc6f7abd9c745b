"""Participation at scale and the social map: public figures, no personal data."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from coopcouncil.insight import selectors, services
from coopcouncil.places import selectors as places

router = Router(tags=["insight: participation at scale"])


class WardParticipationOut(Schema):
    ward: str
    name: str
    population: int
    imd_score: Decimal
    deciding: int
    delivering: int
    supporting: int
    participants: int
    new_participants: int
    per_thousand: Decimal | None


class MonthOut(Schema):
    month: date
    participants: int
    new_participants: int


class SourceOut(Schema):
    role: str
    role_label: str
    kind: str
    label: str
    participants: int


class ParticipationOut(Schema):
    window_start: date | None
    computed_at: datetime | None
    participants: int
    new_participants: int
    per_thousand: Decimal | None
    deciding: int
    delivering: int
    supporting: int
    unplaced: int
    wards: list[WardParticipationOut]
    months: list[MonthOut]
    sources: list[SourceOut]


@router.get("/participation", response=ParticipationOut, summary="Participation at scale")
def participation(request: HttpRequest, district: str = ""):
    area = places.district_get(district) if district else None
    scale = selectors.participation_at_scale(district=area)
    return {
        "window_start": scale.window_start,
        "computed_at": scale.computed_at,
        "participants": scale.participants,
        "new_participants": scale.new_participants,
        "per_thousand": scale.per_thousand,
        **scale.by_role,
        "unplaced": scale.unplaced,
        "wards": [
            {
                "ward": r.ward.slug,
                "name": r.ward.name,
                "population": r.population,
                "imd_score": r.ward.imd_score,
                **r.by_role,
                "participants": r.participants,
                "new_participants": r.new_participants,
                "per_thousand": r.per_thousand,
            }
            for r in scale.wards
        ],
        "months": [m.__dict__ for m in scale.months],
        "sources": [s.__dict__ for s in scale.sources],
    }


@router.post(
    "/participation/refresh",
    response={202: dict},
    auth=django_auth,
    summary="Count participation again (queued for the worker)",
)
def participation_refresh(request: HttpRequest):
    services.participation_refresh_queue(actor=request.user)
    return 202, {"detail": "queued"}


class GroupOut(Schema):
    id: int
    name: str
    district: str
    ward: str | None
    ties: int
    betweenness: float
    is_isolated: bool


class GroupTieOut(Schema):
    a: int
    b: int
    shared_members: int
    shared_partnerships: int
    shared_assets: int
    joint_grants: int
    kinds: list[str] = Field(
        description='What ties the two: "shared_members", "district_partnership",'
        ' "shared_asset", "joint_grant"'
    )


class AreaTiesOut(Schema):
    area: str
    bonding: int
    bridging: int


class SocialMapAssetOut(Schema):
    name: str
    kind: str
    ward: str
    holders: int
    url: str


class SocialMapOut(Schema):
    organisations: list[GroupOut]
    ties: list[GroupTieOut]
    wards: list[AreaTiesOut]
    districts: list[AreaTiesOut]
    assets: list[SocialMapAssetOut]


@router.get(
    "/social-map",
    response=SocialMapOut,
    summary="Organisations, assets, ties between groups, network measures (no personal data)",
)
def social_map(request: HttpRequest):
    found = selectors.social_map()
    network = found.network
    return {
        "organisations": [
            {
                "id": m.group.id,
                "name": m.group.name,
                "district": m.group.district,
                "ward": m.group.ward,
                "ties": m.ties,
                "betweenness": m.betweenness,
                "is_isolated": m.is_isolated,
            }
            for m in network.groups
        ],
        "ties": [{**t.__dict__, "kinds": list(t.kinds)} for t in network.ties],
        "wards": [w.__dict__ for w in network.wards],
        "districts": [d.__dict__ for d in network.districts],
        "assets": [
            {
                "name": a.name,
                "kind": a.kind,
                "ward": a.ward.name,
                "holders": a.holders,
                "url": a.url,
            }
            for a in found.assets
        ],
    }
