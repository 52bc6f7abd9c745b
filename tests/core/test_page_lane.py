"""The page lane answers a signed-out reader's GET of a stored public page before Django's
handler runs, with the reply Django would have sent; everyone else goes on to Django."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync
from django.core.handlers.asgi import ASGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from coopcouncil.core.caching import pages_changed
from coopcouncil.core.logs import RequestIdASGI
from coopcouncil.core.page_lane import SharedPageLane, page_lane_for_site

pytestmark = pytest.mark.django_db


class Django:
    """Stands in for Django behind the lane: counts what reaches it, answers 204."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _get(app, path="/", *, method="GET", host=b"testserver", **headers: str) -> dict:
    """One request through ``app`` as uvicorn makes it; the status, headers and body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", host), *((k.encode(), v.encode()) for k, v in headers.items())],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent: list[dict] = []
    received: list[bool] = []

    async def receive() -> dict:
        if received:  # the client stays until the reply is sent
            await asyncio.Event().wait()
        received.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    async_to_sync(app)(scope, receive, send)
    start = sent[0]
    return {
        "status": start["status"],
        "headers": sorted(
            (k.decode().lower(), v.decode())
            for k, v in start["headers"]
            if k.lower() != b"x-request-id"
        ),
        "body": b"".join(m.get("body", b"") for m in sent[1:]),
    }


@pytest.fixture
def django_asgi():
    """Django's own ASGI handler, kept off the test's database connection as Django's test
    client keeps its handler (which would otherwise close it at each request's start)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield RequestIdASGI(ASGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_a_stored_page_is_answered_by_the_lane_as_django_answers_it(
    page_cache, places, django_asgi, django_assert_num_queries
):
    """Same status, headers (security, CSP, Vary, language, framing, length) and body."""
    rendered = _get(django_asgi, "/")  # stores the page
    django_hit = _get(django_asgi, "/")
    behind = Django()
    with django_assert_num_queries(0):
        lane_hit = _get(RequestIdASGI(SharedPageLane(behind)), "/")
    assert behind.paths == []
    assert lane_hit == django_hit
    assert lane_hit["body"] == rendered["body"]
    assert ("content-security-policy" in dict(lane_hit["headers"])) is True


def test_each_language_is_answered_with_its_own_stored_copy(page_cache, places, django_asgi):
    for language in ("cy", "en-gb"):
        _get(django_asgi, "/", **{"accept-language": language})
    lane = SharedPageLane(Django())
    welsh = dict(_get(lane, "/", **{"accept-language": "cy"})["headers"])
    english = dict(_get(lane, "/", **{"accept-language": "en-gb"})["headers"])
    assert (welsh["content-language"], english["content-language"]) == ("cy", "en-gb")


def test_a_page_whose_topic_changed_goes_to_django(page_cache, places, django_asgi):
    _get(django_asgi, "/")
    pages_changed(["places"])
    behind = Django()
    assert _get(SharedPageLane(behind), "/")["status"] == 204
    assert behind.paths == ["/"]


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=abc", "messages=xyz", "cc_wrote=1:sig", "theme=dark; sessionid=abc"],
)
def test_a_reader_who_may_be_someone_goes_to_django(page_cache, places, django_asgi, cookie):
    """Signed in, with messages waiting, or just written: Django decides, as before."""
    _get(django_asgi, "/")
    behind = Django()
    _get(SharedPageLane(behind), "/", cookie=cookie)
    assert behind.paths == ["/"]


def test_an_unrelated_cookie_is_still_answered_by_the_lane(page_cache, places, django_asgi):
    _get(django_asgi, "/")
    behind = Django()
    assert _get(SharedPageLane(behind), "/", cookie="sessionid_hint=1; theme=dark")["status"] == 200
    assert behind.paths == []


@pytest.mark.parametrize("method", ["POST", "HEAD", "PUT"])
def test_anything_but_a_get_goes_to_django(page_cache, places, django_asgi, method):
    _get(django_asgi, "/")
    behind = Django()
    _get(SharedPageLane(behind), "/", method=method)
    assert behind.paths == ["/"]


def test_a_page_that_is_not_shared_or_not_found_goes_to_django(page_cache, places):
    behind = Django()
    lane = SharedPageLane(behind)
    _get(lane, "/accounts/login/")
    _get(lane, "/no-such-page/")
    assert behind.paths == ["/accounts/login/", "/no-such-page/"]


def test_a_host_the_site_does_not_serve_goes_to_django(page_cache, places, django_asgi):
    _get(django_asgi, "/")
    behind = Django()
    _get(SharedPageLane(behind), "/", host=b"evil.example")
    assert behind.paths == ["/"]


@pytest.mark.parametrize(
    "credential", [{"authorization": "Bearer not-a-key"}, {"x-api-key": "x"}, {"x_api_key": "x"}]
)
def test_a_client_with_an_api_key_goes_to_django(page_cache, places, django_asgi, credential):
    """A key, valid or not, is for the API key middleware to judge (a bad one gets 401)."""
    _get(django_asgi, "/")
    behind = Django()
    _get(SharedPageLane(behind), "/", **credential)
    assert behind.paths == ["/"]


def test_a_shared_api_read_is_answered_by_the_lane_as_django_answers_it(
    page_cache, places, django_asgi
):
    _get(django_asgi, "/api/v1/wards/coldhurst")
    django_hit = _get(django_asgi, "/api/v1/wards/coldhurst")
    behind = Django()
    lane_hit = _get(RequestIdASGI(SharedPageLane(behind)), "/api/v1/wards/coldhurst")
    assert behind.paths == []
    assert lane_hit == django_hit
    assert dict(lane_hit["headers"])["content-type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    ("backend", "lane"),
    [
        ("django.core.cache.backends.filebased.FileBasedCache", True),
        ("django.core.cache.backends.locmem.LocMemCache", True),
        ("django.core.cache.backends.db.DatabaseCache", False),  # no queries in the event loop
        ("django.core.cache.backends.dummy.DummyCache", False),
    ],
)
def test_the_lane_stands_in_front_only_of_a_cache_it_can_read_without_the_database(
    settings, tmp_path, backend, lane
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": backend, "LOCATION": str(tmp_path / "pages")},
    }
    behind = Django()
    assert isinstance(page_lane_for_site(behind), SharedPageLane) is lane
