"""Volunteering, gritting and staff-day endpoints: success, permission and validation."""

from datetime import timedelta

from django.utils import timezone

BASE = "/api/v1/coproduction"


def _shift_body(**changes):
    starts = timezone.now() + timedelta(days=2)
    return {
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "places": 1,
    } | changes


def test_an_officer_posts_an_opportunity_and_a_resident_cannot(post, organiser, volunteer, ward):
    body = {"role": "Litter picker", "place": "Park", "ward": ward.slug}
    created = post(f"{BASE}/opportunities", body, organiser)
    assert created.status_code == 201 and created.json()["ward"] == ward.slug
    refused = post(f"{BASE}/opportunities", body, volunteer)
    assert refused.status_code == 403 and refused.json()["code"] == "not_allowed"
    assert post(f"{BASE}/opportunities", body).status_code == 401
    invalid = post(f"{BASE}/opportunities", {"role": "x"}, organiser)
    assert invalid.status_code == 400 and invalid.json()["code"] == "invalid"
    unknown = post(f"{BASE}/opportunities", body | {"ward": "nowhere"}, organiser)
    assert unknown.status_code == 404 and unknown.json()["errors"] == {
        "ward": ["There is no ward 'nowhere'."]
    }


def test_the_journey_add_shift_sign_up_full_confirm_hours(
    post, client, organiser, opportunity, volunteer, make_resident, ward
):
    shift = post(f"{BASE}/opportunities/{opportunity.pk}/shifts", _shift_body(), organiser)
    assert shift.status_code == 201
    bad = post(f"{BASE}/opportunities/{opportunity.pk}/shifts", _shift_body(places=0), organiser)
    assert bad.status_code == 400 and bad.json()["errors"] == {
        "places": ["Offer at least one place."]
    }
    shift_id = shift.json()["id"]
    taken = post(f"{BASE}/shifts/{shift_id}/sign-ups", None, volunteer)
    assert taken.status_code == 201 and taken.json()["status"] == "booked"
    full = post(f"{BASE}/shifts/{shift_id}/sign-ups", None, make_resident(ward))
    assert full.status_code == 409 and full.json()["code"] == "shift_full"
    listed = client.get(f"{BASE}/opportunities/{opportunity.pk}").json()
    assert listed["shifts"][0]["places_left"] == 0
    early = post(f"{BASE}/sign-ups/{taken.json()['id']}/attendance", {"hours": "2"}, organiser)
    assert early.status_code == 409 and early.json()["code"] == "shift_not_started"
    assert post(f"{BASE}/sign-ups/{taken.json()['id']}/cancel", None, volunteer).json()[
        "status"
    ] == ("cancelled")


def test_sign_up_to_a_shift_that_does_not_exist_is_404(post, volunteer):
    missing = post(f"{BASE}/shifts/999999/sign-ups", None, volunteer)
    assert missing.status_code == 404 and missing.json()["code"] == "shift_not_found"


def test_gritting_routes_are_listed_and_only_officers_alert(
    post, client, asset_officer, volunteer, ward
):
    from coopcouncil.coproduction.services import gritting_route_add

    route = gritting_route_add(actor=asset_officer, ward=ward, name="Rochdale Road")
    assert client.get(f"{BASE}/gritting/routes").json()[0]["is_adopted"] is False
    assert post(f"{BASE}/gritting/routes/{route.pk}/adoption", None, volunteer).status_code == 201
    assert post(f"{BASE}/gritting/routes/{route.pk}/adoption", None, volunteer).status_code == 409
    assert post(f"{BASE}/gritting/routes/{route.pk}/runs", None, volunteer).status_code == 201
    body = {"district": ward.district.slug}
    assert post(f"{BASE}/gritting/alerts", body, volunteer).status_code == 403
    sent = post(f"{BASE}/gritting/alerts", body, asset_officer)
    assert sent.status_code == 201 and sent.json()["volunteers_told"] == 1


def test_staff_ask_their_manager_and_see_the_days_left(post, client, make_role):
    employee = make_role("officer", team="finance")
    manager = make_role("officer", team="finance")
    body = {
        "manager_id": manager.pk,
        "on_date": "2026-06-01",
        "days": "1",
        "hours": "7.5",
        "cause": "Food bank",
    }
    asked = post(f"{BASE}/staff-days", body, employee)
    assert asked.status_code == 201
    over = post(f"{BASE}/staff-days", body | {"days": "3"}, employee)
    assert over.status_code == 400 and over.json()["code"] == "days_over_entitlement"
    assert (
        post(
            f"{BASE}/staff-days/{asked.json()['id']}/decision", {"is_approved": True}, employee
        ).status_code
        == 403
    )
    decided = post(
        f"{BASE}/staff-days/{asked.json()['id']}/decision", {"is_approved": True}, manager
    )
    assert decided.json()["status"] == "approved"
    client.force_login(employee)
    summary = client.get(f"{BASE}/staff-days?on_date=2026-06-01").json()
    assert summary["days_remaining"] == "2.0" or float(summary["days_remaining"]) == 2
    assert summary["borough_target_hours"] == 600


def test_officers_add_routes_lend_equipment_and_record_checks(post, asset_officer, volunteer, ward):
    route = post(f"{BASE}/gritting/routes", {"ward": ward.slug, "name": "Moor Lane"}, asset_officer)
    assert route.status_code == 201
    assert (
        post(f"{BASE}/gritting/routes", {"ward": ward.slug, "name": "X"}, volunteer).status_code
        == 403
    )
    route_id = route.json()["id"]
    equipment = {"kind": "salt_bin", "reference": "BIN-7"}
    unadopted = post(f"{BASE}/gritting/routes/{route_id}/equipment", equipment, asset_officer)
    assert unadopted.status_code == 409 and unadopted.json()["code"] == "route_not_adopted"
    post(f"{BASE}/gritting/routes/{route_id}/adoption", None, volunteer)
    loan = post(f"{BASE}/gritting/routes/{route_id}/equipment", equipment, asset_officer)
    assert loan.status_code == 201
    returned = post(f"{BASE}/gritting/equipment/{loan.json()['id']}/return", None, asset_officer)
    assert returned.json()["returned_at"] is not None
    check = {"person_id": volunteer.pk, "checked_on": "2026-01-01", "expires_on": "2029-01-01"}
    assert post(f"{BASE}/safeguarding-checks", check, volunteer).status_code == 403
    assert post(f"{BASE}/safeguarding-checks", check, asset_officer).status_code == 201
    backwards = post(
        f"{BASE}/safeguarding-checks", check | {"expires_on": "2025-01-01"}, asset_officer
    )
    assert backwards.status_code == 400 and "expires_on" in backwards.json()["errors"]


def test_shift_sign_ups_are_limited_per_account_and_address(
    client, post, organiser, opportunity, make_resident, ward, rate_limit_holds
):
    shift = post(f"{BASE}/opportunities/{opportunity.pk}/shifts", _shift_body(places=5), organiser)

    def attempt(user, address):
        client.force_login(user)
        url = f"{BASE}/shifts/{shift.json()['id']}/sign-ups"
        return client.post(url, "{}", content_type="application/json", REMOTE_ADDR=address)

    rate_limit_holds("shift_sign_up", attempt, make_resident(ward), make_resident(ward), api=True)
