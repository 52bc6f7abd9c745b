"""Management endpoints: success, permission and validation for each."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.democracy.models import (
    FeedbackRound,
    Meeting,
    PartnershipMember,
    ProgrammeYear,
    PulseSurvey,
    SessionAttendance,
    SubGroup,
)
from coopcouncil.democracy.services.meetings import member_add
from coopcouncil.democracy.services.questions import question_ask
from coopcouncil.people.models import Organisation

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"
JSON = "application/json"


def _post(client, url, body):
    return client.post(f"{API}{url}", body, JSON)


def test_members_list_councillors_from_roles_and_dated_members(
    client, partnership, councillor, clerk, make_user
):
    member_add(
        actor=clerk,
        partnership=partnership,
        user=make_user("Dee"),
        kind="district_team",
        title="Caseworker",
        start_date=timezone.localdate(),
    )
    body = client.get(f"{API}/partnerships/{partnership.district.slug}/members").json()
    assert [c["councillor_id"] for c in body["councillors"]] == [councillor.pk]
    assert [m["title"] for m in body["members"]] == ["Caseworker"]
    assert client.get(f"{API}/partnerships/atlantis/members").status_code == 404


def test_member_add_and_end(client, partnership, clerk, councillor, make_user):
    slug = partnership.district.slug
    police = Organisation.objects.create(name="Police", slug="police", kind="police")
    body = {
        "user_id": make_user("Pat").pk,
        "kind": "partner",
        "title": "Inspector",
        "organisation_id": police.pk,
        "start_date": "2026-01-01",
    }
    client.force_login(councillor)
    assert _post(client, f"/partnerships/{slug}/members", body).status_code == 403
    client.force_login(clerk)
    created = _post(client, f"/partnerships/{slug}/members", body)
    assert created.status_code == 201 and created.json()["organisation"] == "Police"
    no_org = _post(
        client,
        f"/partnerships/{slug}/members",
        {**body, "user_id": make_user("Q").pk, "organisation_id": None},
    )
    assert no_org.status_code == 400 and "organisation" in no_org.json()["errors"]
    bad_date = _post(client, f"/partnerships/{slug}/members", {**body, "start_date": "soon"})
    assert bad_date.status_code == 400 and "start_date" in bad_date.json()["errors"]
    member_id = created.json()["id"]
    early = _post(client, f"/members/{member_id}/end", {"end_date": "2025-01-01"})
    assert early.status_code == 400 and "end_date" in early.json()["errors"]
    ended = _post(client, f"/members/{member_id}/end", {"end_date": "2026-06-30"})
    assert ended.status_code == 200 and ended.json()["end_date"] == "2026-06-30"
    assert _post(client, f"/members/{member_id}/end", {"end_date": "2026-07-01"}).status_code == 409
    assert PartnershipMember.objects.get().end_date.isoformat() == "2026-06-30"


def test_sub_groups_created_and_listed_with_meetings(client, partnership, clerk, councillor):
    slug = partnership.district.slug
    client.force_login(councillor)
    assert _post(client, f"/partnerships/{slug}/sub-groups", {"name": "Finance"}).status_code == 403
    client.force_login(clerk)
    created = _post(client, f"/partnerships/{slug}/sub-groups", {"name": "Finance"})
    assert created.status_code == 201
    assert _post(client, f"/partnerships/{slug}/sub-groups", {"name": ""}).status_code == 400
    group = SubGroup.objects.get()
    Meeting.objects.create(
        partnership=partnership,
        sub_group=group,
        title="Finance sub-committee",
        starts_at=timezone.now() + timedelta(days=3),
        venue="Room 2",
    )
    [listed] = client.get(f"{API}/partnerships/{slug}/sub-groups").json()
    assert [m["title"] for m in listed["meetings"]] == ["Finance sub-committee"]


def test_reschedule_and_cancel_endpoints(
    client, clerk, councillor, ward, make_resident, make_meeting, django_capture_on_commit_callbacks
):
    meeting = make_meeting(starts_in=timedelta(days=10))
    question_ask(asker=make_resident(ward), meeting=meeting, text="Is the pool reopening soon?")
    mail.outbox.clear()
    when = (timezone.now() + timedelta(days=12)).isoformat()
    client.force_login(councillor)
    body = {"starts_at": when, "venue": "Library"}
    assert _post(client, f"/meetings/{meeting.pk}/reschedule", body).status_code == 403
    client.force_login(clerk)
    bad = _post(client, f"/meetings/{meeting.pk}/reschedule", {**body, "starts_at": "x"})
    assert bad.status_code == 400 and "starts_at" in bad.json()["errors"]
    with django_capture_on_commit_callbacks(execute=True):
        moved = _post(client, f"/meetings/{meeting.pk}/reschedule", body)
    assert moved.status_code == 200 and moved.json()["venue"] == "Library"
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = _post(client, f"/meetings/{meeting.pk}/cancel", {"reason": "Flood"})
    assert cancelled.json()["status"] == "cancelled" and len(mail.outbox) == 2
    assert _post(client, f"/meetings/{meeting.pk}/cancel", {"reason": "Again"}).status_code == 409


def test_programme_years_modules_and_sessions(client, clerk, councillor):
    body = {"title": "LLP 2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    client.force_login(councillor)
    assert _post(client, "/programme-years", body).status_code == 403
    client.force_login(clerk)
    bad = _post(client, "/programme-years", {**body, "ends_on": "2026-01-01"})
    assert bad.status_code == 400 and "ends_on" in bad.json()["errors"]
    year_id = _post(client, "/programme-years", body).json()["id"]
    module = _post(client, f"/programme-years/{year_id}/modules", {"number": 1, "title": "Role"})
    assert module.status_code == 201
    assert (
        _post(
            client, f"/programme-years/{year_id}/modules", {"number": 0, "title": "X"}
        ).status_code
        == 400
    )
    session = _post(
        client, f"/modules/{module.json()['id']}/sessions", {"starts_at": "2027-02-03T18:00:00Z"}
    )
    assert session.status_code == 201
    [listed] = client.get(f"{API}/programme-years").json()
    assert listed["modules"][0]["sessions"][0]["id"] == session.json()["id"]
    assert ProgrammeYear.objects.count() == 1


def test_attendance_endpoint_flips_eligibility(
    client, clerk, councillor, programme, attend, make_user
):
    attend(councillor, 1, 2)
    session = programme.modules.get(number=3).sessions.get()
    url = f"/sessions/{session.pk}/attendance"
    eligibility = {
        r["councillor_id"]: r for r in client.get(f"{API}/local-leaders/eligibility").json()
    }
    assert eligibility[councillor.pk]["is_eligible"] is False
    client.force_login(councillor)
    assert _post(client, url, {"councillor_ids": [councillor.pk]}).status_code == 403
    assert client.get(f"{API}{url}").status_code == 403
    client.force_login(clerk)
    stranger = _post(client, url, {"councillor_ids": [make_user().pk]})
    assert stranger.status_code == 400 and "councillors" in stranger.json()["errors"]
    assert _post(client, url, {"councillor_ids": [99999]}).status_code == 404
    assert _post(client, url, {"councillor_ids": "me"}).status_code == 400
    recorded = _post(client, url, {"councillor_ids": [councillor.pk]})
    assert recorded.json()["councillor_ids"] == [councillor.pk]
    eligibility = {
        r["councillor_id"]: r for r in client.get(f"{API}/local-leaders/eligibility").json()
    }
    assert eligibility[councillor.pk]["is_eligible"] is True
    cleared = client.put(f"{API}{url}", {"councillor_ids": []}, JSON)
    assert cleared.json()["councillor_ids"] == []
    assert not SessionAttendance.objects.filter(session=session).exists()


def test_pulse_survey_create(client, clerk, councillor, partnership):
    now = timezone.now()
    body = {
        "district": partnership.district.slug,
        "title": "Pulse",
        "audience": "councillors",
        "opens_at": now.isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
        "questions": [
            {"text": "Well supported?", "kind": "scale"},
            {"text": "Trained?", "kind": "yes_no"},
        ],
    }
    client.force_login(councillor)
    assert _post(client, "/pulse-surveys", body).status_code == 403
    client.force_login(clerk)
    created = _post(client, "/pulse-surveys", body)
    assert created.status_code == 201
    assert [q["kind"] for q in created.json()["questions"]] == ["scale", "yes_no"]
    no_questions = _post(client, "/pulse-surveys", {**body, "questions": []})
    assert no_questions.status_code == 400 and "questions" in no_questions.json()["errors"]
    bad_kind = _post(
        client, "/pulse-surveys", {**body, "questions": [{"text": "Q", "kind": "stars"}]}
    )
    assert bad_kind.status_code == 400 and "questions" in bad_kind.json()["errors"]
    assert PulseSurvey.objects.count() == 1


def test_feedback_round_create(client, clerk, councillor, make_user):
    now = timezone.now()
    body = {
        "subject_id": councillor.pk,
        "subject_role": "Leader of the Council",
        "opens_at": now.isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
    }
    client.force_login(councillor)
    assert _post(client, "/feedback-rounds", body).status_code == 403
    client.force_login(clerk)
    assert _post(client, "/feedback-rounds", body).status_code == 201
    not_cllr = _post(client, "/feedback-rounds", {**body, "subject_id": make_user().pk})
    assert not_cllr.status_code == 400 and "subject" in not_cllr.json()["errors"]
    assert _post(client, "/feedback-rounds", {**body, "subject_id": 99999}).status_code == 404
    assert FeedbackRound.objects.count() == 1
