"""Pages for volunteering: find an opportunity, sign up or cancel, organise, confirm hours."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.coproduction import forms, policy, selectors, services
from coopcouncil.coproduction.views import button_press
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, form_submit, found, rate_limited, refusal_page
from coopcouncil.places import selectors as places


def index(request: HttpRequest) -> HttpResponse:
    """Opportunities with shifts to come, by district."""
    district = (
        found(places.district_get, request.GET["district"]) if request.GET.get("district") else None
    )
    context = {
        "opportunities": selectors.opportunity_list(district=district),
        "districts": places.district_list(with_wards=False),
        "district": district,
        "can_post": check(request.user, "coproduction.post_opportunity", None)
        or selectors.partners_of(request.user).exists(),
        "can_record_checks": check(request.user, "coproduction.record_safeguarding_check"),
    }
    return render(request, "coproduction/index.html", context)


@login_required
def opportunity_create(request: HttpRequest) -> HttpResponse:
    form = forms.OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_post(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(request, gettext("Your opportunity is posted. Now add its shifts."))
            return redirect("coproduction:opportunity", opportunity_id=opportunity.pk)
    return render(request, "coproduction/opportunity_form.html", {"form": form})


def opportunity_detail(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = found(selectors.opportunity_get, opportunity_id)
    can_organise = check(request.user, "coproduction.organise", opportunity)
    shifts = list(opportunity.shifts.all())
    my_places = {
        sign_up.shift_id: sign_up
        for sign_up in selectors.sign_ups_for(request.user).filter(shift__opportunity=opportunity)
        if sign_up.status != "cancelled"
    }
    rows = [
        {
            "shift": shift,
            "mine": my_places.get(shift.pk),
            "sign_ups": shift.taken if can_organise else [],
        }
        for shift in shifts
    ]
    context = {
        "opportunity": opportunity,
        "rows": rows,
        "can_organise": can_organise,
        "shift_form": forms.ShiftForm(),
        "attendance_form": forms.AttendanceForm(),
    }
    return render(request, "coproduction/opportunity.html", context)


@login_required
@require_POST
def shift_create(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = found(selectors.opportunity_get, opportunity_id)
    form = forms.ShiftForm(request.POST)
    response = form_submit(
        request,
        form,
        lambda data: services.shift_add(actor=request.user, opportunity=opportunity, **data),
        success_message=gettext("Shift added."),
        success_url=opportunity_url(opportunity.pk),
    )
    if response is None:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(opportunity_url(opportunity.pk))
    return response


def opportunity_url(opportunity_id: int) -> str:
    return reverse("coproduction:opportunity", kwargs={"opportunity_id": opportunity_id})


@login_required
@require_POST
@rate_limited(policy.shift_sign_up_rate_limit)
def shift_sign_up(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = found(selectors.shift_get, shift_id)
    return button_press(
        request,
        lambda: services.shift_sign_up(actor=request.user, shift=shift),
        gettext("You have a place on this shift. Thank you!"),
        opportunity_url(shift.opportunity_id),
    )


@login_required
@require_POST
def sign_up_cancel(request: HttpRequest, sign_up_id: int) -> HttpResponse:
    sign_up = found(selectors.sign_up_get, sign_up_id)
    return button_press(
        request,
        lambda: services.sign_up_cancel(actor=request.user, sign_up=sign_up),
        gettext("Your place is given up."),
        opportunity_url(sign_up.shift.opportunity_id),
    )


@login_required
@require_POST
def attendance_confirm(request: HttpRequest, sign_up_id: int) -> HttpResponse:
    sign_up = found(selectors.sign_up_get, sign_up_id)
    form = forms.AttendanceForm(request.POST)
    back = opportunity_url(sign_up.shift.opportunity_id)
    if not form.is_valid():
        messages.error(request, gettext("Give the hours as a number, e.g. 2.5."))
        return redirect(back)
    return button_press(
        request,
        lambda: services.attendance_confirm(
            actor=request.user, sign_up=sign_up, hours=form.cleaned_data["hours"]
        ),
        gettext("Attendance recorded."),
        back,
    )


@login_required
def safeguarding_check(request: HttpRequest) -> HttpResponse:
    """An officer records a volunteer's DBS check and its expiry."""
    form = forms.SafeguardingCheckForm(request.POST or None)
    if request.method == "POST":
        response = form_submit(
            request,
            form,
            lambda data: services.safeguarding_check_record(
                actor=request.user,
                person=data["email"],
                checked_on=data["checked_on"],
                expires_on=data["expires_on"],
            ),
            success_message=gettext("The check is recorded."),
            success_url=request.path,
        )
        if response is not None:
            return response
    else:
        decision = check(request.user, "coproduction.record_safeguarding_check")
        if not decision:
            return refusal_page(request, decision.reason)
    return render(request, "coproduction/safeguarding.html", {"form": form})
