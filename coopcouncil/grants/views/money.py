"""After the award: instalments and finance's approval, monitoring reports, clawback, and
the verified savings that credit a group's co-production dividend."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.web import form_show_error, found, refusal, refusal_page
from coopcouncil.grants import forms, selectors, services
from coopcouncil.grants.views.applications import _back


def _form_error(form) -> DomainError:
    field, problems = next(iter(form.errors.items()))
    return DomainError("invalid", problems[0], field)


@login_required
def payments(request: HttpRequest) -> HttpResponse:
    """Finance's queue: every planned instalment waiting for approval."""
    denied = refusal(request, "grants.approve_payment", None)
    if denied:
        return denied
    context = {"instalments": selectors.instalments_waiting()[:200]}
    return render(request, "grants/payments.html", context)


@login_required
@require_POST
def instalment_schedule(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    form = forms.InstalmentForm(request.POST)
    if not form.is_valid():
        return _back(request, application, _form_error(form), "")
    try:
        services.instalment_schedule(
            actor=request.user, application=application, **form.cleaned_data
        )
    except DomainError as error:
        return _back(request, application, error, "")
    return _back(request, application, None, gettext("The instalment is planned."))


@login_required
@require_POST
def instalment_approve(request: HttpRequest, application_id: int, instalment_id: int):
    application = found(selectors.application_get, application_id)
    instalment = found(selectors.instalment_get, application, instalment_id)
    try:
        services.instalment_approve(actor=request.user, instalment=instalment)
    except DomainError as error:
        return _back(request, application, error, "")
    return _back(request, application, None, gettext("The payment is approved."))


@login_required
@require_POST
def report_request(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    form = forms.ReportRequestForm(request.POST)
    if not form.is_valid():
        return _back(request, application, _form_error(form), "")
    try:
        services.monitoring_report_request(
            actor=request.user, application=application, due_on=form.cleaned_data["due_on"]
        )
    except DomainError as error:
        return _back(request, application, error, "")
    return _back(request, application, None, gettext("The report is requested."))


@login_required
def report_submit(request: HttpRequest, application_id: int, report_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    denied = refusal(request, "grants.report_monitoring", application)
    if denied:
        return denied
    report = found(selectors.report_get, application, report_id)
    form = forms.MonitoringReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.monitoring_report_submit(
                actor=request.user, report=report, **form.cleaned_data
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, gettext("Thank you: your report is in."))
            return redirect("grants:application", application_id=application.pk)
    status = 400 if request.method == "POST" else 200
    context = {"application": application, "report": report, "form": form}
    return render(request, "grants/report_form.html", context, status=status)


@login_required
@require_POST
def clawback(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    form = forms.ClawbackForm(request.POST)
    if not form.is_valid():
        return _back(request, application, _form_error(form), "")
    try:
        services.clawback_record(actor=request.user, application=application, **form.cleaned_data)
    except DomainError as error:
        return _back(request, application, error, "")
    return _back(request, application, None, gettext("The money is returned to the fund."))


@login_required
def saving_record(request: HttpRequest) -> HttpResponse:
    denied = refusal(request, "grants.record_saving", None)
    if denied:
        return denied
    form = forms.SavingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.saving_record(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(request, gettext("The saving is recorded and the dividend credited."))
            return redirect("grants:index")
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/saving_form.html", {"form": form}, status=status)
