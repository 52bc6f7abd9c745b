"""Read your own writes: a person who has just written is served from the source of truth.

Public pages may come from the page cache or a read replica, and both trail a write by a
moment. So that nobody sees a stale count after a write they made, every request that may
write (any method but GET, HEAD, OPTIONS, TRACE) leaves a short-lived signed cookie; while
it lasts, that person's requests skip the cache and read from the primary database.
Everyone else may be served the shared copy. Outside a request (commands, tasks, tests
that call services) reads are always fresh.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from coopcouncil.core.policy import policy_int

WROTE_COOKIE = "cc_wrote"
_SALT = "coopcouncil.core.freshness"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

_reads_must_be_fresh: ContextVar[bool] = ContextVar("coopcouncil_fresh_reads", default=True)


def fresh_seconds() -> int:
    """How long after a write a person's reads stay on the primary (longer than replica lag)."""
    return policy_int("COOPCOUNCIL_READ_YOUR_WRITES_SECONDS", 30)


def reads_must_be_fresh() -> bool:
    """True when this request's reads must not come from a cache or a replica."""
    return _reads_must_be_fresh.get()


def wrote_recently(request: HttpRequest) -> bool:
    """Whether the request carries a valid, unexpired mark of a recent write."""
    value = request.get_signed_cookie(
        WROTE_COOKIE, default=None, salt=_SALT, max_age=fresh_seconds()
    )
    return value is not None


def mark_writer(response: HttpResponseBase) -> None:
    """Mark the person behind ``response`` as having just written."""
    response.set_signed_cookie(
        WROTE_COOKIE,
        "1",
        salt=_SALT,
        max_age=fresh_seconds(),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


_header_this_second: tuple[int, tuple[bytes, bytes]] | None = None


def writer_mark_header() -> tuple[bytes, bytes]:
    """The ``Set-Cookie`` header ``mark_writer`` adds, for replies Django does not send (the
    signing lane). The signature carries a timestamp in seconds, so one serves a second."""
    global _header_this_second
    now = int(time.time())
    if _header_this_second is None or _header_this_second[0] != now:
        response = HttpResponse()
        mark_writer(response)
        cookie = response.cookies[WROTE_COOKIE].output(header="").strip()
        _header_this_second = (now, (b"set-cookie", cookie.encode("latin-1")))
    return _header_this_second[1]


class ReadYourWritesMiddleware:
    """Decides per request whether reads must be fresh, and marks writers on the way out."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        writing = request.method not in SAFE_METHODS
        token = _reads_must_be_fresh.set(writing or wrote_recently(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_must_be_fresh.reset(token)
        if writing:
            mark_writer(response)
        return response
