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
    assert "Coldhurst" in decision.reason and "Saddleworth South" in decision.reason


def test_an_expired_residency_no_longer_counts(ward, make_resident):
    resident = make_resident(ward)
    Residency.objects.filter(user=resident).update(expires_at=timezone.now() - timedelta(days=1))
    decision = check(resident, "resident.take_part", ward)
    assert not decision.allowed
    assert "expired" in decision.reason


def test_an_unverified_claim_does_not_count(ward, make_user):
    user = make_user()
    Residency.objects.create(user=user, ward=ward, address="1 High St", postcode="OL1 1AA")
    assert not check(user, "resident.take_part", ward).allowed


def test_an_unconfirmed_email_blocks_taking_part(ward, make_resident):
    resident = make_resident(ward)
    resident.email_verified_at = None
    resident.save()
    assert "email" in check(resident, "resident.take_part", ward).reason


def test_anonymous_visitors_are_asked_to_sign_in(ward):
    assert check(AnonymousUser(), "resident.take_part", ward).reason == "Sign in to take part."


def test_officer_rules_follow_team(make_role):
    clerk = make_role("officer", team="clerk")
    finance = make_role("officer", team="finance")
    assert check(clerk, "people.import_register").allowed
    assert not check(finance, "people.import_register").allowed
    assert check(finance, "places.edit_figures").allowed


def test_an_ended_role_no_longer_grants_rights(make_role):
    officer = make_role(
        "officer", team="finance", end_date=timezone.localdate() - timedelta(days=1)
    )
    assert not check(officer, "places.edit_figures").allowed


def test_unknown_actions_are_refused_and_require_raises(make_role, administrator):
    assert not check(administrator, "no.such.action").allowed
    with pytest.raises(NotAllowed):
        require(make_role("officer", team="finance"), "people.manage_roles")


def test_a_district_team_runs_its_own_pb_process_but_not_a_borough_wide_one(ward, make_role):
    from coopcouncil.participation.models import PBProcess

    team = make_role("officer", team="district_team", district=ward.district)
    clerk = make_role("officer", team="clerk")
    in_district = PBProcess(title="West", district=ward.district, budget_pence=100)
    borough_wide = PBProcess(title="Borough", district=None, budget_pence=100)
    assert check(team, "pb.manage", in_district).allowed
    assert not check(team, "pb.manage", borough_wide).allowed
    assert check(clerk, "pb.manage", borough_wide).allowed
