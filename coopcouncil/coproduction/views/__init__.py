"""Co-production's pages, one module per part; each view parses, calls one service or
selector, and renders."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from coopcouncil.core.errors import DomainError
from coopcouncil.core.web import refusal_page


def button_press(
    request: HttpRequest, action: Callable[[], object], success: str, back: str
) -> HttpResponse:
    """Run the service behind a one-button form and go ``back`` with its message.

    A permission refusal shows the refusal page; any other rule's message is shown on ``back``.
    """
    try:
        action()
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(back)
