"""What every democracy page shares: showing a rule's refusal on the form that asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import Http404, HttpResponse
from django.shortcuts import render

from coopcouncil.core.errors import DomainError, NotAllowed, NotFound
from coopcouncil.core.permissions import require

Made = TypeVar("Made")


def _show_on_form(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def form_run(form, action: Callable[[dict], object]) -> bool:
    """Run ``action`` with a valid form's data; put any rule's message on the form."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except DomainError as error:
        _show_on_form(form, error)
        return False
    return True


def form_create(form, create: Callable[[dict], Made]) -> Made | None:
    """Run ``create`` with a valid form's data and return what it made.

    None means the form now carries its errors (a field's or a rule's) to show again.
    """
    if not form.is_valid():
        return None
    try:
        return create(form.cleaned_data)
    except DomainError as error:
        _show_on_form(form, error)
        return None


def form_errors_text(form) -> str:
    """Every message on ``form`` in one line, for pages that show it away from the fields."""
    return " ".join(e for field_errors in form.errors.values() for e in field_errors)


def refusal(request, action: str, target) -> HttpResponse | None:
    """The 403 page with the permission layer's reason, or None when allowed."""
    try:
        require(request.user, action, target)
    except NotAllowed as error:
        return render(request, "403.html", {"reason": error.message}, status=403)
    return None


def found(lookup: Callable, *args, **kwargs):
    """Call a selector, turning its NotFound into the site's 404 page."""
    try:
        return lookup(*args, **kwargs)
    except NotFound as error:
        raise Http404(error.message) from None
