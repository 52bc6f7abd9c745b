"""People and places co-production's tests share: an organiser, a group, a partner, shifts."""

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def asset_officer(make_role, ward):
    return make_role("officer", "Asha Assets", team="district_team", district=ward.district)


@pytest.fixture
def organiser(make_role, ward):
    """A district team officer, who may post for the council and organise what they post."""
    return make_role("officer", "Omar Organiser", team="district_team", district=ward.district)


@pytest.fixture
def group(db, ward):
    from coopcouncil.people.models import Organisation

    return Organisation.objects.create(
        name="Coldhurst Friends",
        slug="coldhurst-friends",
        kind="community_group",
        district=ward.district,
        contact_email="hello@friends.test.invalid",
    )


@pytest.fixture
def group_member(make_role, group):
    return make_role("group_member", "Gita Group", organisation=group)


@pytest.fixture
def partner(db):
    from coopcouncil.people.models import Organisation

    return Organisation.objects.create(name="Leisure Trust", slug="leisure-trust", kind="voluntary")


@pytest.fixture
def partner_member(make_role, partner):
    return make_role("partner", "Pat Partner", organisation=partner)


@pytest.fixture
def opportunity(organiser, ward, group):
    from coopcouncil.coproduction.services import opportunity_post

    return opportunity_post(
        actor=organiser,
        role="Food bank packer",
        place="St Margaret's Hall",
        ward=ward,
        organisation=group,
    )


def make_shift(organiser, opportunity, *, places=5, days_ahead=3):
    from coopcouncil.coproduction.services import shift_add

    starts = timezone.now() + timedelta(days=days_ahead)
    return shift_add(
        actor=organiser,
        opportunity=opportunity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        places=places,
    )


@pytest.fixture
def shift(organiser, opportunity):
    return make_shift(organiser, opportunity)


@pytest.fixture
def volunteer(make_resident, ward):
    return make_resident(ward, "Vera Volunteer")


@pytest.fixture
def confirmed(organiser, shift, volunteer):
    """Vera came to the shift and the organiser confirmed 3 hours (3 credits)."""
    from decimal import Decimal

    from coopcouncil.coproduction.services import attendance_confirm, shift_sign_up

    sign_up = shift_sign_up(actor=volunteer, shift=shift)
    return attendance_confirm(
        actor=organiser, sign_up=sign_up, hours=Decimal(3), now=shift.starts_at + timedelta(hours=3)
    )


@pytest.fixture
def offer(partner_member, partner):
    from coopcouncil.coproduction.services import credit_offer_create

    return credit_offer_create(
        actor=partner_member, partner=partner, title="Swim session", credits=1
    )
