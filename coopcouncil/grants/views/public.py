"""Public pages: funds and open rounds, the awards page, each fund's dashboard, and the
360Giving downloads."""

from __future__ import annotations

import csv
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, refusal, refusal_page
from coopcouncil.grants import forms, selectors, services, threesixtygiving
from coopcouncil.places import selectors as places

PAGE_SIZE = 50


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "rounds": selectors.rounds_open(),
        "funds": selectors.fund_list(),
        "my_applications": selectors.applications_of_groups(request.user)[:20],
        "to_assess": selectors.applications_to_assess(request.user),
        "can_open_round": check(request.user, "grants.manage_funds", None).allowed,
        "can_approve": check(request.user, "grants.approve_payment", None).allowed,
        "can_record_saving": check(request.user, "grants.record_saving", None).allowed,
    }
    return render(request, "grants/index.html", context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    """The district team opens a round with its published scoring scheme."""
    denied = refusal(request, "grants.manage_funds", None)
    if denied:
        return denied
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant_round = services.round_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(request, gettext("The round is open for applications."))
            return redirect("grants:round", slug=grant_round.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/round_form.html", {"form": form}, status=status)


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
    """Every award, newest first, a page at a time (a fixed number of queries per page);
    ``?after=<cursor>`` is the page of older awards, a plain link that needs no script."""
    page = selectors.awards_page(request.GET.get("after"), size=PAGE_SIZE)
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
