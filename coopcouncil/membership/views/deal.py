"""The membership deal's pages: joining, pledges and benefits; partners' code checks; uptake."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_run, form_show_error, found, refusal, refusal_page
from coopcouncil.membership import forms, selectors, services
from coopcouncil.membership.logic.chart import scatter


def home(request: HttpRequest) -> HttpResponse:
    membership = selectors.membership_of(request.user)
    today = timezone.localdate()
    context = {
        "membership": membership,
        "join": check(request.user, "membership.join"),
        "pledges": selectors.pledges_of(membership) if membership else [],
        "benefits": selectors.benefits_for(membership, today=today) if membership else [],
        "offers": [] if membership else selectors.benefit_list(current_on=today),
        "can_manage": check(request.user, "membership.manage").allowed,
        "can_redeem": check(request.user, "membership.redeem_codes").allowed,
    }
    return render(request, "membership/home.html", context)


def _act(request: HttpRequest, action, success: str) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("membership:home")


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    return _act(
        request,
        lambda: services.membership_join(user=request.user),
        gettext("Welcome to the co-operative membership."),
    )


@login_required
@require_POST
def pledge_take(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    return _act(
        request,
        lambda: services.pledge_take(user=request.user, kind=kind),
        gettext("Thank you for your pledge."),
    )


@login_required
@require_POST
def pledge_keep(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    return _act(
        request,
        lambda: services.pledge_keep(user=request.user, kind=kind),
        gettext("Thank you for keeping your pledge."),
    )


@login_required
@require_POST
def benefit_claim(request: HttpRequest, benefit_id: int) -> HttpResponse:
    benefit = found(selectors.benefit_get, benefit_id)
    return _act(
        request,
        lambda: services.benefit_claim(user=request.user, benefit=benefit),
        gettext("Your code is ready: show it to the partner when you use the offer."),
    )


@login_required
def redeem(request: HttpRequest) -> HttpResponse:
    """A partner checks a code (and may then use it); they see the offer, never the member."""
    refused = refusal(request, "membership.redeem_codes")
    if refused:
        return refused
    form = forms.CodeForm(request.POST or None)
    claim = None
    if request.method == "POST" and form.is_valid():
        service = services.code_redeem if "redeem" in request.POST else services.code_check
        try:
            claim = service(actor=request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            form_show_error(form, error)
        else:
            if "redeem" in request.POST:
                messages.success(request, gettext("The code is used: give the member the offer."))
    status = 400 if form.errors else 200
    return render(request, "membership/redeem.html", {"form": form, "claim": claim}, status=status)


@login_required
def uptake(request: HttpRequest) -> HttpResponse:
    refused = refusal(request, "membership.manage")
    if refused:
        return refused
    rows = selectors.uptake_by_ward()
    chart = scatter(
        [(row.ward.name, float(row.ward.imd_score), row.members_per_thousand) for row in rows]
    )
    return render(request, "membership/uptake.html", {"rows": rows, "chart": chart})


@login_required
def benefit_new(request: HttpRequest) -> HttpResponse:
    refused = refusal(request, "membership.manage")
    if refused:
        return refused
    form = forms.BenefitForm(request.POST or None)
    if request.method == "POST" and form_run(
        form,
        lambda data: services.benefit_create(
            actor=request.user,
            partner=data["partner"],
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            wards=list(data["wards"]),
            min_age=data["min_age"],
            max_age=data["max_age"],
            min_membership_days=data["min_membership_days"],
        ),
    ):
        messages.success(request, gettext("The benefit is offered to members."))
        return redirect("membership:home")
    return render(request, "membership/benefit_form.html", {"form": form})


UPTAKE_COLUMNS = (
    "ward_code",
    "ward",
    "district",
    "population",
    "imd_score",
    "imd_rank",
    "members",
    "members_per_1000",
    "benefit_claims",
)


def uptake_csv(request: HttpRequest) -> HttpResponse:
    """Open data: members and claims by ward beside population and deprivation; counts only."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="membership-uptake-by-ward.csv"'
    writer = csv.writer(response)
    writer.writerow(UPTAKE_COLUMNS)
    for row in selectors.uptake_by_ward():
        writer.writerow(
            [
                row.ward.code,
                row.ward.name,
                row.ward.district.name,
                row.ward.population,
                row.ward.imd_score,
                row.ward.imd_rank,
                row.members,
                f"{row.members_per_thousand:.2f}",
                row.claims,
            ]
        )
    return response
