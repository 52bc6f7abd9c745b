"""Places endpoints: districts and wards with their figures."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from coopcouncil.core.caching import shared_read
from coopcouncil.core.errors import NotFound
from coopcouncil.core.pagination import BoundedLimitOffsetPagination
from coopcouncil.places import selectors

router = Router(tags=["places"])


class FiguresOut(Schema):
    population: int
    under16_share: Decimal
    bme_share: Decimal
    unemployment_rate: Decimal
    life_expectancy_male: Decimal
    life_expectancy_female: Decimal
    imd_score: Decimal


class WardOut(FiguresOut):
    code: str
    slug: str
    name: str
    district: str
    district_slug: str
    seats: int
    imd_rank: int

    @staticmethod
    def resolve_district(ward) -> str:
        return ward.district.name

    @staticmethod
    def resolve_district_slug(ward) -> str:
        return ward.district.slug


class DistrictOut(Schema):
    slug: str
    name: str
    wards: list[str]
    figures: FiguresOut


class BoroughOut(Schema):
    name: str
    slug: str
    net_revenue_budget_pence: int
    budget_year: str
    is_illustrative: bool
    figures: FiguresOut
    districts: list[str]


def _district_out(district) -> dict:
    return {
        "slug": district.slug,
        "name": district.name,
        "wards": [w.slug for w in district.wards.all()],
        "figures": selectors.district_figures(district).as_dict(),
    }


@router.get("/borough", response=BoroughOut, summary="The borough with derived figures")
def borough_detail(request: HttpRequest):
    borough = selectors.borough_current()
    if borough is None:
        raise NotFound("borough_not_found", "No borough has been set up yet.")
    return {
        "name": borough.name,
        "slug": borough.slug,
        "net_revenue_budget_pence": borough.net_revenue_budget_pence,
        "budget_year": borough.budget_year,
        "is_illustrative": borough.is_illustrative,
        "figures": selectors.borough_figures(borough).as_dict(),
        "districts": [d.slug for d in selectors.district_list()],
    }


@router.get("/districts", response=list[DistrictOut], summary="Districts with derived figures")
@paginate(BoundedLimitOffsetPagination)
def district_list(request: HttpRequest, search: str = ""):
    districts = selectors.district_list()
    if search:
        districts = districts.filter(name__icontains=search)
    return [_district_out(d) for d in districts]


@router.get("/districts/{slug}", response=DistrictOut)
@shared_read(lambda slug: ["places"])
def district_detail(request: HttpRequest, slug: str):
    return _district_out(selectors.district_get(slug))


@router.get("/wards", response=list[WardOut], summary="Wards with their published figures")
@paginate(BoundedLimitOffsetPagination)
def ward_list(request: HttpRequest, district: str = "", search: str = ""):
    return selectors.ward_list(
        district=selectors.district_get(district) if district else None, search=search
    )


@router.get("/wards/{slug}", response=WardOut)
@shared_read(lambda slug: ["places"])
def ward_detail(request: HttpRequest, slug: str):
    return selectors.ward_get(slug)
