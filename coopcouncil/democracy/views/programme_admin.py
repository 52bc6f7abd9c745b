"""Democratic services run the Local Leaders Programme and open 360-degree feedback rounds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.web import form_create, form_run, found, refusal
from coopcouncil.democracy import forms, selectors
from coopcouncil.democracy.services import leaders as leader_services
from coopcouncil.democracy.services import surveys as survey_services

MANAGE = "democracy.manage_programme"


@login_required
def years(request: HttpRequest) -> HttpResponse:
    """Programme years, and the form to open a new one."""
    if refused := refusal(request, MANAGE, None):
        return refused
    form = forms.ProgrammeYearForm(request.POST or None)
    if request.method == "POST" and (
        programme := form_create(
            form, lambda d: leader_services.programme_year_create(actor=request.user, **d)
        )
    ):
        messages.success(request, gettext("Programme year opened. Now add its modules."))
        return redirect("democracy:programme_year", pk=programme.pk)
    return render(
        request,
        "democracy/programme_years.html",
        {"years": selectors.programme_years(), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _year_page(request, year, *, status: int = 200, **given) -> HttpResponse:
    return render(
        request,
        "democracy/programme_year.html",
        {
            "year": year,
            "modules": selectors.programme_modules(year),
            "module_form": given.get("module_form") or forms.ModuleForm(),
            "session_form": given.get("session_form") or forms.ModuleSessionForm(),
            "session_module_id": given.get("session_module_id"),
        },
        status=status,
    )


@login_required
def year(request: HttpRequest, pk: int) -> HttpResponse:
    programme = found(selectors.programme_get, pk)
    return refusal(request, MANAGE, programme) or _year_page(request, programme)


@login_required
@require_POST
def module_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = found(selectors.programme_get, pk)
    if refused := refusal(request, MANAGE, programme):
        return refused
    form = forms.ModuleForm(request.POST)
    if form_run(
        form,
        lambda d: leader_services.module_add(actor=request.user, programme=programme, **d),
    ):
        messages.success(request, gettext("Module added."))
        return redirect("democracy:programme_year", pk=pk)
    return _year_page(request, programme, status=400, module_form=form)


@login_required
@require_POST
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    module = found(selectors.module_get, pk)
    if refused := refusal(request, MANAGE, module):
        return refused
    form = forms.ModuleSessionForm(request.POST)
    if form_run(
        form,
        lambda d: leader_services.module_session_add(actor=request.user, module=module, **d),
    ):
        messages.success(request, gettext("Session added."))
        return redirect("democracy:programme_year", pk=module.programme_id)
    return _year_page(
        request, module.programme, status=400, session_form=form, session_module_id=module.pk
    )


@login_required
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The register of a session: tick the councillors present; eligibility follows at once."""
    session = found(selectors.module_session_get, pk)
    if refused := refusal(request, MANAGE, session):
        return refused
    councillors = selectors.serving_councillors()
    recorded = [a.councillor_id for a in session.attendance.all()]
    form = forms.SessionAttendanceForm(
        request.POST or None, councillors=councillors, initial={"councillors": recorded}
    )
    if request.method == "POST" and form_run(
        form,
        lambda d: leader_services.session_attendance_set(
            actor=request.user, session=session, councillors=d["councillors"]
        ),
    ):
        messages.success(request, gettext("Attendance recorded."))
        return redirect("democracy:session_attendance", pk=pk)
    return render(
        request,
        "democracy/session_attendance.html",
        {
            "session": session,
            "form": form,
            "rows": selectors.councillors_eligibility_table(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def feedback_new(request: HttpRequest) -> HttpResponse:
    """Open a 360-degree feedback round about the Leader or a Cabinet member."""
    if refused := refusal(request, "democracy.manage_feedback", None):
        return refused
    form = forms.FeedbackRoundForm(
        request.POST or None, councillors=selectors.serving_councillors()
    )
    if request.method == "POST" and (
        feedback_round := form_create(
            form, lambda d: survey_services.feedback_round_create(actor=request.user, **d)
        )
    ):
        messages.success(request, gettext("Feedback round opened."))
        return redirect("democracy:feedback", pk=feedback_round.pk)
    return render(
        request,
        "democracy/feedback_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
