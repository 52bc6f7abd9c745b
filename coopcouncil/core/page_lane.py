"""The page lane: a stored public page served straight from the ASGI application.

Under a spike most requests are signed-out readers of a few public pages that the page
cache already holds (core/caching.py). ``SharedPageMiddleware`` answers them before the
session is read, but under ASGI each such request still pays for Django's handler: a
request object, a worker thread and the hop into it and back. The lane answers the same
readers before that: it looks the page up as the middleware does and, on a hit, runs only
the middleware that stands before ``SharedPageMiddleware`` in ``MIDDLEWARE`` (security
headers, CSP, static files, request id, read-your-writes) around the stored page, in the
event loop — none of them reads the database. Anything else, a miss included, goes on to
Django unchanged, where the middleware decides as before. tests/core/test_page_lane.py
compares the lane's replies with Django's.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.http.cookie import parse_cookie
from django.utils.module_loading import import_string

from coopcouncil.core.caching import CREDENTIAL_HEADERS, PAGES_CACHE, SharedPageMiddleware
from coopcouncil.core.freshness import WROTE_COOKIE

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]

_SHARED_PAGES = f"{SharedPageMiddleware.__module__}.{SharedPageMiddleware.__name__}"
# HTTP_X_API_KEY as the header uvicorn hands over: b"x-api-key".
_CREDENTIALS = {name[5:].lower().replace("_", "-").encode() for name in CREDENTIAL_HEADERS}


def page_lane_for_site(django_app: ASGIApp) -> ASGIApp:
    """Django's ASGI app with the page lane in front, where the page cache allows it.

    The lane reads the cache in the event loop, where Django forbids queries: a page cache
    kept in the database (``db://``, for several app servers) is read by
    ``SharedPageMiddleware`` in Django's worker thread instead; with no page cache
    (``dummy://``) there is nothing for the lane to answer.
    """
    if isinstance(caches[PAGES_CACHE], DatabaseCache | DummyCache):
        return django_app
    return SharedPageLane(django_app)


class SharedPageLane:
    """In front of Django: answers a signed-out reader's GET from the page cache."""

    def __init__(self, django_app: ASGIApp) -> None:
        self.django_app = django_app
        self.pages = SharedPageMiddleware(_unreachable)
        # Cookies that may mean the reader is someone: signed in, messages waiting, or
        # has just written (whose reads must be fresh). Any of them, valid or not: Django.
        self.personal = {
            settings.SESSION_COOKIE_NAME.encode(),
            CookieStorage.cookie_name.encode(),
            WROTE_COOKIE.encode(),
        }
        self.dress = _outer_middleware(self._stored)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        response = self._hit(scope) if self._may_serve(scope) else None
        if response is None:
            await self.django_app(scope, receive, send)
            return
        await _send(response, send)

    def _may_serve(self, scope: dict) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        for name, value in scope["headers"]:
            if name.replace(b"_", b"-") in _CREDENTIALS:  # as Django reads x_api_key too
                return False
            personal = name == b"cookie" and any(c in value for c in self.personal)
            if personal and not self._no_personal_cookie(value):
                return False
        return True

    def _no_personal_cookie(self, header: bytes) -> bool:
        """The cheap test above matched a name somewhere in the header; parse it as Django
        will, to be sure."""
        return not any(
            name.encode() in self.personal for name in parse_cookie(header.decode("latin-1"))
        )

    def _hit(self, scope: dict) -> HttpResponseBase | None:
        request = ASGIRequest(scope, io.BytesIO())
        try:
            hit = self.pages.stored_page(request)
        except DisallowedHost:
            return None  # Django answers it (400) and logs it as it always does
        if hit is None:
            return None
        request.shared_page = hit  # type: ignore[attr-defined]
        return self.dress(request)

    @staticmethod
    def _stored(request: HttpRequest) -> HttpResponseBase:
        return request.shared_page  # type: ignore[attr-defined]


def _unreachable(request: HttpRequest) -> HttpResponseBase:
    raise AssertionError("the lane asks SharedPageMiddleware for stored pages only")


def _outer_middleware(
    inner: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """``inner`` wrapped in the site's middleware that stands before SharedPageMiddleware,
    built as Django builds its chain (each instance wraps the next)."""
    names = list(settings.MIDDLEWARE)
    handler = inner
    for name in reversed(names[: names.index(_SHARED_PAGES)]):
        handler = import_string(name)(handler)
    return handler


async def _send(response: HttpResponseBase, send: Callable) -> None:
    """The reply as Django's ASGI handler sends it (headers, cookies, then the body)."""
    headers = [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.items()
    ]
    headers += [
        (b"set-cookie", c.output(header="").strip().encode("latin-1"))
        for c in response.cookies.values()
    ]
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    body = response.content if isinstance(response, HttpResponse) else b"".join(response)
    await send({"type": "http.response.body", "body": body})
