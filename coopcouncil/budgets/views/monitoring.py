"""Pages for budget monitoring: the quarterly report, its exports, spend import, commitments."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.budgets import forms, selectors, services
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found
from coopcouncil.democracy.selectors import decision_list
from coopcouncil.places import selectors as places


def _report_for(request: HttpRequest):
    return found(selectors.monitoring_report, financial_year=request.GET.get("year", ""))


def report(request: HttpRequest) -> HttpResponse:
    """Budget, commitments, spend and variance per district and line; spend by quarter."""
    monitoring = _report_for(request)
    context = {
        "report": monitoring,
        "years": selectors.financial_years(),
        "can_import": check(request.user, "budgets.import_spend").allowed,
        "imports": selectors.spend_import_list(),
        "commitments": selectors.commitment_list()[:20],
    }
    return render(request, "budgets/monitoring.html", context)


def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The report as CSV (pounds) or JSON (pence)."""
    monitoring = _report_for(request)
    name = f"budget-monitoring-{monitoring.financial_year.replace('/', '-') or 'none'}"
    if file_format == "csv":
        response = HttpResponse(monitoring.as_csv(), content_type="text/csv")
    else:
        body = json.dumps(monitoring.as_json(), indent=2)
        response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@login_required
def spend_import(request: HttpRequest) -> HttpResponse:
    form = forms.SpendImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.spend_import_file(actor=request.user, upload=form.cleaned_data["file"])
        except DomainError as error:
            form_show_error(form, error)
            status = error.status
        else:
            messages.success(request, f"Imported {batch.row_count} rows of spend.")
            return redirect("budgets:monitoring")
    elif request.method == "POST":
        status = 400
    return render(request, "budgets/spend_import.html", {"form": form}, status=status)


@login_required
def commitment_create(request: HttpRequest) -> HttpResponse:
    form = forms.CommitmentForm(
        request.POST or None,
        districts=places.district_list(with_wards=False),
        lines=selectors.line_list(),
        decisions=decision_list(),
        wards=places.ward_list(),
        initial={"committed_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.commitment_record(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form_show_error(form, error)
                status = error.status
            else:
                messages.success(request, "Commitment recorded.")
                return redirect("budgets:monitoring")
    return render(request, "budgets/commitment_form.html", {"form": form}, status=status)


@login_required
def cost_centres(request: HttpRequest) -> HttpResponse:
    """The finance officer maps each ledger cost-centre code once; the list shows them all."""
    form = forms.CostCentreForm(
        request.POST or None,
        districts=places.district_list(with_wards=False),
        lines=selectors.line_list(),
        wards=places.ward_list(),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                cost_centre = services.cost_centre_save(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form_show_error(form, error)
                status = error.status
            else:
                messages.success(
                    request, gettext("Cost centre %(code)s mapped.") % {"code": cost_centre.code}
                )
                return redirect("budgets:cost_centres")
    context = {
        "form": form,
        "cost_centres": selectors.cost_centre_list(),
        "can_manage": check(request.user, "budgets.manage_cost_centres").allowed,
    }
    return render(request, "budgets/cost_centres.html", context, status=status)


@login_required
def commitments_sync(request: HttpRequest) -> HttpResponse:
    """Commit the money that decisions, PB projects in delivery and ward allocations promised."""
    year = request.POST.get("financial_year") or request.GET.get("year") or ""
    year = year or selectors.current_financial_year(timezone.localdate())
    form = forms.CommitmentsSyncForm(
        request.POST or None,
        lines=selectors.line_list(financial_year=year),
        initial={"financial_year": year},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                synced = services.commitments_sync(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form_show_error(form, error)
                status = error.status
            else:
                messages.success(
                    request,
                    gettext("%(created)s commitments created; %(waiting)s sources wait.")
                    % {"created": len(synced.created), "waiting": len(synced.waiting)},
                )
                return redirect(f"{request.path}?year={year}")
    context = {
        "form": form,
        "year": year,
        "sources": selectors.commitment_sources(financial_year=year),
        "can_sync": check(request.user, "budgets.sync_commitments").allowed,
    }
    return render(request, "budgets/commitments_sync.html", context, status=status)
