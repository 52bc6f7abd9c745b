"""Public pages: funds and open rounds, the awards page, each fund's dashboard, and the
360Giving downloads."""

from __future__ import annotations

import csv
import tempfile

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from coopcouncil.core.permissions import check
from coopcouncil.core.web import found
from coopcouncil.grants import selectors, threesixtygiving
from coopcouncil.places import selectors as places

PAGE_SIZE = 50


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "rounds": selectors.rounds_open(),
        "funds": selectors.fund_list(),
        "my_applications": selectors.applications_of_groups(request.user)[:20],
        "to_assess": selectors.applications_to_assess(request.user),
        "can_approve": check(request.user, "grants.approve_payment", None).allowed,
        "can_record_saving": check(request.user, "grants.record_saving", None).allowed,
    }
    return render(request, "grants/index.html", context)


def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    grant_round = found(selectors.round_get, slug)
    is_staff = check(request.user, "grants.manage_funds", grant_round).allowed
    context = {
        "round": selectors.round_with_criteria(grant_round),
        "awarded_pence": selectors.round_awarded_pence(grant_round),
        "applications": selectors.applications_of_round(grant_round) if is_staff else None,
    }
    return render(request, "grants/round.html", context)


def awards(request: HttpRequest) -> HttpResponse:
    """Every award, newest first, a page at a time (a fixed number of queries per page)."""
    page = Paginator(selectors.awards_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "grants/awards.html", {"page": page})


def fund_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    fund = found(selectors.fund_get, slug)
    context = {
        "title": fund.name,
        "description": fund.description,
        "csv_url": reverse("grants:fund_csv", args=[fund.slug]),
        "income": selectors.fund_income_pence(fund),
        "figures": selectors.dashboard(fund=fund),
        "rounds": selectors.round_list(fund=fund),
    }
    return render(request, "grants/dashboard.html", context)


def district_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    district = found(places.district_get, slug)
    context = {
        "title": gettext("Community grants in %(district)s") % {"district": district},
        "csv_url": reverse("grants:district_csv", args=[district.slug]),
        "figures": selectors.dashboard(district=district),
    }
    return render(request, "grants/dashboard.html", context)


def _csv(rows: list[list], name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-by-ward.csv"'
    csv.writer(response).writerows(rows)
    return response


def fund_dashboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    fund = found(selectors.fund_get, slug)
    return _csv(selectors.dashboard_csv_rows(fund=fund), fund.slug)


def district_dashboard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    district = found(places.district_get, slug)
    return _csv(selectors.dashboard_csv_rows(district=district), district.slug)


def open_data_json(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        threesixtygiving.json_chunks(), content_type="application/json"
    )
    response["Content-Disposition"] = 'inline; filename="grants-360giving.json"'
    return response


def open_data_csv(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        threesixtygiving.csv_chunks(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="grants-360giving.csv"'
    return response


def open_data_xlsx(request: HttpRequest) -> FileResponse:
    # Written to a temporary file in openpyxl's streaming mode, then sent from disk.
    workbook = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    threesixtygiving.xlsx_write(workbook)
    workbook.seek(0)
    return FileResponse(
        workbook,
        as_attachment=True,
        filename="grants-360giving.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
