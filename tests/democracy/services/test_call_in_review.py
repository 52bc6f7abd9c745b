"""The clerk removes fake call-in signatures: recount, reversal of a suspension, audit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import AgendaItem, CallInSignature, Decision
from coopcouncil.democracy.services.call_in_review import call_in_signatures_remove
from coopcouncil.democracy.services.decisions import call_in_sign, decision_create, decision_publish
from coopcouncil.democracy.services.meetings import meeting_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def called_in(partnership, clerk, ward, make_resident, settings):
    """A decision suspended by three signatures (the threshold), its review on an agenda."""
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 3
    meeting_schedule(
        actor=clerk,
        partnership=partnership,
        title="Next partnership",
        starts_at=timezone.now() + timedelta(days=20),
        venue="Hall",
    )
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    decision = decision_publish(actor=clerk, decision=decision)
    for _ in range(3):
        call_in_sign(resident=make_resident(ward), decision=decision)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUSPENDED
    return decision


def test_removing_signatures_below_the_threshold_reverses_the_suspension(called_in, clerk):
    petition = called_in.call_in
    fake = petition.signatures.order_by("id").last()
    removal = call_in_signatures_remove(
        actor=clerk, petition=petition, signature_ids=[fake.pk], reason="Accounts made in bulk"
    )
    assert (removal.removed, removal.signature_count, removal.is_suspension_reversed) == (
        1,
        2,
        True,
    )
    called_in.refresh_from_db()
    petition.refresh_from_db()
    assert called_in.status == Decision.Status.PUBLISHED
    assert (petition.status, petition.threshold_reached_at, petition.review_item) == (
        "open",
        None,
        None,
    )
    assert not AgendaItem.objects.filter(call_in_review_of=called_in).exists()
    assert not CallInSignature.objects.filter(pk=fake.pk).exists()
    event = AuditEvent.objects.get(action="democracy.call_in_signatures_removed")
    assert event.actor == clerk and event.target_id == str(called_in.pk)
    assert event.details["reason"] == "Accounts made in bulk"
    assert [s["id"] for s in event.details["signatures"]] == [fake.pk]
    assert event.details["suspension_reversed"] is True


def test_a_reversed_call_in_whose_window_has_passed_closes(called_in, clerk):
    petition = called_in.call_in
    petition.closes_at = timezone.now() - timedelta(minutes=1)
    petition.save()
    first = petition.signatures.first()
    call_in_signatures_remove(actor=clerk, petition=petition, signature_ids=[first.pk], reason="x")
    petition.refresh_from_db()
    assert petition.status == "closed" and petition.decision.status == Decision.Status.PUBLISHED


def test_a_suspension_the_count_still_holds_stays(called_in, clerk, ward, make_resident):
    petition = called_in.call_in
    CallInSignature.objects.create(petition=petition, signer=make_resident(ward), ward=ward)
    fake = petition.signatures.first()
    removal = call_in_signatures_remove(
        actor=clerk, petition=petition, signature_ids=[fake.pk], reason="Same person twice"
    )
    assert (removal.signature_count, removal.is_suspension_reversed) == (3, False)
    called_in.refresh_from_db()
    assert called_in.status == Decision.Status.SUSPENDED
    assert AgendaItem.objects.filter(call_in_review_of=called_in).exists()


def test_only_the_clerk_removes_signatures(called_in, councillor, make_role, ward):
    petition = called_in.call_in
    ids = list(petition.signatures.values_list("pk", flat=True))
    district_officer = make_role("officer", team="district_team", district=ward.district)
    for actor in (councillor, district_officer):
        with pytest.raises(NotAllowed):
            call_in_signatures_remove(actor=actor, petition=petition, signature_ids=ids, reason="x")
    assert petition.signatures.count() == 3
    assert not AuditEvent.objects.filter(action="democracy.call_in_signatures_removed").exists()


def test_a_reason_and_signatures_of_this_call_in_are_required(
    called_in, clerk, partnership, ward, make_resident
):
    petition = called_in.call_in
    ids = list(petition.signatures.values_list("pk", flat=True))
    with pytest.raises(DomainError) as no_reason:
        call_in_signatures_remove(actor=clerk, petition=petition, signature_ids=ids, reason=" ")
    assert no_reason.value.code == "reason_required"
    other = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Other")
    )
    elsewhere = call_in_sign(resident=make_resident(ward), decision=other)
    with pytest.raises(DomainError) as foreign:
        call_in_signatures_remove(
            actor=clerk, petition=petition, signature_ids=[ids[0], elsewhere.pk], reason="x"
        )
    assert foreign.value.code == "signatures_not_on_petition"
    assert petition.signatures.count() == 3
