"""Pages for staff volunteering days: ask, see what is left, managers decide, borough total."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.coproduction import forms, selectors, services
from coopcouncil.coproduction.views import button_press
from coopcouncil.core.web import form_submit, found


def _hours_context() -> dict:
    hours, target = selectors.staff_hours_given(on_date=timezone.localdate())
    return {
        "hours_given": hours,
        "target_hours": target,
        "percent_of_target": min(int(hours * 100 / target), 100) if target else 0,
    }


@login_required
def staff(request: HttpRequest) -> HttpResponse:
    form = forms.StaffDaysForm(request.POST or None)
    if request.method == "POST":
        response = form_submit(
            request,
            form,
            lambda data: services.staff_days_request(actor=request.user, **data),
            success_message=gettext("Your request is with your manager."),
            success_url=request.path,
        )
        if response is not None:
            return response
    context = {
        "form": form,
        "remaining": selectors.staff_days_remaining(request.user, on_date=timezone.localdate()),
        "requests": selectors.staff_requests_of(request.user),
        "to_decide": selectors.staff_requests_to_decide(request.user),
        **_hours_context(),
    }
    return render(request, "coproduction/staff.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def staff_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    staff_request = found(selectors.staff_request_get, request_id)
    is_approved = request.POST.get("decision") == "approve"
    return button_press(
        request,
        lambda: services.staff_days_decide(
            actor=request.user, request=staff_request, is_approved=is_approved
        ),
        gettext("Approved.") if is_approved else gettext("Refused."),
        "coproduction:staff",
    )
