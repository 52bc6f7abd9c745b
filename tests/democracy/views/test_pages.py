"""Pages: public reading, resident forms, clerk desk and councillor pages."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from coopcouncil.democracy.models import AnnualReport, Decision, Question
from coopcouncil.democracy.services.decisions import decision_create, decision_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(partnership, clerk, ward):
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    return decision_publish(actor=clerk, decision=decision)


def test_public_pages_render(client, partnership, make_meeting, published):
    meeting = make_meeting()
    slug = partnership.district.slug
    for url in [
        "/democracy/",
        f"/democracy/districts/{slug}/",
        f"/democracy/meetings/{meeting.pk}/",
        f"/democracy/decisions/{published.pk}/",
        "/democracy/archive/?q=library",
        "/democracy/councillors/",
        "/democracy/local-leaders/",
        "/democracy/feedback/",
        f"/districts/{slug}/",
    ]:
        assert client.get(url).status_code == 200, url


def test_archive_finds_decisions_by_words(client, published):
    page = client.get("/democracy/archive/?q=library").content.decode()
    assert "Close the library" in page
    assert "Close the library" not in client.get("/democracy/archive/?q=swimming").content.decode()


def test_resident_asks_through_the_form(client, ward, make_resident, make_meeting):
    meeting = make_meeting()
    client.force_login(make_resident(ward))
    response = client.post(f"/democracy/meetings/{meeting.pk}/ask/", {"text": "When is bin day?"})
    assert response.status_code == 302
    assert Question.objects.get().text == "When is bin day?"


def test_form_refusal_after_cutoff_shows_cutoff_and_next_meeting(
    client, ward, make_resident, make_meeting
):
    late = make_meeting(starts_in=timedelta(minutes=30))
    later = make_meeting(starts_in=timedelta(days=40), title="Spring partnership")
    client.force_login(make_resident(ward))
    response = client.post(f"/democracy/meetings/{late.pk}/ask/", {"text": "When is bin day?"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "closed at" in page and f"/democracy/meetings/{later.pk}/#ask" in page
    assert 'role="alert"' in page


def test_sign_form_and_second_signature_message(client, ward, make_resident, published):
    client.force_login(make_resident(ward))
    assert (
        client.post(f"/democracy/decisions/{published.pk}/sign/", {"show_name": "on"}).status_code
        == 302
    )
    again = client.post(f"/democracy/decisions/{published.pk}/sign/", {})
    assert again.status_code == 400 and "already signed" in again.content.decode()


def test_clerk_desk_is_for_the_clerk(client, clerk, councillor):
    client.force_login(councillor)
    assert client.get("/democracy/clerk/").status_code == 403
    client.force_login(clerk)
    assert client.get("/democracy/clerk/").status_code == 200


def test_clerk_moderates_and_records_a_decision_through_the_page(
    client, clerk, ward, make_resident, make_meeting
):
    meeting = make_meeting()
    question = Question.objects.create(meeting=meeting, asker=make_resident(ward), text="Why so?")
    client.force_login(clerk)
    assert client.get(f"/democracy/meetings/{meeting.pk}/manage/").status_code == 200
    base = f"/democracy/meetings/{meeting.pk}/manage"
    bad = client.post(f"{base}/moderate/{question.pk}/", {"outcome": "reject", "reason": ""})
    assert bad.status_code == 400 and "Choose a reason" in bad.content.decode()
    client.post(f"{base}/moderate/{question.pk}/", {"outcome": "reject", "reason": "defamatory"})
    assert Question.objects.get().rejection_reason == "defamatory"
    response = client.post(
        f"{base}/decision/", {"title": "New benches", "kind": "budget", "budget": "1,200.50"}
    )
    assert response.status_code == 302
    assert Decision.objects.get().budget_pence == 120050
    bad_money = client.post(
        f"{base}/decision/", {"title": "X", "kind": "budget", "budget": "1.234"}
    )
    assert (
        bad_money.status_code == 400
        and "more than two decimal places" in bad_money.content.decode()
    )


def test_councillor_sees_eligibility_and_saves_a_report(client, councillor, attend):
    attend(councillor, 1)
    client.force_login(councillor)
    page = client.get("/democracy/me/").content.decode()
    assert "Not eligible" in page and "1 of 6 modules" in page
    assert "Ward budget allocated" in page
    profile = client.get("/accounts/profile/")
    if profile.status_code == 200:
        assert "Not eligible" in profile.content.decode()
    response = client.post(
        "/democracy/me/report/",
        {
            "year": timezone.now().year,
            "ward_work": "Ran six surgeries and a litter pick.",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert client.get(f"/democracy/councillors/{councillor.pk}/{report.year}/").status_code == 200


def test_ical_feeds_parse(client, partnership, make_meeting):
    import icalendar

    make_meeting()
    for url in [
        "/democracy/meetings.ics",
        f"/democracy/districts/{partnership.district.slug}/meetings.ics",
    ]:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        assert len(calendar.walk("VEVENT")) == 1


@pytest.fixture
def feedback_round(make_role, ward):
    from coopcouncil.democracy.models import FeedbackRound

    now = timezone.now()
    return FeedbackRound.objects.create(
        subject=make_role("councillor", "Leader Lee", ward=ward),
        subject_role="Leader of the Council",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
    )


def test_a_reader_not_signed_in_is_invited_to_sign_in_not_shown_the_feedback_form(
    client, feedback_round
):
    """As with a meeting's question form: the form is for those who may give feedback, and
    a reader not signed in who sends it anyway signs in and comes back to the round."""
    url = f"/democracy/feedback/{feedback_round.pk}/"
    page = client.get(url).content.decode()
    assert 'method="post"' not in page
    assert f'href="/accounts/login/?next={url}">Sign in</a> to give feedback' in page
    sent = client.post(url, {})
    assert (sent.status_code, sent["Location"]) == (302, f"/accounts/login/?next={quote(url)}")


def test_a_reader_not_signed_in_who_sends_a_pulse_survey_signs_in_and_comes_back(
    client, partnership
):
    """The same for a pulse survey: sign in, then back to the survey."""
    from coopcouncil.democracy.models import PulseSurvey

    now = timezone.now()
    survey = PulseSurvey.objects.create(
        partnership=partnership,
        title="How are we doing?",
        audience="residents",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=6),
    )
    url = f"/democracy/pulse/{survey.pk}/"
    assert 'method="post"' not in client.get(url).content.decode()
    sent = client.post(url, {})
    assert (sent.status_code, sent["Location"]) == (302, f"/accounts/login/?next={quote(url)}")
