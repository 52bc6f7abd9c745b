"""Demand in the open: the borough's myth-busting comparison, each district's and ward's
dashboard (charts drawn on the server, a map, a plain list), and the downloads."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import found
from coopcouncil.places.selectors import district_get, district_list, ward_get
from coopcouncil.servicerequests import forms, selectors, services
from coopcouncil.servicerequests.logic.demand import bar_chart

CHART_HEIGHT = 120
CHART_WIDTH = 480


def borough(request: HttpRequest) -> HttpResponse:
    """Reports of one service per 1,000 residents beside deprivation, by district and ward."""
    categories = list(selectors.category_list())
    code = request.GET.get("service", "FLY_TIPPING")
    category = next(
        (c for c in categories if c.code == code), categories[0] if categories else None
    )
    district_rates, ward_rates = (
        selectors.category_rates(
            category=category, through=selectors.demand_published_through(now=timezone.now())
        )
        if category
        else ([], [])
    )
    context = {
        "categories": categories,
        "category": category,
        "district_rates": district_rates,
        "ward_rates": ward_rates,
        "districts": district_list(with_wards=False),
    }
    return render(request, "servicerequests/borough.html", context)


def _dashboard(request: HttpRequest, district, ward=None) -> HttpResponse:
    through = selectors.demand_through(request.user, district)
    demand = selectors.area_demand(district=district, ward=ward, through=through)
    month_labels = [f"{m:%b}" for m in demand.months]
    charts = [
        {
            "category": c,
            "name": demand.category_names.get(c.category_code, c.category_code),
            "bars": bar_chart(month_labels, c.monthly, height=CHART_HEIGHT, width=CHART_WIDTH),
        }
        for c in demand.categories
    ]
    context = {
        "district": district,
        "ward": ward,
        "demand": demand,
        "charts": charts,
        "chart_height": CHART_HEIGHT,
        "chart_width": CHART_WIDTH,
        "is_preview": check(request.user, "servicerequests.preview_demand", district).allowed,
        "is_member": selectors.is_reference_group_member(request.user, district),
        "is_offered": check(request.user, "servicerequests.join_reference_group", district).allowed,
        "comments": selectors.reference_group_comments(district, limit=20),
        "group_size": selectors.reference_group_size(district),
        "comment_form": forms.CommentForm(),
        "recent": selectors.requests_geojson(
            district=district, ward=ward, through=through, limit=20
        )["features"],
    }
    return render(request, "servicerequests/dashboard.html", context)


def district_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard(request, found(district_get, slug))


def ward_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    ward = found(ward_get, slug)
    return _dashboard(request, ward.district, ward)


def district_geojson(request: HttpRequest, slug: str) -> JsonResponse:
    """The district's requests as GeoJSON points: the map's data and a download."""
    district = found(district_get, slug)
    through = selectors.demand_through(request.user, district)
    response = JsonResponse(selectors.requests_geojson(district=district, through=through))
    response["Content-Type"] = "application/geo+json"
    response["Content-Disposition"] = f'inline; filename="service-requests-{slug}.geojson"'
    return response


def boundaries(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(selectors.boundaries_geojson())
    response["Content-Type"] = "application/geo+json"
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def open_data_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every request as Open311 fields in CSV, streamed; no personal data."""
    writer = csv.DictWriter(_Echo(), fieldnames=selectors.OPEN_DATA_FIELDS)

    def rows() -> Iterator[str]:
        yield ",".join(selectors.OPEN_DATA_FIELDS) + "\r\n"
        for row in selectors.open_data_rows():
            yield writer.writerow(row)

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="service-requests.csv"'
    return response


def open_data_json(request: HttpRequest) -> StreamingHttpResponse:
    """Every request as a JSON array of Open311 fields, streamed; no personal data."""

    def chunks() -> Iterator[str]:
        yield "["
        for number, row in enumerate(selectors.open_data_rows()):
            yield ("," if number else "") + json.dumps(row)
        yield "]"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="service-requests.json"'
    return response


@require_POST
def reference_group_join(request: HttpRequest, slug: str) -> HttpResponse:
    district = found(district_get, slug)
    try:
        services.reference_group_join(actor=request.user, district=district)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("servicerequests:district", slug)


@require_POST
def reference_group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    district = found(district_get, slug)
    try:
        services.reference_group_leave(actor=request.user, district=district)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("servicerequests:district", slug)


@require_POST
def reference_group_comment(request: HttpRequest, slug: str) -> HttpResponse:
    district = found(district_get, slug)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            services.reference_group_comment(
                actor=request.user, district=district, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            messages.error(request, error.message)
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("servicerequests:district", slug)
