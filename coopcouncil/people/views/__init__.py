"""Account pages: sign up, confirm email, profile, residency, export and erasure.

The register route's pages (a resident's match, the officer's extract and review queue)
are in ``views/register.py``.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_create, form_show_error, rate_limited, refusal, refusal_page
from coopcouncil.people import forms, policy, selectors, services
from coopcouncil.people.models import Residency, User
from coopcouncil.people.permissions import residency_decision
from coopcouncil.people.selectors import councillor_wards
from coopcouncil.places import selectors as places


@rate_limited(policy.account_sign_up_rate_limit)
def signup(request: HttpRequest) -> HttpResponse:
    form = forms.SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(**form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"We have emailed a confirmation link to {user.email}.")
            return redirect("people:profile")
    return render(request, "people/signup.html", {"form": form})


def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The page django-axes shows, with 429, instead of signing in once the limit is reached.

    It says how long to wait, not whether the account exists or which limit was reached.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "people/login_locked_out.html", context, status=429)


@require_http_methods(["GET", "HEAD", "POST"])
def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The emailed link opens a page whose button confirms the address; opening it does not.

    Mail systems that scan links (common in councils' and employers' mail) open every link
    in a message, so a confirmation on GET would confirm addresses nobody had read.
    """
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError):
        return _verify_failed(request)
    if request.method != "POST":
        return render(request, "people/verify_email.html")
    try:
        services.user_verify_email(user=user, token=token)
    except DomainError:
        return _verify_failed(request)
    messages.success(request, _("Thank you: your email address is confirmed."))
    return redirect("people:profile" if request.user.is_authenticated else "people:login")


def _verify_failed(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("This confirmation link is invalid or has expired."))
    return render(request, "people/verify_failed.html", status=400)


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    services.user_send_verification_email(user=request.user)
    messages.success(request, "We have sent the confirmation link again.")
    return redirect("people:profile")


def _profile_context(user: User, **forms_given) -> dict:
    user = selectors.user_profile(user)
    return {
        "profile_user": user,
        "standing": residency_decision(user),
        "councillor_wards": councillor_wards(user),
        "postcode_form": forms.ResidencyPostcodeForm(),
        "code_form": forms_given.get("code_form") or forms.PostalCodeForm(),
        "register_form": forms_given.get("register_form") or forms.RegisterMatchForm(),
        "pending": [r for r in user.residencies.all() if r.status == Residency.Status.PENDING],
        "can_verify": check(user, "people.verify_in_person").allowed,
        "can_manage_api_keys": check(user, "people.manage_api_keys", user).allowed,
        "two_factor_offered": selectors.two_factor_offered(user),
        "register_claims_waiting": selectors.register_claims_waiting(user),
        "register_attempts_exceeded": selectors.register_attempts_exceeded(user=user),
    }


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "people/profile.html", _profile_context(request.user))


def _profile_form_post(request, form_class, context_name: str, action, success: str):
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, success)
            return redirect("people:profile")
    context = _profile_context(request.user, **{context_name: form})
    return render(request, "people/profile.html", context, status=400)


def _address_choice(
    request: HttpRequest,
    postcode_form: forms.ResidencyPostcodeForm,
    claim_form: forms.ResidencyClaimForm | None,
    postcode: str = "",
) -> HttpResponse:
    """The address step: a partial for htmx on the profile page, a page of its own without JS."""
    context = {"postcode_form": postcode_form, "claim_form": claim_form, "postcode": postcode}
    if request.headers.get("HX-Request"):
        # htmx swaps only successful responses, so its partial carries its errors with a 200.
        return render(request, "people/_address_choice.html", context)
    has_errors = postcode_form.errors or (claim_form is not None and claim_form.errors)
    return render(
        request, "people/residency_address.html", context, status=400 if has_errors else 200
    )


def _postcode_found(postcode_form: forms.ResidencyPostcodeForm):
    return form_create(postcode_form, lambda data: places.postcode_addresses(data["postcode"]))


@login_required
@require_POST
def residency_address(request: HttpRequest) -> HttpResponse:
    """Step 1: the resident's postcode; the council lists its addresses (or refuses it)."""
    postcode_form = forms.ResidencyPostcodeForm(request.POST)
    found = _postcode_found(postcode_form)
    claim_form = None
    if found is not None:
        postcode_form = forms.ResidencyPostcodeForm(initial={"postcode": found.postcode})
        claim_form = forms.ResidencyClaimForm(addresses=found.addresses)
        return _address_choice(request, postcode_form, claim_form, found.postcode)
    return _address_choice(request, postcode_form, None)


@login_required
@require_POST
def residency_claim(request: HttpRequest) -> HttpResponse:
    """Step 2: the chosen (or typed) address; the ward comes from it, never from the resident."""
    postcode_form = forms.ResidencyPostcodeForm(request.POST)
    found = _postcode_found(postcode_form)
    if found is None:
        return _address_choice(request, postcode_form, None)
    claim_form = forms.ResidencyClaimForm(request.POST, addresses=found.addresses)
    residency = form_create(
        claim_form,
        lambda data: services.residency_claim(
            user=request.user, postcode=found.postcode, uprn=data["uprn"], address=data["address"]
        ),
    )
    if residency is None:
        return _address_choice(request, postcode_form, claim_form, found.postcode)
    if residency.ward is None:
        messages.success(
            request,
            _(
                "Your postcode lies in more than one ward, so a district officer will decide"
                " yours. We will then post a one-time code to your address."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "You are in %(ward)s ward. We will post a one-time code to your address."
                " You can also ask at a district office."
            )
            % {"ward": residency.ward},
        )
    return redirect("people:profile")


@login_required
@require_POST
def residency_code(request: HttpRequest) -> HttpResponse:
    return _profile_form_post(
        request,
        forms.PostalCodeForm,
        "code_form",
        lambda data: services.residency_confirm_code(user=request.user, code=data["code"]),
        "Your address is verified.",
    )


@login_required
def export_my_data(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        json.dumps(services.user_export(user=request.user), indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="my-coopcouncil-data.json"'
    return response


@login_required
def erase_my_account(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("confirm") == "erase":
        user = request.user
        logout(request)
        services.user_erase(user=user)
        messages.success(request, "Your account and personal data have been erased.")
        return redirect("places:home")
    return render(request, "people/erase.html")


def _residency_queue_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "people/residency_queue.html",
        {
            "pending": selectors.pending_residencies().filter(ward__isnull=False),
            "wards_to_decide": selectors.residencies_awaiting_ward(),
        },
        status=status,
    )


@login_required
def residency_queue(request: HttpRequest) -> HttpResponse:
    """District team: claims waiting for verification or for a ward, and the letter print run."""
    return refusal(request, "people.verify_in_person") or _residency_queue_page(request)


@login_required
@require_POST
def residency_ward(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer decides the ward of a resident whose postcode straddles wards."""
    residency = get_object_or_404(Residency, pk=pk)
    try:
        ward = places.ward_get(request.POST.get("ward", ""))
        services.residency_ward_decide(officer=request.user, residency=residency, ward=ward)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
        return _residency_queue_page(request, status=400)
    messages.success(
        request,
        _("%(resident)s is placed in %(ward)s ward.") % {"resident": residency.user, "ward": ward},
    )
    return redirect("people:residency_queue")


@login_required
@require_POST
def residency_verify(request: HttpRequest, pk: int) -> HttpResponse:
    residency = get_object_or_404(Residency, pk=pk)
    try:
        services.residency_verify_in_person(officer=request.user, residency=residency)
    except DomainError as error:
        return render(request, "403.html", {"reason": error.message}, status=error.status)
    messages.success(request, f"{residency.user} is verified as living in {residency.ward}.")
    return redirect("people:residency_queue")


@login_required
@require_POST
def residency_letters(request: HttpRequest) -> HttpResponse:
    try:
        batch, pdf, csv_text = services.residency_letters_issue(officer=request.user)
    except DomainError as error:
        return render(request, "403.html", {"reason": error.message}, status=error.status)
    if request.POST.get("format") == "csv":
        response = HttpResponse(csv_text, content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="letters-{batch.pk}.csv"'
    else:
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="letters-{batch.pk}.pdf"'
    return response
