"""The register route's pages: a resident's match, the officer's extracts and review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.web import form_show_error, found, refusal, refusal_page
from coopcouncil.people import forms, selectors, services
from coopcouncil.people.models import RegisterClaim
from coopcouncil.people.views import _profile_context


@login_required
@require_POST
def residency_register(request: HttpRequest) -> HttpResponse:
    """A resident types their elector number or council tax reference and postcode.

    The address the request came from is counted towards the failed-try limit; behind a
    proxy, uvicorn's proxy headers (``--forwarded-allow-ips``) put the client's in REMOTE_ADDR.
    """
    form = forms.RegisterMatchForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            claim = services.residency_match_register(
                user=request.user, ip_address=request.META.get("REMOTE_ADDR"), **form.cleaned_data
            )
        except DomainError as error:
            form_show_error(form, error)
            status = error.status
        else:
            if claim.status == RegisterClaim.Status.VERIFIED:
                messages.success(request, gettext("Your address is verified."))
            else:
                messages.warning(
                    request,
                    gettext(
                        "Another account has already been verified with this reference. An"
                        " officer will check both accounts; until then you are not verified."
                    ),
                )
            return redirect("people:profile")
    context = _profile_context(request.user, register_form=form)
    return render(request, "people/profile.html", context, status=status)


@login_required
def register_extracts(request: HttpRequest) -> HttpResponse:
    """Democratic services: the extract held per source, and the upload of a new one."""
    refused = refusal(request, "people.import_register")
    if refused:
        return refused
    form = forms.RegisterImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"extract_date": timezone.localdate()},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            extract = services.register_import_file(
                actor=request.user,
                upload=form.cleaned_data["file"],
                source=form.cleaned_data["source"],
                extract_date=form.cleaned_data["extract_date"],
            )
        except DomainError as error:
            if error.status == 403:
                return refusal_page(request, error.message)
            form_show_error(form, error)
            status = error.status
        else:
            messages.success(
                request,
                gettext("%(extract)s loaded: %(rows)s lines.")
                % {"extract": extract, "rows": extract.row_count},
            )
            return redirect("people:register_extracts")
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "current": selectors.register_extracts_current(),
        "history": selectors.register_extract_history(),
    }
    return render(request, "people/register_extracts.html", context, status=status)


@login_required
def register_reviews(request: HttpRequest) -> HttpResponse:
    """District team: second accounts that matched a register entry another account holds."""
    return refusal(request, "people.verify_in_person") or render(
        request, "people/register_reviews.html", {"reviews": selectors.register_reviews_waiting()}
    )


def _review_decide(request: HttpRequest, pk: int, decide, success: str) -> HttpResponse:
    claim = found(selectors.register_review_get, pk)
    try:
        decide(officer=request.user, claim=claim)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, success % {"person": claim.user, "ward": claim.ward})
    return redirect("people:register_reviews")


@login_required
@require_POST
def register_review_verify(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_decide(
        request,
        pk,
        services.register_claim_verify,
        gettext("%(person)s is verified as living in %(ward)s; the other account lost the entry."),
    )


@login_required
@require_POST
def register_review_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_decide(
        request,
        pk,
        services.register_claim_refuse,
        gettext("%(person)s's claim is refused; the account that holds the entry keeps it."),
    )
