"""Spending and redeeming time credits: never below zero, a code used once, no one named."""

import pytest

from coopcouncil.coproduction.models import CreditAccount, CreditEntry
from coopcouncil.coproduction.services import credit_offer_create, credit_redeem, credits_spend
from coopcouncil.core.errors import Conflict, NotAllowed, NotFound
from coopcouncil.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_spending_takes_the_credits_and_gives_a_code_for_the_partner(confirmed, volunteer, offer):
    entry = credits_spend(actor=volunteer, offer=offer)
    assert entry.amount == -1 and entry.code
    assert CreditAccount.objects.get(person=volunteer).balance == 2
    assert AuditEvent.objects.filter(action="coproduction.credits_spent").count() == 1


def test_spending_more_than_the_balance_is_refused_and_nothing_changes(
    confirmed, volunteer, partner, partner_member
):
    course = credit_offer_create(actor=partner_member, partner=partner, title="Course", credits=5)
    with pytest.raises(Conflict) as refused:
        credits_spend(actor=volunteer, offer=course)
    assert refused.value.code == "not_enough_credits"
    assert "you have 3" in refused.value.message
    assert CreditAccount.objects.get(person=volunteer).balance == 3
    assert CreditEntry.objects.filter(amount__lt=0).count() == 0


def test_someone_who_never_earned_cannot_spend(make_resident, ward, offer):
    with pytest.raises(Conflict):
        credits_spend(actor=make_resident(ward), offer=offer)


def test_the_partner_redeems_a_code_once_and_learns_the_offer_not_the_person(
    confirmed, volunteer, offer, partner, partner_member
):
    entry = credits_spend(actor=volunteer, offer=offer)
    redeemed = credit_redeem(actor=partner_member, partner=partner, code=entry.code.lower())
    assert (redeemed.offer, redeemed.credits) == ("Swim session", 1)
    assert not {"person", "volunteer", "name", "email"} & set(vars(redeemed))
    with pytest.raises(Conflict) as again:
        credit_redeem(actor=partner_member, partner=partner, code=entry.code)
    assert again.value.code == "code_already_redeemed"


def test_another_partner_cannot_redeem_a_code_for_someone_elses_offer(
    confirmed, volunteer, offer, make_role, db
):
    from coopcouncil.people.models import Organisation

    other = Organisation.objects.create(name="Cinema", slug="cinema", kind="business")
    cinema_member = make_role("partner", organisation=other)
    entry = credits_spend(actor=volunteer, offer=offer)
    with pytest.raises(NotFound):
        credit_redeem(actor=cinema_member, partner=other, code=entry.code)
    with pytest.raises(NotAllowed):
        credit_redeem(actor=cinema_member, partner=offer.partner, code=entry.code)


def test_only_a_partners_members_publish_its_offers(partner, volunteer):
    with pytest.raises(NotAllowed):
        credit_offer_create(actor=volunteer, partner=partner, title="Free swim", credits=1)


def test_the_ledger_is_append_only(confirmed, volunteer):
    entry = CreditEntry.objects.get(account__person=volunteer)
    entry.amount = 100
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert CreditEntry.objects.get(pk=entry.pk).amount == 3
