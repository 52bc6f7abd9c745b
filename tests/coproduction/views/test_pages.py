"""Co-production's pages for each role: what they show, what their forms do, and refusals."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coopcouncil.coproduction.models import (
    CommitmentReturn,
    CommunityAsset,
    CreditAccount,
    CreditEntry,
    Shift,
    SignUp,
)
from coopcouncil.coproduction.services import (
    assets_import,
    community_value_list,
    community_value_nominate,
    lease_apply,
    lease_decide,
    shift_sign_up,
)

pytestmark = pytest.mark.django_db


def test_anyone_sees_the_opportunities_and_each_part_of_coproduction(client, shift):
    for url in (
        "/coproduction/",
        "/coproduction/credits/",
        "/coproduction/gritting/",
        "/coproduction/assets/",
        "/coproduction/community-value/",
        "/coproduction/figures/",
    ):
        assert client.get(url).status_code == 200, url
    assert "Food bank packer" in client.get("/coproduction/").content.decode()


def test_a_resident_signs_up_on_the_page_and_sees_their_place(client, shift, volunteer):
    client.force_login(volunteer)
    response = client.post(f"/coproduction/shifts/{shift.pk}/sign-up/", follow=True)
    assert "You have a place on this shift" in response.content.decode()
    assert Shift.objects.get(pk=shift.pk).booked == 1
    assert "Give up my place" in response.content.decode()


def test_a_refused_sign_up_shows_the_reason_on_the_page(client, shift, make_user):
    client.force_login(make_user())
    response = client.post(f"/coproduction/shifts/{shift.pk}/sign-up/")
    assert response.status_code == 403
    assert "Verify your home address" in response.content.decode()


def test_the_organiser_confirms_hours_on_the_page_and_the_volunteer_earns_credits(
    client, organiser, shift, volunteer
):
    sign_up = shift_sign_up(actor=volunteer, shift=shift)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(organiser)
    page = client.get(f"/coproduction/opportunities/{shift.opportunity_id}/").content.decode()
    assert "Confirm attendance" in page and volunteer.full_name in page
    client.post(f"/coproduction/sign-ups/{sign_up.pk}/confirm/", {"hours": "2.5"})
    assert SignUp.objects.get(pk=sign_up.pk).hours == Decimal("2.5")
    assert CreditAccount.objects.get(person=volunteer).balance == 2


def test_a_stranger_does_not_see_who_signed_up(client, shift, volunteer, make_resident, ward):
    shift_sign_up(actor=volunteer, shift=shift)
    client.force_login(make_resident(ward))
    page = client.get(f"/coproduction/opportunities/{shift.opportunity_id}/").content.decode()
    assert volunteer.full_name not in page


def test_spending_shows_the_code_and_the_partner_redeems_it_without_a_name(
    client, confirmed, volunteer, offer, partner, partner_member
):
    client.force_login(volunteer)
    spent = client.post(
        f"/coproduction/credits/offers/{offer.pk}/spend/", follow=True
    ).content.decode()
    assert "Show this code to Leisure Trust" in spent
    code = CreditEntry.objects.get(amount__lt=0).code
    client.force_login(partner_member)
    redeemed = client.post("/coproduction/credits/redeem/", {"partner": partner.pk, "code": code})
    assert "Redeemed" in redeemed.content.decode()
    assert volunteer.full_name not in redeemed.content.decode()
    again = client.post("/coproduction/credits/redeem/", {"partner": partner.pk, "code": code})
    assert again.status_code == 409 and "already been used" in again.content.decode()


def test_the_asset_officers_desk_is_refused_to_residents(client, volunteer):
    client.force_login(volunteer)
    assert client.get("/coproduction/assets/desk/").status_code == 403


def test_the_district_page_shows_its_assets_and_opportunities(client, asset_officer, shift, ward):
    assets_import(
        actor=asset_officer,
        text="reference,name,kind,ward\nhall,Coldhurst Hall,building,coldhurst\n",
    )
    page = client.get(f"/districts/{ward.district.slug}/").content.decode()
    assert "Community assets and volunteering" in page
    assert "Coldhurst Hall" in page and "Food bank packer" in page
    assert "<svg" in page and "<script>" not in page


def test_the_profile_shows_my_hours_and_credits(client, confirmed, volunteer):
    client.force_login(volunteer)
    page = client.get("/accounts/profile/").content.decode()
    assert "My volunteering" in page and "3.00 hours volunteered; 3 time credits" in page


def test_the_acv_page_shows_the_moratorium_dates(client, asset_officer, group_member, group, ward):
    from datetime import date

    nomination = community_value_nominate(
        actor=group_member,
        name="Royal Oak",
        address="High St",
        ward=ward,
        reason="Pub",
        organisation=group,
    )
    community_value_list(
        actor=asset_officer, nomination=nomination, is_listed=True, decided_on=date(2025, 6, 1)
    )
    client.force_login(asset_officer)
    url = f"/coproduction/community-value/{nomination.pk}/"
    client.post(f"{url}notice/", {"notice_on": "2026-01-15", "intention_to_bid_on": "2026-02-01"})
    page = client.get(url).content.decode()
    assert "15 July 2026" in page and "15 July 2027" in page and "26 February 2026" in page


def test_the_open_data_files_hold_no_personal_data(client, confirmed, volunteer, asset_officer):
    assets_import(
        actor=asset_officer, text="reference,name,kind,ward\nhall,Hall,building,coldhurst\n"
    )
    for name in ("community-assets.csv", "leases.csv", "ward-figures.csv"):
        body = client.get(f"/coproduction/open-data/{name}").content.decode()
        assert volunteer.email not in body and volunteer.full_name not in body
    figures = client.get("/coproduction/open-data/ward-figures.csv").content.decode()
    assert "coldhurst,1,3.00,3,0" in figures


def test_the_group_sends_its_yearly_return_from_the_assets_page(
    client, asset_officer, group_member, group
):
    assets_import(
        actor=asset_officer, text="reference,name,kind,ward\nhall,Hall,building,coldhurst\n"
    )
    application = lease_apply(
        actor=group_member,
        asset=CommunityAsset.objects.get(),
        organisation=group,
        terms="transfer",
        proposal="Hub",
        commitments=[("activities", "Activities a year", 40)],
    )
    lease_decide(
        actor=asset_officer,
        application=application,
        is_agreed=True,
        assessment="Good",
        starts_on=timezone.localdate(),
        next_review_on=timezone.localdate() + timedelta(days=365),
    )
    client.force_login(group_member)
    commitment = application.commitments.get()
    response = client.post(
        f"/coproduction/assets/commitments/{commitment.pk}/returns/",
        {"year": 2026, "achieved": 30, "next": "/coproduction/assets/hall/"},
        follow=True,
    )
    assert "Return recorded." in response.content.decode()
    assert "2026: 30 (missed)" in response.content.decode()
    assert not CommitmentReturn.objects.get().is_met
