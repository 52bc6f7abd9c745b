"""Neighbourhood standards: each district's, with its performance month by month."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_submit, found
from coopcouncil.insight import forms, selectors, services
from coopcouncil.places.selectors import district_get, district_list


def standards_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.standards_performance(today=timezone.localdate())
    districts = [
        (district, [row for row in rows if row.standard.district_id == district.pk])
        for district in district_list(with_wards=False)
    ]
    return render(request, "insight/standards.html", {"districts": districts})


def district_standards(request: HttpRequest, slug: str, **given) -> HttpResponse:
    district = found(district_get, slug)
    context = {
        "district": district,
        "rows": selectors.standards_performance(today=timezone.localdate(), district=district),
        "can_manage": check(request.user, "insight.manage_standards", district).allowed,
        "form": given.get("form") or forms.StandardForm(),
        "figure_form": given.get("figure_form") or forms.StandardFigureForm(),
    }
    return render(
        request, "insight/district_standards.html", context, status=given.get("status", 200)
    )


@login_required
@require_POST
def standard_create(request: HttpRequest, slug: str) -> HttpResponse:
    district = found(district_get, slug)
    form = forms.StandardForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.standard_create(actor=request.user, district=district, **data),
        success_message=gettext("Standard published."),
        success_url=reverse("insight:district_standards", args=[slug]),
    )
    return done or district_standards(request, slug, form=form, status=400)


@login_required
@require_POST
def standard_figure(request: HttpRequest, slug: str, standard_id: int) -> HttpResponse:
    standard = found(selectors.standard_get, standard_id)
    form = forms.StandardFigureForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.standard_performance_record(
            actor=request.user, standard=standard, **data
        ),
        success_message=gettext("Figure recorded."),
        success_url=reverse("insight:district_standards", args=[standard.district.slug]),
    )
    return done or district_standards(request, slug, figure_form=form, status=400)
