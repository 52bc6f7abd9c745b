from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import Question
from coopcouncil.democracy.services.questions import (
    QuestionsClosed,
    question_answer,
    question_ask,
    question_moderate,
)

pytestmark = pytest.mark.django_db


def test_resident_question_before_cutoff_is_saved_and_audited(ward, make_resident, make_meeting):
    meeting = make_meeting(starts_in=timedelta(hours=3))
    asker = make_resident(ward)
    question = question_ask(asker=asker, meeting=meeting, text="When will the park reopen?")
    assert question.status == Question.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="democracy.question_asked").count() == 1


def test_question_after_cutoff_says_when_it_was_and_offers_next_meeting(
    ward, make_resident, make_meeting
):
    meeting = make_meeting(starts_in=timedelta(hours=1, minutes=59))
    later = make_meeting(starts_in=timedelta(days=60), title="February partnership")
    with pytest.raises(QuestionsClosed) as refused:
        question_ask(asker=make_resident(ward), meeting=meeting, text="When will the park reopen?")
    cutoff = timezone.localtime(meeting.starts_at - timedelta(hours=2))
    assert refused.value.code == "questions_closed" and refused.value.status == 409
    assert f"{cutoff:%H:%M on %d %B %Y}" in refused.value.message
    assert "February partnership" in refused.value.message
    assert refused.value.next_meeting == later
    assert not Question.objects.exists()


def test_cutoff_is_a_setting(settings, ward, make_resident, make_meeting):
    settings.COOPCOUNCIL_QUESTION_CUTOFF_MINUTES = 48 * 60
    meeting = make_meeting(starts_in=timedelta(days=1))
    with pytest.raises(QuestionsClosed):
        question_ask(asker=make_resident(ward), meeting=meeting, text="Is this too late now?")


def test_unverified_person_cannot_ask(make_user, make_meeting):
    with pytest.raises(NotAllowed) as refused:
        question_ask(asker=make_user(), meeting=make_meeting(), text="Can I ask this please?")
    assert "Verify your home address" in refused.value.message


def test_too_short_question_is_refused_on_the_text_field(ward, make_resident, make_meeting):
    with pytest.raises(DomainError) as refused:
        question_ask(asker=make_resident(ward), meeting=make_meeting(), text="Why?")
    assert refused.value.errors == {"text": [refused.value.message]}


@pytest.fixture
def asked(ward, make_resident, make_meeting):
    meeting = make_meeting()
    return [
        question_ask(asker=make_resident(ward), meeting=meeting, text=f"Question number {n}?")
        for n in range(3)
    ]


def test_rejection_needs_a_reason_from_the_fixed_list(asked, clerk):
    with pytest.raises(DomainError) as refused:
        question_moderate(actor=clerk, question=asked[0], outcome="reject", reason="rude")
    assert refused.value.code == "rejection_reason_invalid"
    question_moderate(actor=clerk, question=asked[0], outcome="reject", reason="personal_case")
    asked[0].refresh_from_db()
    assert asked[0].status == "rejected" and asked[0].rejection_reason == "personal_case"


def test_moderation_tells_the_asker_by_email(asked, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question_moderate(actor=clerk, question=asked[0], outcome="accept")
    assert mail.outbox[-1].to == [asked[0].asker.email]
    assert "accepted" in mail.outbox[-1].body


def test_duplicate_merges_into_an_accepted_question_and_shares_its_answer(
    asked, clerk, django_capture_on_commit_callbacks
):
    question_moderate(actor=clerk, question=asked[0], outcome="accept")
    with pytest.raises(DomainError):
        question_moderate(actor=clerk, question=asked[1], outcome="merge", merge_with=asked[2])
    question_moderate(actor=clerk, question=asked[1], outcome="merge", merge_with=asked[0])
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(actor=clerk, question=asked[0], answer="It reopens in May.")
    assert {m.to[0] for m in mail.outbox} >= {asked[0].asker.email, asked[1].asker.email}
    assert AuditEvent.objects.filter(action="democracy.question_answered").count() == 1


def test_only_clerk_moderates(asked, councillor):
    with pytest.raises(NotAllowed):
        question_moderate(actor=councillor, question=asked[0], outcome="accept")


def test_a_question_is_moderated_once(asked, clerk):
    question_moderate(actor=clerk, question=asked[0], outcome="accept")
    with pytest.raises(DomainError) as refused:
        question_moderate(actor=clerk, question=asked[0], outcome="accept")
    assert refused.value.status == 409
