"""Residents report problems and follow them; staff handle them from the same page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core import photos
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import (
    form_show_error,
    found,
    rate_limited,
    refusal,
    refusal_page,
    stored_file_open,
)
from coopcouncil.people.selectors import user_find_by_email
from coopcouncil.places.selectors import district_list
from coopcouncil.servicerequests import forms, policy, selectors, services


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "categories": selectors.category_list(),
        "districts": district_list(with_wards=False),
        "my_requests": selectors.user_requests(request.user, limit=10),
    }
    return render(request, "servicerequests/index.html", context)


@login_required
@rate_limited(policy.report_rate_limit)
def report_new(request: HttpRequest) -> HttpResponse:
    form = forms.ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            location = services.location_find(
                latitude=data["latitude"], longitude=data["longitude"], postcode=data["postcode"]
            )
            report = services.service_request_report(
                actor=request.user,
                category=data["category"],
                description=data["description"],
                location=location,
                photo=data.get("photo"),
                attributes=form.attribute_answers(),
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(
                request,
                gettext("Thank you: your report %(id)s is with the %(district)s team.")
                % {"id": report.pk, "district": report.district.name},
            )
            return redirect("servicerequests:detail", report.pk)
    context = {"form": form, "decision": check(request.user, "servicerequests.report")}
    status = 400 if request.method == "POST" else 200
    return render(request, "servicerequests/report_form.html", context, status=status)


def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    report = found(selectors.request_get, request_id)
    can_handle = check(request.user, "servicerequests.handle", report).allowed
    context = {
        "report": report,
        "updates": selectors.request_updates(report),
        "can_handle": can_handle,
        "is_reporter": report.reporter_id is not None and report.reporter_id == request.user.pk,
        "stage_form": forms.StageForm(prefix="stage") if can_handle else None,
        "assign_form": forms.AssignForm(prefix="assign") if can_handle else None,
        "tag_form": forms.TagForm(
            prefix="tag",
            initial={
                "root_cause": report.root_cause,
                "is_failure_demand": report.is_failure_demand,
            },
        )
        if can_handle
        else None,
    }
    return render(request, "servicerequests/detail.html", context)


def request_photo(request: HttpRequest, request_id: int) -> HttpResponse:
    """A report's photo, streamed with the type its own bytes show (``nosniff``)."""
    report = found(selectors.request_get, request_id)
    stored = stored_file_open(report.photo, gettext("This report has no photo."))
    content_type = photos.file_image_type(stored)
    if content_type is None:
        stored.close()
        raise Http404(gettext("The stored file is not an image."))
    response = FileResponse(stored, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _handled(request: HttpRequest, request_id: int, form, action) -> HttpResponse:
    """Run one staff action from the detail page and come back to it."""
    report = found(selectors.request_get, request_id)
    refused = refusal(request, "servicerequests.handle", report)
    if refused is not None:
        return refused
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("servicerequests:detail", report.pk)
    try:
        action(report, form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Saved."))
    return redirect("servicerequests:detail", report.pk)


@require_POST
def request_stage(request: HttpRequest, request_id: int) -> HttpResponse:
    return _handled(
        request,
        request_id,
        forms.StageForm(request.POST, prefix="stage"),
        lambda report, data: services.service_request_update(
            actor=request.user,
            request=report,
            stage=data["stage"],
            note=data["note"],
            agency_responsible=data["agency_responsible"] or None,
        ),
    )


def _assign(request: HttpRequest, report, data) -> None:
    assignee = user_find_by_email(data["assignee"])
    if assignee is None:
        raise DomainError("assignee_unknown", gettext("Nobody has that email."), "assignee")
    services.service_request_assign(
        actor=request.user, request=report, assignee=assignee, note=data["note"]
    )


@require_POST
def request_assign(request: HttpRequest, request_id: int) -> HttpResponse:
    return _handled(
        request,
        request_id,
        forms.AssignForm(request.POST, prefix="assign"),
        lambda report, data: _assign(request, report, data),
    )


@require_POST
def request_tag(request: HttpRequest, request_id: int) -> HttpResponse:
    return _handled(
        request,
        request_id,
        forms.TagForm(request.POST, prefix="tag"),
        lambda report, data: services.service_request_tag(
            actor=request.user,
            request=report,
            root_cause=data["root_cause"],
            is_failure_demand=data["is_failure_demand"],
        ),
    )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Open requests for the district team, oldest first."""
    districts = list(district_list(with_wards=False))
    chosen = next((d for d in districts if d.slug == request.GET.get("district")), None)
    refused = refusal(request, "servicerequests.handle", chosen)
    if refused is not None:
        return refused
    context = {
        "districts": districts,
        "chosen": chosen,
        "requests": selectors.request_queue(district=chosen),
    }
    return render(request, "servicerequests/queue.html", context)
