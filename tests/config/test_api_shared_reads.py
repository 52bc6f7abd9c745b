"""API reads marked ``shared_read`` are stored for clients who are not signed in, as public
pages are (core/caching.py), until their data change; nobody with a session or a key is
served the shared copy."""

from __future__ import annotations

import pytest

from coopcouncil.config.api import api, api_urls
from coopcouncil.core.audit import audit_record
from coopcouncil.core.caching import NotShared, url_record_id
from coopcouncil.people.services import api_key_create
from coopcouncil.places.models import Ward

pytestmark = pytest.mark.django_db


def _marked_operations() -> set[str]:
    """Every operation whose endpoint carries the mark, from ninja's routers."""
    return {
        f"{prefix}{path}"
        for prefix, router in api._routers
        for path, path_view in router.path_operations.items()
        for operation in path_view.operations
        if hasattr(operation.view_func, "page_topics")
    }


def test_every_marked_read_is_served_through_the_page_cache():
    """The wrapping finds ninja's path views; if django-ninja changed how, this fails."""
    patterns = api_urls()[0]
    shared = {
        p.pattern.describe().split("'")[1] for p in patterns if hasattr(p.callback, "page_topics")
    }
    assert _marked_operations() == {
        "//districts/{slug}",
        "//wards/{slug}",
        "democracy//decisions/{decision_id}/call-in",
        "pb//processes/{process_id}",
        "pb//processes/{process_id}/results",
    }
    assert shared == {
        "districts/<slug>",
        "wards/<slug>",
        "democracy/decisions/<decision_id>/call-in",
        "pb/processes/<process_id>",
        "pb/processes/<process_id>/results",
    }


def test_a_shared_read_is_served_to_the_next_client_without_a_query(
    client, places, page_cache, django_assert_num_queries
):
    first = client.get("/api/v1/wards/coldhurst")
    with django_assert_num_queries(0):
        again = client.get("/api/v1/wards/coldhurst")
    assert again.status_code == 200
    assert again.json() == first.json()


def test_a_write_to_its_data_shows_at_once(
    client, places, page_cache, administrator, django_capture_on_commit_callbacks
):
    client.get("/api/v1/wards/coldhurst")
    ward = Ward.objects.get(slug="coldhurst")
    Ward.objects.filter(pk=ward.pk).update(name="Coldhurst and Lower Moor")
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(actor=administrator, action="places.rename", target=ward, summary="x")
    assert client.get("/api/v1/wards/coldhurst").json()["name"] == "Coldhurst and Lower Moor"


def test_a_refusal_is_never_stored(client, places, page_cache, django_assert_max_num_queries):
    assert client.get("/api/v1/wards/nowhere").status_code == 404
    with django_assert_max_num_queries(10) as counted:
        assert client.get("/api/v1/wards/nowhere").status_code == 404
    assert len(counted) > 0


def test_a_client_with_a_key_is_judged_by_its_key_not_served_the_shared_copy(
    client, places, page_cache, administrator
):
    client.get("/api/v1/wards/coldhurst")
    assert client.get("/api/v1/wards/coldhurst", HTTP_X_API_KEY="no-such-key").status_code == 401
    key = api_key_create(actor=administrator, user=administrator, name="Data team")[1]
    assert client.get("/api/v1/wards/coldhurst", HTTP_X_API_KEY=key).status_code == 200


def test_a_signed_in_client_reads_past_the_shared_copy(
    client, places, page_cache, administrator, django_assert_max_num_queries
):
    client.get("/api/v1/wards/coldhurst")
    client.force_login(administrator)
    with django_assert_max_num_queries(20) as counted:
        assert client.get("/api/v1/wards/coldhurst").status_code == 200
    assert len(counted) > 0


def test_two_spellings_of_one_id_share_one_topic_and_other_text_is_not_shared():
    assert url_record_id("010") == url_record_id("10") == 10
    for text in ("1_0", " 10", "10.0", "١٠", "x"):
        with pytest.raises(NotShared):
            url_record_id(text)
