"""Opening, editing and moving on a PB process, and the pages that list and show one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.caching import public_page
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import found, refusal, refusal_page
from coopcouncil.participation import forms, selectors, services
from coopcouncil.participation.models import PHASE_DATES, PBProcess, Phase
from coopcouncil.places.selectors import district_list

if TYPE_CHECKING:
    from coopcouncil.places.models import District


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "processes": selectors.process_list(),
        "can_open": bool(_managed_areas(request.user)),
    }
    return render(request, "participation/index.html", context)


def _managed_areas(user) -> list[District | None]:
    """The areas (None: the borough) where the user may run a PB process."""
    areas = [None, *district_list(with_wards=False)]
    return [area for area in areas if check(user, "pb.manage", PBProcess(district=area)).allowed]


@public_page(selectors.process_page_topics)
def process_detail(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    user = request.user
    context = {
        "process": process,
        "phases": Phase.choices,
        "can_manage": check(user, "pb.manage", process).allowed,
        "can_propose": check(user, "pb.propose", process),
        "can_vote": check(user, "pb.vote", process),
        "ballot": selectors.ballot_of(process, user),
        "proposals": selectors.project_list(process).order_by("status", "title"),
        "result": selectors.result_latest(process),
    }
    return render(request, "participation/process.html", context)


@login_required
def process_new(request: HttpRequest) -> HttpResponse:
    """An officer opens a PB process: the same service as `POST /api/v1/pb/processes`."""
    areas = _managed_areas(request.user)
    if not areas:
        return refusal(request, "pb.manage", PBProcess())
    form = forms.ProcessForm(request.POST or None, areas=areas)
    headings = forms.HeadingFormSet(request.POST or None, prefix="headings")
    if request.method == "POST" and form.is_valid() and headings.is_valid():
        try:
            process = services.process_create(
                actor=request.user,
                headings=_heading_plans(headings),
                **form.service_arguments(),
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            _show_process_error(form, headings, error)
        else:
            messages.success(
                request, gettext("'%(title)s' is open for proposals.") % {"title": process.title}
            )
            return redirect("participation:process", process.pk)
    return _process_form_page(request, form, headings, None)


@login_required
def process_edit(request: HttpRequest, process_id: int) -> HttpResponse:
    """An officer edits a process; its voting terms are fixed once voting opens."""
    process = found(selectors.process_get, process_id)
    if refused := refusal(request, "pb.manage", process):
        return refused
    areas = _managed_areas(request.user)
    if process.district not in areas:
        areas.append(process.district)
    form = forms.ProcessForm(
        request.POST or None, areas=areas, initial=forms.ProcessForm.initial_for(process)
    )
    headings = forms.HeadingFormSet(
        request.POST or None, prefix="headings", initial=forms.heading_initial(process)
    )
    if request.method == "POST" and form.is_valid() and headings.is_valid():
        try:
            services.process_update(
                actor=request.user,
                process=process,
                headings=_heading_plans(headings),
                **form.service_arguments(),
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            _show_process_error(form, headings, error)
        else:
            messages.success(request, gettext("'%(title)s' is saved.") % {"title": process.title})
            return redirect("participation:process", process.pk)
    return _process_form_page(request, form, headings, process)


SECTIONS = [
    ("The process", ["title", "description", "district", "budget", "min_voter_age"]),
    (
        "The ballot",
        [
            "ballot_type",
            "min_projects",
            "max_projects",
            "max_total_cost",
            "points_to_spread",
            "max_points_per_project",
        ],
    ),
    ("Counting", ["rule", "official_rule"]),
    ("Phase dates (optional; they must follow one another)", list(PHASE_DATES)),
]


def _heading_plans(headings) -> tuple[services.HeadingPlan, ...]:
    return tuple(
        services.HeadingPlan(name=data["name"], budget_pence=data["budget"], ward=data["ward"])
        for data in headings.cleaned_data
        if data and (data.get("name") or "").strip()
    )


def _show_process_error(form, headings, error: DomainError) -> None:
    for field, messages_of_field in error.errors.items():
        name = forms.ProcessForm.SERVICE_FIELDS.get(field, field)
        for message in messages_of_field:
            if name == "headings":
                headings.service_errors = [*getattr(headings, "service_errors", []), message]
            else:
                form.add_error(name if name in form.fields else None, message)


def _process_form_page(request, form, headings, process) -> HttpResponse:
    is_locked = process is not None and not process.can_change_voting_terms
    failed = request.method == "POST"
    context = {
        "process": process,
        "form": form,
        "headings": headings,
        "heading_errors": getattr(headings, "service_errors", []),
        "is_locked": is_locked,
        "sections": [(legend, [form[name] for name in names]) for legend, names in SECTIONS],
    }
    return render(
        request, "participation/process_form.html", context, status=400 if failed else 200
    )


@login_required
@require_POST
def process_advance(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    try:
        phase = services.process_phase_advance(actor=request.user, process=process)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("The process is now in its %(phase)s phase.")
            % {"phase": Phase(phase).label.lower()},
        )
    return redirect("participation:process", process.pk)
