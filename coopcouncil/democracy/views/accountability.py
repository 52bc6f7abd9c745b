"""Councillor accountability: my meetings and eligibility, annual reports, attendance,
the Local Leaders Programme, 360-degree feedback and pulse surveys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_run, found
from coopcouncil.democracy import forms, selectors
from coopcouncil.democracy.models import ProgrammeYear
from coopcouncil.democracy.services.leaders import annual_report_save
from coopcouncil.democracy.services.surveys import feedback_give, pulse_answer
from coopcouncil.people.selectors import councillor_wards


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def _mine_context(user, report_form=None) -> dict:
    year = timezone.localdate().year
    return {
        "is_councillor": councillor_wards(user).exists(),
        "wards": councillor_wards(user),
        "meetings": selectors.meetings_of_councillor(user),
        "eligibility": selectors.councillor_eligibility(user),
        "figures": selectors.annual_report_figures(user, year=year),
        "reports": selectors.annual_reports_of(user),
        "questions": selectors.questions_of(user),
        "report_form": report_form or forms.AnnualReportForm(initial={"year": year}),
        "year": year,
    }


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A councillor's meetings, eligibility and report; a resident's questions."""
    return render(request, "democracy/mine.html", _mine_context(request.user))


@login_required
@require_POST
def report_save(request: HttpRequest) -> HttpResponse:
    form = forms.AnnualReportForm(request.POST)
    if form_run(form, lambda d: annual_report_save(councillor=request.user, **d)):
        messages.success(request, gettext("Your annual report is saved."))
        return redirect("democracy:mine")
    return render(request, "democracy/mine.html", _mine_context(request.user, form), status=400)


def councillors(request: HttpRequest) -> HttpResponse:
    """Public attendance rates and published annual reports."""
    year = _year(request)
    return render(
        request,
        "democracy/councillors.html",
        {
            "year": year,
            "rows": selectors.attendance_rates(year=year),
            "reports": selectors.published_reports(),
        },
    )


def report(request: HttpRequest, user_id: int, year: int) -> HttpResponse:
    found_report = found(selectors.annual_report_public, user_id, year)
    return render(
        request,
        "democracy/report.html",
        {
            "report": found_report,
            "figures": selectors.annual_report_figures(found_report.councillor, year=year),
        },
    )


def programme(request: HttpRequest) -> HttpResponse:
    """The Local Leaders Programme: modules, sessions and who may vote on budgets."""
    year = ProgrammeYear.objects.order_by("-starts_on").first()
    return render(
        request,
        "democracy/programme.html",
        {
            "programme": year,
            "modules": selectors.programme_modules(year) if year else [],
            "rows": selectors.councillors_eligibility_table(),
            "can_manage": check(request.user, "democracy.manage_programme").allowed,
        },
    )


def feedback_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "democracy/feedback_list.html",
        {
            "rounds": selectors.feedback_rounds(),
            "can_manage": check(request.user, "democracy.manage_feedback").allowed,
        },
    )


def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """Aggregates of a 360-degree round (from 5 responses) and the form to respond."""
    feedback_round = found(selectors.feedback_round_get, pk)
    form = forms.FeedbackForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            # As the question form does (login_required): sign in, then back to this round.
            return redirect_to_login(request.get_full_path())
        if form_run(
            form,
            lambda d: feedback_give(
                respondent=request.user, feedback_round=feedback_round, ratings=form.ratings()
            ),
        ):
            messages.success(request, gettext("Thank you: your feedback is recorded anonymously."))
            return redirect("democracy:feedback", pk=pk)
    return render(
        request,
        "democracy/feedback.html",
        {
            "round": feedback_round,
            "summary": selectors.feedback_results(feedback_round),
            "form": form,
            "can_give": check(request.user, "democracy.give_feedback", feedback_round),
            "has_given": selectors.has_given_feedback(request.user, feedback_round),
        },
        status=400 if request.method == "POST" else 200,
    )


def pulse(request: HttpRequest, pk: int) -> HttpResponse:
    """A pulse survey: the form for its audience and the results as bar charts."""
    survey = found(selectors.pulse_survey_get, pk)
    form = forms.PulseForm(request.POST or None, survey=survey)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form_run(
            form,
            lambda d: pulse_answer(respondent=request.user, survey=survey, ratings=form.ratings()),
        ):
            messages.success(request, gettext("Thank you for answering."))
            return redirect("democracy:pulse", pk=pk)
    return render(
        request,
        "democracy/pulse.html",
        {
            "survey": survey,
            "results": selectors.pulse_results(survey),
            "form": form,
            "can_answer": check(request.user, "democracy.answer_pulse", survey),
            "has_answered": selectors.has_answered_pulse(request.user, survey),
        },
        status=400 if request.method == "POST" else 200,
    )
