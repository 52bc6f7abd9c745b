"""The outcomes framework: outcomes, indicator pages, measurement imports and links."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_submit, found, refusal
from coopcouncil.insight import forms, selectors, services


def outcome_list(request: HttpRequest, **given) -> HttpResponse:
    can_manage = check(request.user, "insight.manage_outcomes").allowed
    context = {
        "outcomes": selectors.outcome_list(),
        "can_manage": can_manage,
        "can_import": check(request.user, "insight.import_measurements").allowed,
        "outcome_form": given.get("outcome_form") or forms.OutcomeForm(),
        "measurements_form": given.get("measurements_form") or forms.MeasurementsForm(),
    }
    return render(request, "insight/outcomes.html", context, status=given.get("status", 200))


@login_required
@require_POST
def outcome_create(request: HttpRequest) -> HttpResponse:
    form = forms.OutcomeForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.outcome_create(actor=request.user, **data),
        success_message=gettext("Outcome added."),
        success_url=reverse("insight:outcomes"),
    )
    return done or outcome_list(request, outcome_form=form, status=400)


@login_required
@require_POST
def measurements_import(request: HttpRequest) -> HttpResponse:
    refused = refusal(request, "insight.import_measurements")
    if refused:
        return refused
    form = forms.MeasurementsForm(request.POST, request.FILES)

    def load(data: dict) -> int:
        try:
            text = data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DomainError(
                "file_not_utf8", gettext("Save the file as CSV (UTF-8)."), "file"
            ) from None
        return services.measurements_import(actor=request.user, text=text)

    done = form_submit(
        request,
        form,
        load,
        success_message=gettext("Measurements loaded."),
        success_url=reverse("insight:outcomes"),
    )
    return done or outcome_list(request, measurements_form=form, status=400)


def outcome_detail(request: HttpRequest, slug: str, **given) -> HttpResponse:
    outcome = found(selectors.outcome_get, slug)
    context = {
        "outcome": outcome,
        "activities": selectors.outcome_activities(outcome),
        "can_manage": check(request.user, "insight.manage_outcomes").allowed,
        "can_link": check(request.user, "insight.link_activities").allowed,
        "indicator_form": given.get("indicator_form") or forms.IndicatorForm(),
        "link_form": given.get("link_form") or forms.ActivityLinkForm(),
    }
    return render(request, "insight/outcome.html", context, status=given.get("status", 200))


@login_required
@require_POST
def indicator_create(request: HttpRequest, slug: str) -> HttpResponse:
    outcome = found(selectors.outcome_get, slug)
    form = forms.IndicatorForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.indicator_create(actor=request.user, outcome=outcome, **data),
        success_message=gettext("Indicator added."),
        success_url=reverse("insight:outcome", args=[slug]),
    )
    return done or outcome_detail(request, slug, indicator_form=form, status=400)


@login_required
@require_POST
def activity_link(request: HttpRequest, slug: str) -> HttpResponse:
    outcome = found(selectors.outcome_get, slug)
    form = forms.ActivityLinkForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.activity_link(actor=request.user, outcome=outcome, **data),
        success_message=gettext("Activity linked."),
        success_url=reverse("insight:outcome", args=[slug]),
    )
    return done or outcome_detail(request, slug, link_form=form, status=400)


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = found(selectors.indicator_get, code)
    context = {"indicator": indicator, "trends": selectors.indicator_trends(indicator)}
    return render(request, "insight/indicator.html", context)
