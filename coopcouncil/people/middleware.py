"""Who is calling: a second factor after the password, and API keys for machine clients.

Signing in with a second factor: after the password, a person with one gives a code
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

from coopcouncil.core.errors import DomainError, RateLimited
from coopcouncil.people.services.api_keys import api_key_authenticate
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


class ApiKeyMiddleware:
    """Lets a machine client call the JSON API with a key instead of a session.

    A request under ``/api/`` that sends ``Authorization: Bearer <key>`` (or ``X-Api-Key``)
    acts as the key's account: ``request.user`` is that account, so every endpoint's
    permission rules apply unchanged, and no CSRF check is needed (no cookie is involved,
    so no other site can send the key for the client). A key that does not work is
    refused here, in the shared error shape, before any endpoint runs. Requests without a
    key keep their session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key_sent(request) if request.path_info.startswith("/api/") else None
        if key is None:
            return self.get_response(request)
        try:
            api_key = api_key_authenticate(key=key, method=request.method or "GET")
        except DomainError as error:
            response = JsonResponse(error.as_body(), status=error.status)
            if isinstance(error, RateLimited):
                response["Retry-After"] = str(error.retry_after)
            elif error.status == 401:
                response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        request.user = api_key.user
        request.api_key = api_key  # type: ignore[attr-defined]
        # Django's and ninja's CSRF checks both honour this flag.
        request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


def _key_sent(request: HttpRequest) -> str | None:
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    key = request.headers.get("X-Api-Key", "").strip()
    return key or None
