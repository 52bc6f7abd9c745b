"""The public page cache: shared only with readers who are not signed in, out of date the
moment a write to its topics commits, never carrying one reader's cookie or token to another."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from coopcouncil.core.caching import pages_changed, pages_changed_on_commit, public_page
from coopcouncil.core.freshness import _reads_must_be_fresh
from coopcouncil.places.models import Borough

pytestmark = pytest.mark.django_db

factory = RequestFactory()


def _anonymous_get(path: str = "/page/"):
    request = factory.get(path)
    request.user = AnonymousUser()
    request._messages = []  # no flash messages waiting
    return request


def _counting_view(body):
    calls = []

    @public_page(lambda: ["topic-a"])
    def view(request):
        content = body(request)
        calls.append(request)
        return HttpResponse(content)

    return view, calls


@pytest.fixture
def shared_reads():
    """A request for which the freshness middleware found no recent write."""
    token = _reads_must_be_fresh.set(False)
    yield
    _reads_must_be_fresh.reset(token)


def test_a_stored_page_is_served_without_rendering_until_its_topic_changes(
    page_cache, shared_reads
):
    view, calls = _counting_view(lambda request: f"render {len(calls)}")
    assert view(_anonymous_get()).content == b"render 0"
    assert view(_anonymous_get()).content == b"render 0"
    assert len(calls) == 1
    pages_changed(["topic-a"])
    assert view(_anonymous_get()).content == b"render 1"


def test_while_its_data_keep_changing_a_page_is_rendered_at_most_once_a_refresh_interval(
    page_cache, shared_reads, settings, monkeypatch
):
    """Under a burst of writes readers share a copy at most COOPCOUNCIL_PAGE_REFRESH_MS old."""
    settings.COOPCOUNCIL_PAGE_REFRESH_MS = 1000
    clock = [1_000_000.0]
    monkeypatch.setattr("coopcouncil.core.caching.time.time", lambda: clock[0])
    view, calls = _counting_view(lambda request: f"render {len(calls)}")
    assert view(_anonymous_get()).content == b"render 0"
    pages_changed(["topic-a"])
    clock[0] += 0.999
    assert view(_anonymous_get()).content == b"render 0"
    clock[0] += 0.002
    assert view(_anonymous_get()).content == b"render 1"
    assert view(_anonymous_get()).content == b"render 1"
    assert len(calls) == 2


def test_the_writer_is_never_served_a_copy_inside_the_refresh_interval(
    client, places, page_cache, settings
):
    settings.COOPCOUNCIL_PAGE_REFRESH_MS = 60_000
    client.get("/")
    Borough.objects.update(name="Renamed Borough")
    pages_changed(["places"])
    assert b"Renamed Borough" not in client.get("/").content  # others: the stored copy
    client.post("/no-such-page/")  # any write marks the writer (core.freshness)
    assert b"Renamed Borough" in client.get("/").content


def test_a_page_that_rendered_a_csrf_token_is_never_stored(page_cache, shared_reads):
    view, calls = _counting_view(get_token)
    first = view(_anonymous_get()).content
    second = view(_anonymous_get()).content
    assert len(calls) == 2
    assert first != second


def test_a_reply_that_sets_a_cookie_is_never_stored(page_cache, shared_reads):
    calls = []

    @public_page(lambda: ["topic-a"])
    def view(request):
        calls.append(request)
        response = HttpResponse("hello")
        response.set_cookie("mine", "1")
        return response

    view(_anonymous_get())
    view(_anonymous_get())
    assert len(calls) == 2


def test_pages_change_only_when_the_writing_transaction_commits(
    page_cache, shared_reads, django_capture_on_commit_callbacks
):
    view, calls = _counting_view(lambda request: f"render {len(calls)}")
    view(_anonymous_get())
    with django_capture_on_commit_callbacks(execute=False) as pending:
        pages_changed_on_commit("topic-a")
    assert view(_anonymous_get()).content == b"render 0"
    for callback in pending:
        callback()
    assert view(_anonymous_get()).content == b"render 1"


def test_an_evicted_topic_never_revives_an_old_page(page_cache, shared_reads):
    view, calls = _counting_view(lambda request: f"render {len(calls)}")
    view(_anonymous_get())
    page_cache.delete("topic:topic-a")
    assert view(_anonymous_get()).content == b"render 1"


def test_a_stored_page_is_served_without_a_database_query(
    client, places, page_cache, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.content == first.content


def test_a_shared_page_carries_no_cookie_and_no_csrf_token(client, places, page_cache):
    client.get("/")
    response = client.get("/")
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    page = response.content.decode()
    assert "X-CSRFToken" not in page and "csrfmiddlewaretoken" not in page


def test_an_audited_write_shows_at_once_to_every_reader(
    client, places, page_cache, administrator, django_capture_on_commit_callbacks
):
    from coopcouncil.core.audit import audit_record

    client.get("/")
    borough = Borough.objects.get()
    Borough.objects.filter(pk=borough.pk).update(name="Renamed Borough")
    assert "Renamed Borough" not in client.get("/").content.decode()  # no write told the cache
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(actor=administrator, action="places.rename", target=borough, summary="x")
    assert "Renamed Borough" in client.get("/").content.decode()


def test_a_person_who_has_just_written_skips_the_shared_copy(client, places, page_cache):
    client.get("/")
    Borough.objects.update(name="Renamed Borough")
    client.post("/")  # any write marks the writer (core/freshness.py), whatever its answer
    assert "Renamed Borough" in client.get("/").content.decode()


def test_a_signed_in_person_is_never_served_the_shared_copy(client, places, page_cache, make_user):
    client.get("/")
    person = make_user("Sam Signed-In")
    client.force_login(person)
    page = client.get("/").content.decode()
    assert "My account" in page and "X-CSRFToken" in page


def test_language_variants_are_stored_apart(client, places, page_cache, django_assert_num_queries):
    welsh = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-gb")
    assert welsh.headers["Content-Language"] == "cy"
    assert english.headers["Content-Language"] == "en-gb"
    with django_assert_num_queries(0):
        again = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")
    assert again.headers["Content-Language"] == "cy"


def _headers_but_request_id(response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name != "X-Request-ID"}


def test_a_stored_page_is_served_before_the_session_is_read_with_the_same_headers(
    client, page_cache, django_assert_num_queries
):
    """A reader with no session cookie is served early (SharedPageMiddleware), and the
    reply carries what the full path's reply carries: security and CSP headers, Vary,
    language, framing, length and its own request id."""
    rendered = client.get("/")
    with django_assert_num_queries(0):
        early = client.get("/", headers={"X-Request-ID": "reader-2"})
    assert not hasattr(early.wsgi_request, "session")
    assert early.content == rendered.content
    assert _headers_but_request_id(early) == _headers_but_request_id(rendered)
    assert early["X-Request-ID"] == "reader-2"


def test_a_reader_with_a_session_cookie_goes_the_full_path(client, page_cache):
    client.get("/")
    client.cookies["sessionid"] = "not-signed-in"
    through = client.get("/")
    assert hasattr(through.wsgi_request, "session")


def test_a_reader_who_has_just_written_is_not_served_the_stored_page(client, page_cache):
    stored = client.get("/")
    client.post("/no-such-page/")  # any write marks the writer (core.freshness)
    fresh = client.get("/")
    assert hasattr(fresh.wsgi_request, "session")
    assert fresh.content == stored.content
