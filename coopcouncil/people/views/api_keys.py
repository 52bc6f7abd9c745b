"""Staff and partners issue and revoke their own API keys; administrators see everyone's.

A new key is shown once, on the page that issued it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_create, found, refusal, refusal_page
from coopcouncil.people import forms, selectors, services


@login_required
def api_key_list(request: HttpRequest) -> HttpResponse:
    person = request.user
    refused = refusal(request, "people.manage_api_keys", person)
    if refused is not None or not selectors.is_signed_in(person):
        return refused or refusal_page(request, gettext("Sign in to manage API keys."))
    form = forms.ApiKeyForm(request.POST or None)
    issued = None
    if request.method == "POST":
        issued = form_create(
            form,
            lambda data: services.api_key_create(
                actor=person,
                user=person,
                name=data["name"],
                is_read_only=data["is_read_only"],
                expires_in_days=data["expires_in_days"],
            ),
        )
        if issued is not None:
            messages.success(request, gettext("Key issued. Copy it now: it is not shown again."))
            form = forms.ApiKeyForm()
    sees_all = check(person, "people.list_all_api_keys").allowed
    context = {
        "form": form,
        "keys": selectors.api_keys_of(person),
        "all_keys": selectors.api_key_list() if sees_all else None,
        "new_key": issued[1] if issued else None,
    }
    return render(request, "people/api_keys.html", context)


@login_required
@require_POST
def api_key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    api_key = found(selectors.api_key_get, key_id)
    try:
        services.api_key_revoke(actor=request.user, api_key=api_key)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Key revoked."))
    return redirect("people:api_keys")
