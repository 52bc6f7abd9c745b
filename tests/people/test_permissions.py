from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from coopcouncil.core.errors import NotAllowed
from coopcouncil.core.permissions import check, require
from coopcouncil.people.models import Residency


def test_a_verified_resident_may_take_part_in_their_ward(ward, make_resident):
    resident = make_resident(ward)
    assert check(resident, "resident.take_part", ward).allowed
    assert check(resident, "resident.take_part", ward.district).allowed
    assert check(resident, "resident.take_part").allowed


def test_a_resident_of_another_ward_is_refused_with_the_reason(ward, other_ward, make_resident):
    resident = make_resident(other_ward)
    decision = check(resident, "resident.take_part", ward)
    assert not decision.allowed
    assert decision.reason == (
        "This is open to residents of Coldhurst; you are verified in Saddleworth South."
    )


def test_an_expired_residency_no_longer_counts_and_says_when_it_lapsed(ward, make_resident):
    resident = make_resident(ward)
    lapsed = timezone.now() - timedelta(days=1)
    Residency.objects.filter(user=resident).update(expires_at=lapsed)
    decision = check(resident, "resident.take_part", ward)
    assert not decision.allowed
    assert decision.reason == (
        f"Your proof of residency expired on {timezone.localtime(lapsed):%d %B %Y}."
        " Please verify your address again."
    )


def test_an_unverified_claim_does_not_count(ward, make_user):
    user = make_user()
    Residency.objects.create(user=user, ward=ward, address="1 High St", postcode="OL1 1AA")
    decision = check(user, "resident.take_part", ward)
    assert decision.reason == "Verify your home address to take part as a resident."


def test_an_unconfirmed_email_blocks_taking_part(ward, make_resident):
    resident = make_resident(ward)
    resident.email_verified_at = None
    resident.save()
    assert check(resident, "resident.take_part", ward).reason == "Confirm your email address first."


def test_anonymous_visitors_are_asked_to_sign_in(ward):
    assert check(AnonymousUser(), "resident.take_part", ward).reason == "Sign in to take part."


def test_officer_rules_follow_team(make_role):
    clerk = make_role("officer", team="clerk")
    finance = make_role("officer", team="finance")
    assert check(clerk, "people.import_register").allowed
    assert check(finance, "people.import_register").reason == (
        "Only democratic services may import the electoral register."
    )
    assert check(finance, "places.edit_figures").allowed
    assert not check(clerk, "places.edit_figures").allowed


def test_an_ended_role_no_longer_grants_rights(make_role):
    officer = make_role(
        "officer", team="finance", end_date=timezone.localdate() - timedelta(days=1)
    )
    assert not check(officer, "places.edit_figures").allowed


def test_only_administrators_manage_roles(make_role, administrator):
    assert check(administrator, "people.manage_roles").allowed
    with pytest.raises(NotAllowed):
        require(make_role("officer", team="finance"), "people.manage_roles")
