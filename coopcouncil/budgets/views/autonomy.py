"""Pages for negotiated autonomy (requests, scorecards, Cabinet) and the devolution ladder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coopcouncil.budgets import forms, selectors, services
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found


def request_list(request: HttpRequest) -> HttpResponse:
    districts = selectors.autonomy_request_districts(request.user)
    form = forms.AutonomyRequestForm(request.POST or None, districts=districts)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("people:login")
        status = 400
        if form.is_valid():
            try:
                created = services.autonomy_request_submit(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form_show_error(form, error)
                status = error.status
            else:
                messages.success(request, "Your request is submitted for assessment.")
                return redirect("budgets:autonomy_request", created.pk)
    context = {
        "requests": selectors.autonomy_request_list(),
        "form": form if districts.exists() else None,
    }
    return render(request, "budgets/autonomy_list.html", context, status=status)


def request_detail(request: HttpRequest, request_id: int, **forms_given) -> HttpResponse:
    autonomy_request = found(selectors.autonomy_request_get, request_id)
    user = request.user
    context = {
        "item": autonomy_request,
        "rows": autonomy_request.scorecard.get("rows", []),
        "can_assess": selectors.autonomy_request_can_assess(user, autonomy_request),
        "can_decide": selectors.autonomy_request_can_decide(user, autonomy_request),
        "assess_form": forms_given.get("assess_form") or forms.AssessmentForm(),
        "cabinet_form": forms_given.get("cabinet_form") or forms.CabinetDecisionForm(),
    }
    return render(
        request, "budgets/autonomy_detail.html", context, status=forms_given.get("status", 200)
    )


@login_required
@require_POST
def request_assess(request: HttpRequest, request_id: int) -> HttpResponse:
    autonomy_request = found(selectors.autonomy_request_get, request_id)
    form = forms.AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.autonomy_request_assess(
                actor=request.user, request=autonomy_request, **form.service_arguments()
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, "Assessment recorded.")
            return redirect("budgets:autonomy_request", request_id)
    return request_detail(request, request_id, assess_form=form, status=400)


@login_required
@require_POST
def request_cabinet(request: HttpRequest, request_id: int) -> HttpResponse:
    autonomy_request = found(selectors.autonomy_request_get, request_id)
    form = forms.CabinetDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.autonomy_cabinet_decide(
                actor=request.user, request=autonomy_request, **form.cleaned_data
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, "Cabinet's decision recorded.")
            return redirect("budgets:autonomy_request", request_id)
    return request_detail(request, request_id, cabinet_form=form, status=400)


def ladder(request: HttpRequest, **forms_given) -> HttpResponse:
    user = request.user
    context = {
        "placements": selectors.ladder(),
        "can_challenge": check(user, "budgets.challenge_ladder").allowed,
        "can_manage": check(user, "budgets.manage_ladder").allowed,
        "challenge_form": forms.ChallengeForm(),
        "answer_form": forms.ChallengeAnswerForm(),
        "placement_form": forms_given.get("placement_form") or forms.PlacementForm(),
        "failed": forms_given.get("failed"),
    }
    return render(request, "budgets/ladder.html", context, status=forms_given.get("status", 200))


@login_required
@require_POST
def ladder_place(request: HttpRequest) -> HttpResponse:
    form = forms.PlacementForm(request.POST)
    if form.is_valid():
        try:
            services.ladder_place(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, "The ladder is updated.")
            return redirect("budgets:ladder")
    return ladder(request, placement_form=form, status=400)


def _run_ladder_action(request: HttpRequest, form, action, success: str) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, success)
            return redirect("budgets:ladder")
    return ladder(request, failed=form, status=400)


@login_required
@require_POST
def ladder_challenge(request: HttpRequest, slug: str) -> HttpResponse:
    placement = found(selectors.ladder_placement_get, slug)
    return _run_ladder_action(
        request,
        forms.ChallengeForm(request.POST),
        lambda data: services.ladder_challenge_submit(
            actor=request.user, placement=placement, **data
        ),
        "Your challenge is published; the council will answer it here.",
    )


@login_required
@require_POST
def ladder_answer(request: HttpRequest, challenge_id: int) -> HttpResponse:
    challenge = found(selectors.ladder_challenge_get, challenge_id)
    return _run_ladder_action(
        request,
        forms.ChallengeAnswerForm(request.POST),
        lambda data: services.ladder_challenge_answer(
            actor=request.user, challenge=challenge, **data
        ),
        "The answer is published.",
    )
