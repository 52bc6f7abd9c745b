"""What every HTML page shares: a rule's message on the form, the refusal page, the 404 page.

Services raise ``DomainError`` (``core.errors``); the API shows it as JSON in
``config/api.py``, and every app's pages show it through this module, so a resident reads the
same message, on the same field, whichever app the form belongs to.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django import forms
from django.contrib import messages
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopcouncil.core.errors import DomainError, NotFound, RateLimited
from coopcouncil.core.permissions import check
from coopcouncil.core.policy import RateLimit
from coopcouncil.core.ratelimits import rate_limit_request

Found = TypeVar("Found")
Made = TypeVar("Made")
Asked = ParamSpec("Asked")

# ``DomainError.errors`` keeps messages that belong to no field under this key, as Django does.
NO_FIELD = "__all__"


def form_show_error(form: forms.BaseForm, error: DomainError) -> None:
    """Put a rule's message on the field it names, or above the form when the form lacks it.

    Further messages (``DomainError(errors=...)``) go on their fields too; one for a field the
    form does not have goes above the form, prefixed with what it is about (a file import's
    ``row 3``, say), so the resident can still tell where to look.
    """
    form.add_error(error.field if error.field in form.fields else None, error.message)
    for name, extra in error.extra_errors.items():
        for message in extra:
            if name in form.fields:
                form.add_error(name, message)
            elif name == NO_FIELD:
                form.add_error(None, message)
            else:
                form.add_error(None, f"{name}: {message}")


def form_errors_text(form: forms.BaseForm) -> str:
    """Every message on ``form`` in one line, for pages that show it away from the fields."""
    return " ".join(e for field_errors in form.errors.values() for e in field_errors)


def form_run(form: forms.BaseForm, action: Callable[[dict[str, Any]], object]) -> bool:
    """Run ``action`` with a valid form's data; put any rule's message on the form."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except DomainError as error:
        form_show_error(form, error)
        return False
    return True


def form_create(form: forms.BaseForm, create: Callable[[dict[str, Any]], Made]) -> Made | None:
    """Run ``create`` with a valid form's data and return what it made.

    None means the form now carries its errors (a field's or a rule's) to show again.
    """
    if not form.is_valid():
        return None
    try:
        return create(form.cleaned_data)
    except DomainError as error:
        form_show_error(form, error)
        return None


def form_submit(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], object],
    *,
    success_message: str,
    success_url: str,
) -> HttpResponse | None:
    """Save a POSTed form through one service call and answer as a form page does.

    ``save`` gets the cleaned data and calls the service. Saved: a redirect to ``success_url``
    with ``success_message``. Refused by a permission rule: the refusal page. Any other rule's
    error is put on the form. None means the caller shows the form again with its errors.
    """
    if not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        form_show_error(form, error)
        return None
    messages.success(request, success_message)
    return redirect(success_url)


def refusal_page(request: HttpRequest, reason: str) -> HttpResponse:
    """The 403 page, saying why (the permission rule's reason)."""
    return render(request, "403.html", {"reason": reason}, status=403)


def refusal(request: HttpRequest, action: str, target: object = None) -> HttpResponse | None:
    """The 403 page with the permission rule's reason, or None when the user may do ``action``."""
    decision = check(request.user, action, target)
    if decision.allowed:
        return None
    return refusal_page(request, decision.reason)


def found(lookup: Callable[Asked, Found], *args: Asked.args, **kwargs: Asked.kwargs) -> Found:
    """Call a selector, turning its ``NotFound`` into the site's 404 page."""
    try:
        return lookup(*args, **kwargs)
    except NotFound as error:
        raise Http404(error.message) from None


def stored_file_open(file: FieldFile, missing: str) -> FieldFile:
    """The stored file opened for reading, or the site's 404 page saying ``missing``.

    A record can outlive its file (a restore made without the files, a folder cleared by
    hand); whoever asks for it then reads the 404 page, never a server error.
    """
    if not file:
        raise Http404(missing)
    try:
        return file.open("rb")
    except FileNotFoundError:
        raise Http404(missing) from None


def rate_limited_page(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """The 429 page, saying when to try again, with ``Retry-After``."""
    response = render(request, "429.html", {"reason": error.message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def rate_limited(
    limit: Callable[[], RateLimit],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Count each POST to the view against the public action's ``limit`` (an app's policy
    function, read per request so settings apply at once); past it, the 429 page."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def counted(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                try:
                    rate_limit_request(limit(), request)
                except RateLimited as error:
                    return rate_limited_page(request, error)
            return view(request, *args, **kwargs)

        return counted

    return decorate
