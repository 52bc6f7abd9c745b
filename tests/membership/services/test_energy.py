"""Energy switching writes: rounds, registration, sealed bids, the auction, offers, the fee."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.grants.models import FundIncome
from coopcouncil.grants.services import fund_create
from coopcouncil.membership import selectors, services
from coopcouncil.membership.models import EnergyOffer, HouseholdRegistration, SupplierBid
from tests.membership.conftest import bid_csv, close_acceptance, close_registration, household

pytestmark = pytest.mark.django_db


def test_only_membership_officers_open_a_round(make_user):
    now = timezone.now()
    with pytest.raises(NotAllowed):
        services.round_create(
            actor=make_user(),
            name="x",
            registration_opens=now,
            registration_closes=now + timedelta(days=1),
        )


def test_a_round_closing_before_it_opens_is_refused_on_that_field(officer):
    now = timezone.now()
    with pytest.raises(DomainError) as error:
        services.round_create(
            actor=officer, name="x", registration_opens=now, registration_closes=now
        )
    assert error.value.field == "registration_closes"


def test_a_registration_stores_the_household_and_its_current_annual_cost(
    open_round, make_resident, ward
):
    resident = make_resident(ward)
    registration = services.household_register(
        user=resident, switching_round=open_round, entry=household()
    )
    assert registration.ward == ward
    assert registration.current_cost_pence == 2_700 * 30 + 365 * 60 + 11_500 * 8 + 365 * 35
    assert AuditEvent.objects.filter(action="energy.register").count() == 1


def test_registering_again_updates_the_one_registration(open_round, make_user):
    user = make_user()
    services.household_register(user=user, switching_round=open_round, entry=household())
    services.household_register(
        user=user, switching_round=open_round, entry=household(electricity_kwh=3_000)
    )
    assert HouseholdRegistration.objects.get(user=user).electricity_kwh == 3_000


def test_bad_answers_are_refused_field_by_field_and_nothing_is_saved(open_round, make_user):
    with pytest.raises(DomainError) as error:
        services.household_register(
            user=make_user(),
            switching_round=open_round,
            entry=household(region="mars", gas_kwh=-1, electricity_unit_rate="500"),
        )
    assert error.value.code == "energy_registration_invalid"
    assert set(error.value.errors) == {"region", "gas_kwh", "electricity_unit_rate"}
    assert not HouseholdRegistration.objects.exists()


def test_registration_after_the_window_closes_is_refused(open_round, make_user):
    close_registration(open_round)
    with pytest.raises(DomainError) as error:
        services.household_register(user=make_user(), switching_round=open_round, entry=household())
    assert error.value.code == "energy_registration_closed"


def test_bids_before_registration_closes_are_refused(open_round, officer):
    with pytest.raises(DomainError) as error:
        services.bids_import(actor=officer, switching_round=open_round, text=bid_csv("Fix", "P"))
    assert error.value.code == "energy_bids_closed"


def test_a_bid_missing_a_price_a_household_needs_is_refused_listing_what_is_missing(
    open_round, officer, make_user
):
    services.household_register(
        user=make_user(), switching_round=open_round, entry=household(payment_method="prepayment")
    )
    close_registration(open_round)
    with pytest.raises(RowErrors) as error:
        services.bids_import(
            actor=officer,
            switching_round=open_round,
            text=bid_csv("Fix", "P", methods=("direct_debit",)),
        )
    messages = error.value.errors["bid 'Fix'"]
    assert "electricity / north-west / prepayment" in messages[0]
    assert "gas / north-west / prepayment" in messages[0]
    assert not SupplierBid.objects.exists()


def test_a_supplier_bids_only_for_its_own_organisation(
    open_round, supplier, supplier_person, make_role
):
    close_registration(open_round)
    services.bids_import(
        actor=supplier_person,
        switching_round=open_round,
        text=bid_csv("Fix", "Pennine Power"),
        supplier=supplier,
    )
    outsider = make_role(
        "partner",
        organisation=supplier.__class__.objects.create(name="Other", slug="other", kind="business"),
    )
    with pytest.raises(NotAllowed):
        services.bids_import(
            actor=outsider,
            switching_round=open_round,
            text=bid_csv("Fix 2", "Pennine Power"),
            supplier=supplier,
        )


def test_a_second_bid_with_the_same_name_is_refused(open_round, officer):
    close_registration(open_round)
    services.bids_import(actor=officer, switching_round=open_round, text=bid_csv("Fix", "P"))
    with pytest.raises(Conflict):
        services.bids_import(actor=officer, switching_round=open_round, text=bid_csv("Fix", "P"))


def test_the_auction_ranks_the_bids_and_gives_every_household_its_offer(auctioned_round):
    switching_round, saver, non_saver = auctioned_round
    result = switching_round.result
    assert result.winning_bid.reference == "Fix"
    assert result.registrations == 2
    assert result.switching == 1
    saving = selectors.registration_of(saver, switching_round).offer
    new_cost = 2_700 * 24 + 365 * 50 + 11_500 * 6 + 365 * 30
    assert saving.new_cost_pence == new_cost
    assert saving.saving_pence == saving.current_cost_pence - new_cost
    assert saving.status == EnergyOffer.Status.OFFERED
    no_saving = selectors.registration_of(non_saver, switching_round).offer
    assert no_saving.status == EnergyOffer.Status.NO_SAVING
    assert result.largest_saving_pence == saving.saving_pence
    assert AuditEvent.objects.filter(action="energy.auction").count() == 1


def test_each_household_is_emailed_its_offer_and_a_non_saver_is_told_not_to_switch(
    open_round, officer, make_user, django_capture_on_commit_callbacks
):
    saver, non_saver = make_user(), make_user()
    services.household_register(user=saver, switching_round=open_round, entry=household())
    services.household_register(
        user=non_saver, switching_round=open_round, entry=household(electricity_unit_rate="10")
    )
    close_registration(open_round)
    services.bids_import(actor=officer, switching_round=open_round, text=bid_csv("Fix", "P"))
    with django_capture_on_commit_callbacks(execute=True):
        services.auction_hold(actor=officer, switching_round=open_round)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "would save you" in bodies[saver.email]
    assert "do not suggest you switch" in bodies[non_saver.email]


def test_the_cheaper_bid_wins_whatever_order_the_bids_came_in(open_round, officer, make_user):
    services.household_register(user=make_user(), switching_round=open_round, entry=household())
    close_registration(open_round)
    services.bids_import(
        actor=officer, switching_round=open_round, text=bid_csv("Dear", "A", electricity=(26, 50))
    )
    services.bids_import(actor=officer, switching_round=open_round, text=bid_csv("Cheap", "B"))
    result = services.auction_hold(actor=officer, switching_round=open_round)
    assert result.winning_bid.reference == "Cheap"
    ranks = dict(SupplierBid.objects.values_list("reference", "rank"))
    assert ranks == {"Cheap": 1, "Dear": 2}


def test_the_auction_runs_once(auctioned_round, officer):
    switching_round, _, _ = auctioned_round
    with pytest.raises(Conflict):
        services.auction_hold(actor=officer, switching_round=switching_round)


def test_an_auction_without_bids_is_refused(open_round, officer, make_user):
    services.household_register(user=make_user(), switching_round=open_round, entry=household())
    close_registration(open_round)
    with pytest.raises(DomainError) as error:
        services.auction_hold(actor=officer, switching_round=open_round)
    assert error.value.code == "energy_no_bids"


def test_a_household_accepts_and_may_change_its_mind_while_the_window_is_open(auctioned_round):
    switching_round, saver, _ = auctioned_round
    offer = services.offer_decide(user=saver, switching_round=switching_round, is_accepted=True)
    assert offer.status == EnergyOffer.Status.ACCEPTED
    offer = services.offer_decide(user=saver, switching_round=switching_round, is_accepted=False)
    assert offer.status == EnergyOffer.Status.DECLINED


def test_an_offer_that_would_not_save_cannot_be_accepted(auctioned_round):
    switching_round, _, non_saver = auctioned_round
    with pytest.raises(DomainError) as error:
        services.offer_decide(user=non_saver, switching_round=switching_round, is_accepted=True)
    assert error.value.code == "energy_offer_no_saving"


def test_accepting_after_the_window_closes_is_refused(auctioned_round):
    switching_round, saver, _ = auctioned_round
    close_acceptance(switching_round)
    with pytest.raises(DomainError) as error:
        services.offer_decide(user=saver, switching_round=switching_round, is_accepted=True)
    assert error.value.code == "energy_acceptance_closed"


def test_council_figures_count_acceptances_savings_and_the_finders_fee(auctioned_round, officer):
    switching_round, saver, _ = auctioned_round
    offer = services.offer_decide(user=saver, switching_round=switching_round, is_accepted=True)
    figures = selectors.round_figures(switching_round)
    assert figures.registrations == 2
    assert figures.accepted == 1
    assert figures.accepted_saving_pence == offer.saving_pence
    assert figures.average_accepted_saving_pence == offer.saving_pence
    assert figures.finder_fee_pence == switching_round.finder_fee_pence
    with pytest.raises(Conflict):
        services.finder_fee_settle(actor=officer, switching_round=switching_round)
    close_acceptance(switching_round)
    result = services.finder_fee_settle(actor=officer, switching_round=switching_round)
    assert result.finder_fee_total_pence == switching_round.finder_fee_pence
    assert result.finder_fee_credited_at is None  # to be credited to the community fund


def test_the_illustrative_cohort_is_bulk_loaded_once(open_round, officer, places):
    assert services.cohort_load_illustrative(actor=officer, switching_round=open_round, size=500)
    assert HouseholdRegistration.objects.filter(round=open_round, user=None).count() == 500
    with pytest.raises(Conflict):
        services.cohort_load_illustrative(actor=officer, switching_round=open_round, size=500)


def test_the_settled_finders_fee_is_credited_once_to_the_community_fund(
    auctioned_round, officer, administrator
):
    fund = fund_create(actor=administrator, name="Community dividend fund", is_community_fund=True)
    switching_round, saver, _ = auctioned_round
    services.offer_decide(user=saver, switching_round=switching_round, is_accepted=True)
    close_acceptance(switching_round)
    result = services.finder_fee_settle(actor=officer, switching_round=switching_round)
    assert result.finder_fee_credited_at is not None
    income = FundIncome.objects.get(fund=fund)
    assert income.amount_pence == result.finder_fee_total_pence == switching_round.finder_fee_pence
    assert income.reference == f"energy-round-{switching_round.pk}"
