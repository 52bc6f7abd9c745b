"""The clerk's and district team's pages: members, sub-groups, moving or cancelling a
meeting, the programme register, and setting up pulse surveys and 360-degree rounds."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.democracy.models import (
    FeedbackRound,
    Meeting,
    Module,
    ModuleSession,
    PartnershipMember,
    ProgrammeYear,
    PulseSurvey,
    SessionAttendance,
    SubGroup,
)
from coopcouncil.democracy.services.questions import question_ask

pytestmark = pytest.mark.django_db


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_clerk_pages_render_and_link_from_the_desk(client, clerk, partnership, programme):
    client.force_login(clerk)
    slug = partnership.district.slug
    desk = client.get("/democracy/clerk/").content.decode()
    assert f"/democracy/districts/{slug}/manage/" in desk
    assert "/democracy/local-leaders/manage/" in desk and "/democracy/feedback/new/" in desk
    session = ModuleSession.objects.filter(module__programme=programme).first()
    for url in [
        f"/democracy/districts/{slug}/manage/",
        f"/democracy/districts/{slug}/surveys/new/",
        "/democracy/local-leaders/manage/",
        f"/democracy/local-leaders/years/{programme.pk}/",
        f"/democracy/local-leaders/sessions/{session.pk}/attendance/",
        "/democracy/feedback/new/",
    ]:
        assert client.get(url).status_code == 200, url


def test_residents_and_councillors_cannot_open_the_clerk_pages(
    client, councillor, partnership, programme
):
    client.force_login(councillor)
    slug = partnership.district.slug
    for url in [
        f"/democracy/districts/{slug}/manage/",
        f"/democracy/districts/{slug}/surveys/new/",
        "/democracy/local-leaders/manage/",
        "/democracy/feedback/new/",
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(f"/democracy/districts/{slug}/manage/sub-groups/", {"name": "Finance"})
    assert response.status_code == 403 and not SubGroup.objects.exists()


def test_member_added_and_ended_from_the_page(client, clerk, partnership, make_user):
    client.force_login(clerk)
    slug = partnership.district.slug
    officer = make_user("Dee Coordinator")
    response = client.post(
        f"/democracy/districts/{slug}/manage/members/",
        {
            "email": officer.email,
            "kind": "district_team",
            "title": "District co-ordinator",
            "start_date": "2026-01-05",
        },
    )
    assert response.status_code == 302
    member = PartnershipMember.objects.get(user=officer)
    response = client.post(
        f"/democracy/districts/{slug}/manage/members/{member.pk}/end/", {"end_date": "2026-09-30"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert str(member.end_date) == "2026-09-30"
    page = client.get(f"/democracy/districts/{slug}/manage/").content.decode()
    assert "District co-ordinator" in page and "30 Sep 2026" in page


def test_member_form_shows_field_errors(client, clerk, partnership):
    client.force_login(clerk)
    slug = partnership.district.slug
    response = client.post(
        f"/democracy/districts/{slug}/manage/members/",
        {"email": "nobody@example.invalid", "kind": "partner", "title": "", "start_date": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nobody has an account with that email address." in page
    assert not PartnershipMember.objects.exists()


def test_sub_group_created_and_its_meeting_scheduled(client, clerk, partnership):
    client.force_login(clerk)
    slug = partnership.district.slug
    client.post(f"/democracy/districts/{slug}/manage/sub-groups/", {"name": "Finance"})
    group = SubGroup.objects.get()
    form = client.get(f"/democracy/districts/{slug}/meetings/new/?sub_group={group.pk}")
    assert f'<option value="{group.pk}" selected>' in form.content.decode()
    response = client.post(
        f"/democracy/districts/{slug}/meetings/new/",
        {
            "title": "Finance sub-committee",
            "starts_at": _local(timezone.now() + timedelta(days=5)),
            "venue": "Room 2",
            "sub_group": group.pk,
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get().sub_group == group
    page = client.get(f"/democracy/districts/{slug}/").content.decode()
    assert "Finance sub-committee" in page
    duplicate = client.post(f"/democracy/districts/{slug}/manage/sub-groups/", {"name": "Finance"})
    assert duplicate.status_code == 400 and "already has" in duplicate.content.decode()


@pytest.fixture
def asked_meeting(ward, make_resident, make_meeting):
    meeting = make_meeting(starts_in=timedelta(days=10))
    resident = make_resident(ward)
    question_ask(asker=resident, meeting=meeting, text="Can the bus stop be moved?")
    mail.outbox.clear()
    return meeting


def test_clerk_reschedules_from_the_meeting_page_and_askers_are_emailed(
    client, clerk, asked_meeting, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    url = f"/democracy/meetings/{asked_meeting.pk}/manage/reschedule/"
    when = timezone.now() + timedelta(days=15)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"starts_at": _local(when), "venue": "Library"})
    assert response.status_code == 302
    asked_meeting.refresh_from_db()
    assert asked_meeting.venue == "Library" and len(mail.outbox) == 1
    past = client.post(url, {"starts_at": _local(timezone.now() - timedelta(days=1)), "venue": "X"})
    assert past.status_code == 400 and "still to come" in past.content.decode()


def test_clerk_cancels_from_the_meeting_page(
    client, clerk, councillor, asked_meeting, django_capture_on_commit_callbacks
):
    url = f"/democracy/meetings/{asked_meeting.pk}/manage/cancel/"
    client.force_login(councillor)
    assert client.post(url, {"reason": "No"}).status_code == 403
    client.force_login(clerk)
    assert client.post(url, {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Election purdah"}).status_code == 302
    assert Meeting.objects.get(pk=asked_meeting.pk).status == "cancelled"
    assert "Election purdah" in mail.outbox[0].body


def test_programme_built_and_register_ticked_from_the_pages(client, clerk, councillor):
    client.force_login(clerk)
    response = client.post(
        "/democracy/local-leaders/manage/",
        {"title": "LLP 2026", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
    )
    year = ProgrammeYear.objects.get()
    assert response.status_code == 302
    client.post(
        f"/democracy/local-leaders/years/{year.pk}/modules/", {"number": 1, "title": "Role"}
    )
    module = Module.objects.get()
    client.post(
        f"/democracy/local-leaders/modules/{module.pk}/sessions/",
        {"starts_at": "2026-02-03T18:00", "venue": "Civic Centre"},
    )
    session = ModuleSession.objects.get()
    url = f"/democracy/local-leaders/sessions/{session.pk}/attendance/"
    assert client.post(url, {"councillors": [councillor.pk]}).status_code == 302
    assert SessionAttendance.objects.get().councillor == councillor
    assert "Cllr Ann Ward" in client.get("/democracy/local-leaders/").content.decode()
    outside = client.post(
        f"/democracy/local-leaders/modules/{module.pk}/sessions/", {"starts_at": "2027-06-01T18:00"}
    )
    assert outside.status_code == 400 and "Sessions of LLP 2026 fall between" in (
        outside.content.decode()
    )


def test_register_refuses_councillors_page_for_non_clerks(client, councillor, programme):
    session = ModuleSession.objects.filter(module__programme=programme).first()
    client.force_login(councillor)
    url = f"/democracy/local-leaders/sessions/{session.pk}/attendance/"
    assert client.post(url, {"councillors": [councillor.pk]}).status_code == 403
    assert not SessionAttendance.objects.exists()


def test_pulse_survey_set_up_from_the_page(client, clerk, partnership):
    client.force_login(clerk)
    slug = partnership.district.slug
    now = timezone.now()
    body = {
        "title": "Feeling safe",
        "audience": "residents",
        "opens_at": _local(now),
        "closes_at": _local(now + timedelta(days=7)),
        "question_1": "I feel safe after dark",
        "kind_1": "scale",
        "question_2": "Have you met your councillor?",
        "kind_2": "yes_no",
    }
    for n in range(3, 6):
        body[f"kind_{n}"] = "scale"
    response = client.post(f"/democracy/districts/{slug}/surveys/new/", body)
    survey = PulseSurvey.objects.get()
    assert response.status_code == 302 and survey.questions.count() == 2
    page = client.get(f"/democracy/pulse/{survey.pk}/").content.decode()
    assert "Have you met your councillor?" in page and ">Yes<" in page
    bad = client.post(
        f"/democracy/districts/{slug}/surveys/new/", {**body, "closes_at": _local(now)}
    )
    assert bad.status_code == 400 and "close after it opens" in bad.content.decode()


def test_feedback_round_opened_from_the_page(client, clerk, councillor):
    client.force_login(clerk)
    now = timezone.now()
    body = {
        "subject": councillor.pk,
        "subject_role": "Leader of the Council",
        "opens_at": _local(now),
        "closes_at": _local(now + timedelta(days=14)),
    }
    response = client.post("/democracy/feedback/new/", body)
    assert response.status_code == 302 and FeedbackRound.objects.get().subject == councillor
    bad = client.post("/democracy/feedback/new/", {**body, "subject_role": ""})
    assert bad.status_code == 400 and FeedbackRound.objects.count() == 1
    assert "/democracy/feedback/new/" in client.get("/democracy/feedback/").content.decode()


def test_vote_form_shows_why_a_councillor_may_not_vote_on_money(
    client, clerk, partnership, councillor, make_meeting, attend
):
    from coopcouncil.democracy.services.decisions import decision_create

    attend(councillor, 1)
    meeting = make_meeting(starts_in=timedelta(hours=-1))
    decision = decision_create(
        actor=clerk, partnership=partnership, meeting=meeting, title="Skip hire", budget_pence=9_000
    )
    client.force_login(clerk)
    url = f"/democracy/meetings/{meeting.pk}/manage/vote/{decision.pk}/"
    refused = client.post(url, {"councillor": councillor.pk, "choice": "for"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "may not vote on budgets or grant awards" in page
    assert "1 of 6 modules held so far attended (17 %)" in page
    assert not decision.votes.exists()


def test_programme_page_and_profile_say_which_rule_applied(client, councillor, attend):
    attend(councillor, 1, 2, 3)
    page = client.get("/democracy/local-leaders/").content.decode()
    assert "Rule applied" in page
    assert "Local Leaders Programme 2026: 3 of 6 modules held so far attended (50 %)" in page
    client.force_login(councillor)
    mine = client.get("/democracy/me/").content.decode()
    assert "3 of 6 modules held so far attended (50 %)" in mine
