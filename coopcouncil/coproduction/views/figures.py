"""Figures everyone can see, with charts drawn on the server, and the open data downloads.

No personal data: counts and sums per ward and district, and the register of assets and
agreements (organisations, never people).
"""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopcouncil.coproduction import selectors
from coopcouncil.core.web import found
from coopcouncil.places import selectors as places


def figures(request: HttpRequest) -> HttpResponse:
    """Per district, or per ward of one district (``?district=``)."""
    district = (
        found(places.district_get, request.GET["district"]) if request.GET.get("district") else None
    )
    rows = selectors.ward_figures(district) if district else selectors.district_figures()
    context = {
        "rows": rows,
        "district": district,
        "districts": places.district_list(with_wards=False),
    }
    return render(request, "coproduction/figures.html", context)


def _csv(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def assets_csv(request: HttpRequest) -> HttpResponse:
    header = [
        "reference",
        "name",
        "kind",
        "ward",
        "district",
        "address",
        "latitude",
        "longitude",
        "condition",
        "running_cost_pence",
        "current_use",
        "in_community_hands",
    ]
    rows = (
        [
            asset.reference,
            asset.name,
            asset.kind,
            asset.ward.slug,
            asset.ward.district.slug,
            asset.address,
            asset.latitude or "",
            asset.longitude or "",
            asset.condition,
            asset.running_cost_pence,
            asset.current_use,
            asset.is_in_community_hands,
        ]
        for asset in selectors.asset_list()
    )
    return _csv("community-assets.csv", header, rows)


def leases_csv(request: HttpRequest) -> HttpResponse:
    header = [
        "asset_reference",
        "organisation",
        "charity_number",
        "company_number",
        "terms",
        "starts_on",
        "ends_on",
        "rent_pence",
        "next_review_on",
    ]
    rows = (
        [
            agreement.asset.reference,
            agreement.organisation.name,
            agreement.organisation.charity_number,
            agreement.organisation.company_number,
            agreement.terms,
            agreement.starts_on,
            agreement.ends_on or "",
            agreement.rent_pence,
            agreement.next_review_on,
        ]
        for agreement in selectors.agreements_with_commitments()
    )
    return _csv("community-asset-leases.csv", header, rows)


def ward_figures_csv(request: HttpRequest) -> HttpResponse:
    header = [
        "ward",
        "volunteers",
        "hours",
        "credits_earned",
        "credits_spent",
        "assets_in_community_hands",
        "commitments_met",
        "commitments_returned",
    ]
    rows = (
        [
            row.slug,
            row.volunteers,
            row.hours,
            row.credits_earned,
            row.credits_spent,
            row.assets_in_community_hands,
            row.commitments_met,
            row.commitments_returned,
        ]
        for row in selectors.all_ward_figures()
    )
    return _csv("coproduction-ward-figures.csv", header, rows)
