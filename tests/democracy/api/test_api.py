"""Every democracy endpoint: success, permission and validation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.democracy.models import CallInSignature, Decision, Question
from coopcouncil.democracy.services.decisions import decision_create, decision_publish
from coopcouncil.democracy.services.questions import question_ask

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def published(partnership, clerk, ward, settings):
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 2
    decision = decision_create(
        actor=clerk, partnership=partnership, title="Close the library", wards=[ward]
    )
    return decision_publish(actor=clerk, decision=decision)


def test_meetings_list_and_detail_are_public(client, make_meeting, ward):
    meeting = make_meeting()
    listed = client.get(f"{API}/meetings?district={ward.district.slug}&upcoming=true").json()
    assert [m["id"] for m in listed] == [meeting.pk]
    detail = client.get(f"{API}/meetings/{meeting.pk}").json()
    assert detail["question_cutoff"] < detail["starts_at"]
    assert client.get(f"{API}/meetings?district=atlantis").status_code == 404
    assert client.get(f"{API}/meetings/999").status_code == 404


def test_schedule_meeting_needs_clerk_and_valid_body(as_user, clerk, councillor, partnership):
    body = {
        "district": partnership.district.slug,
        "title": "Spring meeting",
        "starts_at": (timezone.now() + timedelta(days=30)).isoformat(),
        "venue": "Hall",
    }
    assert as_user(councillor).post(f"{API}/meetings", body, "application/json").status_code == 403
    client = as_user(clerk)
    assert client.post(f"{API}/meetings", body, "application/json").status_code == 201
    bad = client.post(f"{API}/meetings", {**body, "starts_at": "soon"}, "application/json")
    assert bad.status_code == 400 and "starts_at" in bad.json()["errors"]


def test_agenda_items_in_three_parts(as_user, clerk, make_meeting):
    meeting = make_meeting()
    client = as_user(clerk)
    url = f"{API}/meetings/{meeting.pk}/agenda-items"
    assert client.post(url, {"part": 2, "title": "Police"}, "application/json").status_code == 201
    bad = client.post(url, {"part": 4, "title": "AOB"}, "application/json")
    assert bad.status_code == 400 and "part" in bad.json()["errors"]
    agenda = client.get(f"{API}/meetings/{meeting.pk}/agenda").json()
    assert [p["title"] for p in agenda] == [
        "Public questions",
        "Partner updates",
        "District Executive",
    ]
    assert client.get(url).json()[0]["title"] == "Police"


def test_agenda_item_needs_sign_in(client, make_meeting):
    response = client.post(
        f"{API}/meetings/{make_meeting().pk}/agenda-items",
        {"part": 1, "title": "X"},
        "application/json",
    )
    assert response.status_code == 401


def test_question_before_and_after_cutoff(as_user, ward, make_resident, make_meeting):
    client = as_user(make_resident(ward))
    open_meeting = make_meeting(starts_in=timedelta(days=2))
    late = make_meeting(starts_in=timedelta(minutes=90))
    body = {"text": "Will the bus route come back?"}
    assert (
        client.post(
            f"{API}/meetings/{open_meeting.pk}/questions", body, "application/json"
        ).status_code
        == 201
    )
    refused = client.post(f"{API}/meetings/{late.pk}/questions", body, "application/json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "questions_closed"
    assert refused.json()["next_meeting"]["id"] == open_meeting.pk
    short = client.post(
        f"{API}/meetings/{open_meeting.pk}/questions", {"text": "?"}, "application/json"
    )
    assert short.status_code == 400 and "text" in short.json()["errors"]


def test_unverified_person_cannot_ask(as_user, make_user, make_meeting):
    response = as_user(make_user()).post(
        f"{API}/meetings/{make_meeting().pk}/questions",
        {"text": "A long enough question"},
        "application/json",
    )
    assert response.status_code == 403


def test_moderation_and_answer(as_user, clerk, ward, make_resident, make_meeting, councillor):
    meeting = make_meeting()
    question = question_ask(asker=make_resident(ward), meeting=meeting, text="What about the park?")
    url = f"{API}/questions/{question.pk}/moderation"
    assert (
        as_user(councillor).post(url, {"outcome": "accept"}, "application/json").status_code == 403
    )
    client = as_user(clerk)
    bad = client.post(url, {"outcome": "reject", "reason": "boring"}, "application/json")
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    assert (
        client.post(url, {"outcome": "accept"}, "application/json").json()["status"] == "accepted"
    )
    answered = client.post(
        f"{API}/questions/{question.pk}/answer", {"answer": "In May."}, "application/json"
    )
    assert answered.json()["answer"] == "In May."
    assert [q["id"] for q in client.get(f"{API}/meetings/{meeting.pk}/questions").json()] == [
        question.pk
    ]
    assert Question.objects.get().answered_at is not None


def test_decision_create_vote_and_publish(
    as_user, clerk, councillor, partnership, ward, other_ward
):
    client = as_user(clerk)
    body = {
        "district": partnership.district.slug,
        "title": "Litter bins",
        "kind": "general",
        "wards": [ward.slug],
    }
    created = client.post(f"{API}/decisions", body, "application/json")
    assert created.status_code == 201
    decision_id = created.json()["id"]
    outside = client.post(
        f"{API}/decisions", {**body, "wards": [other_ward.slug]}, "application/json"
    )
    assert outside.status_code == 400 and "wards" in outside.json()["errors"]
    negative = client.post(f"{API}/decisions", {**body, "budget_pence": -1}, "application/json")
    assert negative.status_code == 400 and "budget_pence" in negative.json()["errors"]
    vote = client.post(
        f"{API}/decisions/{decision_id}/votes",
        {"councillor_id": councillor.pk, "choice": "for"},
        "application/json",
    )
    assert vote.status_code == 201
    bad_vote = client.post(
        f"{API}/decisions/{decision_id}/votes",
        {"councillor_id": councillor.pk, "choice": "maybe"},
        "application/json",
    )
    assert bad_vote.status_code == 400
    assert client.get(f"{API}/decisions/{decision_id}").status_code == 404  # still a draft
    published = client.post(f"{API}/decisions/{decision_id}/publish")
    assert published.json()["status"] == "published"
    assert published.json()["votes"][0]["choice"] == "for"
    assert client.post(f"{API}/decisions/{decision_id}/publish").status_code == 409
    assert [
        d["id"] for d in client.get(f"{API}/decisions?district={partnership.district.slug}").json()
    ] == [decision_id]


def test_ineligible_budget_vote_is_refused_with_the_reason(
    as_user, clerk, councillor, partnership, attend
):
    attend(councillor, 1)
    decision = decision_create(
        actor=clerk, partnership=partnership, title="Grants", kind="grant_award"
    )
    response = as_user(clerk).post(
        f"{API}/decisions/{decision.pk}/votes",
        {"councillor_id": councillor.pk, "choice": "for"},
        "application/json",
    )
    assert response.status_code == 403
    assert "1 of 6 modules" in response.json()["detail"]


def test_decision_create_needs_the_clerk(as_user, councillor, partnership):
    body = {"district": partnership.district.slug, "title": "Bins"}
    assert as_user(councillor).post(f"{API}/decisions", body, "application/json").status_code == 403


def test_sign_call_in_then_twice_then_counts(as_user, published, ward, make_resident):
    client = as_user(make_resident(ward, "Sam Signer"))
    url = f"{API}/decisions/{published.pk}/call-in/signatures"
    first = client.post(url, {"show_name": True}, "application/json")
    assert first.status_code == 201 and first.json()["name"] == "Sam Signer"
    again = client.post(url, {"show_name": True}, "application/json")
    assert again.status_code == 409 and again.json()["code"] == "already_signed"
    call_in = client.get(f"{API}/decisions/{published.pk}/call-in").json()
    assert call_in["signature_count"] == 1 and call_in["by_ward"] == [
        {"ward": ward.name, "signatures": 1}
    ]
    assert [s["name"] for s in client.get(url).json()] == ["Sam Signer"]
    bad = client.post(url, {"show_name": "perhaps"}, "application/json")
    assert bad.status_code == 400


def test_sign_needs_verified_resident_and_open_window(
    as_user, client, published, make_user, ward, make_resident
):
    url = f"{API}/decisions/{published.pk}/call-in/signatures"
    assert client.post(url, {}, "application/json").status_code == 401
    assert as_user(make_user()).post(url, {}, "application/json").status_code == 403
    published.call_in.closes_at = timezone.now() - timedelta(minutes=1)
    published.call_in.save()
    late = as_user(make_resident(ward)).post(url, {}, "application/json")
    assert late.status_code == 400 and late.json()["code"] == "call_in_closed"
    assert not CallInSignature.objects.exists()


def test_threshold_and_outcome(as_user, published, ward, make_resident, clerk):
    url = f"{API}/decisions/{published.pk}/call-in/signatures"
    for _ in range(2):
        as_user(make_resident(ward)).post(url, {}, "application/json")
    assert Decision.objects.get().status == "suspended"
    client = as_user(clerk)
    bad = client.post(
        f"{API}/decisions/{published.pk}/outcome", {"outcome": "ignored"}, "application/json"
    )
    assert bad.status_code == 400
    done = client.post(
        f"{API}/decisions/{published.pk}/outcome", {"outcome": "withdrawn"}, "application/json"
    )
    assert done.json()["status"] == "withdrawn"


def test_eligibility_table_is_public(client, councillor, attend):
    attend(councillor, 1, 2, 3)
    rows = client.get(f"{API}/local-leaders/eligibility").json()
    assert rows[0]["councillor_id"] == councillor.pk and rows[0]["is_eligible"] is True


def test_decision_list_loads_named_votes_without_a_query_per_decision(
    client, demo_borough, django_assert_max_num_queries
):
    assert Decision.objects.exclude(status="draft").filter(votes__isnull=False).count() > 3
    with django_assert_max_num_queries(5):
        listed = client.get(f"{API}/decisions").json()
    assert any(decision["votes"] for decision in listed)


def test_a_general_decision_with_a_budget_refuses_an_ineligible_vote_with_a_code(
    as_user, clerk, councillor, partnership, attend
):
    attend(councillor, 1)
    decision = decision_create(
        actor=clerk, partnership=partnership, title="New benches", budget_pence=250_000
    )
    response = as_user(clerk).post(
        f"{API}/decisions/{decision.pk}/votes",
        {"councillor_id": councillor.pk, "choice": "for"},
        "application/json",
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "vote_not_allowed"
    assert "1 of 6 modules held so far attended" in body["detail"]
    assert not decision.votes.exists()


def test_eligibility_report_says_which_rule_applied(client, councillor, attend):
    attend(councillor, 1, 2, 3)
    (row,) = client.get(f"{API}/local-leaders/eligibility").json()
    assert (row["basis"], row["modules_held"], row["is_eligible"]) == ("held_so_far", 6, True)
    assert row["reason"].startswith("Local Leaders Programme 2026: 3 of 6 modules held so far")
