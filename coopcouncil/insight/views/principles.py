"""The council's principles in practice, and the social productivity test of services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.budgets.selectors import ladder_placement_get
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_submit, found
from coopcouncil.insight import forms, selectors, services


def principles(request: HttpRequest, **given) -> HttpResponse:
    current = selectors.principles_current()
    context = {
        "version": current,
        "in_practice": selectors.principles_in_practice(current) if current else [],
        "versions": selectors.principles_versions(),
        "can_tag": check(request.user, "insight.tag").allowed,
        "form": given.get("form") or forms.TagForm(),
    }
    return render(request, "insight/principles.html", context, status=given.get("status", 200))


@login_required
@require_POST
def principle_tag(request: HttpRequest) -> HttpResponse:
    form = forms.TagForm(request.POST)

    def tag(data: dict) -> object:
        principle = selectors.principle_get(data.pop("principle"))
        return services.principle_tag(actor=request.user, principle=principle, **data)

    done = form_submit(
        request,
        form,
        tag,
        success_message=gettext("Tagged."),
        success_url=reverse("insight:principles"),
    )
    return done or principles(request, form=form, status=400)


def productivity(request: HttpRequest, **given) -> HttpResponse:
    context = {
        "rows": selectors.services_productivity(),
        "can_assess": check(request.user, "insight.assess_services").allowed,
        "form": given.get("form")
        or forms.AssessmentForm(initial={"assessed_on": timezone.localdate()}),
        "failed_service": given.get("service", ""),
    }
    return render(request, "insight/productivity.html", context, status=given.get("status", 200))


@login_required
@require_POST
def service_assess(request: HttpRequest, slug: str) -> HttpResponse:
    placement = found(ladder_placement_get, slug)
    form = forms.AssessmentForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.service_assess(
            actor=request.user,
            service=placement,
            assessed_on=data["assessed_on"],
            answers=form.answers(),
        ),
        success_message=gettext("Assessment published."),
        success_url=reverse("insight:productivity") + f"#{slug}",
    )
    return done or productivity(request, form=form, service=slug, status=400)
