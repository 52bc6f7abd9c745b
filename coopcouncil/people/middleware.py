"""Signing in with a second factor: after the password, a person with one gives a code
before any other page (the admin and the API included).

What the session still owes is worked out when the person signs in and kept in the
session (``views.two_factor.two_factor_on_sign_in``), so a request costs no query and no
session write. A session begun before a person enrolled, or before the council required a
second factor, owes nothing until its next sign-in. docs/reliability.md, "Second factor".
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from coopcouncil.people.views.two_factor import SESSION_KEY

# The pages a person part-way through signing in may still open.
STEP_PAGES = {"people:two_factor_verify", "people:two_factor_enrol", "people:logout"}


class TwoFactorMiddleware:
    """Sends a session that still owes a code (or an enrolment) to the page that takes it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        # Only a signed-in session holds a step; reading the session costs what the
        # authentication middleware's own read does, once per request.
        step = request.session.get(SESSION_KEY, "")
        match = request.resolver_match
        if not step or (match is not None and match.view_name in STEP_PAGES):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": gettext("Finish signing in: give the code from your app."),
                    "code": "two_factor_required",
                    "errors": {},
                },
                status=403,
            )
        page = "people:two_factor_verify" if step == "verify" else "people:two_factor_enrol"
        return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
