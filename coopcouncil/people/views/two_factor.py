"""The second factor's pages: set it up (staff and administrators), and give a code when
signing in. ``people/middleware.py`` sends a session that owes a code here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopcouncil.core.errors import DomainError
from coopcouncil.core.web import form_show_error, refusal
from coopcouncil.people import forms, selectors
from coopcouncil.people.services import two_factor

# What the session still owes (``selectors.two_factor_step``); "" once it owes nothing.
SESSION_KEY = "people.two_factor"


def two_factor_on_sign_in(sender: object, request: HttpRequest, user: object, **kwargs) -> None:
    """On signing in (Django's ``user_logged_in``): note what the new session still owes."""
    step = selectors.two_factor_step(user)
    if step and request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = step


def two_factor_done(request: HttpRequest) -> None:
    """Record that this session has given its code, on a new session key (as a sign-in)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = ""


def _next_page(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else "/accounts/profile/"


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Start (a new secret, shown once) and confirm (a code from it) the second factor."""
    refused = refusal(request, "people.two_factor_enrol", request.user)
    if refused:
        return refused
    context = {
        "is_enrolled": selectors.two_factor_enrolled(request.user),
        "next": _next_page(request),
    }
    if request.method == "POST" and "start" in request.POST:
        try:
            context["enrolment"] = two_factor.two_factor_enrol_start(user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("people:profile")
        context["form"] = forms.TwoFactorCodeForm()
    elif request.method == "POST":
        form = forms.TwoFactorCodeForm(request.POST)
        if form.is_valid():
            try:
                two_factor.two_factor_enrol_confirm(
                    user=request.user, code=form.cleaned_data["code"]
                )
            except DomainError as error:
                form_show_error(form, error)
            else:
                two_factor_done(request)
                messages.success(request, _("Signing in now asks for a code from your app."))
                return redirect(context["next"])
        # A wrong code: start again with a new secret rather than show the old one twice.
        context["code_refused"] = form.errors
    return render(request, "people/two_factor_enrol.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the current code from the person's app."""
    form = forms.TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.two_factor_verify(user=request.user, code=form.cleaned_data["code"])
        except DomainError as error:
            form_show_error(form, error)
        else:
            two_factor_done(request)
            return redirect(_next_page(request))
    context = {"form": form, "next": _next_page(request)}
    return render(request, "people/two_factor_verify.html", context)
