"""A decision's page is shared with readers who are not signed in, and a call-in signature
shows on it for every reader as soon as it commits."""

from __future__ import annotations

import pytest

from coopcouncil.democracy.services.decisions import (
    call_in_sign,
    decision_create,
    decision_publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(partnership, clerk, ward):
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    return decision_publish(actor=clerk, decision=decision)


def _count_shown(client, decision) -> str:
    page = client.get(f"/democracy/decisions/{decision.pk}/").content.decode()
    return page.split('id="signature-count">', 1)[1].split("<", 1)[0]


def test_a_signature_changes_the_shared_count_at_once(
    client, published, page_cache, make_resident, ward, django_capture_on_commit_callbacks
):
    assert _count_shown(client, published) == "0"
    with django_capture_on_commit_callbacks(execute=True):
        call_in_sign(resident=make_resident(ward), decision=published)
    assert _count_shown(client, published) == "1"


def test_a_repeat_read_of_a_decision_needs_no_query(
    client, published, page_cache, django_assert_num_queries
):
    _count_shown(client, published)
    with django_assert_num_queries(0):
        assert _count_shown(client, published) == "0"


def test_a_question_asked_leaves_the_decision_pages_stored(
    client,
    published,
    page_cache,
    make_meeting,
    make_resident,
    ward,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    """A question awaits moderation and shows on no shared page: it renews only its
    meeting's topic, so the decision in the news is not rendered again."""
    from datetime import timedelta

    from coopcouncil.democracy.services.questions import question_ask

    _count_shown(client, published)
    meeting = make_meeting(starts_in=timedelta(hours=3))
    with django_capture_on_commit_callbacks(execute=True):
        question_ask(asker=make_resident(ward), meeting=meeting, text="When will it reopen?")
    with django_assert_num_queries(0):
        assert _count_shown(client, published) == "0"
