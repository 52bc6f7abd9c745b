"""Public pages for the borough, its districts and wards."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopcouncil.core.caching import public_page
from coopcouncil.core.money import format_pence
from coopcouncil.core.web import found
from coopcouncil.places import selectors


def _places_data(**_url_args: str) -> list[str]:
    return ["places"]


@public_page(_places_data)
def home(request: HttpRequest) -> HttpResponse:
    borough = selectors.borough_current()
    context = {
        "summaries": selectors.district_summaries(),
        "borough_figures": selectors.borough_figures(borough) if borough else None,
        "budget": format_pence(borough.net_revenue_budget_pence) if borough else "",
    }
    return render(request, "places/home.html", context)


@public_page(_places_data)
def district_detail(request: HttpRequest, slug: str) -> HttpResponse:
    district = found(selectors.district_get, slug)
    context = {
        "district": district,
        "figures": selectors.district_figures(district),
        "wards": district.wards.all(),
    }
    return render(request, "places/district.html", context)


@public_page(_places_data)
def ward_detail(request: HttpRequest, slug: str) -> HttpResponse:
    ward = found(selectors.ward_get, slug)
    context = {"ward": ward}
    return render(request, "places/ward.html", context)
