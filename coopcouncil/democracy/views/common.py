"""What every democracy page shares: showing a rule's refusal on the form that asked."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404

from coopcouncil.core.errors import DomainError, NotFound


def form_run(form, action: Callable[[dict], object]) -> bool:
    """Run ``action`` with a valid form's data; put any rule's message on the form."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


def found(lookup: Callable, *args, **kwargs):
    """Call a selector, turning its NotFound into the site's 404 page."""
    try:
        return lookup(*args, **kwargs)
    except NotFound as error:
        raise Http404(error.message) from None
