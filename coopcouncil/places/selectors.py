"""Reads for places: areas with their derived figures, loaded without N+1 queries."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.places.logic.addresses import (
    KnownAddress,
    Placement,
    postcode_wards,
    resident_placement,
)
from coopcouncil.places.logic.figures import AreaFigures, WardFigures, aggregate_figures
from coopcouncil.places.logic.postcodes import PostcodeInvalid, postcode_normalise
from coopcouncil.places.models import Address, Borough, District, Postcode, Ward


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


# --- Where a resident lives: the postcode directory and the address list ---------------


def postcode_clean(text: str) -> str:
    """The postcode as the council writes it ('OL1 1AA'), or a refusal on the postcode field."""
    try:
        return postcode_normalise(text)
    except PostcodeInvalid:
        raise DomainError(
            "postcode_invalid", gettext("Enter a full UK postcode, like OL1 1AA."), "postcode"
        ) from None


@dataclass(frozen=True)
class PostcodeAddresses:
    """A borough postcode, its entry in the directory (if any) and its listed addresses."""

    postcode: str
    directory_entry: Postcode | None
    addresses: list[Address]

    def known_addresses(self) -> list[KnownAddress]:
        return [KnownAddress(a.uprn, a.ward.code) for a in self.addresses]


def postcode_addresses(text: str) -> PostcodeAddresses:
    """The addresses the council lists at a postcode; refuses a postcode outside the borough.

    A postcode is in the borough when the postcode directory or the address list has it.
    """
    postcode = postcode_clean(text)
    entry = Postcode.objects.select_related("ward").filter(postcode=postcode).first()
    addresses = list(Address.objects.select_related("ward").filter(postcode=postcode))
    found = PostcodeAddresses(postcode, entry, addresses)
    placement = resident_placement(
        directory_ward_code=entry.ward.code if entry else None,
        is_terminated=bool(entry and entry.is_terminated),
        addresses=found.known_addresses(),
        uprn=None,
    ).placement
    if placement is Placement.OUTSIDE_BOROUGH:
        borough = borough_current()
        raise DomainError(
            "postcode_outside_borough",
            gettext("%(postcode)s is not a postcode in %(borough)s.")
            % {
                "postcode": postcode,
                "borough": borough.name if borough else gettext("the borough"),
            },
            "postcode",
        )
    if placement is Placement.TERMINATED:
        raise DomainError(
            "postcode_terminated",
            gettext("%(postcode)s is no longer in use. Enter your current postcode.")
            % {"postcode": postcode},
            "postcode",
        )
    return found


@dataclass(frozen=True)
class ResidentPlace:
    """Where a resident lives: the ward (None while an officer decides) and the address."""

    postcode: str
    ward: Ward | None
    address: Address | None


def resident_place(*, postcode: str, uprn: int | None) -> ResidentPlace:
    """The ward of the address a resident chose, or of their postcode (logic/addresses.py).

    ``ward`` is None for a straddling postcode with no address chosen: an officer decides.
    """
    found = postcode_addresses(postcode)
    entry = found.directory_entry
    result = resident_placement(
        directory_ward_code=entry.ward.code if entry else None,
        is_terminated=False,  # postcode_addresses refused a terminated one
        addresses=found.known_addresses(),
        uprn=uprn,
    )
    if result.placement is Placement.ADDRESS_NOT_AT_POSTCODE:
        raise DomainError(
            "address_not_at_postcode",
            gettext("Choose one of the addresses listed for %(postcode)s.")
            % {"postcode": found.postcode},
            "uprn",
        )
    if result.placement is Placement.FOR_AN_OFFICER:
        return ResidentPlace(found.postcode, None, None)
    address = next((a for a in found.addresses if a.uprn == result.uprn), None)
    wards = {a.ward.code: a.ward for a in found.addresses}
    if entry is not None:
        wards[entry.ward.code] = entry.ward
    return ResidentPlace(found.postcode, wards[result.ward_code or ""], address)


def postcode_ward_choices(postcode: str) -> list[Ward]:
    """The wards a postcode touches, by name: the choices for an officer placing a resident."""
    entry = Postcode.objects.filter(postcode=postcode).values_list("ward__code", flat=True).first()
    codes = postcode_wards(
        entry,
        [
            KnownAddress(uprn, code)
            for uprn, code in Address.objects.filter(postcode=postcode).values_list(
                "uprn", "ward__code"
            )
        ],
    )
    return list(Ward.objects.filter(code__in=codes).order_by("name"))
