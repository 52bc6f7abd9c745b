"""Energy switching pages: rounds, a household's registration and offer, bids, the auction."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_run, form_show_error, found, refusal, refusal_page
from coopcouncil.membership import forms, selectors, services
from coopcouncil.membership.logic.tariffs import TDCV_SOURCE
from coopcouncil.people.selectors import current_roles


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "rounds": selectors.round_list(),
        "can_manage": check(request.user, "membership.manage").allowed,
    }
    return render(request, "membership/energy_index.html", context)


def _household_form(request: HttpRequest, registration) -> forms.HouseholdForm:
    if request.method == "POST":
        return forms.HouseholdForm(request.POST)
    if registration is None:
        return forms.HouseholdForm()
    return forms.HouseholdForm(
        initial={
            "region": registration.region,
            "payment_method": registration.payment_method,
            "has_gas": registration.gas_kwh > 0,
            "electricity_kwh": registration.electricity_kwh,
            "gas_kwh": registration.gas_kwh or None,
            "electricity_unit_rate": registration.electricity_unit_rate,
            "electricity_standing_charge": registration.electricity_standing_charge,
            "gas_unit_rate": registration.gas_unit_rate,
            "gas_standing_charge": registration.gas_standing_charge,
        }
    )


def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    switching_round = found(selectors.round_get, round_id)
    registration = selectors.registration_of(request.user, switching_round)
    can_manage = check(request.user, "membership.manage", switching_round).allowed
    context = {
        "round": switching_round,
        "stage": selectors.round_stage(switching_round),
        "registration": registration,
        "offer": getattr(registration, "offer", None) if registration else None,
        "form": _household_form(request, registration),
        "tdcv_source": TDCV_SOURCE,
        "can_manage": can_manage,
        "can_bid": can_manage or current_roles(request.user, role="partner").exists(),
        "figures": selectors.round_figures(switching_round) if can_manage else None,
        "bids": selectors.bids_of_round(switching_round) if can_manage else None,
    }
    return render(request, "membership/round.html", context)


@login_required
@require_POST
def register(request: HttpRequest, round_id: int) -> HttpResponse:
    switching_round = found(selectors.round_get, round_id)
    form = forms.HouseholdForm(request.POST)
    if form.is_valid():
        try:
            services.household_register(
                user=request.user, switching_round=switching_round, entry=form.entry()
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(request, gettext("Your household is registered for the auction."))
            return redirect("membership:round", switching_round.pk)
    context = {
        "round": switching_round,
        "stage": selectors.round_stage(switching_round),
        "registration": None,
        "offer": None,
        "form": form,
        "tdcv_source": TDCV_SOURCE,
    }
    return render(request, "membership/round.html", context, status=400)


@login_required
@require_POST
def offer_decide(request: HttpRequest, round_id: int) -> HttpResponse:
    switching_round = found(selectors.round_get, round_id)
    is_accepted = request.POST.get("decision") == "accept"
    try:
        services.offer_decide(
            user=request.user, switching_round=switching_round, is_accepted=is_accepted
        )
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("You accepted the offer: the supplier will write to you to switch.")
            if is_accepted
            else gettext("You declined the offer."),
        )
    return redirect("membership:round", switching_round.pk)


@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    refused = refusal(request, "membership.manage")
    if refused:
        return refused
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST":
        made = []
        if form_run(
            form,
            lambda data: made.append(
                services.round_create(
                    actor=request.user,
                    name=data["name"],
                    registration_opens=data["registration_opens"],
                    registration_closes=data["registration_closes"],
                    acceptance_closes=data["acceptance_closes"],
                    finder_fee_pence=data["finder_fee"],
                )
            ),
        ):
            return redirect("membership:round", made[0].pk)
    return render(request, "membership/round_form.html", {"form": form})


@login_required
def bids_upload(request: HttpRequest, round_id: int) -> HttpResponse:
    switching_round = found(selectors.round_get, round_id)
    is_officer = check(request.user, "membership.manage").allowed
    own = current_roles(request.user, role="partner").values("organisation_id")
    suppliers = None if is_officer else selectors.supplier_choices(own)
    form = forms.BidsForm(request.POST or None, request.FILES or None, suppliers=suppliers)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.text()
            if not text:
                raise DomainError(
                    "energy_bids_unreadable", gettext("The file is not UTF-8 CSV."), "file"
                )
            saved = services.bids_import(
                actor=request.user,
                switching_round=switching_round,
                text=text,
                supplier=form.cleaned_data["supplier"],
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
        else:
            messages.success(
                request, gettext("%(count)s sealed bid(s) received.") % {"count": len(saved)}
            )
            return redirect("membership:round", switching_round.pk)
    status = 400 if form.errors else 200
    context = {"round": switching_round, "form": form}
    return render(request, "membership/bids_form.html", context, status=status)


@login_required
@require_POST
def auction_run(request: HttpRequest, round_id: int) -> HttpResponse:
    switching_round = found(selectors.round_get, round_id)
    try:
        result = services.auction_hold(actor=request.user, switching_round=switching_round)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("The auction has run: %(winner)s won.") % {"winner": result.winning_bid},
        )
    return redirect("membership:round", switching_round.pk)


@login_required
@require_POST
def fee_settle(request: HttpRequest, round_id: int) -> HttpResponse:
    switching_round = found(selectors.round_get, round_id)
    try:
        services.finder_fee_settle(actor=request.user, switching_round=switching_round)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("The finder's fee is settled."))
    return redirect("membership:round", switching_round.pk)


AUCTION_COLUMNS = (
    "round",
    "auction_run_at",
    "winning_bid",
    "winning_supplier",
    "registered_households",
    "households_saving",
    "total_saving_pence",
    "average_saving_pence",
    "largest_saving_pence",
    "finder_fee_per_household_pence",
    "tie_rule",
)


def auctions_csv(request: HttpRequest) -> HttpResponse:
    """Open data: each auction's outcome and cohort figures; no household is in it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="energy-auctions.csv"'
    writer = csv.writer(response)
    writer.writerow(AUCTION_COLUMNS)
    for result in selectors.auction_results_public():
        writer.writerow(
            [
                result.round.name,
                result.run_at.isoformat(),
                result.winning_bid.reference,
                result.winning_bid.supplier_name,
                result.registrations,
                result.switching,
                result.total_saving_pence,
                result.average_saving_pence,
                result.largest_saving_pence,
                result.round.finder_fee_pence,
                result.tie_rule,
            ]
        )
    return response
