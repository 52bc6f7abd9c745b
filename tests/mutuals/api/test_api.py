"""The mutuals API: success, permission and validation for each endpoint."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

BASE = "/api/v1/mutuals"


@pytest.fixture
def post(client):
    def send(url, body=None, user=None):
        if user is not None:
            client.force_login(user)
        else:
            client.logout()
        return client.post(url, json.dumps(body or {}), content_type="application/json")

    return send


def test_the_register_is_public_and_only_procurement_adds_to_it(
    client, post, mutual, make_role, make_user
):
    listed = client.get(f"{BASE}/register")
    assert listed.status_code == 200 and listed.json()[0]["slug"] == mutual.slug
    assert client.get(f"{BASE}/register/{mutual.slug}").json()["society_number"] == "RS1234"
    assert client.get(f"{BASE}/register/nothing").status_code == 404
    body = {"name": "Energy Co-op", "legal_form": "community_benefit_society"}
    assert post(f"{BASE}/register", body, make_user()).status_code == 403
    assert post(f"{BASE}/register", body).status_code == 401
    officer = make_role("officer", team="procurement")
    assert post(f"{BASE}/register", body, officer).status_code == 201
    refused = post(f"{BASE}/register", {"name": "X", "legal_form": "club"}, officer)
    assert refused.status_code == 400 and "legal_form" in refused.json()["errors"]


def test_the_secretary_adds_classes_and_members(post, mutual, secretary, make_user):
    made = post(
        f"{BASE}/register/{mutual.slug}/classes",
        {"name": "Tenants", "requires_tenant": True},
        secretary,
    )
    assert made.status_code == 201
    person = make_user()
    body = {"email": person.email, "class_ids": [made.json()["id"]], "is_tenant": True}
    assert post(f"{BASE}/register/{mutual.slug}/members", body, make_user()).status_code == 403
    joined = post(f"{BASE}/register/{mutual.slug}/members", body, secretary)
    assert joined.status_code == 201 and joined.json()["classes"] == ["Tenants"]
    refused = post(
        f"{BASE}/register/{mutual.slug}/members",
        body | {"email": make_user().email, "is_tenant": False},
        secretary,
    )
    assert refused.status_code == 400 and refused.json()["code"] == "not_eligible"
    unknown = post(f"{BASE}/register/{mutual.slug}/members", body | {"class_ids": [999]}, secretary)
    assert unknown.status_code == 404 and "class_ids" in unknown.json()["errors"]


def test_the_secretary_adds_an_organisation_member_through_its_representative(
    post, mutual, secretary, make_user, make_role
):
    from coopcouncil.people.models import Organisation

    club = Organisation.objects.create(name="Youth Club", slug="youth-club", kind="youth")
    representative = make_role("partner", "Club Rep", organisation=club)
    made = post(
        f"{BASE}/register/{mutual.slug}/classes",
        {"name": "Organisations", "is_for_organisations": True},
        secretary,
    )
    assert made.status_code == 201
    body = {
        "email": make_user().email,
        "class_ids": [made.json()["id"]],
        "organisation": "youth-club",
    }
    stranger = post(f"{BASE}/register/{mutual.slug}/members", body, secretary)
    assert stranger.status_code == 400 and stranger.json()["code"] == "not_eligible"
    joined = post(
        f"{BASE}/register/{mutual.slug}/members", body | {"email": representative.email}, secretary
    )
    assert joined.status_code == 201 and joined.json()["classes"] == ["Organisations"]
    unknown = post(
        f"{BASE}/register/{mutual.slug}/members", body | {"organisation": "nothing"}, secretary
    )
    assert unknown.status_code == 404


def test_members_import_refuses_a_bad_file_with_its_row(post, mutual, secretary, classes):
    refused = post(
        f"{BASE}/members/import",
        {"text": f"mutual,email,classes\n{mutual.slug},nobody@x.invalid,Individuals\n"},
        secretary,
    )
    assert refused.status_code == 400 and "row 2" in refused.json()["errors"]


def test_a_ballot_is_opened_voted_in_once_and_its_result_hidden_until_it_closes(
    client, post, make_member, mutual, secretary, classes
):
    member = make_member()
    now = timezone.now()
    body = {
        "question": "Transfer?",
        "class_ids": [classes["individuals"].pk],
        "electorate_on": str(timezone.localdate() - timedelta(days=1)),
        "opens_at": (now - timedelta(hours=1)).isoformat(),
        "closes_at": (now + timedelta(days=1)).isoformat(),
    }
    assert post(f"{BASE}/register/{mutual.slug}/ballots", body, member.user).status_code == 403
    opened = post(f"{BASE}/register/{mutual.slug}/ballots", body, secretary)
    assert opened.status_code == 201 and opened.json()["electorate"] == 1
    url = f"{BASE}/ballots/{opened.json()['id']}/votes"
    assert post(url, {"choice": "maybe"}, member.user).status_code == 400
    voted = post(url, {"choice": "yes"}, member.user)
    assert voted.status_code == 201 and voted.json()["voted"] == 1 and voted.json()["yes"] is None
    again = post(url, {"choice": "no"}, member.user)
    assert again.status_code == 409 and again.json()["code"] == "already_voted"


def test_an_election_is_voted_in_and_counted_with_its_stages(
    post, make_member, open_election, secretary
):
    member = make_member()
    election = open_election(closes_at=timezone.now() + timedelta(seconds=2))
    url = f"{BASE}/elections/{election.pk}"
    assert post(f"{url}/votes", {"ranking": [1, 1]}, member.user).status_code == 400
    assert post(f"{url}/votes", {"ranking": [1, 2]}, member.user).status_code == 201
    imported = post(f"{url}/ballots", {"file_format": "csv", "text": "count,1\n4,Cat\n"}, secretary)
    assert imported.status_code == 201 and imported.json()["imported"] == 4
    bad = post(f"{url}/ballots", {"file_format": "csv", "text": "1\nZed\n"}, secretary)
    assert bad.status_code == 400 and "row 2" in bad.json()["errors"]
    assert post(f"{url}/count", {}, member.user).status_code == 403
    assert post(f"{url}/count", {}, secretary).status_code == 409  # still open
    election.closes_at = timezone.now() - timedelta(seconds=1)
    election.save(update_fields=["closes_at"])
    counted = post(f"{url}/count", {}, secretary)
    assert counted.status_code == 200
    assert counted.json()["result"]["elected"] == ["Cat", "Ann"]
    assert counted.json()["result"]["stages"][0]["votes"]["Cat"] == "4.00000"


def test_share_applications_and_allocation(client, post, mutual, secretary, make_user):
    from decimal import Decimal

    from coopcouncil.mutuals import services

    now = timezone.now()
    offer = services.share_offer_create(
        actor=secretary,
        mutual=mutual,
        title="Solar",
        offer_pence=10_000,
        min_holding_pence=1_000,
        max_holding_pence=9_000,
        interest_cap_percent=Decimal("4"),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )
    url = f"{BASE}/share-offers/{offer.pk}"
    assert client.get(url).json()["offer_pence"] == 10_000
    assert post(f"{url}/applications", {"requested_pence": 9_000}, make_user()).status_code == 201
    assert post(f"{url}/applications", {"requested_pence": 50}, make_user()).status_code == 400
    assert post(f"{url}/applications", {"requested_pence": 9_000}).status_code == 401
    assert post(f"{url}/allocation", {}, make_user()).status_code == 403
    assert post(f"{url}/allocation", {}, secretary).status_code == 409  # still open


def test_spin_outs_are_listed_and_signed_off_by_procurement(client, post, make_role, make_user):
    from coopcouncil.mutuals import services

    officer = make_role("officer", team="procurement")
    spin_out = services.spin_out_start(actor=officer, service="Libraries")
    assert client.get(f"{BASE}/spin-outs").json()[0]["service"] == "Libraries"
    url = f"{BASE}/spin-outs/{spin_out.pk}/stages/suitability/sign-off"
    assert post(url, {}, make_user()).status_code == 403
    refused = post(url, {}, officer)
    assert refused.status_code == 409 and refused.json()["code"] == "checklist_incomplete"
    assert (
        post(f"{BASE}/spin-outs/{spin_out.pk}/stages/nothing/sign-off", {}, officer).status_code
        == 404
    )
