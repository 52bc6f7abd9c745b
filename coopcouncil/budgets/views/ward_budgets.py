"""Pages for ward budgets: published allocations per ward, a councillor's own budget, and the
district team's decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_POST

from coopcouncil.budgets import forms, policy, selectors, services
from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found
from coopcouncil.places import selectors as places


def published(request: HttpRequest) -> HttpResponse:
    """Every ward budget allocation, grouped by ward, with councillors' budgets."""
    ward_slug = request.GET.get("ward", "")
    try:
        ward = places.ward_get(ward_slug) if ward_slug else None
    except NotFound:
        ward = None
    context = {
        "wards": places.ward_list(),
        "ward": ward,
        "allocation_rows": selectors.ward_allocations_with_polls(
            selectors.ward_allocation_list(ward=ward).order_by("ward__name", "-created_at")
        ),
        "polls": selectors.ward_poll_list(ward=ward)[:20],
        "budgets": selectors.ward_budget_summaries(ward=ward),
        "ward_shares": selectors.ward_allocation_rows(ward=ward) if ward else [],
        "can_open": check(request.user, "budgets.manage_ward_budgets").allowed,
    }
    return render(request, "budgets/ward_budgets.html", context)


@login_required
def open_year(request: HttpRequest) -> HttpResponse:
    """A finance officer opens the year's ward budgets for every sitting councillor."""
    form = forms.WardBudgetsOpenForm(
        request.POST or None,
        initial={
            "financial_year": selectors.current_financial_year(timezone.localdate()),
            "amount_pence": format_pence(policy.ward_budget_pence()).replace("£", ""),
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = services.ward_budgets_open(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form_show_error(form, error)
                status = error.status
            else:
                year = form.cleaned_data["financial_year"]
                messages.success(
                    request,
                    f"{created} new ward budget{pluralize(created)} opened for {year}; "
                    "councillors who already had one keep it unchanged.",
                )
                return redirect("budgets:ward_budgets")
    context = {"form": form, "can_open": check(request.user, "budgets.manage_ward_budgets")}
    return render(request, "budgets/ward_budgets_open.html", context, status=status)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    summary = selectors.my_ward_budget(request.user)
    form = forms.WardAllocationForm(
        request.POST or None,
        poll_options=selectors.ward_poll_closed_options(summary.ward_budget) if summary else None,
    )
    if summary is not None:
        district = summary.ward_budget.ward.district
        groups = form.fields["recipient_organisation"].queryset
        form.fields["recipient_organisation"].queryset = groups.filter(
            Q(district=district) | Q(district__isnull=True)
        )
    status = 200
    if request.method == "POST" and summary is not None:
        status = 400
        if form.is_valid():
            try:
                services.ward_budget_allocate(
                    actor=request.user, ward_budget=summary.ward_budget, **form.cleaned_data
                )
            except DomainError as error:
                form_show_error(form, error)
                status = error.status
            else:
                messages.success(request, "Sent to the district team for approval.")
                return redirect("budgets:my_ward_budget")
    context = {
        "summary": summary,
        "form": form,
        "eligibility": check(request.user, "budgets.allocate_ward_budget", summary.ward_budget)
        if summary
        else None,
        "allocation_rows": selectors.ward_allocations_with_polls(
            selectors.ward_allocation_list(ward_budget=summary.ward_budget)
        )
        if summary
        else [],
        "polls": selectors.ward_poll_list(ward_budget=summary.ward_budget) if summary else [],
        "can_poll": summary is not None
        and check(request.user, "budgets.run_ward_poll", summary.ward_budget).allowed,
    }
    return render(request, "budgets/my_ward_budget.html", context, status=status)


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    """The district team's queue of ward budget allocations waiting for a decision."""
    queue = selectors.ward_decision_queue(request.user)
    context = {
        "pending": queue.pending,
        "is_team": queue.is_team,
        "form": forms.WardAllocationDecisionForm(),
    }
    return render(request, "budgets/ward_decisions.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, allocation_id: int) -> HttpResponse:
    allocation = found(selectors.ward_allocation_get, allocation_id)
    form = forms.WardAllocationDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.ward_allocation_decide(
                actor=request.user, allocation=allocation, **form.cleaned_data
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, f"Decision recorded for {allocation.recipient_name}.")
            return redirect("budgets:ward_decisions")
    for message in [m for messages_ in form.errors.values() for m in messages_]:
        messages.error(request, message)
    return redirect("budgets:ward_decisions")
