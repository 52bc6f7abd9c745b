"""The procurement API: success, permission and validation for each endpoint, one error shape."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcouncil.procurement.models import Bid, CommissioningExercise, Contract, Tender

pytestmark = pytest.mark.django_db
API = "/api/v1/procurement"
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user, backend=BACKEND)
        return client

    return login


def _post(client, url, body, method="post"):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def _shape(response, status, code):
    body = response.json()
    assert response.status_code == status, body
    assert set(body) == {"detail", "code", "errors"} and body["code"] == code
    return body


def test_an_officer_records_an_exercise_and_others_are_refused(as_user, officer, make_user, places):
    body = {
        "title": "Day centres",
        "need": "Older people",
        "outcomes_wanted": "Company",
        "budget_pence": 100_000,
        "district": "west-oldham",
        "service_user_weight": 30,
    }
    created = _post(as_user(officer), f"{API}/exercises", body)
    assert created.status_code == 201 and created.json()["service_user_weight"] == 30
    _shape(_post(as_user(make_user()), f"{API}/exercises", body), 403, "not_allowed")
    _shape(
        _post(as_user(officer), f"{API}/exercises", {**body, "service_user_weight": 101}),
        400,
        "weight_out_of_range",
    )
    assert CommissioningExercise.objects.count() == 1


def test_anonymous_writes_are_refused_in_the_shared_shape(client, exercise):
    _shape(_post(client, f"{API}/exercises/{exercise.slug}/panel", {}), 401, "not_signed_in")


def test_a_tender_is_published_and_bad_weights_are_refused_on_the_field(as_user, officer, exercise):
    body = {
        "title": "Youth work",
        "deadline": (timezone.now() + timedelta(days=20)).isoformat(),
        "price_weight": 50,
        "quality_weight": 40,
        "social_value_weight": 10,
        "lots": [{"title": "North", "value_pence": 100_000}],
        "criteria": [{"name": "Safety", "weight": 100}],
    }
    client = as_user(officer)
    created = _post(client, f"{API}/exercises/{exercise.slug}/tenders", body)
    assert created.status_code == 201 and created.json()["living_wage_pence"] > 0
    refused = _shape(
        _post(client, f"{API}/exercises/{exercise.slug}/tenders", {**body, "price_weight": 60}),
        400,
        "weights_do_not_sum",
    )
    assert "price_weight" in refused["errors"]
    assert Tender.objects.count() == 1
    assert client.get(f"{API}/tenders/{created.json()['id']}").status_code == 200


def test_a_supplier_bids_and_a_late_or_incomplete_bid_is_refused(
    as_user, exercise, officer, make_supplier
):
    from coopcouncil.procurement.services import tender_publish

    tender = tender_publish(
        actor=officer,
        exercise=exercise,
        title="Open now",
        deadline=timezone.now() + timedelta(days=1),
        price_weight=40,
        quality_weight=40,
        social_value_weight=20,
        lots=[("Lot", 100_000)],
        criteria=[("Quality", 100)],
    )
    organisation, member = make_supplier("Bidder Ltd")
    body = {
        "organisation_id": organisation.pk,
        "price_pence": 90_000,
        "pays_real_living_wage": True,
        "accepts_local_clauses": True,
        "quantities": {"local-fte": "1.5"},
    }
    client = as_user(member)
    url = f"{API}/tenders/{tender.pk}/lots/1/bids"
    missing = _shape(
        _post(client, url, {**body, "accepts_local_clauses": False}), 400, "local_clauses_required"
    )
    assert "accepts_local_clauses" in missing["errors"]
    bad = _shape(
        _post(client, url, {**body, "quantities": {"local-fte": "-1"}}), 400, "quantity_invalid"
    )
    assert "quantity_local-fte" in bad["errors"]
    created = _post(client, url, body)
    assert created.status_code == 201 and created.json()["offers"] == {"local-fte": "1.50"}
    _shape(_post(client, url, body), 409, "bid_exists")
    _shape(_post(client, f"{API}/tenders/{tender.pk}/lots/9/bids", body), 404, "lot_not_found")
    Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    Bid.objects.all().delete()
    _shape(_post(client, url, body), 400, "bid_after_deadline")


def test_scoring_moderation_evaluation_and_award_through_the_api(
    as_user, officer, young_person, bids
):
    (cheap, cheap_member), (balanced, _), (local, _) = bids
    criteria = [c.pk for c in cheap.lot.tender.criteria.all()]
    for person, scores in ((officer, (2, 3, 5)), (young_person, (2, 3, 4))):
        client = as_user(person)
        for bid, score in zip((cheap, balanced, local), scores, strict=True):
            response = _post(
                client,
                f"{API}/bids/{bid.pk}/scores",
                {"scores": {c: score for c in criteria}},
                "put",
            )
            assert response.status_code == 200, response.json()
    client = as_user(officer)
    tender_id = cheap.lot.tender_id
    moderated = _post(
        client,
        f"{API}/bids/{cheap.pk}/moderation",
        {"criterion_id": criteria[0], "score": "2.5", "note": "Agreed"},
        "put",
    )
    assert moderated.json() == {"criterion_id": criteria[0], "score": "2.50"}
    evaluation = client.get(f"{API}/tenders/{tender_id}/lots/1/evaluation").json()
    assert evaluation["is_complete"] and evaluation["leaders"] == [local.pk]
    award = {"bid_id": local.pk, "starts_on": "2026-04-01", "ends_on": "2027-03-31"}
    _shape(
        _post(as_user(young_person), f"{API}/tenders/{tender_id}/lots/1/award", award),
        403,
        "not_allowed",
    )
    client = as_user(officer)
    _shape(
        _post(client, f"{API}/tenders/{tender_id}/lots/1/award", {**award, "bid_id": cheap.pk}),
        400,
        "award_reason_required",
    )
    created = _post(client, f"{API}/tenders/{tender_id}/lots/1/award", award)
    assert created.status_code == 201 and created.json()["supplier"] == "Local Trust"
    bidder = as_user(cheap_member)
    own = bidder.get(f"{API}/bids/{cheap.pk}").json()
    assert own["breakdown"]["organisation"] == "Cheap Ltd" and not own["breakdown"]["is_winner"]
    _shape(bidder.get(f"{API}/bids/{local.pk}"), 403, "not_allowed")


def test_a_conflicted_evaluator_is_refused_by_the_api(as_user, young_person, bids):
    from coopcouncil.people.services import interest_declare

    bid, _ = bids[0]
    interest_declare(actor=young_person, organisation=bid.organisation, reason="I volunteer there")
    criteria = {c.pk: 3 for c in bid.lot.tender.criteria.all()}
    refused = _shape(
        _post(as_user(young_person), f"{API}/bids/{bid.pk}/scores", {"scores": criteria}, "put"),
        403,
        "not_allowed",
    )
    assert "I volunteer there" in refused["detail"]


def test_returns_by_json_and_by_file_and_the_remedy(as_user, awarded, officer):
    member = awarded.supplier.members.get().user
    client = as_user(member)
    lines = [
        {"measure": "local-fte", "delivered": "0.75"},
        {"measure": "carbon-saved", "delivered": "0.1"},
    ]
    made = _post(
        client,
        f"{API}/contracts/{awarded.pk}/returns",
        {"year": 2026, "quarter": 2, "lines": lines},
    )
    assert made.status_code == 201
    short = next(line for line in made.json()["returns"][0]["lines"] if line["is_short"])
    bad_file = SimpleUploadedFile("q3.csv", b"measure,delivered\nlocal-fte,abc\n")
    refused = client.post(
        f"{API}/contracts/{awarded.pk}/returns/file?year=2026&quarter=3", {"file": bad_file}
    )
    assert _shape(refused, 400, "return_file_invalid")["errors"] == {
        "row 2": ["delivered: 'abc' is not a number."]
    }
    good_file = SimpleUploadedFile("q3.csv", b"measure,delivered\nlocal-fte,1\ncarbon-saved,2\n")
    stored = client.post(
        f"{API}/contracts/{awarded.pk}/returns/file?year=2026&quarter=3", {"file": good_file}
    )
    assert stored.status_code == 201 and len(stored.json()["returns"]) == 2
    _shape(
        _post(client, f"{API}/return-lines/{short['id']}/remedy", {"remedy": "x"}, "put"),
        403,
        "not_allowed",
    )
    remedied = _post(
        as_user(officer), f"{API}/return-lines/{short['id']}/remedy", {"remedy": "Catch up"}, "put"
    )
    assert remedied.json() == {"id": short["id"], "remedy": "Catch up"}


def test_public_reads_contracts_social_value_and_ocds(client, awarded):
    assert client.get(f"{API}/contracts/{awarded.pk}").json()["supplier"] == "Local Trust"
    assert len(client.get(f"{API}/contracts").json()) == 1
    social = client.get(f"{API}/social-value").json()
    assert social["borough"]["promised_pence"] == 9_122_500
    assert [row["code"] for row in client.get(f"{API}/measures").json()] == [
        "carbon-saved",
        "local-fte",
    ]
    releases = json.loads(
        b"".join(client.get(f"{API}/ocds/release-package.json").streaming_content)
    )
    assert {r["tag"][0] for r in releases["releases"]} == {
        "planning",
        "tender",
        "award",
        "contract",
    }
    ocid = releases["releases"][0]["ocid"]
    record = json.loads(b"".join(client.get(f"{API}/ocds/processes/{ocid}").streaming_content))
    assert record["records"][0]["ocid"] == ocid
    _shape(client.get(f"{API}/ocds/processes/ocds-nothing-1"), 404, "process_not_found")
    _shape(client.get(f"{API}/contracts/999999"), 404, "contract_not_found")


def test_quotation_award_through_the_api_goes_to_a_local_supplier(
    as_user, officer, make_local_supplier, make_supplier
):
    suppliers = [make_local_supplier(name)[0] for name in ("A Clean", "B Clean", "C Clean")]
    body = {
        "title": "Cleaning",
        "supplier_id": suppliers[0].pk,
        "value_pence": 500_000,
        "quotes": [
            {"organisation_id": s.pk, "amount_pence": a}
            for s, a in zip(suppliers, (500_000, 600_000, 700_000), strict=True)
        ],
        "starts_on": "2026-04-01",
        "ends_on": "2026-05-01",
    }
    client = as_user(officer)
    assert _post(client, f"{API}/quotation-awards", body).status_code == 201
    _shape(
        _post(client, f"{API}/quotation-awards", {**body, "value_pence": 5_000_000}),
        400,
        "above_delegated_limit",
    )
    outsider, _ = make_supplier("Out Of Borough Clean")
    not_local = {
        **body,
        "supplier_id": outsider.pk,
        "quotes": [*body["quotes"][1:], {"organisation_id": outsider.pk, "amount_pence": 500_000}],
    }
    refused = _shape(_post(client, f"{API}/quotation-awards", not_local), 400, "supplier_not_local")
    assert "supplier" in refused["errors"]
    assert Contract.objects.count() == 1


def test_an_officer_adds_a_measure_and_a_taken_code_is_a_conflict(as_user, officer, make_user):
    body = {
        "theme": "Environment",
        "outcome": "Cleaner air",
        "code": "ev-miles",
        "name": "Miles driven by electric vehicles",
        "unit": "miles",
        "proxy_value_pence": 12,
    }
    client = as_user(officer)
    assert _post(client, f"{API}/measures", body).json()["theme"] == "Environment"
    _shape(_post(client, f"{API}/measures", body), 409, "measure_exists")
    _shape(_post(as_user(make_user()), f"{API}/measures", body), 403, "not_allowed")
