"""Pages for community share offers: apply, see the allocation; the secretary allocates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, refusal
from coopcouncil.mutuals import forms, selectors, services
from coopcouncil.mutuals.logic.ballots import is_open
from coopcouncil.mutuals.views.register import _manage_post


@login_required
@require_POST
def offer_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _manage_post(
        request,
        slug,
        "offer_form",
        lambda mutual: forms.ShareOfferForm(request.POST),
        lambda mutual, data: services.share_offer_create(actor=request.user, mutual=mutual, **data),
        gettext("Share offer opened."),
    )


def _offer_page(
    request: HttpRequest, offer, form=None, interest_form=None, status: int = 200
) -> HttpResponse:
    can_run = check(request.user, "mutuals.run_share_offers", offer.mutual)
    context = {
        "offer": offer,
        "form": form or forms.ShareApplicationForm(),
        "interest_form": interest_form or forms.InterestYearForm(),
        "is_open": is_open(opens_at=offer.opens_at, closes_at=offer.closes_at, now=timezone.now()),
        "mine": selectors.my_share_application(request.user, offer),
        "can_run": can_run,
        "applications": selectors.share_applications(offer) if can_run else [],
        "interest_years": offer.interest_years.all(),
    }
    return render(request, "mutuals/offer.html", context, status=status)


def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    return _offer_page(request, found(selectors.share_offer_get, offer_id))


@login_required
@require_POST
def offer_apply(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = found(selectors.share_offer_get, offer_id)
    form = forms.ShareApplicationForm(request.POST)
    if form.is_valid():
        try:
            services.share_apply(actor=request.user, offer=offer, **form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
            return _offer_page(request, offer, form=form, status=error.status)
        messages.success(request, gettext("Your application is in."))
        return redirect("mutuals:offer", offer_id=offer.pk)
    return _offer_page(request, offer, form=form, status=400)


@login_required
@require_POST
def offer_allocate(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = found(selectors.share_offer_get, offer_id)
    denied = refusal(request, "mutuals.run_share_offers", offer.mutual)
    if denied:
        return denied
    try:
        services.share_offer_allocate(actor=request.user, offer=offer)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Allocated."))
    return redirect("mutuals:offer", offer_id=offer.pk)


@login_required
@require_POST
def offer_interest(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = found(selectors.share_offer_get, offer_id)
    denied = refusal(request, "mutuals.run_share_offers", offer.mutual)
    if denied:
        return denied
    form = forms.InterestYearForm(request.POST)
    if form.is_valid():
        try:
            services.interest_year_record(actor=request.user, offer=offer, **form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
            return _offer_page(request, offer, interest_form=form, status=error.status)
        messages.success(request, gettext("Interest recorded."))
        return redirect("mutuals:offer", offer_id=offer.pk)
    return _offer_page(request, offer, interest_form=form, status=400)
