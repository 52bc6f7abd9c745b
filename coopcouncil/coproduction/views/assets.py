"""Pages for community assets: the register, applying, assessing, monitoring, licences, ACV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.coproduction import forms, selectors, services
from coopcouncil.coproduction.models import CommunityAsset
from coopcouncil.coproduction.views import button_press
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, form_submit, found, refusal_page
from coopcouncil.places import selectors as places


def assets(request: HttpRequest) -> HttpResponse:
    district = (
        found(places.district_get, request.GET["district"]) if request.GET.get("district") else None
    )
    kind = request.GET.get("kind", "")
    context = {
        "assets": selectors.asset_list(
            district=district, kind=kind if kind in CommunityAsset.Kind.values else ""
        ),
        "districts": places.district_list(with_wards=False),
        "district": district,
        "kinds": CommunityAsset.Kind.choices,
        "kind": kind,
        "is_asset_officer": check(request.user, "coproduction.manage_assets"),
        "import_form": forms.AssetImportForm(),
    }
    return render(request, "coproduction/assets.html", context)


@login_required
@require_POST
def assets_import(request: HttpRequest) -> HttpResponse:
    form = forms.AssetImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, gettext("Choose a CSV file."))
        return redirect("coproduction:assets")
    try:
        text = form.cleaned_data["file"].read().decode("utf-8-sig")
    except UnicodeDecodeError:
        messages.error(request, gettext("The file must be CSV in UTF-8."))
        return redirect("coproduction:assets")
    try:
        count = services.assets_import(actor=request.user, text=text)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        problems = [f"{where}: {m}" for where, msgs in error.errors.items() for m in msgs]
        messages.error(request, " ".join([error.message, *problems]))
    else:
        messages.success(request, gettext("%(count)s assets imported.") % {"count": count})
    return redirect("coproduction:assets")


def asset_detail(request: HttpRequest, reference: str) -> HttpResponse:
    asset = found(selectors.asset_get, reference)
    groups = selectors.partners_of(request.user)
    form = forms.LeaseApplicationForm(request.POST or None, groups=groups)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("people:login")
        if form.is_valid():
            try:
                services.lease_apply(
                    actor=request.user,
                    asset=asset,
                    organisation=form.cleaned_data["organisation"],
                    terms=form.cleaned_data["terms"],
                    proposal=form.cleaned_data["proposal"],
                    commitments=form.commitments(),
                )
            except DomainError as error:
                if error.status == 403:
                    return refusal_page(request, error.message)
                form_show_error(form, error)
            else:
                messages.success(request, gettext("Your application is with the asset officer."))
                return redirect("coproduction:asset", reference=asset.reference)
    context = {
        "asset": asset,
        "form": form,
        "can_apply": groups.exists(),
        "my_group_ids": set(groups.values_list("pk", flat=True)),
    }
    return render(request, "coproduction/asset.html", context, status=400 if form.errors else 200)


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    """The asset officer's desk: applications to assess, commitments missed, licences ending."""
    decision = check(request.user, "coproduction.assess_application")
    if not decision:
        return refusal_page(request, decision.reason)
    context = {
        "waiting": selectors.lease_applications(status="submitted"),
        "decision_form": forms.LeaseDecisionForm(),
        "agreements": selectors.agreements_with_commitments(),
        "return_form": forms.CommitmentReturnForm(),
        "missed": selectors.commitments_missed(),
        "reviews_due": selectors.lease_reviews_due(),
        "licences_ending": selectors.licences_ending_soon(),
        "licences": selectors.licences_current(),
        "licence_form": forms.MeanwhileLicenceForm(),
    }
    return render(request, "coproduction/applications.html", context)


@login_required
@require_POST
def application_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    application = found(selectors.lease_application_get, application_id)
    form = forms.LeaseDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("coproduction:applications")
    data = dict(form.cleaned_data)
    data["rent_pence"] = data.pop("rent")
    return button_press(
        request,
        lambda: services.lease_decide(actor=request.user, application=application, **data),
        gettext("Decision recorded."),
        "coproduction:applications",
    )


@login_required
@require_POST
def commitment_return(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = found(selectors.commitment_get, commitment_id)
    form = forms.CommitmentReturnForm(request.POST)
    # A group sends its return from the asset's page, the officer from the desk.
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("coproduction:applications")
    if not form.is_valid():
        messages.error(request, gettext("Give the year and what was achieved."))
        return redirect(back)
    return button_press(
        request,
        lambda: services.commitment_return_record(
            actor=request.user, commitment=commitment, **form.cleaned_data
        ),
        gettext("Return recorded."),
        back,
    )


@login_required
@require_POST
def licence_grant(request: HttpRequest) -> HttpResponse:
    form = forms.MeanwhileLicenceForm(request.POST)
    response = form_submit(
        request,
        form,
        lambda data: services.meanwhile_licence_grant(actor=request.user, **data),
        success_message=gettext("Licence granted."),
        success_url=reverse("coproduction:applications"),
    )
    if response is None:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("coproduction:applications")
    return response


# --- Assets of community value --------------------------------------------------------


def community_value(request: HttpRequest) -> HttpResponse:
    groups = selectors.partners_of(request.user)
    form = forms.NominationForm(request.POST or None, groups=groups)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("people:login")
        if form.is_valid():
            try:
                nomination = services.community_value_nominate(
                    actor=request.user, **form.cleaned_data
                )
            except DomainError as error:
                if error.status == 403:
                    return refusal_page(request, error.message)
                form_show_error(form, error)
            else:
                messages.success(
                    request, gettext("Thank you; the council will consider your nomination.")
                )
                return redirect("coproduction:community_value_detail", nomination_id=nomination.pk)
    context = {"nominations": selectors.community_value_list(), "form": form}
    return render(
        request, "coproduction/community_value.html", context, status=400 if form.errors else 200
    )


def community_value_detail(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = found(selectors.community_value_get, nomination_id)
    context = {
        "nomination": nomination,
        "dates": selectors.community_value_dates(nomination),
        "can_record": check(request.user, "coproduction.record_notice", nomination),
        "listing_form": forms.ListingForm(),
        "notice_form": forms.NoticeForm(),
    }
    return render(request, "coproduction/community_value_detail.html", context)


@login_required
@require_POST
def community_value_decide(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = found(selectors.community_value_get, nomination_id)
    form = forms.ListingForm(request.POST)
    back = request.path.rsplit("decide/", 1)[0]
    if not form.is_valid():
        messages.error(request, gettext("Choose a decision and its date."))
        return redirect(back)
    return button_press(
        request,
        lambda: services.community_value_list(
            actor=request.user, nomination=nomination, **form.cleaned_data
        ),
        gettext("Decision recorded; the nominators are told."),
        back,
    )


@login_required
@require_POST
def community_value_notice(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = found(selectors.community_value_get, nomination_id)
    form = forms.NoticeForm(request.POST)
    back = request.path.rsplit("notice/", 1)[0]
    if not form.is_valid():
        messages.error(request, gettext("Give the date of the owner's notice."))
        return redirect(back)
    return button_press(
        request,
        lambda: services.community_value_notice_record(
            actor=request.user, nomination=nomination, **form.cleaned_data
        ),
        gettext("Notice recorded; the nominators are told the dates."),
        back,
    )
