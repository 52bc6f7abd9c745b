"""Procurement's pages: public contracts and social value, the supplier's bid and return forms,
the evaluator's scoring form, the award decision, and refusals with the rule's reason."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcouncil.procurement.models import Bid, QuarterlyReturn, Tender
from tests.conftest import counted_get

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_public_pages_show_the_award_and_social_value(client, awarded):
    contract = client.get(f"/procurement/contracts/{awarded.pk}/")
    assert contract.status_code == 200
    assert b"88.38" in contract.content and b"How each score was computed" in contract.content
    social = client.get("/procurement/social-value/")
    assert b"<svg" in social.content and b"<script>" not in social.content
    assert b"Local Trust" in social.content
    district = client.get(f"/districts/{awarded.district.slug}/")
    assert awarded.title.encode() in district.content
    assert b"Contracts and social value" in client.get("/open-data/").content


def test_the_contracts_page_reads_the_same_number_of_queries_whatever_the_contracts(
    client, awarded, officer, make_local_supplier
):
    from datetime import date

    from coopcouncil.procurement.services import quotation_award

    before, _ = counted_get(client, "/procurement/contracts/")
    for number in range(3):
        supplier, _ = make_local_supplier(f"Quoter {number}")
        quotation_award(
            actor=officer,
            title=f"Small job {number}",
            supplier=supplier,
            value_pence=1000,
            quotes=[(supplier, 1000)],
            starts_on=date(2026, 4, 1),
            ends_on=date(2026, 4, 2),
            reason="Sole supplier",
        )
    after, _ = counted_get(client, "/procurement/contracts/")
    assert after == before


def test_a_supplier_bids_through_the_form_and_a_late_bid_shows_the_reason(
    client, exercise, officer, make_supplier
):
    from coopcouncil.procurement.services import tender_publish

    tender = tender_publish(
        actor=officer,
        exercise=exercise,
        title="Open",
        deadline=timezone.now() + timedelta(days=2),
        price_weight=40,
        quality_weight=40,
        social_value_weight=20,
        lots=[("Lot", 100_000)],
        criteria=[("Quality", 100)],
    )
    organisation, member = make_supplier("Form Bidder")
    client.force_login(member, backend=BACKEND)
    url = f"/procurement/tenders/{tender.pk}/lots/1/bid/"
    form = {
        "organisation": organisation.pk,
        "price_pence": "950",
        "pays_real_living_wage": "on",
        "quantity_local-fte": "-1",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert b"local economic benefit clauses" in refused.content
    assert b"A quantity cannot be negative." in refused.content
    made = client.post(url, {**form, "accepts_local_clauses": "on", "quantity_local-fte": "2"})
    bid = Bid.objects.get()
    assert made.status_code == 302 and bid.price_pence == 95_000
    Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    bid.delete()
    late = client.post(url, {**form, "accepts_local_clauses": "on", "quantity_local-fte": "2"})
    assert b"The deadline for this tender has passed." in late.content


def test_an_evaluator_scores_through_the_form_and_a_conflicted_one_sees_why_not(
    client, bids, young_person
):
    from coopcouncil.people.services import interest_declare

    (cheap, _), (balanced, _), _ = bids
    interest_declare(actor=young_person, organisation=cheap.organisation, reason="Family")
    client.force_login(young_person, backend=BACKEND)
    listing = client.get(f"/procurement/tenders/{cheap.lot.tender_id}/lots/1/evaluate/")
    assert b"You have an interest in Cheap Ltd (Family)" in listing.content
    assert client.get(f"/procurement/bids/{cheap.pk}/score/").status_code == 403
    criteria = list(balanced.lot.tender.criteria.all())
    response = client.post(
        f"/procurement/bids/{balanced.pk}/score/", {f"criterion_{c.pk}": "4" for c in criteria}
    )
    assert response.status_code == 302
    assert balanced.quality_scores.count() == 2


def test_the_award_page_is_for_procurement_officers(client, bids, make_user, officer):
    bid, member = bids[0]
    url = f"/procurement/tenders/{bid.lot.tender_id}/lots/1/award/"
    client.force_login(member, backend=BACKEND)
    assert client.get(url).status_code == 403
    client.force_login(officer, backend=BACKEND)
    page = client.get(url)
    assert page.status_code == 200 and b"not yet scored on every criterion" in page.content


def test_the_bidder_sees_its_own_breakdown_and_not_anothers(client, awarded, bids):
    (cheap, member), _, (local, _) = bids
    client.force_login(member, backend=BACKEND)
    own = client.get(f"/procurement/bids/{cheap.pk}/")
    assert b"Your score breakdown" in own.content and b"Ranked 3 of 3" in own.content
    assert client.get(f"/procurement/bids/{local.pk}/").status_code == 403


def test_the_supplier_uploads_a_return_and_a_bad_file_stores_nothing(client, awarded):
    member = awarded.supplier.members.get().user
    client.force_login(member, backend=BACKEND)
    url = f"/procurement/contracts/{awarded.pk}/returns/new/"
    bad = SimpleUploadedFile("r.csv", b"measure,delivered\nlocal-fte,x\ncarbon-saved,1\n")
    refused = client.post(url, {"year": 2026, "quarter": 2, "file": bad})
    assert refused.status_code == 400 and b"row 2: delivered" in refused.content
    assert not QuarterlyReturn.objects.exists()
    good = SimpleUploadedFile("r.csv", b"measure,delivered\nlocal-fte,0.1\ncarbon-saved,1\n")
    assert client.post(url, {"year": 2026, "quarter": 2, "file": good}).status_code == 302
    page = client.get(f"/procurement/contracts/{awarded.pk}/")
    assert b"Short" in page.content


def test_the_quotation_form_awards_a_small_contract(client, officer, make_local_supplier):
    for name in ("Tidy Ltd", "Neat Ltd", "Spruce Ltd"):
        make_local_supplier(name)
    client.force_login(officer, backend=BACKEND)
    response = client.post(
        "/procurement/quotations/new/",
        {
            "title": "Litter picks",
            "quotes": "Tidy Ltd | 900\nNeat Ltd | 1,000\nSpruce Ltd | 1200",
            "supplier": "Tidy Ltd",
            "starts_on": "2026-04-01",
            "ends_on": "2026-05-01",
        },
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).content.count(b"Tidy Ltd") >= 2


def test_the_quotation_form_refuses_a_supplier_outside_the_borough_on_its_field(
    client, officer, make_local_supplier, make_supplier
):
    make_local_supplier("Tidy Ltd")
    make_supplier("Faraway Ltd")
    client.force_login(officer, backend=BACKEND)
    response = client.post(
        "/procurement/quotations/new/",
        {
            "title": "Litter picks",
            "quotes": "Tidy Ltd | 1,000\nFaraway Ltd | 900",
            "supplier": "Faraway Ltd",
            "reason": "Only two litter firms answered.",
            "starts_on": "2026-04-01",
            "ends_on": "2026-05-01",
        },
    )
    assert response.status_code == 400
    assert "local supplier" in " ".join(response.context["form"].errors["supplier"])


def test_the_moderator_records_an_agreed_score_from_the_award_page(client, officer, bids):
    bid, _ = bids[0]
    criterion = bid.lot.tender.criteria.first()
    client.force_login(officer, backend=BACKEND)
    url = f"/procurement/tenders/{bid.lot.tender_id}/lots/1/moderate/"
    form = {
        "moderation-bid": bid.pk,
        "moderation-criterion": criterion.pk,
        "moderation-score": "3.5",
        "moderation-note": "Agreed at panel",
    }
    assert client.post(url, form).status_code == 302
    assert str(bid.moderated_scores.get().score) == "3.50"
    refused = client.post(
        url, {**form, "moderation-score": "4", "moderation-note": ""}, follow=True
    )
    assert b"This field is required." in refused.content
    assert str(bid.moderated_scores.get().score) == "3.50"


def test_the_measures_catalogue_is_public(client, catalogue):
    page = client.get("/procurement/measures/")
    assert (
        page.status_code == 200
        and b"local-fte" in page.content
        and b"\xc2\xa330,000.00" in page.content
    )


def test_the_contracts_csv_lists_each_contract_with_its_social_value(client, awarded):
    lines = client.get("/procurement/contracts.csv").content.decode().splitlines()
    assert lines[0].startswith("contract_id,title,route,supplier,supplier_id")
    assert lines[1].endswith(",91225.00,0.00") and "GB-CHC-1100001" in lines[1]
