"""Administrators issue and revoke Open311 API keys; a new key is shown once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.web import found, refusal, refusal_page
from coopcouncil.servicerequests import forms, selectors, services


@login_required
def key_list(request: HttpRequest) -> HttpResponse:
    refused = refusal(request, "servicerequests.manage_keys")
    if refused is not None:
        return refused
    form = forms.ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            api_key, new_key = services.api_key_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as error:
            return refusal_page(request, error.message)
        messages.success(
            request,
            gettext("Key issued to %(name)s. Copy it now: it is not shown again.")
            % {"name": api_key.name},
        )
        form = forms.ApiKeyForm()
    context = {"form": form, "keys": selectors.api_key_list(), "new_key": new_key}
    return render(request, "servicerequests/keys.html", context)


@login_required
@require_POST
def key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    api_key = found(selectors.api_key_get, key_id)
    try:
        services.api_key_revoke(actor=request.user, api_key=api_key)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Key revoked."))
    return redirect("servicerequests:keys")
