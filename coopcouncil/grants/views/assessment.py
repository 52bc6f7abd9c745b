"""Officers check eligibility, assessors declare interests and score, the panel decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.web import form_show_error, found, refusal, refusal_page
from coopcouncil.grants import forms, policy, selectors, services
from coopcouncil.grants.views.applications import _back
from coopcouncil.people.services import interest_declare


@login_required
@require_POST
def eligibility(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    form = forms.EligibilityForm(request.POST)
    if not form.is_valid():
        error = DomainError("invalid", gettext("Choose eligible or not eligible."), "is_eligible")
        return _back(request, application, error, "")
    try:
        services.application_eligibility_record(
            actor=request.user, application=application, **form.cleaned_data
        )
    except DomainError as error:
        return _back(request, application, error, "")
    return _back(request, application, None, gettext("Eligibility recorded."))


@login_required
@require_POST
def declare_interest(request: HttpRequest, application_id: int) -> HttpResponse:
    """An assessor or councillor declares an interest in the applicant (people's register)."""
    application = found(selectors.application_get, application_id)
    form = forms.InterestForm(request.POST)
    if not form.is_valid():
        error = DomainError("reason_required", gettext("Say what the interest is."), "reason")
        return _back(request, application, error, "")
    try:
        interest_declare(
            actor=request.user,
            organisation=application.organisation,
            reason=form.cleaned_data["reason"],
        )
    except DomainError as error:
        return _back(request, application, error, "")
    messages.success(
        request,
        gettext("Your interest is declared. You will not see, score or vote on this bid."),
    )
    return redirect("grants:index")


@login_required
def score(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    denied = refusal(request, "grants.assess", application)
    if denied:
        return denied
    criteria = list(application.round.criteria.all())
    mine = selectors.my_scores(request.user, application)
    initial = {}
    for criterion_id, given in mine.items():
        initial[f"mark_{criterion_id}"] = given.score
        initial[f"comment_{criterion_id}"] = given.comment
    form = forms.ScoreForm(
        request.POST or None, criteria=criteria, top=policy.score_scale_top(), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.score_record(
                actor=request.user,
                application=application,
                marks=form.marks(),
                comments=form.comments(),
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(request, gettext("Your scores are saved."))
            return redirect("grants:index")
    status = 400 if request.method == "POST" else 200
    context = {"application": application, "form": form}
    return render(request, "grants/score.html", context, status=status)


@login_required
def decide(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.application_get, application_id)
    denied = refusal(request, "grants.decide", application)
    if denied:
        return denied
    district = application.ward.district if application.ward_id else None
    form = forms.DecisionForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.application_decide(
                actor=request.user,
                application=application,
                outcome=data["outcome"],
                amount_pence=data["amount_pence"],
                reasons=data["reasons"],
                feedback=data["feedback"],
                votes=form.votes(),
            )
        except DomainError as error:
            if error.status == 403 and error.field is None:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(request, gettext("The decision is recorded and published."))
            return redirect("grants:application", application_id=application.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "application": application,
        "form": form,
        "moderation": selectors.application_moderation(application),
        "awarded_pence": selectors.round_awarded_pence(application.round),
    }
    return render(request, "grants/decide.html", context, status=status)
