from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import AgendaItem, CallInPetition, CallInSignature, Decision
from coopcouncil.democracy.services.decisions import (
    call_in_outcome_record,
    call_in_sign,
    decision_create,
    decision_publish,
    decision_vote_record,
)
from coopcouncil.democracy.services.meetings import meeting_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget_decision(partnership, clerk, ward):
    return decision_create(
        actor=clerk,
        partnership=partnership,
        title="Grants to youth clubs",
        kind="budget",
        budget_pence=1_250_000,
        wards=[ward],
    )


@pytest.fixture
def published(budget_decision, clerk, settings):
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 3
    return decision_publish(actor=clerk, decision=budget_decision)


def test_decision_outside_the_district_wards_is_refused(partnership, clerk, other_ward):
    with pytest.raises(DomainError) as refused:
        decision_create(actor=clerk, partnership=partnership, title="X", wards=[other_ward])
    assert refused.value.field == "wards" and not Decision.objects.exists()


def test_ineligible_councillor_vote_on_budget_is_refused_with_the_reason(
    budget_decision, clerk, councillor, attend
):
    attend(councillor, 1)
    with pytest.raises(NotAllowed) as refused:
        decision_vote_record(
            actor=clerk, decision=budget_decision, councillor=councillor, choice="for"
        )
    assert "1 of 6 modules" in refused.value.message
    assert not budget_decision.votes.exists()


def test_eligible_councillor_vote_is_recorded_by_name(budget_decision, clerk, councillor, attend):
    attend(councillor, 1, 2, 3)
    vote = decision_vote_record(
        actor=clerk, decision=budget_decision, councillor=councillor, choice="against"
    )
    assert vote.choice == "against"
    assert AuditEvent.objects.filter(action="democracy.vote_recorded").count() == 1


def test_councillor_of_another_district_cannot_vote(
    partnership, clerk, make_role, other_ward, ward
):
    decision = decision_create(actor=clerk, partnership=partnership, title="Bins", wards=[ward])
    outsider = make_role("councillor", ward=other_ward)
    with pytest.raises(NotAllowed) as refused:
        decision_vote_record(actor=clerk, decision=decision, councillor=outsider, choice="for")
    assert "Only councillors for" in refused.value.message


def test_publication_opens_a_ten_working_day_window(budget_decision, clerk):
    decision_publish(actor=clerk, decision=budget_decision)
    petition = CallInPetition.objects.get(decision=budget_decision)
    assert petition.threshold == 100
    assert 14 <= (petition.closes_at - petition.opens_at).days <= 24


def test_signing_twice_is_a_conflict(published, ward, make_resident):
    resident = make_resident(ward)
    call_in_sign(resident=resident, decision=published)
    with pytest.raises(DomainError) as refused:
        call_in_sign(resident=resident, decision=published)
    assert refused.value.status == 409 and refused.value.code == "already_signed"
    assert CallInSignature.objects.count() == 1
    assert CallInPetition.objects.get().signature_count == 1


def test_signing_after_the_window_is_refused(published, ward, make_resident):
    petition = CallInPetition.objects.get()
    with pytest.raises(DomainError) as refused:
        call_in_sign(
            resident=make_resident(ward),
            decision=published,
            now=petition.closes_at + timedelta(seconds=1),
        )
    assert refused.value.code == "call_in_closed" and "closed at" in refused.value.message


def test_any_verified_resident_of_the_borough_may_sign(published, other_ward, make_resident):
    signature = call_in_sign(resident=make_resident(other_ward), decision=published)
    assert signature.ward == other_ward


def test_reaching_the_threshold_suspends_schedules_review_and_notifies(
    published,
    ward,
    make_resident,
    partnership,
    clerk,
    councillor,
    django_capture_on_commit_callbacks,
):
    meeting = meeting_schedule(
        actor=clerk,
        partnership=partnership,
        title="Next partnership",
        starts_at=timezone.now() + timedelta(days=20),
        venue="Hall",
    )
    residents = [make_resident(ward) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for resident in residents:
            call_in_sign(resident=resident, decision=published, show_name=True)
    published.refresh_from_db()
    petition = published.call_in
    assert published.status == "suspended"
    assert petition.status == "threshold_reached"
    item = AgendaItem.objects.get(call_in_review_of=published)
    assert (item.meeting, item.part, petition.review_item) == (meeting, 3, item)
    notified = {m.to[0] for m in mail.outbox}
    assert councillor.email in notified and {r.email for r in residents} <= notified
    assert AuditEvent.objects.filter(action="democracy.decision_suspended").count() == 1


def test_review_waits_for_the_next_scheduled_meeting(
    published, ward, make_resident, partnership, clerk
):
    for _ in range(3):
        call_in_sign(resident=make_resident(ward), decision=published)
    assert CallInPetition.objects.get().review_item is None
    meeting = meeting_schedule(
        actor=clerk,
        partnership=partnership,
        title="Next",
        starts_at=timezone.now() + timedelta(days=9),
        venue="Hall",
    )
    assert CallInPetition.objects.get().review_item.meeting == meeting


def test_clerk_records_the_review_outcome(published, ward, make_resident, clerk):
    for _ in range(3):
        call_in_sign(resident=make_resident(ward), decision=published)
    call_in_outcome_record(actor=clerk, decision=published, outcome="amended", note="Halved.")
    published.refresh_from_db()
    assert published.status == "amended"
    assert CallInPetition.objects.get().outcome == "amended"
    with pytest.raises(DomainError):
        call_in_sign(resident=make_resident(ward), decision=published)


def test_outcome_needs_a_called_in_decision(published, clerk):
    with pytest.raises(DomainError) as refused:
        call_in_outcome_record(actor=clerk, decision=published, outcome="confirmed")
    assert refused.value.code == "not_called_in"


def _meeting_on(partnership, day: int, month: int = 2, year: int = 2026):
    """A partnership meeting at 19:00 on the day given (modules run 1-7 Feb 2026 at 18:00)."""
    from coopcouncil.democracy.models import Meeting

    return Meeting.objects.create(
        partnership=partnership,
        title="District Executive",
        venue="Civic Centre",
        starts_at=timezone.make_aware(timezone.datetime(year, month, day, 19)),
    )


def test_a_general_decision_that_commits_money_needs_an_eligible_voter(
    partnership, clerk, councillor, attend
):
    attend(councillor, 1)
    general_spend = decision_create(
        actor=clerk, partnership=partnership, title="Repaint the hall", budget_pence=1
    )
    assert general_spend.kind == "general" and general_spend.needs_eligible_voters
    with pytest.raises(NotAllowed) as refused:
        decision_vote_record(
            actor=clerk, decision=general_spend, councillor=councillor, choice="for"
        )
    assert refused.value.code == "vote_not_allowed" and refused.value.field == "councillor"
    assert "may not vote on budgets or grant awards" in refused.value.message
    assert not general_spend.votes.exists()


def test_a_general_decision_without_money_needs_no_programme_attendance(
    partnership, clerk, councillor, attend
):
    attend(councillor, 1)
    no_money = decision_create(actor=clerk, partnership=partnership, title="Name the park")
    assert not no_money.needs_eligible_voters
    decision_vote_record(actor=clerk, decision=no_money, councillor=councillor, choice="for")
    assert no_money.votes.count() == 1


def test_a_vote_minuted_later_is_judged_on_the_meeting_day_not_the_typing_day(
    partnership, clerk, councillor, attend
):
    # Attended modules 2, 3 and 4 (2-4 Feb): eligible today, but at a meeting on the
    # evening of 1 Feb only module 1 had been held, and the councillor missed it.
    attend(councillor, 2, 3, 4)
    meeting = _meeting_on(partnership, 1)
    decision = decision_create(
        actor=clerk, partnership=partnership, title="Ward fund", kind="budget", meeting=meeting
    )
    with pytest.raises(NotAllowed) as refused:
        decision_vote_record(actor=clerk, decision=decision, councillor=councillor, choice="for")
    assert "0 of 1 modules held so far attended" in refused.value.message


def test_a_councillor_eligible_on_the_meeting_day_keeps_the_vote_when_minuted_later(
    partnership, clerk, councillor, attend
):
    # Attended module 1 only: eligible on 1 Feb (1 of 1), not today (1 of 6).
    attend(councillor, 1)
    meeting = _meeting_on(partnership, 1)
    decision = decision_create(
        actor=clerk, partnership=partnership, title="Ward fund", kind="budget", meeting=meeting
    )
    vote = decision_vote_record(actor=clerk, decision=decision, councillor=councillor, choice="for")
    assert vote.choice == "for"
