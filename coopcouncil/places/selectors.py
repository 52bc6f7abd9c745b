"""Reads for places: areas with their derived figures, loaded without N+1 queries."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.places.logic.figures import AreaFigures, WardFigures, aggregate_figures
from coopcouncil.places.models import Borough, District, Ward


def ward_figures(ward: Ward) -> WardFigures:
    return WardFigures(
        name=ward.name,
        population=ward.population,
        under16_share=ward.under16_share,
        bme_share=ward.bme_share,
        unemployment_rate=ward.unemployment_rate,
        life_expectancy_male=ward.life_expectancy_male,
        life_expectancy_female=ward.life_expectancy_female,
        imd_score=ward.imd_score,
    )


def borough_current() -> Borough | None:
    """The borough this platform serves (the first one; a platform runs one borough)."""
    return Borough.objects.order_by("pk").first()


def ward_list(*, district: District | None = None, search: str = "") -> QuerySet[Ward]:
    wards = Ward.objects.select_related("district")
    if district is not None:
        wards = wards.filter(district=district)
    if search:
        wards = wards.filter(name__icontains=search)
    return wards.order_by("name")


def ward_get(slug_or_code: str) -> Ward:
    ward = (
        Ward.objects.select_related("district__borough").filter(slug=slug_or_code).first()
        or Ward.objects.select_related("district__borough").filter(code=slug_or_code).first()
    )
    if ward is None:
        raise NotFound("ward_not_found", f"There is no ward '{slug_or_code}'.", "ward")
    return ward


def wards_get(slugs: Collection[str], *, field: str = "wards") -> list[Ward]:
    """The wards named by ``slugs``; one unknown slug refuses them all, naming each unknown one.

    ``field`` is the input the slugs came in, so a form or API error points at it.
    """
    wards = list(Ward.objects.filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {w.slug for w in wards})
    if unknown:
        raise DomainError("ward_unknown", f"Unknown ward(s): {', '.join(unknown)}.", field)
    return wards


def district_list(*, with_wards: bool = True) -> QuerySet[District]:
    """Districts by name; ``with_wards=False`` skips loading their wards (a list of choices)."""
    districts = District.objects.order_by("name")
    if with_wards:
        districts = districts.prefetch_related(
            Prefetch("wards", queryset=Ward.objects.order_by("name"))
        )
    return districts


def district_get(slug: str) -> District:
    district = (
        District.objects.select_related("borough")
        .prefetch_related(Prefetch("wards", queryset=Ward.objects.order_by("name")))
        .filter(slug=slug)
        .first()
    )
    if district is None:
        raise NotFound("district_not_found", f"There is no district '{slug}'.", "district")
    return district


def district_figures(district: District) -> AreaFigures:
    """Derived from the district's wards; uses the prefetched wards when present."""
    return aggregate_figures(ward_figures(w) for w in district.wards.all())


def borough_figures(borough: Borough) -> AreaFigures:
    return aggregate_figures(
        ward_figures(w) for w in Ward.objects.filter(district__borough=borough)
    )


@dataclass(frozen=True)
class DistrictSummary:
    district: District
    figures: AreaFigures


def district_summaries() -> list[DistrictSummary]:
    return [DistrictSummary(d, district_figures(d)) for d in district_list()]


def ward_rows_for_export() -> list[dict]:
    """Every ward's figures as plain values, in the import file's columns."""
    return [
        {
            "ward_code": w.code,
            "ward": w.name,
            "district": w.district.name,
            "population": w.population,
            "under16_share": w.under16_share,
            "bme_share": w.bme_share,
            "unemployment_rate": w.unemployment_rate,
            "life_expectancy_male": w.life_expectancy_male,
            "life_expectancy_female": w.life_expectancy_female,
            "imd_score": w.imd_score,
            "imd_rank": w.imd_rank,
        }
        for w in Ward.objects.select_related("district").order_by("district__name", "name")
    ]
