"""Read your own writes: a writer's next reads are marked fresh; other readers' are not."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from coopcouncil.core.freshness import (
    WROTE_COOKIE,
    ReadYourWritesMiddleware,
    reads_must_be_fresh,
)

factory = RequestFactory()


def _seen_by_view(request):
    """Run the middleware and return (what the view saw, the response)."""
    seen = {}

    def view(req):
        seen["fresh"] = reads_must_be_fresh()
        return HttpResponse("ok")

    response = ReadYourWritesMiddleware(view)(request)
    return seen["fresh"], response


def test_a_reader_who_has_not_written_may_be_served_a_shared_copy():
    fresh, response = _seen_by_view(factory.get("/"))
    assert fresh is False
    assert WROTE_COOKIE not in response.cookies


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_reads_fresh_and_marks_the_writer(method):
    fresh, response = _seen_by_view(getattr(factory, method)("/"))
    assert fresh is True
    assert response.cookies[WROTE_COOKIE]["max-age"] == 30
    assert response.cookies[WROTE_COOKIE]["httponly"]


def test_the_writers_next_read_is_fresh():
    _, response = _seen_by_view(factory.post("/"))
    request = factory.get("/")
    request.COOKIES[WROTE_COOKIE] = response.cookies[WROTE_COOKIE].value
    fresh, _ = _seen_by_view(request)
    assert fresh is True


def test_a_forged_mark_is_ignored():
    request = factory.get("/")
    request.COOKIES[WROTE_COOKIE] = "1"
    fresh, _ = _seen_by_view(request)
    assert fresh is False


def test_an_expired_mark_is_ignored(settings):
    _, response = _seen_by_view(factory.post("/"))
    settings.COOPCOUNCIL_READ_YOUR_WRITES_SECONDS = -1
    request = factory.get("/")
    request.COOKIES[WROTE_COOKIE] = response.cookies[WROTE_COOKIE].value
    fresh, _ = _seen_by_view(request)
    assert fresh is False


def test_reads_outside_a_request_are_fresh():
    """Commands, tasks and services called directly never read a shared copy."""
    assert reads_must_be_fresh() is True
