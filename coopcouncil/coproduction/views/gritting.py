"""Pages for community gritting: routes to adopt, equipment, runs, and the council's alert."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.coproduction import forms, selectors, services
from coopcouncil.coproduction.views import button_press
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_submit, found


def gritting(request: HttpRequest) -> HttpResponse:
    context = {
        "routes": selectors.gritting_routes(),
        "can_manage": check(request.user, "coproduction.manage_gritting"),
        "route_form": forms.GrittingRouteForm(),
        "alert_form": forms.GrittingAlertForm(),
        "equipment_form": forms.EquipmentForm(),
    }
    return render(request, "coproduction/gritting.html", context)


@login_required
@require_POST
def route_create(request: HttpRequest) -> HttpResponse:
    form = forms.GrittingRouteForm(request.POST)
    response = form_submit(
        request,
        form,
        lambda data: services.gritting_route_add(actor=request.user, **data),
        success_message=gettext("Route added."),
        success_url="coproduction:gritting",
    )
    if response is None:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("coproduction:gritting")
    return response


@login_required
@require_POST
def route_adopt(request: HttpRequest, route_id: int) -> HttpResponse:
    route = found(selectors.gritting_route_get, route_id)
    return button_press(
        request,
        lambda: services.gritting_route_adopt(actor=request.user, route=route),
        gettext("You have adopted %(route)s. Thank you!") % {"route": route.name},
        "coproduction:gritting",
    )


@login_required
@require_POST
def route_log(request: HttpRequest, route_id: int) -> HttpResponse:
    route = found(selectors.gritting_route_get, route_id)
    return button_press(
        request,
        lambda: services.gritting_log(actor=request.user, route=route),
        gettext("Gritting logged. Thank you!"),
        "coproduction:gritting",
    )


@login_required
@require_POST
def equipment_issue(request: HttpRequest, route_id: int) -> HttpResponse:
    route = found(selectors.gritting_route_get, route_id)
    form = forms.EquipmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose the equipment and give its asset tag."))
        return redirect("coproduction:gritting")
    return button_press(
        request,
        lambda: services.equipment_issue(actor=request.user, route=route, **form.cleaned_data),
        gettext("Equipment issued."),
        "coproduction:gritting",
    )


@login_required
@require_POST
def equipment_return(request: HttpRequest, loan_id: int) -> HttpResponse:
    loan = found(selectors.equipment_loan_get, loan_id)
    return button_press(
        request,
        lambda: services.equipment_return(actor=request.user, loan=loan),
        gettext("Equipment returned."),
        "coproduction:gritting",
    )


@login_required
@require_POST
def alert_send(request: HttpRequest) -> HttpResponse:
    form = forms.GrittingAlertForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose a district."))
        return redirect("coproduction:gritting")
    return button_press(
        request,
        lambda: services.gritting_alert_send(actor=request.user, **form.cleaned_data),
        gettext("The alert is on its way to the district's volunteers."),
        "coproduction:gritting",
    )
