"""Who may do what in membership and energy switching."""

from __future__ import annotations

import pytest

from coopcouncil.core.permissions import check

pytestmark = pytest.mark.django_db


def test_residents_join_and_people_without_a_residency_do_not(make_resident, make_user, ward):
    assert check(make_resident(ward), "membership.join").allowed
    assert not check(make_user(), "membership.join").allowed
    assert not check(None, "membership.join").allowed


def test_only_members_take_part(member, make_resident, ward):
    assert check(member, "membership.take_part").allowed
    refused = check(make_resident(ward), "membership.take_part")
    assert "Join the co-operative membership first" in refused.reason


def test_the_benefits_partner_and_officers_redeem_and_other_partners_do_not(
    benefit, partner_person, officer, supplier_person, make_role
):
    assert check(partner_person, "membership.redeem", benefit).allowed
    assert check(officer, "membership.redeem", benefit).allowed
    assert not check(supplier_person, "membership.redeem", benefit).allowed
    clerk = make_role("officer", team="clerk")
    assert not check(clerk, "membership.redeem", benefit).allowed


def test_a_supplier_bids_for_itself_and_officers_for_anyone(
    supplier, supplier_person, partner_person, officer
):
    assert check(supplier_person, "membership.energy_bid", supplier).allowed
    assert not check(partner_person, "membership.energy_bid", supplier).allowed
    assert check(officer, "membership.energy_bid", None).allowed


def test_registering_a_household_needs_a_confirmed_email(make_user):
    assert check(make_user(), "membership.energy_register").allowed
    assert not check(make_user(verified_email=False), "membership.energy_register").allowed


def test_officer_teams_follow_the_councils_setting(settings, make_role):
    clerk = make_role("officer", team="clerk")
    assert not check(clerk, "membership.manage").allowed
    settings.COOPCOUNCIL_MEMBERSHIP_OFFICER_TEAMS = "clerk"
    assert check(clerk, "membership.manage").allowed
