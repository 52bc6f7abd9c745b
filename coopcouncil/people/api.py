"""People endpoints: councillors and organisations (public), and the signed-in person."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from coopcouncil.core.pagination import BoundedLimitOffsetPagination
from coopcouncil.people import selectors, services
from coopcouncil.people.permissions import residency_decision
from coopcouncil.people.selectors import verified_residency
from coopcouncil.places import selectors as places

router = Router(tags=["people"])


class CouncillorOut(Schema):
    id: int
    name: str
    ward: str
    ward_slug: str
    district: str
    party: str
    since: date


def _councillor_out(seat) -> dict:
    return {
        "id": seat.user_id,
        "name": seat.user.full_name,
        "ward": seat.ward.name,
        "ward_slug": seat.ward.slug,
        "district": seat.ward.district.name,
        "party": seat.party,
        "since": seat.start_date,
    }


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    district: str | None
    contact_email: str
    contact_phone: str
    website: str

    @staticmethod
    def resolve_district(organisation) -> str | None:
        return organisation.district.slug if organisation.district else None


class MeOut(Schema):
    email: str
    full_name: str
    email_verified: bool
    can_take_part: bool
    reason: str
    ward: str | None


@router.get("/councillors", response=list[CouncillorOut])
@paginate(BoundedLimitOffsetPagination)
def councillor_list(request: HttpRequest, district: str = "", ward: str = ""):
    seats = selectors.councillor_assignments(
        district=places.district_get(district) if district else None,
        ward=places.ward_get(ward) if ward else None,
    )
    return [_councillor_out(seat) for seat in seats]


@router.get("/councillors/{councillor_id}", response=CouncillorOut)
def councillor_detail(request: HttpRequest, councillor_id: int):
    return _councillor_out(selectors.councillor_get(councillor_id))


@router.get("/organisations", response=list[OrganisationOut])
@paginate(BoundedLimitOffsetPagination)
def organisation_list(request: HttpRequest, kind: str = "", district: str = "", search: str = ""):
    return selectors.organisation_list(
        kind=kind,
        district=places.district_get(district) if district else None,
        search=search,
    )


@router.get("/organisations/{slug}", response=OrganisationOut)
def organisation_detail(request: HttpRequest, slug: str):
    return selectors.organisation_get(slug)


@router.get("/me", response=MeOut, auth=django_auth, summary="The signed-in person")
def me(request: HttpRequest):
    user = request.user
    decision = residency_decision(user)
    residency = verified_residency(user)
    return {
        "email": user.email,
        "full_name": user.full_name,
        "email_verified": user.has_verified_email,
        "can_take_part": decision.allowed,
        "reason": decision.reason,
        "ward": residency.ward.slug if residency else None,
    }


@router.get("/me/export", auth=django_auth, summary="Everything held about the signed-in person")
def me_export(request: HttpRequest):
    return services.user_export(user=request.user)


class AddressOut(Schema):
    uprn: int
    address: str


class PostcodeAddressesOut(Schema):
    postcode: str
    addresses: list[AddressOut]


class ResidencyClaimIn(Schema):
    postcode: str
    uprn: int | None = None
    address: str = ""


class ResidencyClaimOut(Schema):
    postcode: str
    uprn: int | None
    status: str
    ward: str | None
    is_ward_for_an_officer: bool


@router.get(
    "/me/residency/addresses",
    response=PostcodeAddressesOut,
    auth=django_auth,
    summary="The addresses the council lists at a postcode in the borough",
)
def residency_addresses(request: HttpRequest, postcode: str):
    found = places.postcode_addresses(postcode)
    return {
        "postcode": found.postcode,
        "addresses": [{"uprn": a.uprn, "address": ", ".join(a.lines)} for a in found.addresses],
    }


@router.post(
    "/me/residency",
    response={201: ResidencyClaimOut},
    auth=django_auth,
    summary="Claim residency at a postcode (and an address listed there); the ward follows",
)
def residency_claim(request: HttpRequest, payload: ResidencyClaimIn):
    residency = services.residency_claim(user=request.user, **payload.dict())
    return 201, {
        "postcode": residency.postcode,
        "uprn": residency.uprn,
        "status": residency.status,
        "ward": residency.ward.slug if residency.ward else None,
        "is_ward_for_an_officer": residency.ward is None,
    }
