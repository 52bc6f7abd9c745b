"""What every PB page shares: finding the process or project, and showing a refusal."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.participation import selectors


def process_or_404(process_id: int):
    """The process, or the site's 404 page."""
    try:
        return selectors.process_get(process_id)
    except NotFound as error:
        raise Http404(error.message) from None


def project_or_404(process, project_id: int):
    """A project of `process`, or the site's 404 page."""
    try:
        return selectors.project_get(process, project_id)
    except NotFound as error:
        raise Http404(error.message) from None


def show_error(form, error: DomainError) -> None:
    """Put a rule's message (and any further field messages) on the form that asked."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    for name, extra in error.extra_errors.items():
        for message in extra:
            form.add_error(name if name in form.fields else None, message)


def refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    """The 403 page giving the permission rule's reason."""
    return render(request, "403.html", {"reason": error.message}, status=error.status)


def form_submit(
    request: HttpRequest,
    form,
    save: Callable[[dict], object],
    *,
    success_message: str,
    success_url: str,
) -> HttpResponse | None:
    """Save a POSTed form through one service call, answering as every PB form does.

    `save` gets the cleaned data and calls the service. Saved: a redirect to `success_url`
    with `success_message`. Refused by a permission rule: the 403 page. Any other rule's
    error is put on the form. None means the caller shows the form again with its errors.
    """
    if not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except DomainError as error:
        if error.status == 403:
            return refused(request, error)
        show_error(form, error)
        return None
    messages.success(request, success_message)
    return redirect(success_url)
