"""Pages for each user: household, member, partner, supplier and the council's officer."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from coopcouncil.membership import services
from coopcouncil.membership.models import (
    BenefitClaim,
    EnergyOffer,
    HouseholdRegistration,
    Membership,
    SupplierBid,
)
from tests.conftest import counted_get
from tests.membership.conftest import bid_csv, close_registration, household

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"
FORM = {
    "region": "north-west",
    "payment_method": "direct_debit",
    "has_gas": "on",
    "electricity_kwh": "",
    "gas_kwh": "",
    "household_size": "2",
    "electricity_unit_rate": "30",
    "electricity_standing_charge": "60",
    "gas_unit_rate": "8",
    "gas_standing_charge": "35",
}


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user, backend=BACKEND)
        return client

    return sign_in


def test_a_household_registers_with_an_estimate_from_its_size(as_user, open_round, make_user):
    client = as_user(make_user())
    page = client.get(f"/membership/energy/{open_round.pk}/")
    assert b"Ofgem" in page.content
    response = client.post(f"/membership/energy/{open_round.pk}/register/", FORM)
    assert response.status_code == 302
    registration = HouseholdRegistration.objects.get()
    assert (registration.electricity_kwh, registration.estimated_band) == (2_700, "medium")


def test_bad_answers_show_on_their_fields(as_user, open_round, make_user):
    client = as_user(make_user())
    response = client.post(
        f"/membership/energy/{open_round.pk}/register/",
        {**FORM, "region": "north-west", "electricity_kwh": "-4", "gas_unit_rate": "999"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "electricity_kwh" in form.errors
    assert "gas_unit_rate" in form.errors
    assert not HouseholdRegistration.objects.exists()


def test_a_household_sees_its_saving_and_accepts(as_user, auctioned_round):
    switching_round, saver, _ = auctioned_round
    client = as_user(saver)
    page = client.get(f"/membership/energy/{switching_round.pk}/")
    offer = EnergyOffer.objects.get(registration__user=saver)
    assert f"£{offer.saving_pence // 100:,}".encode() in page.content
    client.post(f"/membership/energy/{switching_round.pk}/offer/", {"decision": "accept"})
    offer.refresh_from_db()
    assert offer.status == EnergyOffer.Status.ACCEPTED


def test_a_non_saver_is_told_not_to_switch_and_offered_no_button(as_user, auctioned_round):
    switching_round, _, non_saver = auctioned_round
    page = as_user(non_saver).get(f"/membership/energy/{switching_round.pk}/")
    assert b"would not save you money" in page.content
    assert b"Accept the offer" not in page.content


def test_the_officer_sees_the_figures_and_the_page_reads_a_fixed_number_of_queries(
    as_user, auctioned_round, officer, make_user
):
    switching_round, _, _ = auctioned_round
    client = as_user(officer)
    url = f"/membership/energy/{switching_round.pk}/"
    before, page = counted_get(client, url)
    assert b"Council figures" in page.content
    assert b"to be credited" in page.content
    for _ in range(5):
        HouseholdRegistration.objects.create(
            round=switching_round,
            region="north-west",
            payment_method="direct_debit",
            electricity_kwh=1,
            electricity_unit_rate=1,
            electricity_standing_charge=1,
            current_cost_pence=1,
            registered_at=switching_round.registration_opens,
        )
    after, _ = counted_get(client, url)
    assert after == before


def test_a_supplier_uploads_a_sealed_bid(as_user, open_round, supplier, supplier_person):
    close_registration(open_round)
    client = as_user(supplier_person)
    upload = SimpleUploadedFile("bid.csv", bid_csv("Fix", "Pennine Power").encode())
    response = client.post(
        f"/membership/energy/{open_round.pk}/bids/", {"file": upload, "supplier": supplier.pk}
    )
    assert response.status_code == 302
    assert SupplierBid.objects.get().supplier == supplier


def test_a_refused_bids_file_shows_what_is_missing(as_user, open_round, officer, make_user):
    services.household_register(
        user=make_user(),
        switching_round=open_round,
        entry=household(payment_method="prepayment"),
    )
    close_registration(open_round)
    upload = SimpleUploadedFile("bid.csv", bid_csv("Fix", "P", methods=("direct_debit",)).encode())
    response = as_user(officer).post(f"/membership/energy/{open_round.pk}/bids/", {"file": upload})
    assert response.status_code == 400
    assert b"missing prices" in response.content


def test_the_officer_runs_the_auction_from_the_page(as_user, open_round, officer, make_user):
    client = as_user(make_user())
    client.post(f"/membership/energy/{open_round.pk}/register/", FORM)
    close_registration(open_round)
    services.bids_import(actor=officer, switching_round=open_round, text=bid_csv("Fix", "P"))
    client = as_user(officer)
    client.post(f"/membership/energy/{open_round.pk}/auction/")
    open_round.refresh_from_db()
    assert open_round.result.winning_bid.reference == "Fix"


def test_a_resident_may_not_run_the_auction(as_user, open_round, make_user):
    response = as_user(make_user()).post(f"/membership/energy/{open_round.pk}/auction/")
    assert response.status_code == 403


def test_a_member_joins_pledges_and_claims_from_the_membership_page(
    as_user, make_resident, ward, benefit
):
    resident = make_resident(ward)
    client = as_user(resident)
    assert b"Join the co-operative membership" in client.get("/membership/").content
    client.post("/membership/join/")
    client.post("/membership/pledges/take/", {"kind": "neighbour"})
    client.post(f"/membership/benefits/{benefit.pk}/claim/")
    page = client.get("/membership/")
    claim = BenefitClaim.objects.get()
    assert f"{claim.code[:5]}-{claim.code[5:]}".encode() in page.content
    assert Membership.objects.get().pledges.get().kind == "neighbour"
    profile = client.get("/accounts/profile/")
    assert b"Co-operative membership" in profile.content


def test_a_partner_checks_and_uses_a_code_without_seeing_the_member(
    as_user, member, benefit, partner_person
):
    claim = services.benefit_claim(user=member, benefit=benefit)
    client = as_user(partner_person)
    checked = client.post("/membership/redeem/", {"code": claim.code, "check": ""})
    assert escape(benefit.title).encode() in checked.content
    assert member.full_name.encode() not in checked.content
    client.post("/membership/redeem/", {"code": claim.code, "redeem": ""})
    claim.refresh_from_db()
    assert claim.redeemed_at is not None


def test_the_uptake_chart_is_an_inline_svg_without_script(as_user, officer, member):
    page = as_user(officer).get("/membership/uptake/")
    assert b"<svg" in page.content
    assert b"<circle" in page.content
    assert b"<script>" not in page.content


def test_the_open_data_files_hold_counts_and_no_person(client, auctioned_round, member):
    auctions = client.get("/membership/energy/auctions.csv").content.decode()
    assert "Fix" in auctions
    uptake = client.get("/membership/uptake.csv").content.decode()
    assert member.full_name not in uptake
    assert member.email not in auctions + uptake
    assert "members_per_1000" in uptake


def test_the_district_page_shows_its_members_per_thousand_residents(client, member, ward):
    page = client.get(f"/districts/{ward.district.slug}/")
    assert page.status_code == 200
    assert b"1 member in this district" in page.content
