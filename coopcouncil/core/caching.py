"""The public page cache: pages everyone reads, rendered once and shared until their data change.

When a call-in or a PB vote is in the news, thousands read the same few pages. A view marked
``@public_page(topics)`` is served from the shared cache (``settings.CACHES["pages"]``, one
the server's workers share: files or the database) to readers who are not signed in.

Invalidation is by versioned keys. Each *topic* — an app's data (``"democracy"``), or a
narrower slice such as one call-in's signatures — has a generation token in the cache, and
a stored page remembers the tokens it was rendered under. A write replaces the token of its
topics once its transaction commits (``pages_changed_on_commit``; ``core.audit`` does it for
every audited write), so the next reader finds the page out of date and renders it afresh.
The reader reads the tokens before the data and the writer replaces them after the commit,
so a page stored under the current tokens always includes every committed write. The
tokens are random, not counters, so two workers bumping at once cannot land on one value.

What is never shared: a page for a signed-in person, a request that carries flash
messages, a reply that sets a cookie or rendered a CSRF token (a token is tied to its
reader's cookie), and anything for a person who has just written (``core.freshness``).
Pages that show the time (a call-in window closing) are also re-rendered at least every
``COOPCOUNCIL_PAGE_CACHE_SECONDS`` (60), which also bounds writes made outside the services.

While a page's data keep changing — a signature every few milliseconds on a call-in in the
news — re-rendering it for every reader would cost more than the spike itself. So a stored
page younger than ``COOPCOUNCIL_PAGE_REFRESH_MS`` (1000) is still served to readers who did
not write: each page is rendered at most about once a refresh interval, and nobody but the
writer (who always reads fresh) sees a copy older than that. 0 turns this off.

A reader with no session or messages cookie cannot be signed in nor have messages waiting,
so ``SharedPageMiddleware`` serves such a reader a stored page before the session, sign-in,
CSRF and messages middleware run, and adds the headers they would have added: under load
most readers are such, and this is most of a hit's cost. A miss goes on down to the view.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_request

from coopcouncil.core.freshness import reads_must_be_fresh
from coopcouncil.core.policy import policy_int

PAGES_CACHE = "pages"
_TOPIC_PREFIX = "topic:"
_PAGE_PREFIX = "page2:"  # the stored form changed (it keeps when it was stored)
# Headers that may make the caller someone (an API key, people/middleware.py): a request
# carrying one, valid or not, is decided by the full path.
CREDENTIAL_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_X_API_KEY")
# The reply headers a stored page keeps; the middleware adds the rest on every serving.
_KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def page_seconds() -> int:
    """How long a stored page may live at most, whatever its topics."""
    return policy_int("COOPCOUNCIL_PAGE_CACHE_SECONDS", 60)


def page_refresh_seconds() -> float:
    """How long a stored page is still served after its data changed (see the top)."""
    return policy_int("COOPCOUNCIL_PAGE_REFRESH_MS", 1000) / 1000


def _topic_key(topic: str) -> str:
    return _TOPIC_PREFIX + topic


def pages_changed(topics: Iterable[str]) -> None:
    """Give each topic a new generation now: every page stored under it is out of date."""
    cache = caches[PAGES_CACHE]
    cache.set_many({_topic_key(t): secrets.token_hex(8) for t in set(topics)}, timeout=None)


def pages_changed_on_commit(*topics: str) -> None:
    """Replace the topics' generations once the current transaction commits (now if none)."""
    transaction.on_commit(lambda: pages_changed(topics))


def _page_key(request: HttpRequest, language: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{language}|{address}".encode()).hexdigest()
    return _PAGE_PREFIX + digest


def _may_share(request: HttpRequest) -> bool:
    """Whether this reader may be served (and seed) the copy everyone shares."""
    return (
        request.method in {"GET", "HEAD"}
        and not reads_must_be_fresh()
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A reply may be shared only if nothing in it belongs to this reader."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Vary")
    )


def _generations(cache: Any, topics: list[str], found: dict[str, Any]) -> tuple[str, ...]:
    """The topics' current tokens; a topic without one (new, or evicted) is given one."""
    tokens = []
    for topic in topics:
        token = found.get(_topic_key(topic))
        if token is None:
            cache.add(_topic_key(topic), secrets.token_hex(8), timeout=None)
            token = cache.get(_topic_key(topic))
        tokens.append(token)
    return tuple(tokens)


def _lookup(
    request: HttpRequest, names: list[str], language: str
) -> tuple[str, tuple[str, ...], HttpResponse | None]:
    """The page's key, its topics' current tokens, and the stored page if still current.
    One cache read: the page and its topics' tokens come back together."""
    cache = caches[PAGES_CACHE]
    key = _page_key(request, language)
    found = cache.get_many([key, *map(_topic_key, names)])
    stored = found.get(key)
    current = _generations(cache, names, found)
    if stored is not None and (
        stored[0] == current or time.time() - stored[4] < page_refresh_seconds()
    ):
        return key, current, _rebuilt(stored)
    return key, current, None


def public_page(topics: Callable[..., Iterable[str]]) -> Callable:
    """Share a public page among readers who are not signed in, until its topics change.

    ``topics`` receives the view's URL arguments and names the data the page shows, e.g.
    ``lambda pk: ["democracy", "places", call_in_topic(pk)]``.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _may_share(request):
                return view(request, *args, **kwargs)
            try:
                names = sorted(set(topics(*args, **kwargs)))
            except NotShared:
                return view(request, *args, **kwargs)
            key, current, hit = _lookup(request, names, get_language())
            if hit is not None:
                return hit
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                stored = _stored(current, response)
                caches[PAGES_CACHE].set(key, stored, timeout=page_seconds())
            return response

        serve.page_topics = topics  # type: ignore[attr-defined]  # for SharedPageMiddleware
        return serve

    return decorate


class NotShared(Exception):
    """Raised by a ``topics`` function for a request whose reply must not be shared."""


def url_record_id(value: str) -> int:
    """A record's id as a URL gives it ("010"), as a topic names it (10): the API's path
    arguments reach ``topics`` as text, and two spellings of one id must share one topic.
    Any other text (which a parser might still read as a number) is not shared."""
    if not (value.isascii() and value.isdigit()):
        raise NotShared
    return int(value)


def shared_read(topics: Callable[..., Iterable[str]]) -> Callable:
    """Mark an API read everyone may share, as ``public_page`` shares a page: its reply to a
    client that is not signed in (no session, no API key) is stored until its topics change.

    Put it under the router's decorator. django-ninja serves all of a path's methods from
    one URL view, so the mark is read where the API's URLs are made
    (``config.api.api_urls``), which wraps that view in ``public_page(topics)``; the view
    still answers every other method and every signed-in client itself.
    """

    def mark(endpoint: Callable) -> Callable:
        endpoint.page_topics = topics  # type: ignore[attr-defined]
        return endpoint

    return mark


class SharedPageMiddleware:
    """Serves a stored public page to a reader who cannot be signed in, early.

    Placed after the security, CSP and static-file middleware and before the session
    middleware. A request it cannot answer (a write, a reader who has just written, one
    with a session or messages cookie, a page that is not shared, or not stored) goes on
    unchanged, and the view's ``public_page`` decides as before; so does one that carries
    credentials other than cookies (an API key), which the middleware after checks.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            request.method in {"GET", "HEAD"}
            and not reads_must_be_fresh()
            and not any(name in request.COOKIES for name in self.personal_cookies)
            and not any(name in request.META for name in CREDENTIAL_HEADERS)
        ):
            hit = self.stored_page(request)
            if hit is not None:
                return hit
        return self.get_response(request)

    def stored_page(self, request: HttpRequest) -> HttpResponse | None:
        """The stored copy of the page ``request`` asks for, dressed as the middleware after
        this one would dress it, if the page is shared and its copy is current."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        topics = getattr(match.func, "page_topics", None)
        if topics is None:
            return None
        language = get_language_from_request(request)
        try:
            names = sorted(set(topics(*match.args, **match.kwargs)))
        except NotShared:
            return None
        _key, _current, hit = _lookup(request, names, language)
        if hit is not None:
            _add_skipped_headers(hit, language)
        return hit


def _add_skipped_headers(response: HttpResponse, language: str) -> None:
    """What the middleware after ``SharedPageMiddleware`` adds to a page it serves to a
    reader who is not signed in (tests/core/test_caching.py compares the two): the session
    was read (``Vary: Cookie``), the language chosen from the request, framing refused."""
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    response.headers.setdefault("Content-Language", language)
    response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
    response.headers.setdefault("Content-Length", str(len(response.content)))


def _stored(generations: tuple[str, ...], response: HttpResponse) -> tuple:
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    return (generations, response.status_code, headers, response.content, time.time())


def _rebuilt(stored: tuple) -> HttpResponse:
    _, status, headers, content, _stored_at = stored
    return HttpResponse(content, status=status, headers=headers)
