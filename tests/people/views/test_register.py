"""The register route's pages: the resident's match, the officer's extracts and reviews."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopcouncil.people import services
from coopcouncil.people.models import RegisterClaim, RegisterExtract

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_role):
    return make_role("officer", "Clara Clerk", team="clerk")


@pytest.fixture
def register(clerk, ward):
    text = f"reference,postcode,ward_code\nEA-1001,OL1 1AA,{ward.code}\n"
    return services.register_import(
        actor=clerk, text=text, source="electoral_register", extract_date=date(2026, 1, 5)
    )


def upload(body: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "register.csv", ("reference,postcode,ward_code\n" + body).encode(), "text/csv"
    )


def test_the_extracts_page_shows_each_current_extracts_date_rows_and_loader(
    client, clerk, register
):
    client.force_login(clerk)
    response = client.get(reverse("people:register_extracts"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "5 January 2026" in page and "Clara Clerk" in page
    assert "Electoral register" in page


def test_an_officer_uploads_a_newer_extract_which_replaces_the_older(client, clerk, register, ward):
    client.force_login(clerk)
    response = client.post(
        reverse("people:register_extracts"),
        {
            "source": "electoral_register",
            "extract_date": "2026-02-01",
            "file": upload(f"EA-1,OL1 1AA,{ward.code}\nEA-2,OL1 1AB,{ward.code}\n"),
        },
    )
    assert response.status_code == 302
    current = RegisterExtract.objects.get(replaced_at__isnull=True)
    assert current.extract_date == date(2026, 2, 1) and current.row_count == 2
    assert "1 February 2026" in client.get(reverse("people:register_extracts")).content.decode()


def test_an_upload_with_bad_lines_shows_each_on_the_form_and_loads_nothing(
    client, clerk, register, ward
):
    client.force_login(clerk)
    response = client.post(
        reverse("people:register_extracts"),
        {
            "source": "electoral_register",
            "extract_date": "2026-02-01",
            "file": upload(f"EA-1,OL1 1AA,{ward.code}\n,OL1,{ward.code}\n"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "row 3: reference: is empty" in page and "row 3: postcode" in page
    assert RegisterExtract.objects.get(replaced_at__isnull=True).pk == register.pk


def test_an_older_upload_is_refused_on_the_extract_date(client, clerk, register, ward):
    client.force_login(clerk)
    response = client.post(
        reverse("people:register_extracts"),
        {
            "source": "electoral_register",
            "extract_date": "2025-12-01",
            "file": upload(f"EA-1,OL1 1AA,{ward.code}\n"),
        },
    )
    assert response.status_code == 409
    assert response.context["form"].errors["extract_date"][0].startswith("This extract is dated")


def test_residents_may_not_open_or_post_to_the_extracts_page(client, ward, make_resident):
    client.force_login(make_resident(ward))
    assert client.get(reverse("people:register_extracts")).status_code == 403
    response = client.post(
        reverse("people:register_extracts"),
        {"source": "electoral_register", "extract_date": "2026-02-01", "file": upload("")},
    )
    assert response.status_code == 403
    assert not RegisterExtract.objects.exists()


def test_a_second_account_sees_needs_review_on_its_profile(client, register, make_user):
    services.residency_match_register(
        user=make_user(), reference="EA-1001", postcode="OL1 1AA", ip_address=None
    )
    second = make_user()
    client.force_login(second)
    response = client.post(
        reverse("people:residency_register"), {"reference": "ea 1001", "postcode": "ol11aa"}
    )
    assert response.status_code == 302
    page = client.get(reverse("people:profile")).content.decode()
    assert "Needs review" in page and "another account was verified with first" in page
    assert RegisterClaim.objects.get(user=second).status == RegisterClaim.Status.NEEDS_REVIEW


def test_the_page_passes_the_client_address_and_refuses_the_sixth_failed_try(
    client, register, make_user
):
    resident = make_user()
    client.force_login(resident)
    url = reverse("people:residency_register")
    for number in range(5):
        response = client.post(
            url, {"reference": f"EA-{number}", "postcode": "OL1 1AA"}, REMOTE_ADDR="203.0.113.9"
        )
        assert response.status_code == 400
    assert resident.register_match_attempts.filter(ip_address="203.0.113.9").count() == 5
    response = client.post(url, {"reference": "EA-1001", "postcode": "OL1 1AA"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Too many references did not match" in page and "district office" in page
    assert not RegisterClaim.objects.filter(user=resident).exists()


def test_the_officer_queue_shows_both_accounts_and_verifies_the_waiting_one(
    client, register, make_user, make_role, ward
):
    holder, waiting = make_user("Harriet Holder"), make_user("Wes Waiting")
    services.residency_match_register(
        user=holder, reference="EA-1001", postcode="OL1 1AA", ip_address=None
    )
    claim = services.residency_match_register(
        user=waiting, reference="EA-1001", postcode="OL1 1AA", ip_address=None
    )
    client.force_login(make_role("officer", team="district_team", district=ward.district))
    page = client.get(reverse("people:register_reviews")).content.decode()
    assert "Harriet Holder" in page and "Wes Waiting" in page
    response = client.post(reverse("people:register_review_verify", args=[claim.pk]))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == RegisterClaim.Status.VERIFIED
    assert "Nothing is waiting" in client.get(reverse("people:register_reviews")).content.decode()


def test_the_officer_refuses_the_waiting_account_from_the_queue(
    client, register, make_user, make_role, ward
):
    services.residency_match_register(
        user=make_user(), reference="EA-1001", postcode="OL1 1AA", ip_address=None
    )
    claim = services.residency_match_register(
        user=make_user(), reference="EA-1001", postcode="OL1 1AA", ip_address=None
    )
    client.force_login(make_role("officer", team="clerk"))
    assert client.post(reverse("people:register_review_refuse", args=[claim.pk])).status_code == 302
    claim.refresh_from_db()
    assert claim.status == RegisterClaim.Status.REFUSED


def test_residents_may_not_open_or_decide_the_review_queue(client, register, make_user, ward):
    services.residency_match_register(
        user=make_user(), reference="EA-1001", postcode="OL1 1AA", ip_address=None
    )
    claim = services.residency_match_register(
        user=make_user(), reference="EA-1001", postcode="OL1 1AA", ip_address=None
    )
    client.force_login(make_user())
    assert client.get(reverse("people:register_reviews")).status_code == 403
    assert client.post(reverse("people:register_review_verify", args=[claim.pk])).status_code == 403
    claim.refresh_from_db()
    assert claim.status == RegisterClaim.Status.NEEDS_REVIEW
