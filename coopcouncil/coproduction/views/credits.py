"""Pages for time credits: my balance and offers to spend on; partners post offers and redeem."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.coproduction import forms, selectors, services
from coopcouncil.core.errors import DomainError
from coopcouncil.core.web import form_show_error, form_submit, found, refusal_page


def credits_index(request: HttpRequest) -> HttpResponse:
    """Offers anyone can see; a signed-in person also sees their balance and ledger."""
    context = {
        "offers": selectors.credit_offer_list(),
        "balance": selectors.credit_balance(request.user),
        "entries": selectors.credit_entries(request.user)[:50],
        "is_partner": selectors.partners_of(request.user).exists(),
    }
    return render(request, "coproduction/credits.html", context)


@login_required
@require_POST
def credits_spend(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = found(selectors.credit_offer_get, offer_id)
    try:
        entry = services.credits_spend(actor=request.user, offer=offer)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("Spent. Show this code to %(partner)s: %(code)s")
            % {"partner": offer.partner, "code": entry.code},
        )
    return redirect("coproduction:credits")


@login_required
def offer_create(request: HttpRequest) -> HttpResponse:
    partners = selectors.partners_of(request.user)
    form = forms.CreditOfferForm(request.POST or None, partners=partners)
    if request.method == "POST":
        response = form_submit(
            request,
            form,
            lambda data: services.credit_offer_create(actor=request.user, **data),
            success_message=gettext("Your offer is published."),
            success_url=request.path,
        )
        if response is not None:
            return response
    return render(request, "coproduction/offer_form.html", {"form": form})


@login_required
def redeem(request: HttpRequest) -> HttpResponse:
    """A partner types the code a resident shows; it learns only the offer, never the person."""
    form = forms.RedeemForm(request.POST or None, partners=selectors.partners_of(request.user))
    redeemed = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            redeemed = services.credit_redeem(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
            status = error.status
    elif request.method == "POST":
        status = 400
    context = {"form": form, "redeemed": redeemed}
    return render(request, "coproduction/redeem.html", context, status=status)
