"""Time credit, asset, ACV and figures endpoints: success, permission and validation."""

BASE = "/api/v1/coproduction"


def test_a_resident_spends_and_the_partner_redeems_once(
    post, client, confirmed, volunteer, offer, partner, partner_member
):
    assert client.get(f"{BASE}/credits/offers").json()[0]["title"] == "Swim session"
    spent = post(f"{BASE}/credits/offers/{offer.pk}/spend", None, volunteer)
    assert spent.status_code == 201 and spent.json()["balance"] == 2
    code = spent.json()["code"]
    body = {"partner_id": partner.pk, "code": code}
    assert post(f"{BASE}/credits/redemptions", body, volunteer).status_code == 403
    redeemed = post(f"{BASE}/credits/redemptions", body, partner_member)
    assert redeemed.status_code == 201 and set(redeemed.json()) == {
        "offer",
        "credits",
        "redeemed_at",
    }
    again = post(f"{BASE}/credits/redemptions", body, partner_member)
    assert again.status_code == 409 and again.json()["errors"] == {
        "code": ["This code has already been used."]
    }
    client.force_login(volunteer)
    mine = client.get(f"{BASE}/credits/me").json()
    spend = next(entry for entry in mine["entries"] if entry["code"] == code)
    assert mine["balance"] == 2 and spend["is_redeemed"] is True


def test_spending_without_enough_credits_is_409(post, volunteer, offer):
    refused = post(f"{BASE}/credits/offers/{offer.pk}/spend", None, volunteer)
    assert refused.status_code == 409 and refused.json()["code"] == "not_enough_credits"


def test_a_partner_publishes_an_offer_and_others_cannot(post, partner, partner_member, volunteer):
    body = {"partner_id": partner.pk, "title": "Gym", "credits": 2}
    assert post(f"{BASE}/credits/offers", body, partner_member).status_code == 201
    assert post(f"{BASE}/credits/offers", body, volunteer).status_code == 403
    invalid = post(f"{BASE}/credits/offers", body | {"credits": 0}, partner_member)
    assert invalid.status_code == 400 and "credits" in invalid.json()["errors"]


def test_the_asset_register_application_and_decision(
    post, client, asset_officer, group_member, group
):
    from coopcouncil.coproduction.services import assets_import

    assets_import(
        actor=asset_officer, text="reference,name,kind,ward\nhall,Hall,building,coldhurst\n"
    )
    assert client.get(f"{BASE}/assets").json()[0]["is_in_community_hands"] is False
    assert client.get(f"{BASE}/assets/nowhere").status_code == 404
    body = {
        "organisation_id": group.pk,
        "terms": "peppercorn",
        "proposal": "Hub",
        "commitments": [{"measure": "activities", "description": "Activities", "target": 50}],
    }
    applied = post(f"{BASE}/assets/hall/applications", body, group_member)
    assert applied.status_code == 201
    assert (
        post(f"{BASE}/assets/hall/applications", body | {"terms": "gift"}, group_member).status_code
        == 400
    )
    url = f"{BASE}/asset-applications/{applied.json()['id']}/decision"
    decision = {
        "is_agreed": True,
        "starts_on": "2026-01-01",
        "ends_on": "2050-12-31",
        "next_review_on": "2027-01-01",
    }
    assert post(url, decision, group_member).status_code == 403
    assert post(url, decision, asset_officer).json()["status"] == "agreed"
    assert client.get(f"{BASE}/assets/hall").json()["is_in_community_hands"] is True


def test_a_nomination_shows_its_moratorium_once_the_notice_is_recorded(
    post, client, asset_officer, group_member, group, ward
):
    body = {
        "name": "Royal Oak",
        "address": "High St",
        "ward": ward.slug,
        "reason": "Pub",
        "organisation_id": group.pk,
    }
    nominated = post(f"{BASE}/community-value", body, group_member)
    assert nominated.status_code == 201 and nominated.json()["moratorium_ends_on"] is None
    url = f"{BASE}/community-value/{nominated.json()['id']}"
    early = post(f"{url}/notice", {"notice_on": "2026-01-15"}, asset_officer)
    assert early.status_code == 409 and early.json()["code"] == "not_listed"
    assert (
        post(
            f"{url}/decision", {"is_listed": True, "decided_on": "2025-06-01"}, group_member
        ).status_code
        == 403
    )
    post(f"{url}/decision", {"is_listed": True, "decided_on": "2025-06-01"}, asset_officer)
    noticed = post(
        f"{url}/notice",
        {"notice_on": "2026-01-15", "intention_to_bid_on": "2026-02-01"},
        asset_officer,
    )
    assert noticed.json()["moratorium_ends_on"] == "2026-07-15"
    assert client.get(url).json()["protected_period_ends_on"] == "2027-07-15"


def test_figures_are_per_district_or_per_ward_and_name_no_one(client, confirmed, ward):
    districts = client.get(f"{BASE}/figures").json()
    mine = next(row for row in districts if row["slug"] == ward.district.slug)
    assert mine["volunteers"] == 1 and mine["credits_earned"] == 3
    wards = client.get(f"{BASE}/figures?district={ward.district.slug}").json()
    assert next(row for row in wards if row["slug"] == ward.slug)["hours"] in ("3", "3.00", 3)
    assert client.get(f"{BASE}/figures?district=nowhere").status_code == 404


def test_officers_import_the_register_and_license_a_stalled_site(
    post, client, asset_officer, group, volunteer
):
    text = "reference,name,kind,ward\ndepot,Old Depot,land,coldhurst\n"
    assert post(f"{BASE}/asset-imports", {"text": text}, volunteer).status_code == 403
    bad = post(f"{BASE}/asset-imports", {"text": text.replace("land", "castle")}, asset_officer)
    assert bad.status_code == 400 and bad.json()["code"] == "asset_rows_invalid"
    assert "row 2" in bad.json()["errors"]
    assert post(f"{BASE}/asset-imports", {"text": text}, asset_officer).json() == {"imported": 1}
    body = {
        "asset": "depot",
        "organisation_id": group.pk,
        "use": "Garden",
        "starts_on": "2026-01-01",
        "ends_on": "2099-01-01",
    }
    granted = post(f"{BASE}/meanwhile-licences", body, asset_officer)
    assert granted.status_code == 201 and granted.json()["is_ending_soon"] is False
    backwards = post(f"{BASE}/meanwhile-licences", body | {"ends_on": "2025-01-01"}, asset_officer)
    assert backwards.status_code == 400 and "ends_on" in backwards.json()["errors"]
    assert client.get(f"{BASE}/meanwhile-licences").json()[0]["use"] == "Garden"
